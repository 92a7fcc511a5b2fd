package governor

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// regimeConfig has the thresholds of the brief's example: elevated is
// entered above 0.5 and left below 0.4.
func regimeConfig() Config {
	cfg := testConfig()
	cfg.Regime = RegimeSpec{Enter: [3]float64{0.5, 0.7, 0.9}, Exit: [3]float64{0.4, 0.6, 0.8}, Hold: 15 * time.Minute}
	return cfg
}

func stressed(index float64, halt bool) Proposal {
	p := calm()
	p.Stress, p.Halt = index, halt
	return p
}

// TestRegimeDoesNotFlap steps an index that alternates every minute for
// two hours and counts regime changes.
func TestRegimeDoesNotFlap(t *testing.T) {
	cases := []struct {
		name        string
		start       float64 // index at minute 0, which sets the initial regime
		even, odd   float64 // index at even and odd minutes from minute 1
		wantChanges []int   // minutes at which the regime changes
		wantEnd     Regime
	}{
		{"around enter from normal", 0.1, 0.49, 0.51, []int{1}, Elevated},
		{"around enter from elevated", 0.51, 0.49, 0.51, nil, Elevated},
		{"around exit from elevated: leaves once after the hold", 0.51, 0.39, 0.41, []int{16}, Normal},
		{"between exit and enter", 0.51, 0.41, 0.49, nil, Elevated},
		{"around stressed enter from elevated", 0.51, 0.69, 0.71, []int{1}, Stressed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := regimeConfig()
			st := mustInitial(t, cfg, stressed(c.start, false), minute(0))
			var changes []int
			for m := 1; m <= 120; m++ {
				idx := c.odd
				if m%2 == 0 {
					idx = c.even
				}
				before := st.Regime
				st, _ = mustStep(t, cfg, st, minute(m), stressed(idx, false))
				if st.Regime != before {
					changes = append(changes, m)
				}
			}
			if !slices.Equal(changes, c.wantChanges) || st.Regime != c.wantEnd {
				t.Errorf("changes at %v ending %v, want %v ending %v", changes, st.Regime, c.wantChanges, c.wantEnd)
			}
		})
	}
}

// TestRegimeSwingAcrossBothThresholds: an index that really crosses both
// thresholds each minute moves the regime, but no faster than the hold.
func TestRegimeSwingAcrossBothThresholds(t *testing.T) {
	cfg := regimeConfig()
	st := mustInitial(t, cfg, stressed(0.1, false), minute(0))
	var entered time.Time
	downs := 0
	for m := 1; m <= 240; m++ {
		idx := 0.51
		if m%2 == 0 {
			idx = 0.39
		}
		before := st.Regime
		st, _ = mustStep(t, cfg, st, minute(m), stressed(idx, false))
		switch {
		case st.Regime > before:
			entered = minute(m)
		case st.Regime < before:
			downs++
			if held := minute(m).Sub(entered); held < cfg.Regime.Hold {
				t.Fatalf("minute %d: left %v after %v, hold %v", m, before, held, cfg.Regime.Hold)
			}
		}
	}
	if downs == 0 || downs > 240/15 {
		t.Errorf("%d step-downs in 4 hours, want between 1 and 16", downs)
	}
}

// TestRegimeTransitions checks each transition rule with its reason.
func TestRegimeTransitions(t *testing.T) {
	type at struct {
		minute int
		index  float64
		halt   bool
		want   Regime
		why    Why // "" when no regime reason is expected
	}
	cases := []struct {
		name  string
		start float64
		steps []at
	}{
		{"jumps several levels at once", 0.1, []at{
			{1, 0.95, false, Halted, WhyRaised},
		}},
		{"hard halt at a calm index", 0.1, []at{
			{1, 0.1, true, Halted, WhyHardHalt},
			{2, 0.1, true, Halted, ""},
		}},
		{"enter needs the index above the threshold", 0.1, []at{
			{1, 0.5, false, Normal, ""},
			{2, 0.5000001, false, Elevated, WhyRaised},
		}},
		{"steps down one level per hold", 0.95, []at{
			{1, 0.1, false, Halted, WhyLowerHeld},
			{15, 0.1, false, Stressed, WhyLowered},
			{16, 0.1, false, Stressed, WhyLowerHeld},
			{29, 0.1, false, Stressed, WhyLowerHeld},
			{30, 0.1, false, Elevated, WhyLowered},
			{45, 0.1, false, Normal, WhyLowered},
			{46, 0.1, false, Normal, ""},
		}},
		{"leaving needs the index below the exit", 0.95, []at{
			{20, 0.8, false, Halted, ""},
			{21, 0.7999, false, Stressed, WhyLowered},
		}},
		{"a hard halt that clears steps down like the index", 0.1, []at{
			{0, 0.1, true, Halted, WhyHardHalt},
			{10, 0.1, false, Halted, WhyLowerHeld},
			{15, 0.1, false, Stressed, WhyLowered},
		}},
		{"raising on the way down restarts the hold", 0.95, []at{
			{15, 0.1, false, Stressed, WhyLowered},
			{20, 0.95, false, Halted, WhyRaised},
			{30, 0.1, false, Halted, WhyLowerHeld},
			{35, 0.1, false, Stressed, WhyLowered},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := regimeConfig()
			st := mustInitial(t, cfg, stressed(c.start, false), minute(0))
			for _, s := range c.steps {
				var d Decision
				st, d = mustStep(t, cfg, st, minute(s.minute), stressed(s.index, s.halt))
				if d.Regime != s.want {
					t.Fatalf("minute %d: regime %v, want %v", s.minute, d.Regime, s.want)
				}
				switch {
				case s.why == "" && d.RegimeReason != nil:
					t.Fatalf("minute %d: unexpected reason %v", s.minute, d.RegimeReason)
				case s.why != "" && (d.RegimeReason == nil || d.RegimeReason.Why != s.why):
					t.Fatalf("minute %d: reason %v, want %s", s.minute, d.RegimeReason, s.why)
				}
			}
		})
	}
}

// TestRegimeReasonCarriesThresholds: a reason names the index and the
// thresholds of the regime entered or left.
func TestRegimeReasonCarriesThresholds(t *testing.T) {
	cfg := regimeConfig()
	st := mustInitial(t, cfg, stressed(0.1, false), minute(0))
	st, d := mustStep(t, cfg, st, minute(3), stressed(0.75, false))
	want := RegimeReason{From: Normal, To: Stressed, Index: 0.75, Enter: 0.7, Exit: 0.6, Held: 3 * time.Minute, Why: WhyRaised}
	if d.RegimeReason == nil || *d.RegimeReason != want {
		t.Fatalf("raise reason %+v, want %+v", d.RegimeReason, want)
	}
	if got, w := d.RegimeReason.String(), "regime normal → stressed: raised (index 0.75 > enter 0.7)"; got != w {
		t.Errorf("String %q, want %q", got, w)
	}
	_, d = mustStep(t, cfg, st, minute(20), stressed(0.3, false))
	want = RegimeReason{From: Stressed, To: Elevated, Index: 0.3, Enter: 0.7, Exit: 0.6, Held: 17 * time.Minute, Why: WhyLowered}
	if d.RegimeReason == nil || *d.RegimeReason != want {
		t.Fatalf("lower reason %+v, want %+v", d.RegimeReason, want)
	}
	if got, w := d.RegimeReason.String(), "regime stressed → elevated: lowered (index 0.3 < exit 0.6, held 17m0s)"; got != w {
		t.Errorf("String %q, want %q", got, w)
	}
}

func TestRegimeText(t *testing.T) {
	for r := Normal; r <= Halted; r++ {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Regime
		if err := json.Unmarshal(b, &back); err != nil || back != r {
			t.Errorf("%v: %s reads back as %v, %v", r, b, back, err)
		}
	}
	if b, _ := json.Marshal(Stressed); string(b) != `"stressed"` {
		t.Errorf("Stressed marshals as %s", b)
	}
	if _, err := json.Marshal(Regime(7)); err == nil {
		t.Error("Regime(7) marshalled")
	}
	var r Regime
	if err := json.Unmarshal([]byte(`"panic"`), &r); err == nil {
		t.Error(`"panic" unmarshalled`)
	}
}
