package merton

import (
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

var sinkFloat float64

// BenchmarkPrice prices a three-month put with about one crash a year
// (λ = 1, μJ = −10%, δJ = 15%), the regime the stressed-skew overlay works in.
func BenchmarkPrice(b *testing.B) {
	o := Option{Type: bs.Put, Spot: 100, Strike: 90, T: 0.25, Rate: 0.03, Vol: 0.5,
		Jumps: Jumps{Intensity: 1, MeanLog: -0.1, Vol: 0.15}}
	for i := 0; b.Loop(); i++ {
		o.Strike = 80 + float64(i&31)
		sinkFloat += o.Price()
	}
}

// BenchmarkPriceHighIntensity: λT = 5, so the series needs about 20 terms.
func BenchmarkPriceHighIntensity(b *testing.B) {
	o := Option{Type: bs.Call, Spot: 100, Strike: 110, T: 0.5, Rate: 0.08, Vol: 0.2,
		Jumps: Jumps{Intensity: 10, MeanLog: -0.02, Vol: 0.1}}
	for b.Loop() {
		sinkFloat += o.Price()
	}
}
