package iv

import (
	"errors"
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
)

// maxIterations is the number of Householder(3) steps after the initial
// guess; the paper shows two always reach machine precision.
const maxIterations = 2

// ImpliedBlackVol returns the volatility σ at which Black(F, K, σ, T, typ)
// equals the undiscounted price, by Jäckel's "Let's Be Rational" method: a
// four-branch rational-cubic initial guess followed by at most two
// Householder(3) iterations on a branch-specific transformed objective.
//
// A price equal to the intrinsic value max(θ(F−K), 0) gives σ = 0. A price
// below it, or at or above the supremum (F for a call, K for a put), gives
// a *BoundsError matching ErrBelowIntrinsic or ErrAboveMaximum. Arguments
// that are NaN, infinite or out of domain (F, K, T ≤ 0) give an error
// wrapping ErrInvalidInput. Inputs so extreme that the time value divided
// by √(F·K) is subnormal, or that σ overflows, give ErrNotRepresentable.
//
// Within |ln(F/K)| ≤ 10·σ√T, one hour ≤ T ≤ five years and 0.01 ≤ σ ≤ 5,
// Black(F, K, σ, T, typ) reproduces the price to within 1e-12 relative
// (typically a few ulps), and σ is exact to the attainable accuracy
// (1 + p/(σ·∂p/∂σ))·ε up to a small factor.
func ImpliedBlackVol(price, F, K, T float64, typ bs.OptionType) (float64, error) {
	if err := checkBlackInputs(price, F, K, T, typ); err != nil {
		return 0, err
	}
	theta := typ.Sign()
	intrinsic := math.Max(theta*(F-K), 0)
	upper := F
	if typ == bs.Put {
		upper = K
	}
	if price < intrinsic || price >= upper {
		return 0, &BoundsError{Price: price, Lower: intrinsic, Upper: upper}
	}
	if price == intrinsic {
		return 0, nil
	}
	// Work with the out-of-the-money option: subtracting the intrinsic value
	// in price space is exact or nearly so, and b(x, s, θ) = b(−x, s, −θ)
	// maps puts to calls.
	otm := price
	if intrinsic > 0 {
		otm = price - intrinsic
		theta = -theta
	}
	x := math.Min(theta*logMoneyness(F, K), 0)
	beta := otm / (math.Sqrt(F) * math.Sqrt(K))
	if beta < dblMin {
		// A subnormal b carries too few significant bits to invert.
		return 0, fmt.Errorf("%w: normalised time value %g is subnormal", ErrNotRepresentable, beta)
	}
	s, ok := normalisedImpliedVolOTMCall(beta, x)
	if !ok {
		// The price is within rounding of the maximum.
		return 0, &BoundsError{Price: price, Lower: intrinsic, Upper: upper}
	}
	sigma := s / math.Sqrt(T)
	if !(sigma >= 0 && sigma <= math.MaxFloat64) {
		return 0, fmt.Errorf("%w: σ√T = %g, T = %g", ErrNotRepresentable, s, T)
	}
	return sigma, nil
}

// ImpliedVol returns the Black–Scholes–Merton implied volatility of a
// European option quoted in spot convention: spot S, continuously
// compounded rate r and dividend yield q, so that
//
//	F = S·exp((r−q)·T),  undiscounted price = price·exp(r·T),
//
// and then σ = ImpliedBlackVol(price·exp(rT), F, strike, T, typ). A
// *BoundsError reports its bounds discounted back to the caller's
// convention, i.e. intrinsic·exp(−rT) and F·exp(−rT) or K·exp(−rT). The
// bounds are checked after undiscounting, so a price computed as exactly
// the discounted intrinsic value may land one rounding on either side.
func ImpliedVol(price, spot, strike, T, rate, div float64, typ bs.OptionType) (float64, error) {
	switch {
	case !isFinite(spot) || spot <= 0:
		return 0, invalid("spot", spot, "finite and > 0")
	case !isFinite(rate):
		return 0, invalid("rate", rate, "finite")
	case !isFinite(div):
		return 0, invalid("div", div, "finite")
	}
	if err := checkBlackInputs(price, 1, strike, T, typ); err != nil {
		return 0, err
	}
	F := spot * math.Exp((rate-div)*T)
	df := math.Exp(-rate * T)
	if !isFinite(F) || F <= 0 {
		return 0, invalid("forward spot·exp((rate−div)·T)", F, "finite and > 0")
	}
	if !(df > 0 && df <= math.MaxFloat64) {
		return 0, invalid("discount factor exp(−rate·T)", df, "finite and > 0")
	}
	sigma, err := ImpliedBlackVol(price/df, F, strike, T, typ)
	var be *BoundsError
	if errors.As(err, &be) {
		return 0, &BoundsError{Price: price, Lower: be.Lower * df, Upper: be.Upper * df}
	}
	return sigma, err
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func checkBlackInputs(price, F, K, T float64, typ bs.OptionType) error {
	switch {
	case !isFinite(price):
		return invalid("price", price, "finite")
	case !isFinite(F) || F <= 0:
		return invalid("F", F, "finite and > 0")
	case !isFinite(K) || K <= 0:
		return invalid("strike K", K, "finite and > 0")
	case !isFinite(T) || T <= 0:
		return invalid("expiry T", T, "finite and > 0")
	case typ != bs.Call && typ != bs.Put:
		return invalid("option type", float64(typ), "bs.Call (1) or bs.Put (-1)")
	}
	return nil
}
