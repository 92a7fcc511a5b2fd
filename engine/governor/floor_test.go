package governor

import (
	"errors"
	"math"
	"testing"
)

func TestRaiseTightensToTheFloorAndNeverLoosens(t *testing.T) {
	cfg := testConfig()
	st, err := Initial(cfg, calm(), t0)
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]float64{}
	for _, p := range st.Params {
		before[p.Name] = p.Value
	}
	f := Floor{
		Values: map[string]float64{
			"margin_mult":  before["margin_mult"] + 0.5, // tighter (up)
			"scan_range":   before["scan_range"] - 0.01, // looser (up): ignored
			"max_leverage": before["max_leverage"] - 2,  // tighter (down)
			"oi_cap":       -5,                          // tighter (down), below Min: clamped
			"unknown":      42,                          // not governed: ignored
		},
		Flags: map[string]bool{
			"new_positions_paused": true, // its conservative value
			"liquidations_paused":  true, // not its conservative value: ignored
		},
		Regime: Stressed,
	}
	now := minute(30)
	got, err := Raise(cfg, st, f, now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"margin_mult":  before["margin_mult"] + 0.5,
		"scan_range":   before["scan_range"],
		"max_leverage": before["max_leverage"] - 2,
		"oi_cap":       0,
	}
	for _, p := range got.Params {
		if math.Abs(p.Value-want[p.Name]) > 1e-12 {
			t.Errorf("%s = %g, want %g", p.Name, p.Value, want[p.Name])
		}
		moved := p.Value != before[p.Name]
		if moved && !p.Changed.Equal(now) || !moved && !p.Changed.Equal(t0) {
			t.Errorf("%s changed at %s (moved %v)", p.Name, p.Changed, moved)
		}
	}
	for _, fl := range got.Flags {
		switch fl.Name {
		case "new_positions_paused":
			if !fl.Value || !fl.Changed.Equal(now) {
				t.Errorf("new_positions_paused %+v, want raised at %s", fl, now)
			}
		case "liquidations_paused":
			if fl.Value {
				t.Errorf("liquidations_paused set by a floor that is not conservative")
			}
		}
	}
	if got.Regime != Stressed || !got.RegimeSince.Equal(now) {
		t.Errorf("regime %s since %s, want stressed since %s", got.Regime, got.RegimeSince, now)
	}
	// A raised state loosens only after LoosenDelay from the raise: a calm
	// proposal just before it leaves the raised value.
	next, _, err := Step(cfg, got, now.Add(cfg.LoosenDelay-1), calm())
	if err != nil {
		t.Fatal(err)
	}
	if next.Params[0].Value != got.Params[0].Value {
		t.Errorf("margin_mult loosened %s after the raise, before LoosenDelay", cfg.LoosenDelay-1)
	}
}

func TestRaiseByALooserFloorChangesNothing(t *testing.T) {
	cfg := testConfig()
	st, err := Initial(cfg, Conservative(cfg), t0)
	if err != nil {
		t.Fatal(err)
	}
	f := Floor{Values: map[string]float64{}, Flags: map[string]bool{}, Regime: Normal}
	for _, s := range cfg.Params {
		f.Values[s.Name] = (s.Min + s.Max) / 2
	}
	got, err := Raise(cfg, st, f, minute(10))
	if err != nil {
		t.Fatal(err)
	}
	for i := range st.Params {
		if got.Params[i] != st.Params[i] {
			t.Errorf("%s moved from %+v to %+v", st.Params[i].Name, st.Params[i], got.Params[i])
		}
	}
	if got.Regime != st.Regime || !got.RegimeSince.Equal(st.RegimeSince) {
		t.Errorf("regime moved from %s to %s", st.Regime, got.Regime)
	}
}

func TestRaiseRefusesAStateOfAnotherConfig(t *testing.T) {
	if _, err := Raise(testConfig(), State{}, Floor{}, t0); !errors.Is(err, ErrStateMismatch) {
		t.Fatalf("err %v, want ErrStateMismatch", err)
	}
}
