package market

import (
	"strings"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/models/netstate"
)

func pool(t *testing.T, at time.Time, depth, drop, rate, sandwiched float64) netstate.State {
	return observeAll(t, netstate.New("uni-weth-usdc", netstate.PoolKinds), at, map[netstate.Kind]float64{
		netstate.PoolLiquidity: depth, netstate.PoolLiquidityDrop: drop, netstate.SandwichRate: rate,
		netstate.LiquidationSandwiched: sandwiched, netstate.CollectorUp: 1,
	})
}

func hasReason(u Update, param, text string) bool {
	for _, r := range u.Proposed.Reasons {
		if r.Param == param && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

// TestADrainedAndSandwichedPoolRaisesTheBonusAndCutsTheCloseFactor: the
// same healthy chain, its pool deep, then drained to a tenth with a
// liquidation sandwiched. The bonus rises at once (a tightening) and the
// close factor falls at once: the pool's cap applies after the governor,
// which would otherwise hold a fall back as a loosening.
func TestADrainedAndSandwichedPoolRaisesTheBonusAndCutsTheCloseFactor(t *testing.T) {
	cfg := testConfig(t)
	cfg.Pool = "uni-weth-usdc"
	chain := healthy(t, t0)
	deep := pool(t, t0, 50_000_000, 0, 0, 0)
	u0, gov := evaluateWith(t, cfg, Inputs{State: chain, Pool: &deep, Now: t0, NativeUSD: 130}, governor.State{})
	if u0.Values[CloseFactor] != cfg.Liquidation.CloseFactor {
		t.Fatalf("deep pool: close factor %g, want the healthy %g", u0.Values[CloseFactor], cfg.Liquidation.CloseFactor)
	}
	t1 := t0.Add(time.Minute)
	drained := pool(t, t1, 300_000, 0.9, 0.05, 1)
	u1, _ := evaluateWith(t, cfg, Inputs{State: healthy(t, t1), Pool: &drained, Now: t1, NativeUSD: 130}, gov)
	if !(u1.Values[LiquidationBonus] > u0.Values[LiquidationBonus]) {
		t.Errorf("bonus %g → %g: did not rise", u0.Values[LiquidationBonus], u1.Values[LiquidationBonus])
	}
	if !(u1.Values[CloseFactor] < u0.Values[CloseFactor]) {
		t.Errorf("close factor %g → %g: did not fall", u0.Values[CloseFactor], u1.Values[CloseFactor])
	}
	if min := cfg.Governor.Params[closeFactorIndex(cfg)].Min; u1.Values[CloseFactor] < min {
		t.Errorf("close factor %g below the governor's floor %g", u1.Values[CloseFactor], min)
	}
	if !hasReason(u1, "close_factor", "pool uni-weth-usdc") || !hasReason(u1, "bonus", "pool uni-weth-usdc") {
		t.Errorf("reasons do not name the pool: %+v", u1.Proposed.Reasons)
	}
}

// TestASilentPoolReadsAsEmpty: a market whose pool collector fell silent
// reads the pool at its conservative values: no depth, the bonus at its
// cap and the close factor at the governor's floor.
func TestASilentPoolReadsAsEmpty(t *testing.T) {
	cfg := testConfig(t)
	cfg.Pool = "uni-weth-usdc"
	deep := pool(t, t0, 50_000_000, 0, 0, 0)
	later := t0.Add(time.Hour) // past every pool kind's time to live
	u, _ := evaluateWith(t, cfg, Inputs{State: healthy(t, later), Pool: &deep, Now: later, NativeUSD: 130}, governor.State{})
	if u.Values[LiquidationBonus] != cfg.Liquidation.BonusMax {
		t.Errorf("bonus %g, want its cap %g", u.Values[LiquidationBonus], cfg.Liquidation.BonusMax)
	}
	if floor := cfg.Governor.Params[closeFactorIndex(cfg)].Min; u.Values[CloseFactor] != floor {
		t.Errorf("close factor %g, want the floor %g", u.Values[CloseFactor], floor)
	}
}

// TestABridgeRunRaisesMaintenance: the market's bridge losing 30% of its
// backing over the window raises maintenance by the haircut, 15%.
func TestABridgeRunRaisesMaintenance(t *testing.T) {
	cfg := testConfig(t)
	cfg.Bridge = "arb-bridge-weth"
	bridge := func(outflow, paused float64) *netstate.State {
		st := observeAll(t, netstate.New("arb-bridge-weth", netstate.BridgeKinds), t0, map[netstate.Kind]float64{
			netstate.BridgeOutflowRatio: outflow, netstate.BridgePaused: paused, netstate.CollectorUp: 1,
		})
		return &st
	}
	calm, _ := evaluateWith(t, cfg, Inputs{State: healthy(t, t0), Bridge: bridge(0, 0), Now: t0, NativeUSD: 130}, governor.State{})
	run, _ := evaluateWith(t, cfg, Inputs{State: healthy(t, t0), Bridge: bridge(0.3, 0), Now: t0, NativeUSD: 130}, governor.State{})
	if got, want := run.Values[MaintenanceMultiplier], calm.Values[MaintenanceMultiplier]*1.15; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("maintenance %g, want %g", got, want)
	}
	if !hasReason(run, "maintenance_multiplier", "bridge arb-bridge-weth") {
		t.Errorf("reasons do not name the bridge: %+v", run.Proposed.Reasons)
	}
}

func evaluateWith(t testing.TB, cfg Config, in Inputs, gov governor.State) (Update, governor.State) {
	t.Helper()
	u, next, err := Evaluate(cfg, in, gov)
	if err != nil {
		t.Fatal(err)
	}
	return u, next
}
