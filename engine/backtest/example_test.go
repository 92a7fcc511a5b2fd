package backtest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/backtest"
	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/signals/replay"
)

// A trader long 10 ETH futures from 100 with 200 USD of collateral, as
// ETH gaps to 78 in a minute: the liquidation lands at 78, where the
// account owes 20, and the liquidator's 2% bonus on 780 of notional
// leaves 35.60 of bad debt.
func ExampleRun() {
	cfg, err := config.Load("../config/example.yaml")
	if err != nil {
		panic(err)
	}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	fee := decimal.NewFromInt(10)
	inc := backtest.NewIncident("gap",
		[]replay.Row{
			{At: t0, Chain: "ethereum", Kind: "base_fee_gwei", Value: fee},
			{At: t0.Add(time.Minute), Chain: "ethereum", Kind: "base_fee_gwei", Value: fee},
		},
		[]backtest.Price{{At: t0, Price: 100, Oracle: 100}, {At: t0.Add(time.Minute), Price: 78, Oracle: 78}})
	book := backtest.Book{Accounts: []backtest.Account{{
		ID: "trader", CollateralUSD: decimal.NewFromInt(200),
		Positions: []backtest.Position{{Type: "future", Quantity: decimal.NewFromInt(10), EntryPrice: decimal.NewFromInt(100)}},
	}}}
	opts := backtest.DefaultOptions()
	opts.Config, opts.Book, opts.Params = cfg, &book, backtest.Static
	r, err := backtest.Run(context.Background(), inc, opts)
	if err != nil {
		panic(err)
	}
	for _, l := range r.Runs[0].Log {
		fmt.Printf("%s liquidated at %.2f: %.0f%% closed, bonus %.2f, shortfall %.2f\n",
			l.Account, l.Price, 100*l.Fraction, l.Bonus, l.Shortfall)
	}
	fmt.Printf("bad debt %.2f\n", r.Runs[0].BadDebt)
	// Output:
	// trader liquidated at 78.00: 100% closed, bonus 15.60, shortfall 35.60
	// bad debt 35.60
}
