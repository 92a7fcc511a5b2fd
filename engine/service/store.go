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
)

// storeTimeout bounds each write to the key-value buckets.
const storeTimeout = 5 * time.Second

// persisted is what the engine keeps per market across restarts: the
// governor's state and, from before reservations had a key of their own,
// a ceiling on the sequence numbers it may have used (still written, and
// read as a lower bound).
type persisted struct {
	SeqCeiling uint64         `json:"seq_ceiling"`
	Governor   governor.State `json:"governor"`
}

// seqBlock is how many sequence numbers are reserved with one store write.
const seqBlock = 1000

// publish signs one update and publishes it through JetStream, which
// delivers it to core subscribers and stores it in the stream (confirm
// waits for the store's acknowledgement off this goroutine), then hands it
// and the governor state to the persister for the key-value buckets.
//
// Only the leader publishes, and only while its lease runs: publish
// checks the lease just before the message leaves. Sequence numbers are
// reserved in blocks by compare-and-set on the market's reservation (see
// reserve) before the first of a block is used, so two leaders never hold
// the same numbers and a newer leader's numbers are above all of an older
// one's: a consumer that has seen the new leader refuses anything a
// deposed one still sends. A crash can skip numbers but never reuse one.
//
// A governor state stored a little late is harmless: a new leader raises
// it to the last update it saw. Store writes get their own deadline, not
// the loop's context, so stopping the engine lets the update in hand
// finish.
func (s *Service) publish(mu market.Update, next governor.State) error {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	seq := s.seq[mu.Market] + 1
	if seq > s.ceiling[mu.Market] {
		ceiling, err := s.reserve(ctx, mu.Market, s.ceiling[mu.Market], s.term)
		if err != nil {
			return err
		}
		s.ceiling[mu.Market] = ceiling
	}
	u := update.FromMarket(mu, seq, time.Duration(s.opts.Config.Validity))
	if err := update.Sign(&u, s.opts.EngineKey); err != nil {
		return err
	}
	data, err := update.Encode(u)
	if err != nil {
		return err
	}
	msg := nats.NewMsg(update.Subject(mu.Market))
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("%s.%d", mu.Market, seq))
	msg.Header.Set(ReplicaHeader, s.opts.ReplicaID)
	msg.Header.Set(TermHeader, fmt.Sprint(s.term))
	if term, ok := s.leadingNow(); !ok || term != s.term {
		return errNotLeading
	}
	s.send(msg)
	s.metrics.published.WithLabelValues(mu.Market).Inc()
	s.seq[mu.Market], s.last[mu.Market], s.lastWire[mu.Market] = seq, mu, data
	s.seen[mu.Market] = seen{u: u, wire: data}
	s.pipe.SetGovernor(mu.Market, next)
	s.metrics.regime.WithLabelValues(mu.Market).Set(float64(mu.Regime))
	if s.opts.OnUpdate != nil {
		s.opts.OnUpdate(u, mu)
	}
	state, err := json.Marshal(persisted{SeqCeiling: s.ceiling[mu.Market], Governor: next})
	if err != nil {
		return err
	}
	s.writes <- write{market: mu.Market, seq: seq, params: data, state: state}
	return nil
}

// leadingNow is the lease's word on leadership; tests of fencing replace
// it to play a leader paused past its lease.
func (s *Service) leadingNow() (uint64, bool) {
	if f := s.pretend.Load(); f != nil {
		return (*f)()
	}
	return s.elector.Leading()
}

// write is what the persister stores for a market after a publish.
type write struct {
	market        string
	seq           uint64
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
	revs := map[string]uint64{}
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
			if err := s.storeParams(ctx, revs, w); err != nil {
				s.log.Error("storing the last update", "bucket", ParamsKV, "market", w.market, "err", err)
			}
			if _, ok := s.leadingNow(); !ok {
				// A deposed leader leaves the governor state to the new one.
				cancel()
				continue
			}
			if _, err := s.state.Put(ctx, w.market, w.state); err != nil {
				s.log.Error("storing the governor state", "bucket", StateKV, "market", w.market, "err", err)
			}
			cancel()
		}
	}
}

// storeParams writes a market's update to the bucket unless the bucket
// already holds one with a seq at least as high, by compare-and-set on the
// revision: a deposed leader's late write never replaces its successor's.
// revs holds the revision of each market's entry as last written or read.
func (s *Service) storeParams(ctx context.Context, revs map[string]uint64, w write) error {
	for range 5 {
		var rev uint64
		var err error
		if revs[w.market] == 0 {
			rev, err = s.params.Create(ctx, w.market, w.params)
		} else {
			rev, err = s.params.Update(ctx, w.market, w.params, revs[w.market])
		}
		if err == nil {
			revs[w.market] = rev
			return nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) && !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			return err
		}
		e, err := s.params.Get(ctx, w.market)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			revs[w.market] = 0
			continue
		}
		if err != nil {
			return err
		}
		revs[w.market] = e.Revision()
		var stored struct {
			Seq uint64 `json:"seq"`
		}
		if json.Unmarshal(e.Value(), &stored) == nil && stored.Seq >= w.seq {
			return nil
		}
	}
	return fmt.Errorf("still contended after 5 attempts")
}
