package margin

import (
	"math/rand/v2"
	"testing"
)

var sinkResult Result

// BenchmarkRiskArrays1000 builds the arrays of 1,000 random instruments
// (90% options, strikes ±30% in log, expiries a day to a year) on the
// default 16-scenario grid. Budget: 5 ms.
func BenchmarkRiskArrays1000(b *testing.B) {
	ins := randomInstruments(rand.New(rand.NewPCG(31, 32)), 1000)
	g := NewGrid(DefaultParams())
	for b.Loop() {
		ra, err := NewRiskArrays(testMarket, g, ins)
		if err != nil {
			b.Fatal(err)
		}
		sinkResult.ScenarioLoss += ra.Loss(0, 0)
	}
}

// BenchmarkMargin100 margins an account of 100 holdings drawn from 1,000
// instruments on the default grid. Budget: 10 µs.
func BenchmarkMargin100(b *testing.B) {
	rng := rand.New(rand.NewPCG(33, 34))
	ins := randomInstruments(rng, 1000)
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), ins)
	hs := make([]Holding, 100)
	for k := range hs {
		hs[k] = Holding{Instrument: rng.IntN(len(ins)), Quantity: rng.Float64()*10 - 5}
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkResult = ra.Margin(hs)
	}
}
