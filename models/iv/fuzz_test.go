package iv

import (
	"errors"
	"math"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// repricingTolerance is the absolute tolerance for Black(σ̂) against the
// quoted price. The relative part reflects the attainable accuracy of the
// normalised Black function, whose exponent (h² + t²)/2, h = x/s, t = s/2,
// and prefactor exp(±x/2) carry the rounding of their arguments: 1e-12 in
// the acceptance domain, growing only for |x/s| ≳ 50 or |ln(F/K)| ≳ 500.
// The absolute part covers prices within a few hundred ulps of underflow.
func repricingTolerance(price, F, K, sigma, T float64) float64 {
	x := logMoneyness(F, K)
	s := sigma * math.Sqrt(T)
	h, t := x/s, s/2
	rel := math.Max(1e-12, 16*dblEpsilon*(1+h*h+t*t+math.Abs(x)))
	return rel*price + 1e-300
}

func FuzzImpliedBlackVol(f *testing.F) {
	f.Add(3.441215, 100.0, 110.0, 0.5, false)
	f.Add(12.0, 100.0, 110.0, 0.5, true)
	f.Add(1e-30, 100.0, 180.0, 1.0/8760, false)
	f.Add(99.999999, 100.0, 0.001, 5.0, false)
	f.Add(20.000000001, 120.0, 100.0, 0.25, false)
	f.Add(0.0, 100.0, 100.0, 1.0, true)
	f.Add(100.0, 100.0, 100.0, 1.0, false)
	f.Add(-1.0, 100.0, 100.0, 1.0, false)
	f.Add(math.NaN(), 100.0, 100.0, 1.0, false)
	f.Add(1.0, math.Inf(1), 100.0, 1.0, false)
	f.Add(1e-300, 1e-150, 1e150, 1e-10, true)
	f.Add(5e-324, 1e300, 1e-300, 1e300, false)
	f.Fuzz(func(t *testing.T, price, F, K, T float64, put bool) {
		typ := bs.Call
		if put {
			typ = bs.Put
		}
		sigma, err := ImpliedBlackVol(price, F, K, T, typ)
		if err != nil {
			if sigma != 0 {
				t.Fatalf("σ = %g returned with error %v", sigma, err)
			}
			if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrBelowIntrinsic) &&
				!errors.Is(err, ErrAboveMaximum) && !errors.Is(err, ErrNotRepresentable) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if math.IsNaN(sigma) || math.IsInf(sigma, 0) || sigma < 0 {
			t.Fatalf("ImpliedBlackVol(%g, %g, %g, %g, %v) = %g with nil error", price, F, K, T, typ, sigma)
		}
		repriced := Black(F, K, sigma, T, typ)
		if sigma == 0 {
			// Only returned for a price equal to the intrinsic value.
			if repriced != price {
				t.Fatalf("ImpliedBlackVol(%g, %g, %g, %g, %v) = 0 but intrinsic is %g", price, F, K, T, typ, repriced)
			}
			return
		}
		if d := math.Abs(repriced - price); !(d <= repricingTolerance(price, F, K, sigma, T)) {
			t.Fatalf("ImpliedBlackVol(%g, %g, %g, %g, %v) = %.17g reprices to %.17g (diff %.3g)", price, F, K, T, typ, sigma, repriced, d)
		}
	})
}

// FuzzImpliedBlackVolRoundTrip prices with Black first, so that nearly
// every input lands strictly inside the no-arbitrage bounds.
func FuzzImpliedBlackVolRoundTrip(f *testing.F) {
	f.Add(100.0, 110.0, 0.25, 0.5, false)
	f.Add(100.0, 60.0, 0.01, 1.0/8760, true)
	f.Add(100.0, 1e-20, 5.0, 5.0, false)
	f.Add(1e-100, 1e100, 3.0, 100.0, true)
	f.Add(7.0, 7.0, 1e-9, 1e-9, false)
	f.Fuzz(func(t *testing.T, F, K, sigma, T float64, put bool) {
		typ := bs.Call
		if put {
			typ = bs.Put
		}
		price := Black(F, K, sigma, T, typ)
		if math.IsNaN(price) {
			return
		}
		got, err := ImpliedBlackVol(price, F, K, T, typ)
		if err != nil {
			if errors.Is(err, ErrBelowIntrinsic) {
				t.Fatalf("Black(%g, %g, %g, %g, %v) = %g reported below intrinsic: %v", F, K, sigma, T, typ, price, err)
			}
			return
		}
		repriced := Black(F, K, got, T, typ)
		if got == 0 {
			if repriced != price {
				t.Fatalf("σ = 0 for price %g above intrinsic %g", price, repriced)
			}
			return
		}
		if d := math.Abs(repriced - price); !(d <= repricingTolerance(price, F, K, got, T)) {
			t.Fatalf("Black(%g, %g, %g, %g, %v) = %.17g; σ̂ = %.17g reprices to %.17g", F, K, sigma, T, typ, price, got, repriced)
		}
	})
}
