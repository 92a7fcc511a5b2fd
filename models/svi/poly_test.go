package svi

import (
	"math"
	"testing"
)

func TestPolyRootsInFindsSignChangesInRange(t *testing.T) {
	tests := []struct {
		name   string
		p      poly
		lo, hi float64
		want   []float64
	}{
		// (x+1)(x−0.5)(x−1.5)(x−3) = x⁴ − 4x³ + 1.75x² + 4.5x − 2.25.
		{"four simple roots", mulQuadratics([3]float64{-0.5, 0.5, 1}, [3]float64{4.5, -4.5, 1}), -2, 4, []float64{-1, 0.5, 1.5, 3}},
		{"interval cuts roots", mulQuadratics([3]float64{-0.5, 0.5, 1}, [3]float64{4.5, -4.5, 1}), 0, 2, []float64{0.5, 1.5}},
		{"no real roots", mulQuadratics([3]float64{1, 0, 1}, [3]float64{2, 0, 1}), -5, 5, nil},
		{"cubic", poly{0, -1, 0, 1}, -2, 2, []float64{-1, 0, 1}},
		{"linear", poly{1, 2}, -1, 1, []float64{-0.5}},
		{"constant", poly{3}, -1, 1, nil},
		{"zero", poly{}, -1, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.p.rootsIn(tt.lo, tt.hi, nil)
			if len(got) != len(tt.want) {
				t.Fatalf("roots %v, want %v", got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-12 {
					t.Errorf("root %d = %.15g, want %g", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestCrossingQuarticVanishesWhereSlicesCross(t *testing.T) {
	r1 := Raw{A: 0.02, B: 0.1, Rho: -0.5, M: 0.1, Sigma: 0.2}
	r2 := Raw{A: 0.01, B: 0.2, Rho: 0.3, M: -0.2, Sigma: 0.1}
	q := crossingQuartic(r1, r2)
	d := func(k float64) float64 { return r2.TotalVariance(k) - r1.TotalVariance(k) }
	crossings := 0
	for _, k := range q.rootsIn(-3, 3, nil) {
		if math.Abs(d(k)) < 1e-12 {
			crossings++
		}
	}
	// Δ changes sign between these points.
	signs := 0
	prev := d(-3)
	for k := -3.0; k <= 3; k += 1e-4 {
		if cur := d(k); (cur < 0) != (prev < 0) {
			signs++
			prev = cur
		}
	}
	if crossings != signs || signs == 0 {
		t.Errorf("quartic has %d true crossings, dense scan %d sign changes", crossings, signs)
	}
}
