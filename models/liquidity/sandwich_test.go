package liquidity

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpectedLossByHand: 1 − (1−s)(1−r·τ), worked by hand, with invalid
// arguments read as 1 and the rest clamped to [0, 1].
func TestExpectedLossByHand(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name      string
		s, r, tau float64
		want      float64
	}{
		{"slippage above tolerance: 1 − 0.98·0.9997", 0.02, 0.03, 0.01, 0.020294},
		{"half sandwiched: 1 − 0.99·0.995", 0.01, 0.5, 0.01, 0.01495},
		{"half sandwiched: 1 − 0.996·0.995", 0.004, 0.5, 0.01, 0.00898},
		{"3% sandwiched: 1 − 0.996·0.9997", 0.004, 0.03, 0.01, 0.0042988},
		{"never sandwiched", 0.004, 0, 0.01, 0.004},
		{"always sandwiched: 1 − 0.996·0.99", 0.004, 1, 0.01, 0.01396},
		{"zero tolerance", 0.004, 1, 0, 0.004},
		{"NaN slippage", nan, 0, 0.01, 1},
		{"NaN rate", 0.004, nan, 0.01, 0.01396},
		{"NaN tolerance: 1 − 0.996·0.9", 0.004, 0.1, nan, 0.1036},
		{"negative slippage not credited", -0.05, 0, 0.01, 0},
		{"slippage above 1", 3, 0, 0.01, 1},
		{"rate above 1", 0.004, 7, 0.01, 0.01396},
		{"negative rate", 0.004, -1, 0.01, 0.004},
	}
	for _, tt := range tests {
		if got := ExpectedLoss(tt.s, tt.r, tt.tau); math.Abs(got-tt.want) > 1e-15*max(1, 100*tt.want) {
			t.Errorf("%s: ExpectedLoss(%g, %g, %g) = %.17g, want %.17g", tt.name, tt.s, tt.r, tt.tau, got, tt.want)
		}
	}
}

// TestExpectedLossMatchesSimulation: the expected loss is the mean loss of
// swaps of which a fraction r fill at their minimum output, the quote less
// the tolerance (an independent computation, by sampling).
func TestExpectedLossMatchesSimulation(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const n = 200000
	for _, tt := range []struct{ s, r, tau float64 }{{0.004, 0.1, 0.01}, {0.002, 0.4, 0.03}, {0.05, 0.3, 0.01}} {
		var sum, sumSq float64
		for range n {
			out := 1 - tt.s // per unit sold, at mid 1
			if rng.Float64() < tt.r {
				out *= 1 - tt.tau
			}
			loss := 1 - out
			sum += loss
			sumSq += loss * loss
		}
		mean := sum / n
		se := math.Sqrt((sumSq/n - mean*mean) / n)
		if got := ExpectedLoss(tt.s, tt.r, tt.tau); math.Abs(got-mean) > 5*se+1e-12 {
			t.Errorf("%+v: ExpectedLoss %.6g, sampled %.6g ± %.2g", tt, got, mean, se)
		}
	}
}

// TestExpectedLossMonotone: a larger slippage or sandwich rate never lowers
// the expected loss, exactly after rounding; a larger tolerance never lowers
// it by more than rounding.
func TestExpectedLossMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	draw := func() float64 {
		if rng.IntN(10) == 0 {
			return []float64{0, 1, -0.5, 1.5}[rng.IntN(4)]
		}
		return math.Pow(rng.Float64(), 3)
	}
	for range 200000 {
		s, r, tau := draw(), draw(), draw()
		base := ExpectedLoss(s, r, tau)
		if base < unit(s) || base > 1 {
			t.Fatalf("ExpectedLoss(%g, %g, %g) = %g outside [s, 1]", s, r, tau, base)
		}
		up := func(v float64) float64 { return v + (1-v)*rng.Float64()*math.Pow(10, -16*rng.Float64()) }
		if got := ExpectedLoss(up(s), r, tau); got < base {
			t.Fatalf("larger slippage lowered the loss: %g → %g (s %g r %g τ %g)", base, got, s, r, tau)
		}
		if got := ExpectedLoss(s, up(r), tau); got < base {
			t.Fatalf("larger sandwich rate lowered the loss: %g → %g (s %g r %g τ %g)", base, got, s, r, tau)
		}
		if got := ExpectedLoss(s, r, up(tau)); got < base-1e-15 {
			t.Fatalf("larger tolerance lowered the loss: %g → %g (s %g r %g τ %g)", base, got, s, r, tau)
		}
	}
}

// TestLossLimitInvertsExpectedLoss: the slippage lossLimit returns has an
// expected loss of the limit, and any more slippage exceeds it.
func TestLossLimitInvertsExpectedLoss(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for range 50000 {
		m, r, tau := 0.2*rng.Float64(), rng.Float64(), 0.2*rng.Float64()
		s := lossLimit(m, r, tau)
		if s < 0 {
			if got := ExpectedLoss(0, r, tau); got <= m {
				t.Fatalf("m %g r %g τ %g: limit %g below zero, yet a frictionless sale loses %g", m, r, tau, s, got)
			}
			continue
		}
		if got := ExpectedLoss(s, r, tau); math.Abs(got-m) > 1e-12 {
			t.Fatalf("m %g r %g τ %g: ExpectedLoss(lossLimit) = %.17g", m, r, tau, got)
		}
		if got := ExpectedLoss(s+1e-9, r, tau); got <= m && r < 1-1e-6 {
			t.Fatalf("m %g r %g τ %g: slippage past the limit loses only %.17g", m, r, tau, got)
		}
	}
}
