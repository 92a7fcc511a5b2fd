package svi

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// vogt is the raw slice of Gatheral & Jacquier (2014), Example 3.1 (from
// Axel Vogt), at t = 1.
var vogt = Raw{A: -0.0410, B: 0.1331, Rho: 0.3060, M: 0.3586, Sigma: 0.4153}

// At k = m the raw slice reduces to a + bσ. Reference: QuantLib test-suite
// svivolatility.cpp, testSviSmileSection (tolerance 1e-10 there as well).
func TestTotalVarianceAtMIsAPlusBSigmaQuantLib(t *testing.T) {
	const (
		tte     = 11.0 / 365
		forward = 123.45
		tol     = 1e-10
	)
	r := Raw{A: -0.0666, B: 0.229, Rho: 0.439, M: 0.193, Sigma: 0.337}
	if err := r.Validate(); err != nil {
		t.Fatalf("QuantLib slice invalid: %v", err)
	}
	strike := forward * math.Exp(r.M)
	k := math.Log(strike / forward)
	if got, want := r.TotalVariance(k), 0.010573; math.Abs(got-want) > tol {
		t.Errorf("w(m) = %.12g, want %.12g", got, want)
	}
	if got, want := r.ImpliedVol(k, tte), math.Sqrt(0.010573/tte); math.Abs(got-want) > 1e-9 {
		t.Errorf("σ_BS(m) = %.12g, want %.12g", got, want)
	}
}

func TestValidateNamesTheFailingCondition(t *testing.T) {
	zeroMin := Raw{B: 0.1, Rho: 0.5, Sigma: 0.2}
	zeroMin.A = -zeroMin.B * zeroMin.Sigma * math.Sqrt(1-zeroMin.Rho*zeroMin.Rho)
	tests := []struct {
		name string
		raw  Raw
		cond string // empty when valid
	}{
		{"vogt is valid", vogt, ""},
		{"zero b is valid", Raw{A: 0.04, B: 0, Rho: 0, M: 0, Sigma: 0.1}, ""},
		{"zero minimum variance is valid", zeroMin, ""},
		{"negative b", Raw{A: 0.04, B: -0.1, Rho: 0, M: 0, Sigma: 0.1}, "b ≥ 0"},
		{"rho at one", Raw{A: 0.04, B: 0.1, Rho: 1, M: 0, Sigma: 0.1}, "|ρ| < 1"},
		{"rho below minus one", Raw{A: 0.04, B: 0.1, Rho: -1.5, M: 0, Sigma: 0.1}, "|ρ| < 1"},
		{"zero sigma", Raw{A: 0.04, B: 0.1, Rho: 0, M: 0, Sigma: 0}, "σ > 0"},
		{"negative variance", Raw{A: -0.05, B: 0.1, Rho: 0, M: 0, Sigma: 0.1}, "a + bσ√(1−ρ²) ≥ 0"},
		{"NaN a", Raw{A: math.NaN(), B: 0.1, Rho: 0, M: 0, Sigma: 0.1}, "a finite"},
		{"infinite m", Raw{A: 0.04, B: 0.1, Rho: 0, M: math.Inf(1), Sigma: 0.1}, "m finite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.raw.Validate()
			if tt.cond == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var pe *ParamError
			if !errors.As(err, &pe) || !errors.Is(err, ErrInvalidParams) {
				t.Fatalf("Validate() = %v, want a *ParamError matching ErrInvalidParams", err)
			}
			if pe.Cond != tt.cond || pe.Form != "raw" {
				t.Errorf("Cond = %q, Form = %q; want %q, raw", pe.Cond, pe.Form, tt.cond)
			}
			if !strings.HasPrefix(err.Error(), "svi: ") || !strings.Contains(err.Error(), tt.cond) {
				t.Errorf("message %q lacks prefix or condition", err)
			}
		})
	}
}

func TestMinTotalVarianceIsTheMinimum(t *testing.T) {
	r := Raw{A: 0.01, B: 0.2, Rho: -0.6, M: 0.1, Sigma: 0.25}
	// The minimum is at k = m − ρσ/√(1−ρ²).
	kStar := r.M - r.Rho*r.Sigma/math.Sqrt(1-r.Rho*r.Rho)
	if got, want := r.MinTotalVariance(), r.TotalVariance(kStar); !scalar.EqualWithinAbsOrRel(got, want, 1e-15, 1e-13) {
		t.Errorf("MinTotalVariance = %g, w(k*) = %g", got, want)
	}
	for _, dk := range []float64{-1e-3, 1e-3} {
		if r.TotalVariance(kStar+dk) < r.MinTotalVariance() {
			t.Errorf("w(k*%+g) below the minimum", dk)
		}
	}
}

func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	const h = 1e-4
	for _, r := range []Raw{vogt, {A: 0.02, B: 0.15, Rho: -0.4, M: 0.05, Sigma: 0.2}} {
		for _, k := range []float64{-1.2, -0.3, 0, 0.05, 0.4, 1.5} {
			w, w1, w2 := r.Derivatives(k)
			fd1 := (r.TotalVariance(k+h) - r.TotalVariance(k-h)) / (2 * h)
			fd2 := (r.TotalVariance(k+h) - 2*w + r.TotalVariance(k-h)) / (h * h)
			if !scalar.EqualWithinAbsOrRel(w1, fd1, 1e-8, 1e-7) || r.FirstDerivative(k) != w1 {
				t.Errorf("%+v: w'(%g) = %g, finite difference %g", r, k, w1, fd1)
			}
			if !scalar.EqualWithinAbsOrRel(w2, fd2, 1e-6, 1e-5) || r.SecondDerivative(k) != w2 {
				t.Errorf("%+v: w''(%g) = %g, finite difference %g", r, k, w2, fd2)
			}
		}
	}
}
