package netstate

import (
	"errors"
	"fmt"
	"time"
)

// Observation is the last accepted value of one kind.
type Observation struct {
	Value float64
	// At is when the value was observed (the signal's observed_at).
	At time.Time
	// Since is when a status kind last changed to Value (equal to At for
	// other kinds and for the first observation).
	Since time.Time
}

// KindSet is a set of kinds.
type KindSet uint32

// NewKindSet returns the set of the given kinds.
func NewKindSet(kinds ...Kind) KindSet {
	var s KindSet
	for _, k := range kinds {
		s |= 1 << k
	}
	return s
}

// Has reports whether k is in the set.
func (s KindSet) Has(k Kind) bool { return s&(1<<k) != 0 }

// State is the known health of one chain. The zero value watches nothing;
// build one with New. State is a value: copies are independent.
type State struct {
	Chain string
	// Watched are the kinds this chain is expected to report. A watched
	// kind that is stale or missing reads as its conservative value.
	Watched KindSet
	// TTL overrides a kind's Spec.TTL where non-zero.
	TTL [numKinds]time.Duration
	obs [numKinds]Observation
	has KindSet
}

// Watch sets for common chains. An L1 has no sequencer; an optimistic L2
// has one and inherits L1 consensus through its own chain's state.
var (
	// L1Kinds: congestion, consensus, oracle, security and collector health.
	L1Kinds = NewKindSet(BaseFeeGwei, GasUsedRatio, BlockIntervalS, ParticipationRate,
		FinalityLagEpochs, OracleAgeS, OracleDeviation, CollectorUp)
	// L2Kinds: congestion, the sequencer, oracle and collector health.
	L2Kinds = NewKindSet(BaseFeeGwei, GasUsedRatio, BlockIntervalS, SequencerUp,
		OracleAgeS, OracleDeviation, CollectorUp)
	// PoolKinds: a DEX pool's depth, its drain, sandwiching and collector
	// health (a pool is a venue with its own state, named by the signals'
	// chain field).
	PoolKinds = NewKindSet(PoolLiquidity, PoolLiquidityDrop, SandwichRate, LiquidationSandwiched, CollectorUp)
	// BridgeKinds: a bridge's outflow, its pause and collector health.
	BridgeKinds = NewKindSet(BridgeOutflowRatio, BridgePaused, CollectorUp)
)

// New returns the state of a chain that watches the given kinds and has
// observed nothing yet: every watched kind reads as conservative.
func New(chain string, watched KindSet) State {
	return State{Chain: chain, Watched: watched}
}

// ErrOutOfOrder is returned by Observe for an observation older than the one
// already held; the state keeps the newer one.
var ErrOutOfOrder = errors.New("netstate: observation older than the last one")

// Observe returns the state with v recorded for k at time at. A value
// outside k's range returns *ErrOutOfRange, an observation older than the
// held one ErrOutOfOrder; in both cases the state is returned unchanged.
func (s State) Observe(k Kind, v float64, at time.Time) (State, error) {
	if err := k.Check(v); err != nil {
		return s, err
	}
	prev, had := s.obs[k], s.has.Has(k)
	if had && at.Before(prev.At) {
		return s, fmt.Errorf("%w: %s at %s, held %s", ErrOutOfOrder, k, at.Format(time.RFC3339Nano), prev.At.Format(time.RFC3339Nano))
	}
	since := at
	if had && k.Spec().Status && prev.Value == v {
		since = prev.Since
	}
	s.obs[k] = Observation{Value: v, At: at, Since: since}
	s.has |= 1 << k
	return s, nil
}

// Last returns the last observation of k, if any, whatever its age.
func (s State) Last(k Kind) (Observation, bool) { return s.obs[k], s.has.Has(k) }

// ttl returns the time to live of k in this state.
func (s State) ttl(k Kind) time.Duration {
	if d := s.TTL[k]; d > 0 {
		return d
	}
	return k.Spec().TTL
}

// Freshness says where a reading's value came from.
type Freshness int8

const (
	// Fresh: observed within the TTL.
	Fresh Freshness = iota
	// Stale: observed, but longer ago than the TTL; reads conservative.
	Stale
	// Missing: watched, never observed; reads conservative.
	Missing
	// Unwatched: not a kind of this chain; reads normal.
	Unwatched
)

func (f Freshness) String() string {
	switch f {
	case Fresh:
		return "fresh"
	case Stale:
		return "stale"
	case Missing:
		return "missing"
	case Unwatched:
		return "unwatched"
	}
	return fmt.Sprintf("Freshness(%d)", int8(f))
}

// Reading is a kind's value as the models should use it at a given time.
type Reading struct {
	Kind      Kind
	Value     float64
	Freshness Freshness
	// Age is now minus the observation time (zero when missing).
	Age time.Duration
	// For is how long a status kind has held Value (zero otherwise, and
	// for a conservative reading).
	For time.Duration
}

// Conservative reports whether the reading is a conservative stand-in.
func (r Reading) Conservative() bool { return r.Freshness == Stale || r.Freshness == Missing }

// Read returns k's value at time now. A fresh oracle age is advanced by the
// time since it was observed: the feed has not updated since, or a newer
// signal would have said so.
func (s State) Read(k Kind, now time.Time) Reading {
	spec := k.Spec()
	o, had := s.obs[k], s.has.Has(k)
	switch {
	case had:
		age := max(now.Sub(o.At), 0)
		if age > s.ttl(k) {
			if !s.Watched.Has(k) {
				return Reading{Kind: k, Value: spec.Normal, Freshness: Unwatched, Age: age}
			}
			return Reading{Kind: k, Value: spec.Conservative, Freshness: Stale, Age: age}
		}
		r := Reading{Kind: k, Value: o.Value, Freshness: Fresh, Age: age}
		if k == OracleAgeS {
			r.Value += age.Seconds()
		}
		if spec.Status {
			r.For = max(now.Sub(s.since(k, o, now)), 0)
		}
		return r
	case s.Watched.Has(k):
		return Reading{Kind: k, Value: spec.Conservative, Freshness: Missing}
	default:
		return Reading{Kind: k, Value: spec.Normal, Freshness: Unwatched}
	}
}

// since returns when status kind k changed to its held value. For the
// sequencer, a fresh sequencer_status_age_s observed with or after the
// status (the uptime feed's startedAt, as the collector read it) says so
// better than the engine's own first sight of the value, which is late
// after a restart and misses a flap between two polls; otherwise it is the
// engine's own record.
func (s State) since(k Kind, o Observation, now time.Time) time.Time {
	if k != SequencerUp || !s.has.Has(SequencerStatusAgeS) {
		return o.Since
	}
	a := s.obs[SequencerStatusAgeS]
	if a.At.Before(o.At) || now.Sub(a.At) > s.ttl(SequencerStatusAgeS) {
		return o.Since
	}
	return a.At.Add(-time.Duration(a.Value * float64(time.Second)))
}
