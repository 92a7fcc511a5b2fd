package liquidation

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/models/settlement"
	"github.com/infrarisk/infrarisk/models/stress"
)

func calmInputs() Inputs {
	return Inputs{
		Stress: stress.Stress{Conditions: stress.Conditions{
			BaseFeeGwei: 20, GasUsedRatio: 0.5, BlockIntervalS: 12, Participation: 0.99,
			FinalityLagEpochs: 2, OracleAgeS: 600, SequencerUpFor: 24 * time.Hour,
		}},
		BaseATMVol: 0.6, StressedATMVol: 0.6, NativeUSD: 2000, L2: true,
	}
}

func compute(in Inputs) Params { return Compute(in, DefaultConfig(), settlement.DefaultConfig()) }

// TestCalmChainGetsBaseParameters: on a healthy chain the parameters are the
// configured base ones. By hand: H_eff = 1 h + 12 s, so the scan range is
// 0.15·√(3612/3600) = 0.150250; the gas of a liquidation is
// 5e5 · 20 gwei · 1e-9 · $2000 / $10,000 = 0.2%, plus 1% slippage: 1.2%,
// under the 2% floor.
func TestCalmChainGetsBaseParameters(t *testing.T) {
	p := compute(calmInputs())
	cfg := DefaultConfig()
	if math.Abs(p.ScanRange-0.150250) > 1e-6 {
		t.Errorf("scan range %.6f, by hand 0.150250", p.ScanRange)
	}
	if p.Bonus != cfg.BonusMin || p.CloseFactor != cfg.CloseFactor || p.PFail != 0 || p.MaintenanceMultiplier != 1 {
		t.Errorf("calm params %+v", p)
	}
	if p.VolShockUp != cfg.VolShockUp || p.InitialMultiplier != cfg.InitialRatio || p.Grace != cfg.GraceMin {
		t.Errorf("calm shocks and multipliers %+v", p)
	}
	if p.NewPositionsPaused || p.LiquidationsPaused || p.Halt {
		t.Errorf("calm flags %+v", p)
	}
}

func TestSequencerOutagePausesLiquidationsButNotDeepUnderwater(t *testing.T) {
	in := calmInputs()
	in.Stress.Conditions.SequencerDown, in.Stress.Conditions.SequencerDownFor = true, 40*time.Minute
	in.Stress.Conditions.SequencerUpFor = 0
	in.Stress.Index = 1
	p := compute(in)
	if !p.LiquidationsPaused || !p.Halt || !p.NewPositionsPaused {
		t.Fatalf("flags %+v", p)
	}
	if p.DeepUnderwater != 0.95 || !hasReason(p, "liquidations_paused", "below health 0.95 stay liquidatable") {
		t.Errorf("deep-underwater carve-out missing: %+v", p.Reasons)
	}
	// An L1 market ignores a sequencer.
	in.L2 = false
	if p := compute(in); p.Halt {
		t.Error("L1 market halted by a sequencer")
	}
}

// TestCongestionAloneNeverPausesLiquidations: a late liquidation beats none.
func TestCongestionAloneNeverPausesLiquidations(t *testing.T) {
	in := calmInputs()
	in.Stress.Conditions.BaseFeeGwei, in.Stress.Conditions.GasUsedRatio = 5000, 1
	in.Stress.Index = 0.9
	p := compute(in)
	if p.LiquidationsPaused || p.Halt {
		t.Errorf("congestion paused liquidations: %+v", p)
	}
	if !p.NewPositionsPaused || p.Bonus != DefaultConfig().BonusMax {
		t.Errorf("severe congestion: new positions paused %v, bonus %g", p.NewPositionsPaused, p.Bonus)
	}
}

func TestUnusableOraclePausesLiquidations(t *testing.T) {
	for name, worsen := range map[string]func(*stress.Conditions){
		"old":       func(c *stress.Conditions) { c.OracleAgeS = 4 * 3600 },
		"deviating": func(c *stress.Conditions) { c.OracleDeviation = 0.08 },
		"rpc":       func(c *stress.Conditions) { c.RPCDisagreement = true },
	} {
		in := calmInputs()
		worsen(&in.Stress.Conditions)
		if p := compute(in); !p.LiquidationsPaused || p.Halt || !p.NewPositionsPaused {
			t.Errorf("%s oracle: %+v", name, p)
		}
	}
}

// TestGraceScalesWithOutageAndMove: half the outage, divided by the move in
// scan ranges when larger than one, within [5 min, 2 h].
func TestGraceScalesWithOutageAndMove(t *testing.T) {
	tests := []struct {
		name string
		rec  Recovery
		want time.Duration
	}{
		{"blip", Recovery{Outage: 3 * time.Minute}, 5 * time.Minute},
		// Arbitrum, 15 Dec 2023: 78 minutes, a small move: 39 minutes.
		{"arbitrum stall", Recovery{Outage: 78 * time.Minute, Move: -0.02}, 39 * time.Minute},
		// The same outage with a 45% fall, 3 scan ranges: 13 minutes.
		{"violent move", Recovery{Outage: 78 * time.Minute, Move: -0.45}, 13 * time.Minute},
		{"day-long halt", Recovery{Outage: 18 * time.Hour, Move: 0.05}, 2 * time.Hour},
	}
	for _, tt := range tests {
		in := calmInputs()
		in.Recovery = &tt.rec
		if p := compute(in); p.Grace != tt.want {
			t.Errorf("%s: grace %s, want %s", tt.name, p.Grace, tt.want)
		}
	}
}

// TestWorseInputNeverLoosensMarginParameters: on random states, worsening
// one infrastructure input never lowers the scan range, vol shocks, margin
// multipliers, bonus or close factor.
func TestWorseInputNeverLoosensMarginParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	worsen := []func(*Inputs, *rand.Rand){
		func(in *Inputs, r *rand.Rand) { in.Stress.Conditions.BaseFeeGwei *= 1 + 3*r.Float64() },
		func(in *Inputs, r *rand.Rand) {
			c := &in.Stress.Conditions
			c.GasUsedRatio += (1 - c.GasUsedRatio) * r.Float64()
		},
		func(in *Inputs, r *rand.Rand) { in.Stress.Conditions.BlockIntervalS *= 1 + r.Float64() },
		func(in *Inputs, r *rand.Rand) { in.Stress.Conditions.OracleAgeS += 3600 * r.Float64() },
		func(in *Inputs, r *rand.Rand) {
			c := &in.Stress.Conditions
			c.FinalityLost, c.FinalityLostFor = true, c.FinalityLostFor+time.Duration(r.Float64()*float64(time.Hour))
		},
		func(in *Inputs, r *rand.Rand) {
			c := &in.Stress.Conditions
			c.SequencerDown, c.SequencerUpFor = true, 0
			c.SequencerDownFor += time.Duration(r.Float64() * float64(time.Hour))
		},
		func(in *Inputs, r *rand.Rand) { in.Stress.Index += (1 - in.Stress.Index) * r.Float64() },
		func(in *Inputs, r *rand.Rand) { in.StressedATMVol *= 1 + r.Float64() },
	}
	for range 5000 {
		in := calmInputs()
		c := &in.Stress.Conditions
		c.BaseFeeGwei = math.Exp(rng.Float64() * 6)
		c.GasUsedRatio = rng.Float64()
		c.OracleAgeS = rng.Float64() * 7200
		in.Stress.Index = rng.Float64()
		in.StressedATMVol = in.BaseATMVol * (1 + rng.Float64())
		before := compute(in)
		worsen[rng.IntN(len(worsen))](&in, rng)
		after := compute(in)
		for _, f := range []struct {
			name string
			b, a float64
		}{
			{"scan range", before.ScanRange, after.ScanRange},
			{"vol shock up", before.VolShockUp, after.VolShockUp},
			{"vol shock down", before.VolShockDown, after.VolShockDown},
			{"maintenance", before.MaintenanceMultiplier, after.MaintenanceMultiplier},
			{"initial", before.InitialMultiplier, after.InitialMultiplier},
			{"bonus", before.Bonus, after.Bonus},
			{"close factor", before.CloseFactor, after.CloseFactor},
		} {
			if f.a < f.b-1e-9 {
				t.Fatalf("%s loosened %g → %g", f.name, f.b, f.a)
			}
		}
	}
}

func hasReason(p Params, param, text string) bool {
	for _, r := range p.Reasons {
		if r.Param == param && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}
