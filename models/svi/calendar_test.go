package svi

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCheckCalendarReportsCrossingSlices(t *testing.T) {
	// w₂ − w₁ = 0.01 + 0.08k, negative for k < −0.125 and worst at k = −1.
	early := Slice{T: 0.5, Raw: Raw{A: 0.02, B: 0.1, Rho: -0.5, M: 0, Sigma: 0.2}}
	late := Slice{T: 1, Raw: Raw{A: 0.03, B: 0.1, Rho: 0.3, M: 0, Sigma: 0.2}}
	later := Slice{T: 2, Raw: Raw{A: 0.2, B: 0.1, Rho: 0.3, M: 0, Sigma: 0.2}}
	surface := []Slice{later, late, early}
	before := slices.Clone(surface)

	err := CheckCalendar(surface, -1, 1, 41)
	var ce *CalendarArbitrageError
	if !errors.As(err, &ce) {
		t.Fatalf("CheckCalendar() = %v, want *CalendarArbitrageError", err)
	}
	if ce.T1 != 0.5 || ce.T2 != 1 || math.Abs(ce.K+1) > 1e-12 {
		t.Errorf("got T1=%g T2=%g K=%g, want 0.5, 1, −1", ce.T1, ce.T2, ce.K)
	}
	if math.Abs(ce.W1-ce.W2-0.07) > 1e-12 || ce.W1 != early.Raw.TotalVariance(ce.K) {
		t.Errorf("W1=%g W2=%g, want a decrease of 0.07", ce.W1, ce.W2)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "svi: calendar arbitrage") || !strings.Contains(msg, "t=0.5 and t=1") {
		t.Errorf("message %q", msg)
	}
	if !slices.Equal(surface, before) {
		t.Errorf("CheckCalendar reordered its argument")
	}
}

func TestCheckCalendarAcceptsNestedSlices(t *testing.T) {
	base := Raw{A: 0.01, B: 0.12, Rho: -0.4, M: 0.05, Sigma: 0.25}
	var surface []Slice
	for _, tExp := range []float64{2, 0.25, 1, 0.5} {
		// a and b both grow with t while the shape term b(ρx + √(x²+σ²))
		// stays non-negative, so w grows with t at every k.
		r := base
		r.A += 0.02 * tExp
		r.B *= 1 + 0.1*tExp
		surface = append(surface, Slice{T: tExp, Raw: r})
	}
	slices.SortFunc(surface, func(a, b Slice) int { return int(math.Copysign(1, b.T-a.T)) })
	if err := CheckCalendar(surface, -2, 2, 101); err != nil {
		t.Fatalf("CheckCalendar() = %v, want nil", err)
	}
	if err := CheckCalendar(surface[:1], -2, 2, 101); err != nil {
		t.Fatalf("single slice: %v", err)
	}
}

// With only the two end points on the grid, a dip of the later slice below
// the earlier one near the money is still found, through the crossing
// quartic, and refined to the dense-scan minimum.
func TestCheckCalendarFindsDipBetweenGridPoints(t *testing.T) {
	early := Slice{T: 0.5, Raw: Raw{A: 0.04, B: 0.1, Rho: 0, M: 0, Sigma: 0.01}}
	late := Slice{T: 0.75, Raw: Raw{A: 0.034, B: 0.11, Rho: 0, M: 0, Sigma: 0.05}}
	// The interval is asymmetric so that its midpoint, k = 1, is no
	// violation either.
	const kMin, kMax = -1, 3
	for _, k := range []float64{kMin, (kMin + kMax) / 2, kMax} {
		if late.Raw.TotalVariance(k) <= early.Raw.TotalVariance(k) {
			t.Fatalf("test slices cross at %g", k)
		}
	}
	// The difference is even in k; scan k ≥ 0 densely.
	kWant, dWant := 0.0, math.Inf(1)
	for k := 0.0; k <= 1; k += 1e-6 {
		if d := late.Raw.TotalVariance(k) - early.Raw.TotalVariance(k); d < dWant {
			kWant, dWant = k, d
		}
	}

	err := CheckCalendar([]Slice{early, late}, kMin, kMax, 2)
	var ce *CalendarArbitrageError
	if !errors.As(err, &ce) {
		t.Fatalf("CheckCalendar() = %v, want *CalendarArbitrageError", err)
	}
	if math.Abs(math.Abs(ce.K)-kWant) > 1e-5 || math.Abs(ce.W2-ce.W1-dWant) > 1e-12 {
		t.Errorf("got %+v, want decrease %g at |k| = %g", ce, -dWant, kWant)
	}
}

// On random pairs of slices a coarse check must agree with a dense scan.
func TestCheckCalendarAgreesWithDenseScan(t *testing.T) {
	const (
		kMin, kMax = -1.5, 1.5
		dense      = 30001
		margin     = 1e-9
	)
	rng := rand.New(rand.NewPCG(42, 7))
	found := 0
	for range 300 {
		s1 := Slice{T: 0.5, Raw: randomRaw(rng)}
		s2 := Slice{T: 1, Raw: randomRaw(rng)}
		s2.Raw.A += 0.05 * rng.Float64()
		worst := math.Inf(1)
		for i := range dense {
			k := kMin + (kMax-kMin)*float64(i)/(dense-1)
			worst = min(worst, s2.Raw.TotalVariance(k)-s1.Raw.TotalVariance(k))
		}
		err := CheckCalendar([]Slice{s2, s1}, kMin, kMax, 7)
		var ce *CalendarArbitrageError
		switch {
		case worst < -margin:
			found++
			if !errors.As(err, &ce) {
				t.Fatalf("%+v, %+v: dense scan finds %g, check returns %v", s1, s2, worst, err)
			}
			if d := ce.W2 - ce.W1; d > worst+margin {
				t.Errorf("reported decrease %g smaller than dense scan's %g", d, worst)
			}
		case worst > margin && err != nil:
			t.Fatalf("%+v, %+v: dense scan minimum %g, check returns %v", s1, s2, worst, err)
		}
	}
	if found < 30 {
		t.Fatalf("only %d of 300 random pairs had arbitrage: test is weak", found)
	}
}

func TestCheckCalendarRejectsBadSlices(t *testing.T) {
	good := Raw{A: 0.02, B: 0.1, Rho: -0.5, M: 0, Sigma: 0.2}
	tests := []struct {
		name    string
		surface []Slice
		invalid bool // wraps ErrInvalidParams
	}{
		{"invalid raw", []Slice{{T: 1, Raw: good}, {T: 2, Raw: Raw{A: 0.02, B: -1, Sigma: 0.1}}}, true},
		{"zero expiry", []Slice{{T: 0, Raw: good}, {T: 2, Raw: good}}, false},
		{"NaN expiry", []Slice{{T: math.NaN(), Raw: good}, {T: 2, Raw: good}}, false},
		{"shared expiry", []Slice{{T: 1, Raw: good}, {T: 1, Raw: good}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCalendar(tt.surface, -1, 1, 11)
			var ce *CalendarArbitrageError
			if err == nil || errors.As(err, &ce) || errors.Is(err, ErrInvalidParams) != tt.invalid {
				t.Fatalf("CheckCalendar() = %v", err)
			}
		})
	}
}
