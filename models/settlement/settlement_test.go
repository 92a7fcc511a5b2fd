package settlement

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/stress"
)

// calm is a healthy chain: base fee well inside the budget, finality normal,
// sequencer up past its grace, oracle fresh.
func calm() stress.Conditions {
	return stress.Conditions{
		BaseFeeGwei: 20, GasUsedRatio: 0.5, BlockIntervalS: 12,
		Participation: 0.99, FinalityLagEpochs: 2,
		OracleAgeS: 600, SequencerUpFor: 24 * time.Hour,
	}
}

const budget = 200 // gwei

func assess(c stress.Conditions, l2 bool) Result {
	return Assess(Inputs{Conditions: c, GasBudgetGwei: budget, BaseHorizon: time.Hour, L2: l2}, DefaultConfig())
}

func TestCalmHorizonIsBaseHorizon(t *testing.T) {
	for _, l2 := range []bool{false, true} {
		r := assess(calm(), l2)
		// One 12 s block is all the delay.
		if r.HEff != time.Hour+12*time.Second || r.PFail != 0 || r.Capped {
			t.Errorf("l2=%v: H_eff %s, p_fail %g, capped %v", l2, r.HEff, r.PFail, r.Capped)
		}
	}
}

// TestEachStressAloneRaisesHorizonAndFailure: each input of a real incident,
// alone, lengthens H_eff and raises p_fail.
func TestEachStressAloneRaisesHorizonAndFailure(t *testing.T) {
	base := assess(calm(), true)
	tests := []struct {
		name   string
		worsen func(*stress.Conditions)
	}{
		// 12 March 2020: 10-minute average gas near 220 gwei, full blocks.
		{"congestion", func(c *stress.Conditions) { c.BaseFeeGwei, c.GasUsedRatio = 220, 0.97 }},
		// 12 May 2023: participation 30.7%, finality lost for 4 epochs.
		{"finality", func(c *stress.Conditions) {
			c.Participation, c.FinalityLagEpochs, c.FinalityLost, c.FinalityLostFor = 0.307, 6, true, 4*384*time.Second
		}},
		// 15 December 2023: Arbitrum's sequencer down for 30 minutes so far.
		{"sequencer", func(c *stress.Conditions) {
			c.SequencerDown, c.SequencerDownFor, c.SequencerUpFor = true, 30*time.Minute, 0
		}},
		// An oracle two hours past its one-hour heartbeat.
		{"oracle", func(c *stress.Conditions) { c.OracleAgeS = 3 * 3600 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := calm()
			tt.worsen(&c)
			r := assess(c, true)
			if r.HEff <= base.HEff+10*time.Minute {
				t.Errorf("H_eff %s, calm %s", r.HEff, base.HEff)
			}
			if r.PFail <= base.PFail {
				t.Errorf("p_fail %g, calm %g", r.PFail, base.PFail)
			}
		})
	}
}

// TestBlackThursdayCongestionByHand: b = 220 gwei against a budget of 200 at
// fullness 0.97, 12 s blocks (default config):
//
//	excess  = ln(220/200)               = 0.0953102
//	r↓      = −ln(1 − 0.25/4)/12        = 0.0645385/12 = 0.00537821 /s
//	r↑      =  ln(1 + 0.47/4)/12        = 0.1110941/12 = 0.00925784 /s
//	shift   = 12 + 0.0953102/0.00537821 = 12 + 17.72154 s = 29.72154 s
//	weight  = (0.47/0.5)·(0.0953102/ln 2) = 0.94·0.1375035 = 0.1292533
//	mean    = 10800·0.1292533·(1 + 0.00925784/0.00537821) = 1395.936·2.721360 = 3798.84 s
func TestBlackThursdayCongestionByHand(t *testing.T) {
	c := calm()
	c.BaseFeeGwei, c.GasUsedRatio = 220, 0.97
	p := congestion(c, budget, DefaultConfig())
	if got := p.Shift.Seconds(); math.Abs(got-29.72154) > 1e-4 {
		t.Errorf("shift %.6f s, by hand 29.72154", got)
	}
	if got := p.Mean.Seconds(); math.Abs(got-3798.84)/3798.84 > 1e-5 {
		t.Errorf("mean %.4f s, by hand 3798.84", got)
	}
}

// TestWorseInputNeverLowersHorizonOrFailure: on random states, making any
// one input worse never lowers H_eff or p_fail.
func TestWorseInputNeverLowersHorizonOrFailure(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	worsen := []func(*stress.Conditions, *rand.Rand){
		func(c *stress.Conditions, r *rand.Rand) { c.BaseFeeGwei *= 1 + r.Float64() },
		func(c *stress.Conditions, r *rand.Rand) { c.GasUsedRatio += (1 - c.GasUsedRatio) * r.Float64() },
		func(c *stress.Conditions, r *rand.Rand) { c.BlockIntervalS *= 1 + r.Float64() },
		func(c *stress.Conditions, r *rand.Rand) { c.ReorgDepth += float64(r.IntN(10)) },
		func(c *stress.Conditions, r *rand.Rand) {
			c.FinalityLost = true
			c.FinalityLostFor += time.Duration(r.Float64() * float64(time.Hour))
		},
		func(c *stress.Conditions, r *rand.Rand) { c.OracleAgeS += r.Float64() * 7200 },
		func(c *stress.Conditions, r *rand.Rand) {
			if c.SequencerDown {
				c.SequencerDownFor += time.Duration(r.Float64() * float64(time.Hour))
			} else {
				c.SequencerUpFor = time.Duration(r.Float64() * float64(c.SequencerUpFor))
			}
		},
		func(c *stress.Conditions, r *rand.Rand) { c.SequencerDown, c.SequencerUpFor = true, 0 },
	}
	for range 20000 {
		c := stress.Conditions{
			BaseFeeGwei: math.Exp(rng.Float64() * 7), GasUsedRatio: rng.Float64(), BlockIntervalS: 12 + rng.Float64()*60,
			ReorgDepth: float64(rng.IntN(3)), OracleAgeS: rng.Float64() * 10000,
			SequencerUpFor: time.Duration(rng.Float64() * 2 * float64(time.Hour)),
		}
		if rng.IntN(3) == 0 {
			c.FinalityLost, c.FinalityLostFor = true, time.Duration(rng.Float64()*float64(time.Hour))
		}
		if rng.IntN(3) == 0 {
			c.SequencerDown, c.SequencerDownFor, c.SequencerUpFor = true, time.Duration(rng.Float64()*float64(time.Hour)), 0
		}
		before := assess(c, true)
		w := c
		worsen[rng.IntN(len(worsen))](&w, rng)
		after := assess(w, true)
		if after.HEff < before.HEff-time.Millisecond || after.PFail < before.PFail-1e-9 {
			t.Fatalf("worse input lowered the result:\n before %+v → H_eff %s p_fail %.12g\n after  %+v → H_eff %s p_fail %.12g",
				c, before.HEff, before.PFail, w, after.HEff, after.PFail)
		}
	}
}

// TestSilentChainYieldsTheConservativeMaximum: a state whose collectors went
// silent an hour ago reads every kind as conservative; the horizon is the cap
// and failure is certain.
func TestSilentChainYieldsTheConservativeMaximum(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	st := netstate.New("ethereum", netstate.L1Kinds)
	for k, v := range map[netstate.Kind]float64{netstate.BaseFeeGwei: 20, netstate.GasUsedRatio: 0.5,
		netstate.BlockIntervalS: 12, netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2,
		netstate.OracleAgeS: 60, netstate.OracleDeviation: 0, netstate.CollectorUp: 1} {
		st, _ = st.Observe(k, v, t0)
	}
	fresh := Assess(Inputs{Conditions: stress.Assess(st, t0, stress.Config{}).Conditions, GasBudgetGwei: budget, BaseHorizon: time.Hour}, DefaultConfig())
	silent := Assess(Inputs{Conditions: stress.Assess(st, t0.Add(time.Hour), stress.Config{}).Conditions, GasBudgetGwei: budget, BaseHorizon: time.Hour}, DefaultConfig())
	if fresh.Capped || fresh.PFail != 0 {
		t.Fatalf("fresh: %+v", fresh)
	}
	if !silent.Capped || silent.HEff != DefaultConfig().MaxHorizon || silent.PFail < 1-1e-12 {
		t.Errorf("silent: H_eff %s capped %v p_fail %g; want the 24h cap and p_fail 1", silent.HEff, silent.Capped, silent.PFail)
	}
}

// TestSurvivalMatchesMonteCarlo checks the hypoexponential closed form
// against sampling (an independent computation): shift 60 s plus three
// exponentials.
func TestSurvivalMatchesMonteCarlo(t *testing.T) {
	d := newDelay([]Part{
		{Shift: 60 * time.Second, Mean: 10 * time.Minute},
		{Mean: 45 * time.Minute},
		{Shift: time.Hour, Mean: 78 * time.Minute},
	})
	rng := rand.New(rand.NewPCG(43, 44))
	const n = 200000
	samples := make([]float64, n)
	for i := range samples {
		samples[i] = 3660 + 600*rng.ExpFloat64() + 2700*rng.ExpFloat64() + 4680*rng.ExpFloat64()
	}
	for _, x := range []time.Duration{time.Hour, 2 * time.Hour, 3 * time.Hour, 5 * time.Hour, 8 * time.Hour} {
		var over int
		for _, s := range samples {
			if s > x.Seconds() {
				over++
			}
		}
		p := float64(over) / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(d.Survival(x)-p) > 5*se+1e-6 {
			t.Errorf("P(D > %s): closed form %.5f, sampled %.5f ± %.5f", x, d.Survival(x), p, se)
		}
	}
	if got, want := d.Mean(), (3660+600+2700+4680)*time.Second; got != want {
		t.Errorf("mean %s, want %s", got, want)
	}
}

// TestEqualMeansApproachErlang: two equal means θ are an Erlang(2):
// P(D > y) = (1 + y/θ)e^{−y/θ}; the 0.1% separation kept for conditioning
// moves it up (never down) by about (y/θ)·0.05%.
func TestEqualMeansApproachErlang(t *testing.T) {
	d := newDelay([]Part{{Mean: time.Hour}, {Mean: time.Hour}})
	for _, y := range []float64{0.5, 1, 2, 5} {
		want := (1 + y) * math.Exp(-y)
		got := d.Survival(time.Duration(y * float64(time.Hour)))
		if math.Abs(got/want-1) > y*1e-3 || got < want {
			t.Errorf("y=%gθ: %.8f, Erlang %.8f (must not be below)", y, got, want)
		}
	}
}

func TestQuantileInvertsSurvival(t *testing.T) {
	d := newDelay([]Part{{Shift: time.Minute, Mean: 20 * time.Minute}, {Mean: time.Hour}})
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		x := d.Quantile(q)
		if s := d.Survival(x); math.Abs(s-(1-q)) > 1e-6 {
			t.Errorf("q=%g: P(D > %s) = %g", q, x, s)
		}
	}
	// No random part: the quantile is the shift.
	if got := newDelay([]Part{{Shift: 12 * time.Second}}).Quantile(0.99); got != 12*time.Second {
		t.Errorf("deterministic quantile %s", got)
	}
}

// TestGasBudgetByHand: a 5% bonus on a $10,000 liquidation using 500,000 gas
// with ETH at $1,500 pays up to 500/(5e5·1e-9·1500) = 666.67 gwei, less a
// 2 gwei tip.
func TestGasBudgetByHand(t *testing.T) {
	if got := GasBudgetGwei(0.05, 10000, 500000, 1500, 2); math.Abs(got-664.6667) > 1e-4 {
		t.Errorf("budget %.4f, by hand 664.6667", got)
	}
	if got := GasBudgetGwei(0.0001, 10, 500000, 1500, 2); got != 0 {
		t.Errorf("reward below the tip: %g, want 0", got)
	}
}

func TestConfigValidation(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.Quantile = 1
	if err := c.Validate(); err == nil {
		t.Error("quantile 1 accepted")
	}
}
