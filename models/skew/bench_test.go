package skew

import (
	"fmt"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// BenchmarkStressSlice times one expiry on the default grid, pricing,
// inversion and SVI refit included, at half and full stress; the one-month
// and seven-month slices bracket the cost, which grows with λT.
func BenchmarkStressSlice(b *testing.B) {
	cfg := DefaultConfig()
	for _, sl := range []namedSlice{baseSlices()[0], baseSlices()[2], baseSlices()[3]} {
		for _, s := range []float64{0.5, 1} {
			b.Run(fmt.Sprintf("%s/s=%g", sl.name, s), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := StressSlice(sl.Raw, sl.T, s, cfg); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkStressSurface times the four ETH expiries at full stress, with
// the calendar check.
func BenchmarkStressSurface(b *testing.B) {
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := StressSurface(ethSurface, 1, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStressedPrice times one 25-delta-like put on the three-month
// ETH slice at full stress, quadrature rules built from scratch.
func BenchmarkStressedPrice(b *testing.B) {
	cfg := DefaultConfig()
	sl := ethSurface[2]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Price(sl.Raw, sl.T, 3207.95, 2800, 1, bs.Put, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMetrics(b *testing.B) {
	sl := ethSurface[2]
	for b.Loop() {
		if _, err := Metrics(sl.Raw, sl.T); err != nil {
			b.Fatal(err)
		}
	}
}
