package bs

import (
	"math/rand/v2"
	"testing"
)

var sinkFloat float64

func benchOptions(n int) []Option {
	rng := rand.New(rand.NewPCG(7, 8))
	opts := make([]Option, n)
	for i := range opts {
		opts[i] = randomOption(rng)
	}
	return opts
}

// BenchmarkPrice prices one three-month option at varying strikes near the
// money: the inner loop of a risk array.
func BenchmarkPrice(b *testing.B) {
	o := Option{Type: Call, Spot: 100, Strike: 100, T: 0.25, Rate: 0.05, Div: 0.01, Vol: 0.6}
	for i := 0; b.Loop(); i++ {
		o.Strike = 90 + float64(i&15)
		sinkFloat += o.Price()
	}
}

// BenchmarkPriceMixed cycles over 1024 random calls and puts (strikes ±150%
// in log, expiries of a day to years), so branch prediction cannot help.
func BenchmarkPriceMixed(b *testing.B) {
	opts := benchOptions(1024)
	for i := 0; b.Loop(); i++ {
		sinkFloat += opts[i&1023].Price()
	}
}

func BenchmarkGreeks(b *testing.B) {
	opts := benchOptions(1024)
	for i := 0; b.Loop(); i++ {
		sinkFloat += opts[i&1023].Greeks().Gamma
	}
}
