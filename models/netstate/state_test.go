package netstate

import (
	"errors"
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2020, 3, 12, 10, 0, 0, 0, time.UTC)

func TestEveryKindHasAConsistentSpec(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		s := k.Spec()
		if s.Kind != k || s.Name == "" || seen[s.Name] || s.Unit == "" || s.Group == "" || s.TTL <= 0 {
			t.Errorf("%d: incomplete or duplicate spec %+v", k, s)
		}
		seen[s.Name] = true
		if got, ok := Lookup(s.Name); !ok || got != k {
			t.Errorf("Lookup(%q) = %v, %v", s.Name, got, ok)
		}
		for _, v := range []float64{s.Normal, s.Conservative} {
			if err := k.Check(v); err != nil {
				t.Errorf("%s: normal or conservative value invalid: %v", s.Name, err)
			}
		}
		// The conservative value is worse than the normal one.
		if k.Worst(s.Normal, s.Conservative) != s.Conservative || s.Normal == s.Conservative {
			t.Errorf("%s: conservative %g is not worse than normal %g", s.Name, s.Conservative, s.Normal)
		}
	}
	// The 20 kinds of the signal contract, and sequencer_status_age_s
	// (the uptime feed's time since its last change).
	if len(seen) != 21 {
		t.Errorf("%d kinds, want 21", len(seen))
	}
	if _, ok := Lookup("gas_price"); ok {
		t.Error("unknown name found")
	}
}

func TestObserveRejectsBadValues(t *testing.T) {
	s := New("ethereum", L1Kinds)
	for _, v := range []float64{-1, math.NaN(), math.Inf(1), 2e6} {
		got, err := s.Observe(BaseFeeGwei, v, t0)
		var oor *ErrOutOfRange
		if !errors.As(err, &oor) || oor.Kind != BaseFeeGwei {
			t.Errorf("base fee %g: err %v, want out of range", v, err)
		}
		if _, had := got.Last(BaseFeeGwei); had {
			t.Errorf("base fee %g: recorded despite the error", v)
		}
	}
	s, _ = s.Observe(BaseFeeGwei, 100, t0)
	got, err := s.Observe(BaseFeeGwei, 10, t0.Add(-time.Second))
	if !errors.Is(err, ErrOutOfOrder) {
		t.Fatalf("older observation: err %v", err)
	}
	if o, _ := got.Last(BaseFeeGwei); o.Value != 100 {
		t.Errorf("older observation replaced the newer: %+v", o)
	}
}

// TestStaleAndMissingReadConservative: a watched kind past its TTL or never
// seen reads as its conservative value; an unwatched one reads normal.
func TestStaleAndMissingReadConservative(t *testing.T) {
	s := New("ethereum", L1Kinds)
	s, _ = s.Observe(BaseFeeGwei, 30, t0)
	s, _ = s.Observe(SequencerUp, 1, t0) // observed although not watched on L1
	ttl := BaseFeeGwei.Spec().TTL

	tests := []struct {
		name  string
		kind  Kind
		now   time.Time
		value float64
		fresh Freshness
	}{
		{"fresh", BaseFeeGwei, t0.Add(ttl), 30, Fresh},
		{"stale", BaseFeeGwei, t0.Add(ttl + time.Nanosecond), BaseFeeGwei.Spec().Conservative, Stale},
		{"missing", ParticipationRate, t0, 0, Missing},
		{"unwatched and never seen", PoolLiquidity, t0, PoolLiquidity.Spec().Normal, Unwatched},
		{"unwatched but fresh is used", SequencerUp, t0.Add(time.Second), 1, Fresh},
		{"unwatched and stale reads normal", SequencerUp, t0.Add(time.Hour), 1, Unwatched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Read(tt.kind, tt.now)
			if r.Value != tt.value || r.Freshness != tt.fresh {
				t.Errorf("read %+v, want value %g %v", r, tt.value, tt.fresh)
			}
			if r.Conservative() != (tt.fresh == Stale || tt.fresh == Missing) {
				t.Errorf("Conservative() = %v", r.Conservative())
			}
		})
	}
	s.TTL[BaseFeeGwei] = time.Hour
	if r := s.Read(BaseFeeGwei, t0.Add(30*time.Minute)); r.Freshness != Fresh {
		t.Errorf("TTL override ignored: %+v", r)
	}
}

// TestOracleAgeGrowsBetweenObservations: an age of 600 s observed a minute
// ago is 660 s now.
func TestOracleAgeGrowsBetweenObservations(t *testing.T) {
	s, _ := New("ethereum", L1Kinds).Observe(OracleAgeS, 600, t0)
	if r := s.Read(OracleAgeS, t0.Add(time.Minute)); r.Value != 660 || r.Freshness != Fresh {
		t.Errorf("read %+v, want 660 s", r)
	}
}

// TestStatusKindsKnowHowLongTheyHeld: a sequencer reported down at 10:00,
// 10:01 and 10:02 has been down for 3 minutes at 10:03; back up at 10:04, it
// has been up for 0.
func TestStatusKindsKnowHowLongTheyHeld(t *testing.T) {
	s := New("arbitrum", L2Kinds)
	for i := range 3 {
		s, _ = s.Observe(SequencerUp, 0, t0.Add(time.Duration(i)*time.Minute))
	}
	if r := s.Read(SequencerUp, t0.Add(3*time.Minute)); r.Value != 0 || r.For != 3*time.Minute {
		t.Errorf("down: %+v, want 3m", r)
	}
	s, _ = s.Observe(SequencerUp, 1, t0.Add(4*time.Minute))
	if r := s.Read(SequencerUp, t0.Add(4*time.Minute)); r.Value != 1 || r.For != 0 {
		t.Errorf("up again: %+v", r)
	}
	// Not a status kind: For stays zero.
	s, _ = s.Observe(BaseFeeGwei, 1, t0)
	if r := s.Read(BaseFeeGwei, t0.Add(time.Second)); r.For != 0 {
		t.Errorf("base fee For = %v", r.For)
	}
}

// TestSequencerStatusAgeDatesTheChange: the uptime feed's own age of the
// status (startedAt, as the collector read it) dates the sequencer's
// change, both earlier than the engine first saw it (a restart) and later
// (a flap between two polls); a stale or older age is not used.
func TestSequencerStatusAgeDatesTheChange(t *testing.T) {
	s := New("arbitrum", L2Kinds)
	s, _ = s.Observe(SequencerUp, 1, t0)
	s, _ = s.Observe(SequencerStatusAgeS, 3600, t0) // up since an hour before t0
	if r := s.Read(SequencerUp, t0.Add(time.Minute)); r.For != 61*time.Minute {
		t.Errorf("after a restart: up for %v, want 1h1m from the feed", r.For)
	}
	// Down and up again between two polls: the feed says 30 s.
	s, _ = s.Observe(SequencerUp, 1, t0.Add(2*time.Minute))
	s, _ = s.Observe(SequencerStatusAgeS, 30, t0.Add(2*time.Minute))
	if r := s.Read(SequencerUp, t0.Add(2*time.Minute)); r.For != 30*time.Second {
		t.Errorf("after a flap: up for %v, want 30s", r.For)
	}
	// A sequencer_up newer than the age: the engine's own record.
	s, _ = s.Observe(SequencerUp, 0, t0.Add(3*time.Minute))
	if r := s.Read(SequencerUp, t0.Add(4*time.Minute)); r.Value != 0 || r.For != time.Minute {
		t.Errorf("down after the last age: %+v, want down for 1m", r)
	}
	// A stale age (past its TTL, here cut to 30 s) is ignored too.
	s.TTL[SequencerStatusAgeS] = 30 * time.Second
	s, _ = s.Observe(SequencerStatusAgeS, 5, t0.Add(3*time.Minute))
	if r := s.Read(SequencerUp, t0.Add(4*time.Minute)); r.For != time.Minute {
		t.Errorf("stale age used: down for %v, want 1m", r.For)
	}
}

func TestStateIsAValue(t *testing.T) {
	a := New("ethereum", L1Kinds)
	b, _ := a.Observe(BaseFeeGwei, 50, t0)
	if _, had := a.Last(BaseFeeGwei); had {
		t.Error("Observe changed the state it was called on")
	}
	if o, _ := b.Last(BaseFeeGwei); o.Value != 50 {
		t.Errorf("new state lost the value: %+v", o)
	}
}

func TestInvalidKindPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Spec of the zero Kind did not panic")
		}
	}()
	Kind(0).Spec()
}
