package service

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/engine/lease"
	"github.com/infrarisk/infrarisk/engine/pipeline"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// loop owns the chain states, governor states and sequence numbers.
func (s *Service) loop(ctx context.Context) {
	heartbeat := time.NewTicker(time.Duration(s.opts.Config.Heartbeat))
	defer heartbeat.Stop()
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
			if term, ok := s.elector.Leading(); ok && (!s.leading || s.term != term) {
				// Elected, but the takeover failed or its news was missed.
				s.lead(lease.Status{Leader: true, Term: term})
			}
			s.evaluate(nil, time.Time{})
		case st := <-s.elector.Changes():
			s.lead(st)
		case m := <-s.observed:
			s.observe(m)
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
	s.rejections[reason]++
	if sig.Chain != "" && sig.Kind != "" {
		if s.rejectedAt[sig.Chain] == nil {
			s.rejectedAt[sig.Chain] = map[string]time.Time{}
		}
		if len(s.rejectedAt[sig.Chain]) < 64 || !s.rejectedAt[sig.Chain][sig.Kind].IsZero() {
			s.rejectedAt[sig.Chain][sig.Kind] = s.opts.Now()
		}
	}
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
		if dirty != nil && !pipeline.Affected(mc, dirty) {
			continue
		}
		if !s.leading {
			// A follower keeps the outage records warm and publishes
			// nothing; its governor states are read at takeover. Its own
			// view of the market serves snapshots and smiles.
			if mu, _, _, err := s.pipe.Evaluate(mc, now); err == nil {
				s.last[mc.Name] = mu
			}
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
			if errors.Is(err, errNotLeading) || errors.Is(err, errFenced) {
				s.elector.Yield()
				s.stepDown(err.Error())
				return
			}
			s.log.Error("publishing update", "market", mc.Name, "err", err)
			continue
		}
		if !received.IsZero() {
			s.metrics.latency.Observe(time.Since(received).Seconds())
		}
	}
}
