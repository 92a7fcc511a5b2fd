package governor

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

// TestParamRules steps one parameter once from a state initialised at
// minute 0 and checks its value and reasons.
func TestParamRules(t *testing.T) {
	cases := []struct {
		name     string
		param    string
		start    float64
		at       int // minute of the step
		proposed float64
		want     float64
		wantWhys []Why
	}{
		{"tighter up applies at once", "margin_mult", 1.2, 0, 2.5, 2.5, []Why{WhyTightened}},
		{"tighter down applies at once", "max_leverage", 18, 0, 5, 5, []Why{WhyTightened}},
		{"looser is held within the delay", "margin_mult", 2, 4, 1.5, 2, []Why{WhyLoosenHeld}},
		{"looser moves one step at the delay", "margin_mult", 2, 5, 1.5, 1.8, []Why{WhyLoosenBounded}},
		{"looser within a step reaches the proposal", "margin_mult", 2, 5, 1.9, 1.9, []Why{WhyLoosened}},
		{"looser down-parameter moves up one step", "max_leverage", 5, 5, 18, 5.5, []Why{WhyLoosenBounded}},
		{"absolute step moves a value at zero", "oi_cap", 0, 5, 900000, 10000, []Why{WhyLoosenBounded}},
		{"absolute step beats a smaller relative one", "max_leverage", 2, 5, 18, 2.5, []Why{WhyLoosenBounded}},
		{"clamped to max, then tightened", "margin_mult", 2, 0, 5, 3, []Why{WhyClampedMax, WhyTightened}},
		{"clamped to min, then a bounded step", "margin_mult", 2, 5, 0.5, 1.8, []Why{WhyClampedMin, WhyLoosenBounded}},
		{"clamped to min, reached within a step", "margin_mult", 1.05, 5, 0.5, 1, []Why{WhyClampedMin, WhyLoosened}},
		{"clamped to max, loosening held", "max_leverage", 10, 1, 25, 10, []Why{WhyClampedMax, WhyLoosenHeld}},
		{"clamped to the bound it is at", "margin_mult", 3, 0, 5, 3, []Why{WhyClampedMax}},
		{"an equal proposal has no reason", "margin_mult", 2, 0, 2, 2, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig()
			st := mustInitial(t, cfg, calm().with(map[string]float64{c.param: c.start}), minute(0))
			_, d := mustStep(t, cfg, st, minute(c.at), calm().with(map[string]float64{c.param: c.proposed}))
			if got := d.Values[c.param]; got != c.want {
				t.Errorf("value %g, want %g", got, c.want)
			}
			var whys []Why
			for _, r := range d.Reasons {
				if r.Param != c.param {
					t.Errorf("reason for untouched %s: %v", r.Param, r)
					continue
				}
				whys = append(whys, r.Why)
				if r.Before != c.start || r.After != c.want || r.Proposed != c.proposed {
					t.Errorf("reason %v, want before %g after %g proposed %g", r, c.start, c.want, c.proposed)
				}
			}
			if !slices.Equal(whys, c.wantWhys) {
				t.Errorf("reasons %v, want %v", whys, c.wantWhys)
			}
			if d.Changed != (c.want != c.start) {
				t.Errorf("Changed %t with %g → %g", d.Changed, c.start, c.want)
			}
		})
	}
}

// TestTighteningRestartsLoosenDelay: after a tightening, a loosening waits
// LoosenDelay from the tightening, not from the previous loosening.
func TestTighteningRestartsLoosenDelay(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm().with(map[string]float64{"margin_mult": 2}), minute(0))
	steps := []struct {
		minute         int
		proposed, want float64
	}{
		{5, 1.9, 1.9},   // delay met since Initial
		{7, 2.2, 2.2},   // tightened
		{11, 1.0, 2.2},  // 4 minutes since the tightening
		{12, 1.0, 1.98}, // 5 minutes
		{16, 1.0, 1.98},
		{17, 1.0, 1.782},
	}
	for _, s := range steps {
		var d Decision
		st, d = mustStep(t, cfg, st, minute(s.minute), calm().with(map[string]float64{"margin_mult": s.proposed}))
		if got := d.Values["margin_mult"]; math.Abs(got-s.want) > 1e-12 {
			t.Errorf("minute %d: %g, want %g", s.minute, got, s.want)
		}
	}
}

// TestValueOutsideChangedBounds: a state written under wider bounds is
// clamped into the new ones at once, whatever the delay.
func TestValueOutsideChangedBounds(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm().with(map[string]float64{"margin_mult": 3}), minute(0))
	cfg.Params[0].Max = 2.5
	_, d := mustStep(t, cfg, st, minute(1), calm().with(map[string]float64{"margin_mult": 2.4}))
	if got := d.Values["margin_mult"]; got != 2.5 {
		t.Errorf("value %g, want the new max 2.5", got)
	}
	if got, want := whysOf(d.Reasons, "margin_mult"), []Why{WhyLoosenHeld, WhyClampedMax}; !slices.Equal(got, want) {
		t.Errorf("reasons %v, want %v", got, want)
	}
}

// TestFlagRules: moving a flag to its conservative value is immediate,
// moving it away waits LoosenDelay since its last change, whichever value
// the config calls conservative.
func TestFlagRules(t *testing.T) {
	type at struct {
		minute   int
		proposed bool
		want     bool
		why      Why
	}
	cases := []struct {
		name  string
		flag  string
		steps []at
	}{
		{"pause new positions: set at once, cleared after the delay", "new_positions_paused", []at{
			{3, true, true, WhyTightened},
			{7, false, true, WhyLoosenHeld},
			{8, false, false, WhyLoosened},
			{8, true, true, WhyTightened},
		}},
		{"pause liquidations where liquidating is safer: set waits, clear is at once", "liquidations_paused", []at{
			{1, true, false, WhyLoosenHeld},
			{5, true, true, WhyLoosened},
			{6, false, false, WhyTightened},
			{7, true, false, WhyLoosenHeld},
		}},
		{"an equal proposal has no reason", "new_positions_paused", []at{
			{1, false, false, ""},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig()
			st := mustInitial(t, cfg, calm(), minute(0))
			for _, s := range c.steps {
				p := calm()
				p.Flags[c.flag] = s.proposed
				var d Decision
				st, d = mustStep(t, cfg, st, minute(s.minute), p)
				if d.Flags[c.flag] != s.want {
					t.Fatalf("minute %d: %s %t, want %t", s.minute, c.flag, d.Flags[c.flag], s.want)
				}
				var whys []Why
				for _, r := range d.FlagReasons {
					whys = append(whys, r.Why)
				}
				want := []Why{s.why}
				if s.why == "" {
					want = nil
				}
				if !slices.Equal(whys, want) {
					t.Fatalf("minute %d: reasons %v, want %v", s.minute, whys, want)
				}
			}
		})
	}
}

// TestStepIsPure: Step leaves its input state as it was, and the same
// inputs give the same outputs.
func TestStepIsPure(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm().with(map[string]float64{"margin_mult": 2.5}), minute(0))
	keep := st
	keep.Params = slices.Clone(st.Params)
	keep.Flags = slices.Clone(st.Flags)
	p := calm()
	p.Flags["new_positions_paused"] = true
	p.Stress = 0.95
	a, da := mustStep(t, cfg, st, minute(10), p)
	b, db := mustStep(t, cfg, st, minute(10), p)
	if !reflect.DeepEqual(st, keep) {
		t.Errorf("input state modified:\n%+v\nwas\n%+v", st, keep)
	}
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(da, db) {
		t.Error("same inputs, different outputs")
	}
	if a.Params[0].Value == st.Params[0].Value {
		t.Error("the step did not loosen margin_mult; the test proves nothing")
	}
}

// TestInitialClampsAndStartsClocks: Initial clamps its values and starts
// every clock at now, so nothing loosens at once after a start.
func TestInitialClampsAndStartsClocks(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm().with(map[string]float64{"margin_mult": 7, "oi_cap": -5}), minute(0))
	if st.Params[0].Value != 3 || st.Params[3].Value != 0 {
		t.Errorf("initial values %+v, want margin_mult 3 and oi_cap 0", st.Params)
	}
	_, d := mustStep(t, cfg, st, minute(4), calm())
	if d.Values["margin_mult"] != 3 || d.Values["oi_cap"] != 0 {
		t.Errorf("loosened within the delay of the start: %v", d.Values)
	}
}

// TestConservativeStartsShut: Conservative gives every parameter its tight
// bound, every flag its conservative value and a hard halt.
func TestConservativeStartsShut(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, Conservative(cfg), minute(0))
	want := []float64{3, 0.5, 1, 0}
	for i, ps := range st.Params {
		if ps.Value != want[i] {
			t.Errorf("%s %g, want %g", ps.Name, ps.Value, want[i])
		}
	}
	if !st.Flags[0].Value || st.Flags[1].Value || st.Regime != Halted {
		t.Errorf("flags %+v regime %v, want paused, not paused, halted", st.Flags, st.Regime)
	}
	if st.At != minute(0) || st.RegimeSince != minute(0) {
		t.Errorf("clocks %v %v, want %v", st.At, st.RegimeSince, minute(0))
	}
}
