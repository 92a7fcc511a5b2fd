package governor

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkStep steps a market of 10 parameters and 3 flags through
// alternating stressed and calm proposals a minute apart, so that each step
// tightens, holds or loosens and writes reasons.
func BenchmarkStep(b *testing.B) {
	cfg := Config{LoosenDelay: 5 * time.Minute, Regime: testConfig().Regime}
	calmP := Proposal{Values: map[string]float64{}, Flags: map[string]bool{}, Stress: 0.1}
	hot := Proposal{Values: map[string]float64{}, Flags: map[string]bool{}, Stress: 0.95}
	for i := range 10 {
		name := fmt.Sprintf("param_%d", i)
		dir := TighterUp
		if i%2 == 1 {
			dir = TighterDown
		}
		cfg.Params = append(cfg.Params, ParamSpec{Name: name, Tighter: dir, Min: 1, Max: 10, MaxLoosenStep: 0.1, MinLoosenAbs: 0.05})
		calmP.Values[name], hot.Values[name] = 5.5-4.5*float64(dir), 5.5+4.5*float64(dir)
	}
	for i := range 3 {
		name := fmt.Sprintf("flag_%d", i)
		cfg.Flags = append(cfg.Flags, FlagSpec{Name: name, Conservative: i != 2})
		calmP.Flags[name], hot.Flags[name] = i == 2, i != 2
	}
	st, err := Initial(cfg, calmP, t0)
	if err != nil {
		b.Fatal(err)
	}
	now := t0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		now = now.Add(time.Minute)
		p := calmP
		if i%16 < 3 {
			p = hot
		}
		st, _, err = Step(cfg, st, now, p)
		if err != nil {
			b.Fatal(err)
		}
	}
}
