package svi

import (
	"math"
	"testing"
)

// Gatheral & Jacquier (2014), Example 3.1: Vogt's slice has butterfly
// arbitrage. The reference minimum of g, −0.0328636 at k ≈ 0.87926, was
// recomputed by a brute-force scan of k ∈ [−1.5, 1.5] with step 1e-5.
func TestCheckButterflyFindsVogtArbitrage(t *testing.T) {
	const (
		wantG = -0.0328636
		wantK = 0.87926
	)
	for _, n := range []int{31, 301, 3001} {
		rep := vogt.CheckButterfly(-1.5, 1.5, n)
		if rep.Free {
			t.Errorf("n=%d: reported free", n)
		}
		if math.Abs(rep.MinG-wantG) > 1e-6 || math.Abs(rep.KAtMinG-wantK) > 1e-3 {
			t.Errorf("n=%d: min g = %.8f at k = %.6f, want %.7f at %.5f", n, rep.MinG, rep.KAtMinG, wantG, wantK)
		}
	}
}

// The refined minimiser is exact to far better than the grid step: g′
// vanishes there.
func TestCheckButterflyLocatesTheMinimumPrecisely(t *testing.T) {
	rep := vogt.CheckButterfly(-1.5, 1.5, 61)
	const h = 1e-6
	for _, dk := range []float64{-h, h} {
		if g := vogt.G(rep.KAtMinG + dk); g < rep.MinG {
			t.Errorf("g(k*%+g) = %.12g below reported minimum %.12g", dk, g, rep.MinG)
		}
	}
}

func TestCheckButterflyReportsEndpointMinimum(t *testing.T) {
	// g of a symmetric, arbitrage-free slice decreases into the wings.
	r := Raw{A: 0.04, B: 0.1, Rho: 0, M: 0, Sigma: 0.2}
	rep := r.CheckButterfly(-1, 1, 101)
	if !rep.Free || math.Abs(math.Abs(rep.KAtMinG)-1) > 1e-12 {
		t.Errorf("got %+v, want free with minimum at an end point", rep)
	}
	if rep.MinG != r.G(rep.KAtMinG) {
		t.Errorf("MinG %g is not g(KAtMinG) %g", rep.MinG, r.G(rep.KAtMinG))
	}
}

// Where w = 0 and w′ = 0, g is 0/0: the report must say so rather than
// call the slice free.
func TestCheckButterflyReportsUndefinedG(t *testing.T) {
	r := Raw{B: 0.1, Sigma: 0.2}
	r.A = -r.B * r.Sigma // at run time, so that w(0) is exactly 0
	rep := r.CheckButterfly(-1, 1, 3)
	if rep.Free || !math.IsNaN(rep.MinG) || rep.KAtMinG != 0 {
		t.Errorf("got %+v, want NaN at k = 0, not free", rep)
	}
}

func TestCheckButterflyPanicsOnBadGrid(t *testing.T) {
	for _, g := range []struct {
		kMin, kMax float64
		n          int
	}{{-1, 1, 1}, {1, -1, 10}, {0, 0, 10}, {math.NaN(), 1, 10}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("CheckButterfly(%g, %g, %d) did not panic", g.kMin, g.kMax, g.n)
				}
			}()
			vogt.CheckButterfly(g.kMin, g.kMax, g.n)
		}()
	}
}

// For an arbitrage-free slice p(k) is a probability density of k = ln(S_T/F)
// with E[e^k] = 1; the repaired slices of Gatheral & Jacquier (2014, §5.1)
// decay fast enough for a trapezoidal rule on [−8, 8].
func TestDensityIntegratesToOneWithUnitMean(t *testing.T) {
	const (
		kLo, kHi = -8.0, 8.0
		steps    = 16000
		tol      = 1e-8
	)
	for name, jw := range map[string]JumpWings{
		"guaranteed": {V: vogtJW.V, Psi: vogtJW.Psi, P: vogtJW.P, C: 0.3493158, VTilde: 0.01548182},
		"optimal":    {V: vogtJW.V, Psi: vogtJW.Psi, P: vogtJW.P, C: 0.8564763, VTilde: 0.0116249},
	} {
		r, err := jw.Raw(1)
		if err != nil {
			t.Fatal(err)
		}
		h := (kHi - kLo) / steps
		var mass, mean float64
		for i := 0; i <= steps; i++ {
			k := kLo + float64(i)*h
			wt := h
			if i == 0 || i == steps {
				wt /= 2
			}
			p := r.Density(k)
			if p < 0 {
				t.Fatalf("%s: p(%g) = %g < 0", name, k, p)
			}
			mass += wt * p
			mean += wt * p * math.Exp(k)
		}
		if math.Abs(mass-1) > tol || math.Abs(mean-1) > tol {
			t.Errorf("%s: ∫p = %.12f, ∫e^k p = %.12f, want 1", name, mass, mean)
		}
	}
}

func TestDensityHasTheSignOfG(t *testing.T) {
	for k := -1.5; k <= 1.5; k += 0.01 {
		if g, p := vogt.G(k), vogt.Density(k); (g < 0) != (p < 0) {
			t.Fatalf("k=%g: g=%g but p=%g", k, g, p)
		}
	}
}
