package governor_test

import (
	"fmt"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
)

// A chain stalls for a minute and recovers: the governor tightens at once,
// then loosens the margin multiplier by 10% per five minutes and steps the
// regime down one level per ten-minute hold.
func Example() {
	cfg := governor.Config{
		Params: []governor.ParamSpec{
			{Name: "margin_mult", Tighter: governor.TighterUp, Min: 1, Max: 3, MaxLoosenStep: 0.1, MinLoosenAbs: 0.01},
		},
		Flags:       []governor.FlagSpec{{Name: "new_positions_paused", Conservative: true}},
		LoosenDelay: 5 * time.Minute,
		Regime: governor.RegimeSpec{
			Enter: [3]float64{0.4, 0.7, 0.9},
			Exit:  [3]float64{0.3, 0.6, 0.8},
			Hold:  10 * time.Minute,
		},
	}
	propose := func(margin float64, paused bool, stress float64) governor.Proposal {
		return governor.Proposal{
			Values: map[string]float64{"margin_mult": margin},
			Flags:  map[string]bool{"new_positions_paused": paused},
			Stress: stress,
		}
	}
	start := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	st, err := governor.Initial(cfg, propose(1.2, false, 0.1), start)
	if err != nil {
		panic(err)
	}
	for _, step := range []struct {
		minute int
		p      governor.Proposal
	}{
		{1, propose(2.5, true, 0.8)},  // the chain stalls
		{3, propose(1.2, false, 0.1)}, // and recovers
		{6, propose(1.2, false, 0.1)},
		{11, propose(1.2, false, 0.1)},
	} {
		var d governor.Decision
		st, d, err = governor.Step(cfg, st, start.Add(time.Duration(step.minute)*time.Minute), step.p)
		if err != nil {
			panic(err)
		}
		fmt.Printf("minute %d: margin_mult %.4g, new_positions_paused %t, %s\n",
			step.minute, d.Values["margin_mult"], d.Flags["new_positions_paused"], d.Regime)
		for _, r := range d.Reasons {
			fmt.Println("  " + r.String())
		}
		for _, r := range d.FlagReasons {
			fmt.Println("  " + r.String())
		}
		if d.RegimeReason != nil {
			fmt.Println("  " + d.RegimeReason.String())
		}
	}
	// Output:
	// minute 1: margin_mult 2.5, new_positions_paused true, stressed
	//   margin_mult: 1.2 → 2.5 (proposed 2.5): tightened
	//   new_positions_paused: false → true (proposed true): tightened
	//   regime normal → stressed: raised (index 0.8 > enter 0.7)
	// minute 3: margin_mult 2.5, new_positions_paused true, stressed
	//   margin_mult: 2.5 → 2.5 (proposed 1.2): loosening held (min delay)
	//   new_positions_paused: true → true (proposed false): loosening held (min delay)
	//   regime stressed: lowering held (min hold) (index 0.1 < exit 0.6, held 2m0s)
	// minute 6: margin_mult 2.25, new_positions_paused false, stressed
	//   margin_mult: 2.5 → 2.25 (proposed 1.2): loosened (bounded step)
	//   new_positions_paused: true → false (proposed false): loosened
	//   regime stressed: lowering held (min hold) (index 0.1 < exit 0.6, held 5m0s)
	// minute 11: margin_mult 2.025, new_positions_paused false, elevated
	//   margin_mult: 2.25 → 2.025 (proposed 1.2): loosened (bounded step)
	//   regime stressed → elevated: lowered (index 0.1 < exit 0.6, held 10m0s)
}
