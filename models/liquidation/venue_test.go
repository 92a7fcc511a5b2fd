package liquidation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// deepPool is a pool far deeper than any liquidation: it changes nothing.
func deepPool() *Pool { return &Pool{Name: "uni-weth-usdc", DepthUSD: 1e12} }

// TestADrainedPoolRaisesTheBonusAndCapsCloses: by hand, a $10,000
// liquidation sold into a constant-product pool with $200,000 of quote
// depth and the 0.3% fee receives y·S(1−f)/(y+S(1−f)) against S at mid:
// loss 1 − (1−f)·y/(y + S(1−f)) = 1 − 0.997·200000/209970 = 5.035%. A 50%
// drain is projected to go on one more window (y' = 100,000): the loss is
// 1 − 0.997·100000/109970 = 9.339%; with a 90% drain (y' = 20,000) it is
// 1 − 0.997·20000/29970 = 33.47%, past the 15% cap.
func TestADrainedPoolRaisesTheBonusAndCapsCloses(t *testing.T) {
	calm := compute(calmInputs())
	in := calmInputs()
	in.Pool = deepPool()
	if p := compute(in); p.Bonus != calm.Bonus || p.CloseCap != 1 {
		t.Fatalf("a deep pool moved the bonus %g → %g or the cap to %g", calm.Bonus, p.Bonus, p.CloseCap)
	}

	in.Pool = &Pool{Name: "uni-weth-usdc", DepthUSD: 200_000}
	p := compute(in)
	wantSlip := 1 - 0.997*200000/209970
	gas := 5e5 * 20 * 1e-9 * 2000 / 10000 // as in TestCalmChainGetsBaseParameters
	if math.Abs(p.Bonus-(gas+wantSlip)) > 1e-9 {
		t.Errorf("bonus %.6f, by hand %.6f (gas %.4f + slippage %.6f)", p.Bonus, gas+wantSlip, gas, wantSlip)
	}
	if !(p.CloseCap < 1) || !hasReason(p, "close_factor", "pool uni-weth-usdc") || !hasReason(p, "bonus", "pool uni-weth-usdc") {
		t.Errorf("cap %g, reasons %+v", p.CloseCap, p.Reasons)
	}

	in.Pool.Drop = 0.5
	drained := compute(in)
	if want := gas + 1 - 0.997*100000/109970; math.Abs(drained.Bonus-want) > 1e-9 {
		t.Errorf("bonus %.6f after a 50%% drain, by hand %.6f", drained.Bonus, want)
	}
	if !(drained.CloseCap < p.CloseCap) {
		t.Errorf("close cap %g after the drain, %g before", drained.CloseCap, p.CloseCap)
	}
	in.Pool.Drop = 0.9
	if gone := compute(in); gone.Bonus != DefaultConfig().BonusMax {
		t.Errorf("bonus %.4f after a 90%% drain, want the cap %.2f", gone.Bonus, DefaultConfig().BonusMax)
	}
}

// TestASandwichedLiquidationCostsItsTolerance: one of the market's own
// liquidations sandwiched reads every liquidation as a target, which loses
// its whole 1% tolerance on top of its slippage.
func TestASandwichedLiquidationCostsItsTolerance(t *testing.T) {
	in := calmInputs()
	// $500,000 deep: a $10,000 sale loses 2.25%, so the bonus (2.45%) is
	// above its 2% floor before and after.
	in.Pool = &Pool{Name: "uni-weth-usdc", DepthUSD: 500_000}
	before := compute(in)
	in.Pool.LiquidationsSandwiched = 1
	after := compute(in)
	if d := after.Bonus - before.Bonus; math.Abs(d-DefaultConfig().Liquidity.Tolerance) > 1e-3 {
		t.Errorf("bonus %.4f → %.4f: +%.4f, want about the tolerance %.2f", before.Bonus, after.Bonus, d, DefaultConfig().Liquidity.Tolerance)
	}
	if !hasReason(after, "bonus", "sandwich") {
		t.Errorf("no sandwich reason: %+v", after.Reasons)
	}
}

func TestABridgeInTroubleRaisesTheMultipliers(t *testing.T) {
	in := calmInputs()
	in.Bridge = &Bridge{Name: "arb-bridge-weth"}
	base := compute(in)
	in.Bridge.OutflowRatio = 0.3
	run := compute(in)
	in.Bridge.Paused = true
	paused := compute(in)
	// 0.5 × 30% = 15%, then +25% while paused (DefaultBridgeConfig).
	if math.Abs(run.MaintenanceMultiplier-base.MaintenanceMultiplier*1.15) > 1e-12 ||
		math.Abs(paused.MaintenanceMultiplier-base.MaintenanceMultiplier*1.40) > 1e-12 {
		t.Errorf("maintenance %g, %g, %g: want ×1.15 and ×1.40", base.MaintenanceMultiplier, run.MaintenanceMultiplier, paused.MaintenanceMultiplier)
	}
	if !(paused.InitialMultiplier > run.InitialMultiplier && run.InitialMultiplier > base.InitialMultiplier) {
		t.Errorf("initial %g, %g, %g", base.InitialMultiplier, run.InitialMultiplier, paused.InitialMultiplier)
	}
	if !hasReason(paused, "maintenance_multiplier", "bridge arb-bridge-weth") {
		t.Errorf("reasons %+v", paused.Reasons)
	}
}

// TestVenueInputsNeverLoosen: less depth, a larger drop, more sandwiching,
// more outflow or a pause never lowers the bonus or a multiplier, nor raises
// the close cap (seeded).
func TestVenueInputsNeverLoosen(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	for i := range 2000 {
		a := Pool{Name: "p", DepthUSD: math.Pow(10, 3+6*rng.Float64()), Drop: rng.Float64(), SandwichRate: rng.Float64(), LiquidationsSandwiched: float64(rng.IntN(3))}
		b := a
		switch i % 4 {
		case 0:
			b.DepthUSD *= rng.Float64()
		case 1:
			b.Drop = a.Drop + (1-a.Drop)*rng.Float64()
		case 2:
			b.SandwichRate = a.SandwichRate + (1-a.SandwichRate)*rng.Float64()
		case 3:
			b.LiquidationsSandwiched++
		}
		br := Bridge{Name: "b", OutflowRatio: rng.Float64() / 2}
		worse := br
		worse.OutflowRatio += rng.Float64() / 2
		worse.Paused = rng.IntN(2) == 0
		in := calmInputs()
		in.Pool, in.Bridge = &a, &br
		pa := compute(in)
		in.Pool, in.Bridge = &b, &worse
		pb := compute(in)
		if pb.Bonus < pa.Bonus || pb.CloseCap > pa.CloseCap || pb.MaintenanceMultiplier < pa.MaintenanceMultiplier {
			t.Fatalf("%+v %+v → %+v %+v loosened: bonus %g → %g, cap %g → %g, maintenance %g → %g",
				a, br, b, worse, pa.Bonus, pb.Bonus, pa.CloseCap, pb.CloseCap, pa.MaintenanceMultiplier, pb.MaintenanceMultiplier)
		}
	}
}
