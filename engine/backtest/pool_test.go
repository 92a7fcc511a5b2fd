package backtest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/signals/replay"
)

// testPool is the pool venue of the hand-built incidents here, and of
// synthetic-liquidity-drain.
const testPool = "uni-weth-usdc"

// poolIncident builds an incident of one-minute steps on ethereum at a flat
// price of 100 whose market sells into testPool: at step i the base fee
// fees[i] and, where depths[i] is not empty, a pool reading of that depth
// (no drop, no sandwiches). A step without a reading leaves the last one
// to age.
func poolIncident(fees, depths []string) Incident {
	var rows []replay.Row
	row := func(i int, chain, kind, v string) {
		rows = append(rows, replay.Row{At: minute(i), Chain: chain, Kind: kind, Value: decimal.RequireFromString(v)})
	}
	prices := make([]Price, len(fees))
	for i := range fees {
		row(i, "ethereum", "base_fee_gwei", fees[i])
		if depths[i] != "" {
			row(i, testPool, "pool_liquidity", depths[i])
			for _, k := range []string{"pool_liquidity_drop", "sandwich_rate", "liquidation_sandwiched"} {
				row(i, testPool, k, "0")
			}
			row(i, testPool, "collector_up", "1")
		}
		prices[i] = Price{At: minute(i), Price: 100, Oracle: 100}
	}
	inc := NewIncident("pool", rows, prices)
	inc.Venues = []config.Venue{{Name: testPool, Chain: "ethereum", Type: "pool"}}
	inc.Pool = testPool
	return inc
}

// TestLiquidationSellsIntoThePool checks the slippage of a liquidation by
// hand. One account holds 100 futures entered at 100, with 300 of
// collateral: at 100 its equity is 300 against a margin of about 1,550,
// deep under water, so it is closed in full, a delta notional of 10,000,
// for the static bonus of 2%, 200. Selling 10,000 into a constant-product
// pool of 200,000 of depth at a 0.3% fee returns
// 200,000·0.997·10,000/(200,000 + 0.997·10,000) = 9,496.59: it loses
// 1 − 0.997·200,000/209,970 = 5.034% of it, 503.41, of which the bonus
// covers 200. The account's equity pays the bonus; the other 303.41 is
// bad debt.
func TestLiquidationSellsIntoThePool(t *testing.T) {
	const n, depth, bonus = 10_000.0, 200_000.0, 200.0
	loss := 1 - 0.997*200_000/209_970
	if !scalar.EqualWithinAbs(loss, 0.05034, 1e-5) {
		t.Fatalf("hand slippage %g, want 5.034%%", loss)
	}
	if got := saleLoss(depth, 0.003, n); !scalar.EqualWithinAbs(got, loss*n, moneyTol) {
		t.Fatalf("saleLoss %.6f, want %.6f", got, loss*n)
	}
	blocked := append(repeat("5000", 7), "10") // the gas budget is 4,000 gwei
	for _, c := range []struct {
		name       string
		inc        Incident
		at         int
		slippage   float64
		shortfall  float64
		withVenues bool
	}{
		{"fresh pool", poolIncident(repeat("10", 2), repeat("200000", 2)), 0, loss * n, loss*n - bonus, true},
		// The pool's last reading, at minute 0, is stale (older than its
		// 5-minute time to live) when gas lets the liquidation land at
		// minute 7: the pool reads empty, as the market reads it, and the
		// sale loses everything.
		{"stale pool reads empty", poolIncident(blocked, append([]string{"200000"}, repeat("", 7)...)), 7, n, n - bonus, true},
		// Without a pool the liquidator takes the positions at their marks:
		// the equity of 300 pays the bonus and nothing goes bad.
		{"no pool", poolIncident(repeat("10", 2), repeat("200000", 2)), 0, 0, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			inc := c.inc
			if !c.withVenues {
				inc.Venues, inc.Pool = nil, ""
			}
			r := runStatic(t, inc, futureAccount("300", "100"))
			run := r.Runs[0]
			if len(run.Log) != 1 {
				t.Fatalf("%d liquidations, want 1: %+v", len(run.Log), run.Log)
			}
			l := run.Log[0]
			t.Logf("closed %g of %.2f at minute %d: bonus %.2f, slippage %.4f, shortfall %.4f",
				l.Fraction, l.Notional, c.at, l.Bonus, l.Slippage, l.Shortfall)
			if !l.At.Equal(minute(c.at)) || l.Fraction != 1 || !scalar.EqualWithinAbs(l.Notional, n, moneyTol) ||
				!scalar.EqualWithinAbs(l.Bonus, bonus, moneyTol) {
				t.Errorf("landed at %s, %g of %g for %g; want minute %d, all of %g for %g", l.At, l.Fraction, l.Notional, l.Bonus, c.at, n, bonus)
			}
			if !scalar.EqualWithinAbs(l.Slippage, c.slippage, moneyTol) || !scalar.EqualWithinAbs(l.Shortfall, c.shortfall, moneyTol) {
				t.Errorf("slippage %.6f, shortfall %.6f; want %.6f and %.6f", l.Slippage, l.Shortfall, c.slippage, c.shortfall)
			}
			if !scalar.EqualWithinAbs(run.BadDebt, c.shortfall, moneyTol) || !scalar.EqualWithinAbs(run.SlippageUncovered, c.shortfall, moneyTol) ||
				!scalar.EqualWithinAbs(run.SlippageLoss, c.slippage, moneyTol) {
				t.Errorf("bad debt %g, slippage %g (uncovered %g); want %g, %g (%g)",
					run.BadDebt, run.SlippageLoss, run.SlippageUncovered, c.shortfall, c.slippage, c.shortfall)
			}
			if wantPool := map[bool]string{true: testPool}[c.withVenues]; r.Pool != wantPool {
				t.Errorf("result's pool %q, want %q", r.Pool, wantPool)
			}
		})
	}
}

// TestPartialCloseLeavesUncoveredSlippage: a partial close sells into the
// pool too. 100 futures entered at 100 with 2,350 of collateral: at 90
// the equity is 1,350, under its margin of about 1,397 and not deeply
// under water, so the static close factor of 0.5 closes a notional of
// 4,500 for a bonus of 90. Its sale into 200,000 of depth loses
// 4,500·(1 − 0.997/(1 + 0.997·4,500/200,000)) = 111.93; the 21.93 the
// bonus does not cover is bad debt, though the account lives on.
func TestPartialCloseLeavesUncoveredSlippage(t *testing.T) {
	inc := poolIncident(repeat("10", 3), repeat("200000", 3))
	inc.Prices[1].Price, inc.Prices[1].Oracle = 90, 90
	inc.Prices[2].Price, inc.Prices[2].Oracle = 90, 90
	run := runStatic(t, inc, futureAccount("2350", "100")).Runs[0]
	if len(run.Log) != 1 {
		t.Fatalf("%d liquidations, want 1: %+v", len(run.Log), run.Log)
	}
	const n = 4500.0
	slip := n * (1 - 0.997/(1+0.997*n/200_000))
	l := run.Log[0]
	if l.Fraction != 0.5 || !scalar.EqualWithinAbs(l.Notional, n, moneyTol) || !scalar.EqualWithinAbs(l.Slippage, slip, moneyTol) ||
		!scalar.EqualWithinAbs(l.Shortfall, slip-0.02*n, moneyTol) {
		t.Errorf("closed %g of %g, slippage %.4f, shortfall %.4f; want 0.5 of %g, %.4f and %.4f",
			l.Fraction, l.Notional, l.Slippage, l.Shortfall, n, slip, slip-0.02*n)
	}
	if !scalar.EqualWithinAbs(run.BadDebt, slip-0.02*n, moneyTol) || run.BadDebtOpen != 0 {
		t.Errorf("bad debt %g (open %g), want %.4f realized", run.BadDebt, run.BadDebtOpen, slip-0.02*n)
	}
}

// TestSlippageModelCutsBadDebtInALiquidityDrain replays
// synthetic-liquidity-drain (seed 1): ETH −35% over three hours on a
// healthy chain while the pool the liquidations sell into drains from
// $40M to $1M. Every run sells into the pool; the aware run's parameters
// see it (the slippage model raises the bonus and caps the close factor),
// the aware-no-pool run's do not. The model must leave less bad debt than
// its absence, and the static run must show the drain's cost.
func TestSlippageModelCutsBadDebtInALiquidityDrain(t *testing.T) {
	r := runIncident(t, "synthetic-liquidity-drain")
	if len(r.Runs) != 3 || r.Runs[2].Params != NoPoolRun || r.Pool != testPool {
		t.Fatalf("runs %d (pool %q), want static, aware and %s selling into %s", len(r.Runs), r.Pool, NoPoolRun, testPool)
	}
	st, aw, np := r.Runs[0], r.Runs[1], r.Runs[2]
	for _, run := range r.Runs {
		t.Logf("%-13s bad debt %9.2f (uncovered slippage %9.2f of %9.2f sold-into loss), %4d liquidations, bonus paid %10.2f",
			run.Params, run.BadDebt, run.SlippageUncovered, run.SlippageLoss, run.Liquidations, run.BonusPaid)
	}
	if !(np.BadDebt > 0 && st.BadDebt > 0) {
		t.Fatalf("bad debt static %.2f, aware without the pool %.2f: the drain must cost parameters blind to it", st.BadDebt, np.BadDebt)
	}
	if !(aw.BadDebt < np.BadDebt) {
		t.Errorf("bad debt with the slippage model %.2f is not below the %.2f without it", aw.BadDebt, np.BadDebt)
	}
	if !(aw.SlippageLoss < np.SlippageLoss) {
		t.Errorf("the capped close factor sold no less into the pool: %.2f against %.2f", aw.SlippageLoss, np.SlippageLoss)
	}
	for _, run := range r.Runs {
		if !(run.SlippageLoss > 0) || run.SlippageUncovered > run.BadDebt+moneyTol {
			t.Errorf("%s: sold-into loss %.2f, uncovered %.2f beyond its bad debt %.2f", run.Params, run.SlippageLoss, run.SlippageUncovered, run.BadDebt)
		}
	}
	depth := r.Timeline[len(r.Timeline)-1].PoolDepth
	if !(depth > 0.9e6 && depth < 1.1e6) {
		t.Errorf("pool depth at the end %.0f, want about $1M", depth)
	}

	// Seed 1 gives the same figures again, byte for byte.
	again := runIncident(t, "synthetic-liquidity-drain")
	first, second := outputs(t, r), outputs(t, again)
	for name, want := range first {
		if second[name] != want {
			t.Errorf("%s differs between two runs of seed 1", name)
		}
	}
	for _, want := range []string{"pool      " + testPool, NoPoolRun, "bad debt avoided by the pool's slippage model"} {
		if !strings.Contains(first["summary"], want) {
			t.Errorf("the summary does not say %q:\n%s", want, first["summary"])
		}
	}
	if !strings.Contains(first["liquidations"], ",slippage,") || !strings.Contains(first["timeline.csv"], "pool_liquidity_usd") {
		t.Errorf("liquidations.csv or timeline.csv without the pool's columns")
	}
}

// TestAwareOnlyWithAPoolRunsBoth: --params aware on a market with a pool
// runs the aware parameters with and without the slippage model; static
// alone runs static alone, selling into the pool all the same.
func TestAwareOnlyWithAPoolRunsBoth(t *testing.T) {
	inc := incident(t, "synthetic-liquidity-drain")
	for _, c := range []struct {
		params Which
		want   []string
	}{
		{Aware, []string{"aware", NoPoolRun}},
		{Static, []string{"static"}},
	} {
		opts := DefaultOptions()
		opts.Config, opts.Accounts, opts.Params = exampleConfig(t), 60, c.params
		r, err := Run(context.Background(), inc, opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, run := range r.Runs {
			got = append(got, run.Params)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("params %s: runs %v, want %v", c.params, got, c.want)
		}
		if r.Runs[0].Liquidations > 0 && !(r.Runs[0].SlippageLoss > 0) {
			t.Errorf("params %s: %d liquidations sold nothing into the pool", c.params, r.Runs[0].Liquidations)
		}
	}
}

func TestReadVenues(t *testing.T) {
	for _, c := range []struct {
		name, yaml string
		pool       string
		venues     int
		err        string
	}{
		{"pool", "venues:\n  - {name: p, chain: ethereum, type: pool}\n  - {name: b, chain: ethereum, type: bridge}\npool: p\n", "p", 2, ""},
		{"venues only", "venues:\n  - {name: b, chain: ethereum, type: bridge}\n", "", 1, ""},
		{"unknown field", "venues: []\npools: p\n", "", 0, "pools"},
		{"pool of no venue", "venues: []\npool: p\n", "", 0, "not a venue of type pool"},
		{"pool is a bridge", "venues:\n  - {name: b, chain: ethereum, type: bridge}\npool: b\n", "", 0, "not a venue of type pool"},
		{"twice", "venues:\n  - {name: p, chain: ethereum, type: pool}\n  - {name: p, chain: ethereum, type: pool}\n", "", 0, "unique"},
		{"bad type", "venues:\n  - {name: p, chain: ethereum, type: amm}\n", "", 0, "neither pool nor bridge"},
	} {
		t.Run(c.name, func(t *testing.T) {
			venues, pool, err := ReadVenues(strings.NewReader(c.yaml))
			switch {
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("err %v, want one saying %q", err, c.err)
			case c.err == "" && (err != nil || pool != c.pool || len(venues) != c.venues):
				t.Errorf("venues %+v, pool %q, err %v; want %d venues and pool %q", venues, pool, err, c.venues, c.pool)
			}
		})
	}
}

// TestIncidentVenueMustFitTheConfiguration: an incident's venue joins the
// configuration, and one of the same name there must be the same venue.
func TestIncidentVenueMustFitTheConfiguration(t *testing.T) {
	inc := incident(t, "synthetic-liquidity-drain")
	cfg := exampleConfig(t)
	if _, mc, _, err := configure(cfg, inc, "", 0); err != nil || mc.Pool != testPool || mc.Name != "ETH-OPTIONS" {
		t.Fatalf("market %s with pool %q (err %v), want ETH-OPTIONS selling into %s", mc.Name, mc.Pool, err, testPool)
	}
	cfg.Venues = []config.Venue{{Name: testPool, Chain: "ethereum", Type: "bridge"}}
	if _, _, _, err := configure(cfg, inc, "", 0); !errors.Is(err, ErrIncident) {
		t.Errorf("a configured venue of another type: err %v, want ErrIncident", err)
	}
	cfg.Venues = []config.Venue{{Name: testPool, Chain: "ethereum", Type: "pool"}}
	if _, mc, _, err := configure(cfg, inc, "", 0); err != nil || mc.Pool != testPool {
		t.Errorf("the same venue configured: pool %q, err %v; want %s", mc.Pool, err, testPool)
	}
}
