package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// loop owns the chain states, governor states and sequence numbers.
func (s *Service) loop(ctx context.Context) {
	heartbeat := time.NewTicker(time.Duration(s.opts.Config.Heartbeat))
	defer heartbeat.Stop()
	s.evaluate(nil, time.Time{}) // a restarted market republishes at once
	for {
		select {
		case <-ctx.Done():
			return
		case slot := <-s.ordered:
			received := time.Now()
			dirty := map[string]bool{}
			s.apply(<-slot, dirty)
			// Coalesce: apply everything already checked, in order, then
			// evaluate once.
		drain:
			for range maxBatch {
				select {
				case slot := <-s.ordered:
					s.apply(<-slot, dirty)
				default:
					break drain
				}
			}
			if len(dirty) > 0 {
				s.evaluate(dirty, received)
			}
		case <-heartbeat.C:
			s.evaluate(nil, time.Time{})
		case reply := <-s.snap:
			reply <- s.snapshot()
		case f := <-s.views:
			f()
		}
	}
}

// apply admits the signals of one checked message (the replay check, in
// arrival order) and folds them into their chain's state, marking the chain
// dirty; a rejected signal is counted and logged and changes nothing.
func (s *Service) apply(c checked, dirty map[string]bool) {
	for i, sig := range c.sigs {
		s.applyOne(c.msg, sig, c.errs[i], dirty)
	}
}

func (s *Service) applyOne(msg *nats.Msg, sig wire.Signal, err error, dirty map[string]bool) {
	// Every check that can fail runs before Admit, which advances the
	// source's seq: a rejected signal changes nothing.
	if err == nil {
		err = s.pipe.Observe(sig, s.verifier.Admit)
	}
	if err == nil {
		dirty[sig.Chain] = true
		s.metrics.accepted.WithLabelValues(sig.Chain, sig.Kind).Inc()
		return
	}
	reason := "malformed"
	var re *wire.RejectError
	if errors.As(err, &re) {
		reason = string(re.Reason)
	}
	s.metrics.rejected.WithLabelValues(reason).Inc()
	s.log.Warn("signal rejected", "reason", reason, "subject", msg.Subject, "err", err)
}

// evaluate recomputes and publishes the markets of the dirty chains (all
// markets when dirty is nil). received is when the triggering signal
// arrived, for the latency histogram (zero for a heartbeat).
func (s *Service) evaluate(dirty map[string]bool, received time.Time) {
	now := s.opts.Now()
	for chain, st := range s.pipe.Chains() {
		if dirty != nil && !dirty[chain] {
			continue
		}
		for _, k := range netstate.Kinds() {
			if !st.Watched.Has(k) {
				continue
			}
			r := st.Read(k, now)
			s.metrics.age.WithLabelValues(chain, k.String()).Set(r.Age.Seconds())
			stale := 0.0
			if r.Conservative() {
				stale = 1
			}
			s.metrics.stale.WithLabelValues(chain, k.String()).Set(stale)
		}
	}
	for _, mc := range s.pipe.Markets() {
		if dirty != nil && !dirty[mc.Chain] {
			continue
		}
		if s.pipe.Warming(mc, now, s.started, time.Duration(s.opts.Config.Warmup)) {
			continue
		}
		mu, next, restarted, err := s.pipe.Evaluate(mc, now)
		if restarted {
			// The configuration changed since the state was stored, or the
			// clock is behind it (a replay started over): the governor
			// started afresh from this proposal. The sequence number still
			// continues.
			s.log.Warn("stored governor state unusable; started it afresh", "market", mc.Name)
		}
		if err != nil {
			s.log.Error("evaluating market", "market", mc.Name, "err", err)
			continue
		}
		if err := s.publish(mu, next); err != nil {
			s.log.Error("publishing update", "market", mc.Name, "err", err)
			continue
		}
		if !received.IsZero() {
			s.metrics.latency.Observe(time.Since(received).Seconds())
		}
	}
}

// storeTimeout bounds each write to the key-value buckets.
const storeTimeout = 5 * time.Second

// persisted is what the engine keeps per market across restarts: the
// governor's state and a ceiling on the sequence numbers it may have used.
type persisted struct {
	SeqCeiling uint64         `json:"seq_ceiling"`
	Governor   governor.State `json:"governor"`
}

// seqBlock is how many sequence numbers are reserved with one store write.
const seqBlock = 1000

// publish signs one update and publishes it on core NATS (captured by the
// stream), then hands it and the governor state to the persister for the
// key-value buckets. Sequence numbers are reserved in blocks: before the
// first update of a block, the block's ceiling is stored, synchronously, so
// a restart resumes above any number that may have been published and a
// crash can skip numbers but never reuse one. A governor state stored a
// little late is harmless: a restarted engine has heard no signals, so it
// starts conservative whatever the state says. Store writes get their own
// deadline, not the loop's context, so stopping the engine lets the update
// in hand finish.
func (s *Service) publish(mu market.Update, next governor.State) error {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	seq := s.seq[mu.Market] + 1
	if seq > s.ceiling[mu.Market] {
		if err := s.store(ctx, mu.Market, seq+seqBlock-1, s.pipe.Governor(mu.Market)); err != nil {
			return err
		}
	}
	u := update.FromMarket(mu, seq, time.Duration(s.opts.Config.Validity))
	if err := update.Sign(&u, s.opts.EngineKey); err != nil {
		return err
	}
	data, err := update.Encode(u)
	if err != nil {
		return err
	}
	s.seq[mu.Market], s.last[mu.Market], s.lastWire[mu.Market] = seq, mu, data
	s.pipe.SetGovernor(mu.Market, next)
	msg := nats.NewMsg(update.Subject(mu.Market))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("%s.%d", mu.Market, seq))
	if err := s.nc.PublishMsg(msg); err != nil {
		return err
	}
	s.metrics.regime.WithLabelValues(mu.Market).Set(float64(mu.Regime))
	if s.opts.OnUpdate != nil {
		s.opts.OnUpdate(u, mu)
	}
	state, err := json.Marshal(persisted{SeqCeiling: s.ceiling[mu.Market], Governor: next})
	if err != nil {
		return err
	}
	s.writes <- write{market: mu.Market, params: data, state: state}
	return nil
}

// write is what the persister stores for a market after a publish.
type write struct {
	market        string
	params, state []byte
}

// persistEvery is how long the persister gathers writes before storing the
// latest of each market: under load, a market's buckets are written about
// 20 times a second instead of once per update.
const persistEvery = 50 * time.Millisecond

// persist writes the last value of each market to the key-value buckets
// off the path to the wire, storing only the latest per market of what
// arrives within persistEvery. It returns when writes is closed, after
// storing what it holds.
func (s *Service) persist() {
	for w := range s.writes {
		latest := map[string]write{w.market: w}
		deadline := time.NewTimer(persistEvery)
	gather:
		for {
			select {
			case w, ok := <-s.writes:
				if !ok {
					break gather
				}
				latest[w.market] = w
			case <-deadline.C:
				break gather
			}
		}
		deadline.Stop()
		for _, w := range latest {
			ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
			if _, err := s.params.Put(ctx, w.market, w.params); err != nil {
				s.log.Error("storing the last update", "bucket", ParamsKV, "market", w.market, "err", err)
			}
			if _, err := s.state.Put(ctx, w.market, w.state); err != nil {
				s.log.Error("storing the governor state", "bucket", StateKV, "market", w.market, "err", err)
			}
			cancel()
		}
	}
}

// store writes a market's sequence ceiling and governor state.
func (s *Service) store(ctx context.Context, name string, ceiling uint64, gov governor.State) error {
	state, err := json.Marshal(persisted{SeqCeiling: ceiling, Governor: gov})
	if err != nil {
		return err
	}
	if _, err := s.state.Put(ctx, name, state); err != nil {
		return fmt.Errorf("bucket %s: %w", StateKV, err)
	}
	s.ceiling[name] = ceiling
	return nil
}

// resume loads each market's sequence number and governor state.
func (s *Service) resume(ctx context.Context) error {
	for _, mc := range s.pipe.Markets() {
		e, err := s.state.Get(ctx, mc.Name)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("service: resuming %s: %w", mc.Name, err)
		}
		var p persisted
		if err := json.Unmarshal(e.Value(), &p); err != nil {
			return fmt.Errorf("service: resuming %s: stored state: %w", mc.Name, err)
		}
		// Resume above every number the previous run may have used.
		s.seq[mc.Name], s.ceiling[mc.Name] = p.SeqCeiling, p.SeqCeiling
		s.pipe.SetGovernor(mc.Name, p.Governor)
		s.log.Info("resumed market", "market", mc.Name, "seq_above", p.SeqCeiling, "regime", p.Governor.Regime)
	}
	return nil
}
