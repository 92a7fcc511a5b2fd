package backtest

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/settlement"
)

// Hand-built cases on one account holding 10 futures entered at 100. Under
// the static parameters its maintenance margin at price S is
// (R + 0.005)·10·S with R ≈ 0.15 the scan range and 0.005 the oracle
// charge on its delta: about 155 at 100. Its equity is its collateral less
// 1,000 (the entry) plus 10·S.

// moneyTol is the tolerance on amounts computed by hand: a millionth of a
// dollar, far below a cent and far above float64 rounding on a few
// thousand dollars.
const moneyTol = 1e-6

func TestLiquidationWaitsForTheSequencer(t *testing.T) {
	// ETH-OPTIONS-ARB settles on arbitrum. The account is deep under water
	// from the first step (equity 5 against about 155) but the sequencer is
	// down for three steps: the liquidation lands at the fourth, at its
	// price, 97.
	prices := [][2]float64{{100, 100}, {99, 99}, {98, 98}, {97, 97}, {96, 96}, {95, 95}}
	inc := handIncident("arbitrum", prices, map[string][]string{
		"sequencer_up":  {"0", "0", "0", "1", "1", "1"},
		"base_fee_gwei": repeat("0.1", len(prices)),
	})
	r := runStatic(t, inc, futureAccount("5", "10"))
	run := r.Runs[0]
	if len(run.Log) != 1 {
		t.Fatalf("%d liquidations, want 1: %+v", len(run.Log), run.Log)
	}
	l := run.Log[0]
	if !l.At.Equal(minute(3)) || l.Price != 97 || !l.Triggered.Equal(minute(0)) || l.Fraction != 1 {
		t.Errorf("landed at %s at %g (triggered %s, fraction %g); want minute 3 at 97, triggered at minute 0, in full",
			l.At, l.Price, l.Triggered, l.Fraction)
	}
	if run.Blocked.Sequencer != 3 || run.Waited != 1 {
		t.Errorf("blocked by the sequencer %d steps, waited %d; want 3 and 1", run.Blocked.Sequencer, run.Waited)
	}
	// At 97 the equity is 5 − 30 = −25 and the bonus 2% of 970: the
	// shortfall is 19.4 + 25.
	if !scalar.EqualWithinAbs(run.BadDebt, 44.4, moneyTol) {
		t.Errorf("bad debt %.6f, want 44.4", run.BadDebt)
	}
}

func TestLiquidationWaitsForGasToFitTheBonus(t *testing.T) {
	// On ethereum at a flat 100, the account (equity 5) is closed in full:
	// notional 1,000, bonus 2% of it, 20 USD. A 500,000-gas liquidation
	// costs 500,000 · fee · 1e-9 · 100 = 0.05·fee USD: the budget is 400
	// gwei. The fee is 1,000, 600, then 300 gwei: it lands at minute 2.
	const gas, native, notional = 500_000, 100, 1000
	if b := settlement.GasBudgetGwei(0.02, notional, gas, native, 0); !scalar.EqualWithinAbs(b, 400, 1e-9) {
		t.Fatalf("gas budget %g gwei, want 400", b)
	}
	prices := [][2]float64{{100, 100}, {100, 100}, {100, 100}, {100, 100}}
	inc := handIncident("ethereum", prices, map[string][]string{"base_fee_gwei": {"1000", "600", "300", "300"}})
	r := runStatic(t, inc, futureAccount("5", "10"))
	run := r.Runs[0]
	if len(run.Log) != 1 || !run.Log[0].At.Equal(minute(2)) {
		t.Fatalf("liquidations %+v; want one at minute 2", run.Log)
	}
	if run.Blocked.Gas != 2 {
		t.Errorf("blocked by gas %d steps, want 2", run.Blocked.Gas)
	}
	if l := run.Log[0]; !scalar.EqualWithinAbs(l.Bonus, 20, moneyTol) || !scalar.EqualWithinAbs(l.Notional, notional, moneyTol) {
		t.Errorf("bonus %g on %g, want 20 on 1000", l.Bonus, l.Notional)
	}
	// Equity 5 cannot pay the 20 of bonus: the venue covers 15.
	if !scalar.EqualWithinAbs(run.BadDebt, 15, moneyTol) {
		t.Errorf("bad debt %g, want 15", run.BadDebt)
	}
}

func TestBadDebtIsTheShortfall(t *testing.T) {
	t.Run("landed", func(t *testing.T) {
		// Collateral 200: equity 200 at 100, above its margin of about
		// 155. The price gaps to 78: equity 200 − 220 = −20, closed in full
		// at 78 with a bonus of 2% of 780 = 15.6. Shortfall 15.6 + 20.
		inc := handIncident("ethereum", [][2]float64{{100, 100}, {78, 78}}, map[string][]string{"base_fee_gwei": {"10", "10"}})
		run := runStatic(t, inc, futureAccount("200", "10")).Runs[0]
		if len(run.Log) != 1 || !run.Log[0].At.Equal(minute(1)) {
			t.Fatalf("liquidations %+v; want one at minute 1", run.Log)
		}
		want := 0.02*780 + 20
		if l := run.Log[0]; !scalar.EqualWithinAbs(l.Shortfall, want, moneyTol) || l.Fraction != 1 {
			t.Errorf("shortfall %g (fraction %g), want %g in full", l.Shortfall, l.Fraction, want)
		}
		if !scalar.EqualWithinAbs(run.BadDebt, want, moneyTol) || !scalar.EqualWithinAbs(run.BadDebtRealized, want, moneyTol) || run.BadDebtOpen != 0 {
			t.Errorf("bad debt %g (realized %g, open %g), want %g realized", run.BadDebt, run.BadDebtRealized, run.BadDebtOpen, want)
		}
	})
	t.Run("left open", func(t *testing.T) {
		// The fee never fits the bonus: the account is never liquidated
		// and ends at 78 owing 20.
		inc := handIncident("ethereum", [][2]float64{{100, 100}, {78, 78}, {78, 78}}, map[string][]string{"base_fee_gwei": repeat("5000", 3)})
		run := runStatic(t, inc, futureAccount("200", "10")).Runs[0]
		if run.Liquidations != 0 || !scalar.EqualWithinAbs(run.BadDebtOpen, 20, moneyTol) || !scalar.EqualWithinAbs(run.BadDebt, 20, moneyTol) {
			t.Errorf("%d liquidations, bad debt %g (open %g); want none and 20 open", run.Liquidations, run.BadDebt, run.BadDebtOpen)
		}
	})
}

func TestPartialCloseTakesTheCloseFactor(t *testing.T) {
	// Collateral 235: at 90 the equity is 135, just under the margin of
	// about 0.155·900 ≈ 139.7 and above 0.95 of it: not deep, so the
	// static close factor 0.5 applies. Half the notional, 450, is closed
	// for a bonus of 9; the account keeps 5 futures and 135 − 9 of equity,
	// well above its halved margin, and is liquidated once only.
	inc := handIncident("ethereum", [][2]float64{{100, 100}, {90, 90}, {90, 90}}, map[string][]string{"base_fee_gwei": repeat("10", 3)})
	run := runStatic(t, inc, futureAccount("235", "10")).Runs[0]
	if len(run.Log) != 1 {
		t.Fatalf("%d liquidations, want 1: %+v", len(run.Log), run.Log)
	}
	l := run.Log[0]
	if l.Fraction != 0.5 || !scalar.EqualWithinAbs(l.Notional, 450, moneyTol) || !scalar.EqualWithinAbs(l.Bonus, 9, moneyTol) || l.Shortfall != 0 {
		t.Errorf("closed %g of %g for a bonus of %g (shortfall %g); want 0.5 of 450 for 9, none", l.Fraction, l.Notional, l.Bonus, l.Shortfall)
	}
	if run.BadDebt != 0 {
		t.Errorf("bad debt %g, want 0", run.BadDebt)
	}
}

func TestUnfairLiquidationIsFlagged(t *testing.T) {
	for _, c := range []struct {
		name   string
		oracle float64
		price  float64
		unfair bool
	}{
		// The oracle shows 85 while the price holds at 100: equity 50 at
		// the oracle, under its margin there (about 132), but 200 at the
		// true price, above its margin (about 155).
		{"oracle below the price", 85, 100, true},
		// The oracle is right: the same trigger is fair.
		{"oracle right", 85, 85, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			inc := handIncident("ethereum", [][2]float64{{100, 100}, {c.price, c.oracle}}, map[string][]string{"base_fee_gwei": {"10", "10"}})
			run := runStatic(t, inc, futureAccount("200", "10")).Runs[0]
			if len(run.Log) != 1 {
				t.Fatalf("%d liquidations, want 1", len(run.Log))
			}
			if l := run.Log[0]; l.Unfair != c.unfair || (run.Unfair == 1) != c.unfair {
				t.Errorf("unfair %v (count %d), want %v", l.Unfair, run.Unfair, c.unfair)
			}
			if l := run.Log[0]; l.Price != c.price || l.Oracle != c.oracle {
				t.Errorf("landed at price %g, oracle %g; want %g, %g", l.Price, l.Oracle, c.price, c.oracle)
			}
		})
	}
}

func TestHealthyAccountIsLeftAlone(t *testing.T) {
	// Collateral 400 against a margin of about 155 through a 5% dip.
	inc := handIncident("ethereum", [][2]float64{{100, 100}, {95, 95}, {100, 100}}, map[string][]string{"base_fee_gwei": repeat("10", 3)})
	run := runStatic(t, inc, futureAccount("400", "10")).Runs[0]
	if run.Liquidations != 0 || run.BadDebt != 0 {
		t.Errorf("%d liquidations, bad debt %g; want none", run.Liquidations, run.BadDebt)
	}
	if math.Abs(run.PeakMargin-0.155*1000) > 1 {
		t.Errorf("peak margin %g, want about 155", run.PeakMargin)
	}
}
