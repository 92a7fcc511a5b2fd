package market

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market/markettest"
	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/svi"
)

var testSurface = markettest.Surface

var t0 = time.Date(2020, 3, 12, 9, 0, 0, 0, time.UTC)

func testConfig(t testing.TB) Config {
	c := DefaultConfig("ETH-OPTIONS", "ethereum", false, testSurface)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

// healthy is a calm Ethereum state observed at at.
func healthy(t testing.TB, at time.Time) netstate.State {
	return markettest.Observe(t, netstate.New("ethereum", netstate.L1Kinds), at, markettest.Healthy)
}

var observeAll = markettest.Observe

func evaluate(t testing.TB, cfg Config, s netstate.State, now time.Time, gov governor.State) (Update, governor.State) {
	t.Helper()
	u, next, err := Evaluate(cfg, Inputs{State: s, Now: now, NativeUSD: 130}, gov)
	if err != nil {
		t.Fatal(err)
	}
	return u, next
}

func TestHealthyChainGetsHealthyParameters(t *testing.T) {
	cfg := testConfig(t)
	u, _ := evaluate(t, cfg, healthy(t, t0), t0, governor.State{})
	if u.Regime != governor.Normal || u.Flags[NewPositionsPaused] || u.LiquidationsPaused || u.Halt || u.PFail != 0 {
		t.Fatalf("healthy: regime %v flags %v paused %v", u.Regime, u.Flags, u.LiquidationsPaused)
	}
	// 0.15·√(3612/3600): one block of delay on a one-hour horizon.
	if got := u.Values[ScanRange]; math.Abs(got-0.150250) > 1e-6 {
		t.Errorf("scan range %.6f", got)
	}
	for i := range testSurface {
		if u.Surface[i] != testSurface[i] {
			t.Errorf("slice %d stressed on a healthy chain: %+v", i, u.Surface[i])
		}
	}
}

// TestBlackThursdayEpisodeTightensAtOnceAndLoosensSlowly: gas at 10-minute
// averages of 12 March 2020 (Anyblock Analytics; 20 → 200 gwei), the oracle
// an hour stale from 12:00, then recovery.
func TestBlackThursdayEpisodeTightensAtOnceAndLoosensSlowly(t *testing.T) {
	cfg := testConfig(t)
	s := healthy(t, t0)
	u, gov := evaluate(t, cfg, s, t0, governor.State{})
	calmRange := u.Values[ScanRange]

	now := t0.Add(10 * time.Minute)
	s = observeAll(t, s, now, map[netstate.Kind]float64{
		netstate.BaseFeeGwei: 200, netstate.GasUsedRatio: 0.98, netstate.BlockIntervalS: 14,
		netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2, netstate.OracleAgeS: 7200,
		netstate.OracleDeviation: 0.04, netstate.CollectorUp: 1,
	})
	u, gov = evaluate(t, cfg, s, now, gov)
	if u.Values[ScanRange] <= calmRange || u.Regime < governor.Elevated {
		t.Fatalf("first stressed tick: scan range %g (calm %g), regime %v", u.Values[ScanRange], calmRange, u.Regime)
	}
	stressedRange := u.Values[ScanRange]
	if u.Proposed.ScanRange != stressedRange {
		t.Errorf("tightening delayed: proposed %g, published %g", u.Proposed.ScanRange, stressedRange)
	}

	// Recovery: healthy signals every minute for an hour; the scan range may
	// fall at most 10% per 5 minutes, so it needs at least
	// ⌈ln(calm/stressed)/ln 0.9⌉ steps, 5 minutes apart, to get back.
	steps := math.Ceil(math.Log(calmRange/stressedRange) / math.Log(0.9))
	recovered := now.Add(time.Duration(steps*5) * time.Minute)
	prev, lastDrop := stressedRange, now
	for i := 1; i <= 60; i++ {
		now = now.Add(time.Minute)
		s = observeAll(t, s, now, map[netstate.Kind]float64{
			netstate.BaseFeeGwei: 20, netstate.GasUsedRatio: 0.5, netstate.BlockIntervalS: 12,
			netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2, netstate.OracleAgeS: 60,
			netstate.OracleDeviation: 0.001, netstate.CollectorUp: 1,
		})
		u, gov = evaluate(t, cfg, s, now, gov)
		got := u.Values[ScanRange]
		if got < prev {
			if got < prev*0.9-1e-12 || now.Sub(lastDrop) < 5*time.Minute {
				t.Fatalf("minute %d: scan range %g → %g, %s after the last step", i, prev, got, now.Sub(lastDrop))
			}
			lastDrop = now
		}
		if got == calmRange && prev != calmRange && now.Before(recovered) {
			t.Fatalf("back to calm at %s, before %s", now, recovered)
		}
		prev = got
	}
	if prev != calmRange {
		t.Errorf("after an hour of health: scan range %g, want back at %g", prev, calmRange)
	}
}

// TestSilenceHaltsNothingButTightensEverything: an L2 market whose
// collectors went silent: the sequencer reads as down, liquidations pause,
// the regime halts and every margin parameter is at its tightest.
func TestSilenceTightensEverything(t *testing.T) {
	cfg := DefaultConfig("ARB-ETH", "arbitrum", true, testSurface)
	s := netstate.New("arbitrum", netstate.L2Kinds)
	s = observeAll(t, s, t0, map[netstate.Kind]float64{netstate.BaseFeeGwei: 0.1, netstate.GasUsedRatio: 0.5,
		netstate.BlockIntervalS: 0.25, netstate.SequencerUp: 1, netstate.OracleAgeS: 60, netstate.OracleDeviation: 0, netstate.CollectorUp: 1})
	calm, gov := evaluate(t, cfg, s, t0, governor.State{})
	u, _ := evaluate(t, cfg, s, t0.Add(time.Hour), gov)
	if !u.Halt || !u.LiquidationsPaused || u.Regime != governor.Halted || !u.Flags[NewPositionsPaused] {
		t.Fatalf("silent L2: halt %v paused %v regime %v", u.Halt, u.LiquidationsPaused, u.Regime)
	}
	for name, v := range u.Values {
		if v < calm.Values[name] {
			t.Errorf("%s loosened in silence: %g → %g", name, calm.Values[name], v)
		}
	}
}

// TestWorseInputNeverLowersMargin: from random states, worsening one input
// never lowers the margin of a random option portfolio on the same valuation
// surface, with the stressed grid nested over the one before (as the engine
// margins within an episode). The surface is held fixed because the stressed
// smile re-marks the book, as a market move in implied vols would, and that
// can move a mixed book's margin either way; what stress controls (scan range,
// shocks, contingencies, grid) must only tighten.
func TestWorseInputNeverLowersMargin(t *testing.T) {
	cfg := testConfig(t)
	rng := rand.New(rand.NewPCG(61, 62))
	kinds := []struct {
		kind  netstate.Kind
		worse func(v float64, r *rand.Rand) float64
	}{
		{netstate.BaseFeeGwei, func(v float64, r *rand.Rand) float64 { return v * (1 + 4*r.Float64()) }},
		{netstate.GasUsedRatio, func(v float64, r *rand.Rand) float64 { return v + (1-v)*r.Float64() }},
		{netstate.BlockIntervalS, func(v float64, r *rand.Rand) float64 { return v * (1 + r.Float64()) }},
		{netstate.ParticipationRate, func(v float64, r *rand.Rand) float64 { return v * r.Float64() }},
		{netstate.FinalityLagEpochs, func(v float64, r *rand.Rand) float64 { return v + float64(r.IntN(8)) }},
		{netstate.OracleAgeS, func(v float64, r *rand.Rand) float64 { return v + 7200*r.Float64() }},
		{netstate.OracleDeviation, func(v float64, r *rand.Rand) float64 { return v + 0.05*r.Float64() }},
	}
	n := 300
	if testing.Short() {
		n = 50
	}
	for range n {
		values := map[netstate.Kind]float64{
			netstate.BaseFeeGwei: math.Exp(1 + 5*rng.Float64()), netstate.GasUsedRatio: rng.Float64(),
			netstate.BlockIntervalS: 12 + 20*rng.Float64(), netstate.ParticipationRate: 0.5 + 0.5*rng.Float64(),
			netstate.FinalityLagEpochs: 2 + float64(rng.IntN(3)), netstate.OracleAgeS: 3600 * rng.Float64(),
			netstate.OracleDeviation: 0.01 * rng.Float64(), netstate.CollectorUp: 1,
		}
		before := observeAll(t, netstate.New("ethereum", netstate.L1Kinds), t0, values)
		k := kinds[rng.IntN(len(kinds))]
		values[k.kind] = k.worse(values[k.kind], rng)
		after := observeAll(t, netstate.New("ethereum", netstate.L1Kinds), t0, values)

		ua, _ := evaluate(t, cfg, before, t0, governor.State{})
		ub, _ := evaluate(t, cfg, after, t0, governor.State{})
		gridA := ua.Grid(cfg)
		gridB := margin.NewGrid(ub.MarginParams(cfg)).Nest(gridA)
		ins, holdings := randomBook(rng)
		const fwd = 1500.0
		marks := margin.Market{Spot: fwd, Surface: SurfaceVol{Forward: fwd, Slices: ua.Surface}}
		ma := mustRiskArrays(t, marks, gridA, ins).Margin(holdings)
		mb := mustRiskArrays(t, marks, gridB, ins).Margin(holdings)
		if mb.Maintenance < ma.Maintenance*(1-1e-9) {
			t.Fatalf("%v worse (%+v): margin %g → %g", k.kind, values, ma.Maintenance, mb.Maintenance)
		}
	}
}

func mustRiskArrays(t testing.TB, m margin.Market, g margin.Grid, ins []margin.Instrument) margin.RiskArrays {
	t.Helper()
	ra, err := margin.NewRiskArrays(m, g, ins)
	if err != nil {
		t.Fatal(err)
	}
	return ra
}

// randomBook is a few options and a future with random signs.
func randomBook(rng *rand.Rand) ([]margin.Instrument, []margin.Holding) {
	var ins []margin.Instrument
	var hs []margin.Holding
	for i := range 1 + rng.IntN(5) {
		typ := bs.Call
		if rng.IntN(2) == 0 {
			typ = bs.Put
		}
		expiry := testSurface[rng.IntN(len(testSurface))].T
		ins = append(ins, margin.Instrument{Kind: margin.Option, Type: typ, Strike: 1500 * math.Exp(0.4*(rng.Float64()-0.5)), Expiry: expiry})
		hs = append(hs, margin.Holding{Instrument: i, Quantity: math.Round(20*(rng.Float64()-0.5)) + 0.5})
	}
	ins = append(ins, margin.LinearFuture())
	hs = append(hs, margin.Holding{Instrument: len(ins) - 1, Quantity: math.Round(4 * (rng.Float64() - 0.5))})
	return ins, hs
}

func TestConfigErrorsNameTheMarketAndPart(t *testing.T) {
	cfg := testConfig(t)
	cfg.Surface = []svi.Slice{{T: 0.1, Raw: svi.Raw{A: 0.01, B: -1, Sigma: 0.1}}}
	if err := cfg.Validate(); err == nil || !contains(err.Error(), `market "ETH-OPTIONS": surface: slice 0`) {
		t.Errorf("bad slice: %v", err)
	}
	cfg = testConfig(t)
	cfg.Liquidation.ScanRange = 2
	if err := cfg.Validate(); err == nil || !contains(err.Error(), "liquidation: liquidation: config ScanRange") {
		t.Errorf("bad scan range: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
