package svi

import (
	"math"
	"testing"
)

func TestNelderMeadMinimisesSmoothFunctions(t *testing.T) {
	tests := []struct {
		name string
		f    func(x [2]float64) float64
		x0   [2]float64
		want [2]float64
	}{
		{"rosenbrock", func(x [2]float64) float64 { return sq(1-x[0]) + 100*sq(x[1]-x[0]*x[0]) }, [2]float64{-1.2, 1}, [2]float64{1, 1}},
		{"tilted quadratic", func(x [2]float64) float64 { return sq(x[0]-0.3) + 10*sq(x[1]+x[0]-1) }, [2]float64{2, 2}, [2]float64{0.3, 0.7}},
		{"infinite outside a box", func(x [2]float64) float64 {
			if x[0] < 0 || x[1] < 0 {
				return math.Inf(1)
			}
			return sq(x[0]) + sq(x[1]-1)
		}, [2]float64{1, 2}, [2]float64{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, _, iters, ok := nelderMead(tt.f, tt.x0, [2]float64{0.1, 0.1}, 1e-10, 2000)
			if !ok || math.Abs(x[0]-tt.want[0]) > 1e-6 || math.Abs(x[1]-tt.want[1]) > 1e-6 {
				t.Errorf("got %v after %d iterations (ok=%t), want %v", x, iters, ok, tt.want)
			}
		})
	}
}

func TestBrentMinFindsInteriorMinimum(t *testing.T) {
	tests := []struct {
		name     string
		f        func(float64) float64
		a, b, at float64
	}{
		{"cosine", math.Cos, 2, 4, math.Pi},
		{"quartic", func(x float64) float64 { return sq(sq(x-0.7)) + x }, 0, 1, 0.7 - math.Cbrt(0.25)},
		{"monotone", func(x float64) float64 { return x }, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, fx := brentMin(tt.f, tt.a, tt.b, 1e-12)
			if math.Abs(x-tt.at) > 1e-6 || fx != tt.f(x) {
				t.Errorf("got x=%.12g f=%g, want x=%.12g", x, fx, tt.at)
			}
		})
	}
}
