package merton

import (
	"math"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// TestSmileIsFlatWithoutJumps: with λ = 0 every strike's implied vol is the
// diffusion vol, to the round-trip precision of the implied-vol solver.
func TestSmileIsFlatWithoutJumps(t *testing.T) {
	o := Option{Spot: 100, T: 0.5, Rate: 0.03, Div: 0.01, Vol: 0.45}
	vols, err := o.Smile([]float64{50, 70, 90, 100, 110, 130, 160})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vols {
		if math.Abs(v-0.45) > 1e-12 {
			t.Errorf("strike %d: vol %.15f, want 0.45", i, v)
		}
	}
}

// TestCrashJumpsSkewTheSmile: with crash jumps the smile slopes down (puts
// dearer), every vol is above the diffusion vol (jumps add variance), and
// the implied vol reprices the Merton price through Black–Scholes.
func TestCrashJumpsSkewTheSmile(t *testing.T) {
	o := Option{Spot: 100, T: 0.25, Rate: 0.03, Vol: 0.5, Jumps: Jumps{Intensity: 2, MeanLog: -0.15, Vol: 0.1}}
	strikes := []float64{60, 70, 80, 90, 100, 110, 120, 130}
	vols, err := o.Smile(strikes)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vols {
		if v <= o.Vol {
			t.Errorf("K=%g: vol %g not above the diffusion vol", strikes[i], v)
		}
		if i > 0 && v >= vols[i-1] {
			t.Errorf("K=%g: vol %g not below K=%g's %g", strikes[i], v, strikes[i-1], vols[i-1])
		}
		q := o
		q.Strike, q.Type = strikes[i], callOrPut(strikes[i], o.diffusion().Forward())
		b := bs.Option{Type: q.Type, Spot: 100, Strike: q.Strike, T: q.T, Rate: q.Rate, Vol: v}
		if got, want := b.Price(), q.Price(); math.Abs(got-want) > 1e-12*want {
			t.Errorf("K=%g: Black–Scholes at the implied vol %.15g, Merton %.15g", strikes[i], got, want)
		}
	}
}
