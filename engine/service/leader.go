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
	"github.com/infrarisk/infrarisk/engine/lease"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
)

// LeaseKV is the bucket of the leadership lease, and leaseKey its key.
const (
	LeaseKV  = "risk_leader"
	leaseKey = "engine"
)

// Headers on every published update, naming the replica and the term it
// published in, for operators and tests.
const (
	ReplicaHeader = "Infrarisk-Replica"
	TermHeader    = "Infrarisk-Term"
)

// errFenced is returned when a sequence reservation finds that another
// replica reserved since this one last did: a newer leader exists.
var errFenced = errors.New("service: another replica reserved sequence numbers since this one did: deposed")

// errNotLeading is returned by publish when the lease has lapsed.
var errNotLeading = errors.New("service: not leading")

// seqKey is the key of a market's sequence reservation in StateKV.
func seqKey(market string) string { return market + ".seq" }

// reservation is the value of a sequence reservation: sequence numbers up
// to Ceiling belong to the replica that wrote it, in its term.
type reservation struct {
	Ceiling uint64 `json:"ceiling"`
	Term    uint64 `json:"term"`
	Replica string `json:"replica"`
}

// seen is the newest verified update of a market this replica has seen,
// from the wire or the bucket: the floor a new leader starts from.
type seen struct {
	u    update.Update
	wire []byte
}

// lead follows the elector: it takes over when elected and steps down
// when the lease is lost. It runs in the owner goroutine.
func (s *Service) lead(st lease.Status) {
	switch {
	case st.Leader && (!s.leading || s.term != st.Term):
		if err := s.takeover(st.Term); err != nil {
			// Keep the lease (no other replica can lead meanwhile) and try
			// again at the next heartbeat: a bucket that timed out once
			// should not cost a whole handover. Nothing is published
			// until a takeover succeeds.
			s.log.Error("taking over; trying again at the next heartbeat", "term", st.Term, "err", err)
			s.stepDown("takeover failed")
			return
		}
		s.leading, s.term = true, st.Term
		s.unfollow()
		s.metrics.leader.Set(1)
		s.metrics.term.Set(float64(st.Term))
		s.log.Info("leading: publishing", "replica", s.opts.ReplicaID, "term", st.Term)
		s.evaluate(nil, time.Time{})
	case !st.Leader && s.leading:
		s.stepDown("lease lost")
	}
}

// stepDown stops publishing. Warm state stays: the chain states keep
// following the signals.
func (s *Service) stepDown(why string) {
	if !s.leading {
		return
	}
	s.leading = false
	if err := s.follow(); err != nil {
		s.log.Error("following the leader's updates", "err", err)
	}
	s.metrics.leader.Set(0)
	s.log.Warn("following: not publishing", "replica", s.opts.ReplicaID, "term", s.term, "why", why)
}

// takeover prepares every market for publishing in a new term: the stored
// governor state raised to the newest update seen (on the wire or in the
// bucket), and a fresh block of sequence numbers above every number any
// earlier leader reserved, taken by compare-and-set.
func (s *Service) takeover(term uint64) error {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	now := s.opts.Now()
	for _, mc := range s.pipe.Markets() {
		gov, oldCeiling, err := s.stored(ctx, mc.Name)
		if err != nil {
			return err
		}
		if err := s.readParams(ctx, mc.Name); err != nil {
			return err
		}
		last, haveLast := s.seen[mc.Name]
		if haveLast {
			oldCeiling = max(oldCeiling, last.u.Seq)
			if gov.At.IsZero() {
				// The state is lost but a leader published: start shut.
				if gov, err = governor.Initial(mc.Governor, governor.Conservative(mc.Governor), now); err != nil {
					return err
				}
			}
			if gov, err = governor.Raise(mc.Governor, gov, floorOf(mc, last.u), now); err != nil {
				s.log.Warn("stored governor state unusable; the market starts afresh", "market", mc.Name, "err", err)
				gov = governor.State{}
			}
		}
		ceiling, err := s.reserve(ctx, mc.Name, oldCeiling, term)
		if err != nil {
			return err
		}
		s.seq[mc.Name] = ceiling - seqBlock
		s.ceiling[mc.Name] = ceiling
		s.pipe.SetGovernor(mc.Name, gov)
		s.log.Info("took over market", "market", mc.Name, "seq_above", ceiling-seqBlock, "regime", gov.Regime)
	}
	return nil
}

// stored reads a market's governor state and the highest sequence number
// any earlier run may have used.
func (s *Service) stored(ctx context.Context, name string) (governor.State, uint64, error) {
	var ceiling uint64
	var p persisted
	e, err := s.state.Get(ctx, name)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
	case err != nil:
		return governor.State{}, 0, fmt.Errorf("service: reading %s: %w", name, err)
	default:
		if err := json.Unmarshal(e.Value(), &p); err != nil {
			return governor.State{}, 0, fmt.Errorf("service: reading %s: stored state: %w", name, err)
		}
		ceiling = p.SeqCeiling
	}
	r, rev, err := s.readReservation(ctx, name)
	if err != nil {
		return governor.State{}, 0, err
	}
	s.seqRev[name] = rev
	return p.Governor, max(ceiling, r.Ceiling), nil
}

func (s *Service) readReservation(ctx context.Context, name string) (reservation, uint64, error) {
	var r reservation
	e, err := s.state.Get(ctx, seqKey(name))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return r, 0, nil
	}
	if err != nil {
		return r, 0, fmt.Errorf("service: reading %s: %w", seqKey(name), err)
	}
	if err := json.Unmarshal(e.Value(), &r); err != nil {
		return r, 0, fmt.Errorf("service: reading %s: %w", seqKey(name), err)
	}
	return r, e.Revision(), nil
}

// readParams offers the market's stored update as seen.
func (s *Service) readParams(ctx context.Context, name string) error {
	e, err := s.params.Get(ctx, name)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("service: reading %s from %s: %w", name, ParamsKV, err)
	}
	s.see(e.Value())
	return nil
}

// reserve takes the block of sequence numbers above above by a
// compare-and-set on the market's reservation, and returns its ceiling.
// While taking over, a conflict means an earlier leader reserved since
// the reservation was read: it is read again and the block taken above
// it. In a term already begun, a conflict means a newer leader: errFenced.
func (s *Service) reserve(ctx context.Context, name string, above, term uint64) (uint64, error) {
	for range 5 {
		ceiling := above + seqBlock
		data, err := json.Marshal(reservation{Ceiling: ceiling, Term: term, Replica: s.opts.ReplicaID})
		if err != nil {
			return 0, err
		}
		var rev uint64
		if s.seqRev[name] == 0 {
			rev, err = s.state.Create(ctx, seqKey(name), data)
		} else {
			rev, err = s.state.Update(ctx, seqKey(name), data, s.seqRev[name])
		}
		if err == nil {
			s.seqRev[name] = rev
			return ceiling, nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) && !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			return 0, fmt.Errorf("service: reserving sequence numbers of %s: %w", name, err)
		}
		if s.leading && s.term == term {
			return 0, errFenced
		}
		r, rev, err := s.readReservation(ctx, name)
		if err != nil {
			return 0, err
		}
		s.seqRev[name], above = rev, max(above, r.Ceiling)
	}
	return 0, fmt.Errorf("service: reserving sequence numbers of %s: still contended after 5 attempts", name)
}

// follow subscribes to every market's updates, to know the leader's last:
// a follower's floor when it takes over.
func (s *Service) follow() error {
	if s.obsSub != nil {
		return nil
	}
	sub, err := s.nc.ChanSubscribe(paramsWild, s.observed)
	if err != nil {
		return fmt.Errorf("service: subscribing to %s: %w", paramsWild, err)
	}
	s.obsSub = sub
	return nil
}

// unfollow drops that subscription while leading: the leader knows what
// it publishes, and reading its own updates back would cost a signature
// check each on the owner goroutine.
func (s *Service) unfollow() {
	if s.obsSub != nil {
		s.obsSub.Unsubscribe()
		s.obsSub = nil
	}
}

// observe records an update seen on the wire. The leader records its own
// as it publishes them; one still in the channel is skipped.
func (s *Service) observe(m *nats.Msg) {
	if s.leading {
		return
	}
	s.see(m.Data)
}

// see keeps data as the market's newest update if it verifies under an
// engine key and is newer than what was seen.
func (s *Service) see(data []byte) {
	u, err := update.Verify(data, s.engineKeys)
	if err != nil {
		s.log.Warn("an update on the wire does not verify under the engine keys", "err", err)
		return
	}
	if _, ok := s.pipe.Market(u.Market); !ok {
		return
	}
	if cur, ok := s.seen[u.Market]; ok && cur.u.Seq >= u.Seq {
		return
	}
	s.seen[u.Market] = seen{u: u, wire: data}
	if !s.leading {
		s.lastWire[u.Market] = data
	}
}

// floorOf reads an update's governed parameters, flags and regime.
func floorOf(mc market.Config, u update.Update) governor.Floor {
	f := governor.Floor{Values: map[string]float64{}, Flags: map[string]bool{}}
	for _, p := range mc.Governor.Params {
		if d, ok := u.Param(p.Name); ok {
			f.Values[p.Name] = d.InexactFloat64()
		}
	}
	for _, fl := range mc.Governor.Flags {
		if v, ok := u.Flags[fl.Name]; ok {
			f.Flags[fl.Name] = v
		}
	}
	if err := f.Regime.UnmarshalText([]byte(u.Regime)); err != nil {
		f.Regime = governor.Normal
	}
	return f
}
