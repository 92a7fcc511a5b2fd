package svi

import (
	"math/rand/v2"
	"testing"
)

// benchSlice is a 50-quote slice on k ∈ [−1, 1] with 20bp of seeded vol
// noise, so that the calibration does not start at an exact fit.
func benchSlice() ([]Quote, float64) {
	const tExp = 0.5
	r := Raw{A: 0.02, B: 0.15, Rho: -0.4, M: 0.05, Sigma: 0.2}
	return sliceQuotes(r, tExp, -1, 1, 50, 0.002, rand.New(rand.NewPCG(1, 1))), tExp
}

func BenchmarkCalibrate50(b *testing.B) {
	qs, tExp := benchSlice()
	b.ReportAllocs()
	var fit Fit
	for b.Loop() {
		var err error
		if fit, err = Calibrate(qs, tExp, CalibrateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(fit.Iterations), "iters/op")
}

func BenchmarkCalibrate50Noiseless(b *testing.B) {
	r := Raw{A: 0.02, B: 0.15, Rho: -0.4, M: 0.05, Sigma: 0.2}
	qs := sliceQuotes(r, 0.5, -1, 1, 50, 0, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Calibrate(qs, 0.5, CalibrateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInnerProblem50(b *testing.B) {
	qs, tExp := benchSlice()
	s, err := newSlice(qs, tExp)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.inner(0.1, 0.3)
	}
}

var sink float64

func BenchmarkTotalVariance(b *testing.B) {
	r := vogt
	k := -0.3
	for b.Loop() {
		sink += r.TotalVariance(k)
		k += 1e-9
	}
}

func BenchmarkCheckButterfly(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink += vogt.CheckButterfly(-1.5, 1.5, 301).MinG
	}
}

func BenchmarkCheckCalendar(b *testing.B) {
	surface := []Slice{
		{T: 0.25, Raw: Raw{A: 0.01, B: 0.1, Rho: -0.5, M: 0.02, Sigma: 0.15}},
		{T: 0.5, Raw: Raw{A: 0.02, B: 0.12, Rho: -0.45, M: 0.03, Sigma: 0.2}},
		{T: 1, Raw: Raw{A: 0.04, B: 0.13, Rho: -0.4, M: 0.05, Sigma: 0.25}},
		{T: 2, Raw: Raw{A: 0.08, B: 0.14, Rho: -0.35, M: 0.06, Sigma: 0.3}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckCalendar(surface, -1.5, 1.5, 301); err != nil {
			b.Fatal(err)
		}
	}
}
