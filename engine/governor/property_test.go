package governor

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// randomConfig varies the steps, the delay and the hold of testConfig.
func randomConfig(r *rand.Rand) Config {
	cfg := testConfig()
	for i := range cfg.Params {
		cfg.Params[i].MaxLoosenStep = []float64{0, 0.01, 0.1, 0.5}[r.IntN(4)]
		if cfg.Params[i].MaxLoosenStep == 0 || cfg.Params[i].Min <= 0 || r.IntN(2) == 0 {
			cfg.Params[i].MinLoosenAbs = (cfg.Params[i].Max - cfg.Params[i].Min) * []float64{0.001, 0.05}[r.IntN(2)]
		} else {
			cfg.Params[i].MinLoosenAbs = 0
		}
	}
	cfg.LoosenDelay = []time.Duration{0, time.Minute, 5 * time.Minute, 17 * time.Minute}[r.IntN(4)]
	cfg.Regime.Hold = []time.Duration{0, 3 * time.Minute, 15 * time.Minute}[r.IntN(3)]
	return cfg
}

// randomProposal draws values across and beyond each parameter's bounds,
// often repeating or nudging the current value.
func randomProposal(r *rand.Rand, cfg Config, st State) Proposal {
	p := Proposal{Values: map[string]float64{}, Flags: map[string]bool{}, Stress: r.Float64(), Halt: r.IntN(20) == 0}
	for i, s := range cfg.Params {
		cur, span := st.Params[i].Value, s.Max-s.Min
		switch r.IntN(4) {
		case 0:
			p.Values[s.Name] = cur
		case 1:
			p.Values[s.Name] = cur + span*0.02*(r.Float64()-0.5)
		default:
			p.Values[s.Name] = s.Min - 0.3*span + 1.6*span*r.Float64()
		}
	}
	for _, f := range cfg.Flags {
		p.Flags[f.Name] = r.IntN(2) == 0
	}
	return p
}

// TestPropertyRandomSequences steps thousands of random proposal sequences
// at random times and checks every rule at every step against the test's
// own record of when each value last changed.
func TestPropertyRandomSequences(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 3))
	sequences := 3000
	if testing.Short() {
		sequences = 300
	}
	for seq := range sequences {
		cfg := randomConfig(r)
		now := t0
		st := mustInitial(t, cfg, randomProposal(r, cfg, mustInitial(t, cfg, Conservative(cfg), now)), now)
		changed := make([]time.Time, len(cfg.Params))
		flagChanged := make([]time.Time, len(cfg.Flags))
		for i := range changed {
			changed[i] = now
		}
		for i := range flagChanged {
			flagChanged[i] = now
		}
		regimeSince := now
		for step := range 60 {
			if r.IntN(4) > 0 {
				now = now.Add(time.Duration(r.Int64N(int64(3*cfg.LoosenDelay + 3*time.Minute))))
			}
			p := randomProposal(r, cfg, st)
			next, d, err := Step(cfg, st, now, p)
			if err != nil {
				t.Fatal(err)
			}
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("sequence %d step %d: "+format, append([]any{seq, step}, args...)...)
			}
			moved := false
			for i, s := range cfg.Params {
				old, v := st.Params[i].Value, next.Params[i].Value
				target, _ := s.clamp(p.Values[s.Name])
				if v < s.Min || v > s.Max {
					fail("%s %g outside [%g, %g]", s.Name, v, s.Min, s.Max)
				}
				if d.Values[s.Name] != v {
					fail("%s decision %g, state %g", s.Name, d.Values[s.Name], v)
				}
				switch {
				case s.tighter(target, old):
					if v != target {
						fail("%s: tighter proposal %g delayed, value %g from %g", s.Name, target, v, old)
					}
				case target == old:
					if v != old {
						fail("%s: moved from %g to %g on an equal proposal", s.Name, old, v)
					}
				default:
					waited := now.Sub(changed[i])
					if s.tighter(v, old) || s.tighter(target, v) {
						fail("%s: %g → %g is not between the value and the looser proposal %g", s.Name, old, v, target)
					}
					if v != old && waited < cfg.LoosenDelay {
						fail("%s: loosened %v after its last change, delay %v", s.Name, waited, cfg.LoosenDelay)
					}
					if step := s.loosenStep(old); math.Abs(v-old) > step*(1+1e-12) {
						fail("%s: loosened by %g from %g, bound %g", s.Name, math.Abs(v-old), old, step)
					}
					if v == old && waited >= cfg.LoosenDelay {
						fail("%s: did not loosen towards %g after %v", s.Name, target, waited)
					}
				}
				if v != old {
					changed[i] = now
					moved = true
				}
			}
			for i, f := range cfg.Flags {
				old, v, want := st.Flags[i].Value, next.Flags[i].Value, p.Flags[f.Name]
				waited := now.Sub(flagChanged[i])
				switch {
				case want == f.Conservative && v != want:
					fail("%s: conservative %t delayed", f.Name, want)
				case want != f.Conservative && old != want && (v == want) != (waited >= cfg.LoosenDelay):
					fail("%s: %t → %t after %v, delay %v", f.Name, old, v, waited, cfg.LoosenDelay)
				case old == want && v != old:
					fail("%s: moved on an equal proposal", f.Name)
				}
				if v != old {
					flagChanged[i] = now
					moved = true
				}
			}
			before, after := st.Regime, next.Regime
			switch up := cfg.Regime.raiseTo(p.Stress); {
			case p.Halt && after != Halted:
				fail("hard halt gave %v", after)
			case !p.Halt && up > before && after != up:
				fail("index %g: %v → %v, want %v", p.Stress, before, after, up)
			case after < before-1:
				fail("stepped down two levels: %v → %v", before, after)
			case after < before && (p.Stress >= cfg.Regime.Exit[before-1] || now.Sub(regimeSince) < cfg.Regime.Hold):
				fail("left %v at index %g after %v", before, p.Stress, now.Sub(regimeSince))
			case after == before && !p.Halt && before > Normal && up < before &&
				p.Stress < cfg.Regime.Exit[before-1] && now.Sub(regimeSince) >= cfg.Regime.Hold:
				fail("stayed %v at index %g after %v", before, p.Stress, now.Sub(regimeSince))
			}
			if after != before {
				regimeSince = now
				moved = true
			}
			if d.Changed != moved {
				fail("Changed %t, moved %t", d.Changed, moved)
			}
			st = next
		}
	}
}
