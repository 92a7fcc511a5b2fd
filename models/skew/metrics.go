package skew

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/svi"
)

// SkewMetrics are the quantities a desk quotes a smile by. Strikes are in
// log-moneyness k = ln(K/F) and the deltas are forward Black deltas at the
// strike's own smile vol, undiscounted and not premium-adjusted:
//
//	Δ_call = Φ(d₁),  Δ_put = Φ(d₁) − 1,  d₁ = −k/√w(k) + √w(k)/2.
type SkewMetrics struct {
	// ATMVol is the implied vol at the forward, k = 0.
	ATMVol float64
	// Call25K and Put25K are the log-moneyness of the 25-delta call
	// (Δ = 0.25) and put (Δ = −0.25); Call25Vol and Put25Vol their vols.
	Call25K, Put25K     float64
	Call25Vol, Put25Vol float64
	// RiskReversal25 is σ(25Δ call) − σ(25Δ put): negative when puts are
	// dearer than calls.
	RiskReversal25 float64
	// Butterfly25 is (σ(25Δ call) + σ(25Δ put))/2 − σ_ATM, the convexity
	// of the smile.
	Butterfly25 float64
}

// z25 is Φ⁻¹(0.75): the 25-delta call has d₁ = −z25 and the 25-delta put
// d₁ = +z25.
const z25 = 0.6744897501960817

// Metrics returns the ATM vol, 25-delta strikes, risk reversal and
// butterfly of the slice r at expiry t (years).
//
// The 25-delta strikes solve d₁(k) = ∓Φ⁻¹(0.75) on the smile: starting at
// the forward, steps of half an ATM standard deviation bracket the first
// root on the side where it lies, and bisection narrows the bracket to
// double precision. d₁ decreases in k on every slice free of butterfly
// arbitrage, so the root is then unique. Metrics fails with a *ParamError
// of package svi for an invalid slice, an *InputError for a bad expiry or a
// zero ATM variance, and ErrNoDeltaStrike when no root lies within 40 ATM
// standard deviations.
func Metrics(r svi.Raw, t float64) (SkewMetrics, error) {
	if err := r.Validate(); err != nil {
		return SkewMetrics{}, fmt.Errorf("skew: slice: %w", err)
	}
	if !(t > 0) || math.IsInf(t, 0) {
		return SkewMetrics{}, &InputError{Name: "expiry", Value: t, Want: "positive and finite"}
	}
	w0 := r.TotalVariance(0)
	if !(w0 > 0) {
		return SkewMetrics{}, &InputError{Name: "ATM total variance", Value: w0, Want: "positive"}
	}
	call, err := deltaStrike(r, -z25, math.Sqrt(w0))
	if err != nil {
		return SkewMetrics{}, fmt.Errorf("%w: call side: %w", ErrNoDeltaStrike, err)
	}
	put, err := deltaStrike(r, z25, math.Sqrt(w0))
	if err != nil {
		return SkewMetrics{}, fmt.Errorf("%w: put side: %w", ErrNoDeltaStrike, err)
	}
	m := SkewMetrics{
		ATMVol:    math.Sqrt(w0 / t),
		Call25K:   call,
		Put25K:    put,
		Call25Vol: r.ImpliedVol(call, t),
		Put25Vol:  r.ImpliedVol(put, t),
	}
	m.RiskReversal25 = m.Call25Vol - m.Put25Vol
	m.Butterfly25 = (m.Call25Vol+m.Put25Vol)/2 - m.ATMVol
	return m, nil
}

// d1 returns Black's d₁ at log-moneyness k on the smile r.
func d1(r svi.Raw, k float64) float64 {
	s := math.Sqrt(r.TotalVariance(k))
	return -k/s + s/2
}

// deltaStrike returns the k nearest the forward with d₁(k) = target, for a
// smile whose ATM total standard deviation is atmStd.
func deltaStrike(r svi.Raw, target, atmStd float64) (float64, error) {
	f := func(k float64) float64 { return d1(r, k) - target }
	// d₁ falls with k, so the root lies to the right when f(0) > 0.
	lo, flo := 0.0, f(0)
	if flo == 0 {
		return 0, nil
	}
	step := atmStd / 2
	if flo < 0 {
		step = -step
	}
	const maxSteps = 80 // 40 ATM standard deviations
	for range maxSteps {
		hi := lo + step
		fhi := f(hi)
		if fhi == 0 {
			return hi, nil
		}
		if (fhi > 0) != (flo > 0) {
			return bisect(f, lo, hi, flo), nil
		}
		lo, flo = hi, fhi
	}
	return 0, fmt.Errorf("d₁ does not reach %g within %g of the forward", target, maxSteps*math.Abs(step))
}

// bisect narrows a bracket [a, b] of a sign change of f, with fa = f(a), to
// adjacent floating-point numbers and returns its midpoint.
func bisect(f func(float64) float64, a, b, fa float64) float64 {
	for {
		m := a + (b-a)/2
		if m == a || m == b {
			return m
		}
		fm := f(m)
		if fm == 0 {
			return m
		}
		if (fm > 0) == (fa > 0) {
			a, fa = m, fm
		} else {
			b = m
		}
	}
}
