package margin_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/models/margin"
)

// A venue builds one market's risk arrays once, on the default SPAN-16 grid,
// and margins accounts against them: here a short BTC strangle hedged with
// a little perpetual, then the same account at the money boundary, in
// dollars rounded up to the cent.
func Example() {
	btc := margin.Market{Spot: 60000, Rate: 0.05, Surface: margin.FlatVol(0.55)}
	instruments := []margin.Instrument{
		margin.Call(66000, 14.0/365),
		margin.Put(54000, 14.0/365),
		margin.LinearFuture(),
	}
	arrays := margin.BuildRiskArrays(btc, margin.NewGrid(margin.DefaultParams()), instruments)

	r := arrays.Margin([]margin.Holding{{Instrument: 0, Quantity: -2}, {Instrument: 1, Quantity: -2}, {Instrument: 2, Quantity: 0.1}})
	s := arrays.Grid().Scenarios[r.WorstScenario]
	fmt.Printf("worst scenario %d: spot %+.0f%%, vol shock %+.0f%%, loss %.2f\n", r.WorstScenario+1, 100*s.PriceMove, 100*s.VolShock, r.ScenarioLoss)
	fmt.Printf("oracle %.2f, fail %.2f, short-option floor %.2f\n", r.Oracle, r.Fail, r.ShortOption)
	fmt.Printf("maintenance %.2f, initial %.2f\n", r.Maintenance, r.Initial)

	req, err := margin.MarginDecimal([]margin.DecimalBook{{
		Arrays: arrays,
		Holdings: []margin.DecimalHolding{
			{Instrument: 0, Quantity: decimal.RequireFromString("-2")},
			{Instrument: 1, Quantity: decimal.RequireFromString("-2")},
			{Instrument: 2, Quantity: decimal.RequireFromString("0.1")},
		},
	}}, 2)
	if err != nil {
		panic(err)
	}
	fmt.Println("rounded up: maintenance", req.Maintenance.StringFixed(2), "initial", req.Initial.StringFixed(2))
	// Output:
	// worst scenario 11: spot +15%, vol shock +45%, loss 9809.52
	// oracle 6.69, fail 0.00, short-option floor 0.00
	// maintenance 9816.21, initial 12270.27
	// rounded up: maintenance 9816.22 initial 12270.27
}
