package skew

import (
	"errors"
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
	"github.com/infrarisk/infrarisk/models/svi"
)

// butterflyPoints is the number of points at which StressSlice scans the
// refitted slice for butterfly arbitrage before refining.
const butterflyPoints = 201

// StressedSlice is one expiry's stressed smile.
type StressedSlice struct {
	// Raw is the stressed smile fitted back to raw SVI; at stress 0 it is
	// the base slice itself.
	Raw svi.Raw
	// RMSE and MaxAbsErr measure, in implied volatility, how far Raw is
	// from the stressed vols it was fitted to (zero at stress 0).
	RMSE, MaxAbsErr float64
	// Intensity is the crash intensity λ per year that was applied.
	Intensity float64
	// LogMoneyness is the grid k = ln(K/F) and Vols the stressed implied
	// volatilities on it, before the SVI fit.
	LogMoneyness, Vols []float64
}

// StressSlice returns the smile of the base slice at expiry t (years) under
// stress index s ∈ [0, 1]: crash jumps of intensity cfg.Intensity(s) are
// overlaid on the base distribution, the options on the grid described by
// cfg are repriced and inverted to implied vols, and the vols are fitted to
// raw SVI warm-started from the base. At zero intensity the base slice is
// returned unchanged.
//
// The refitted slice is checked for butterfly arbitrage on twice the grid's
// span; if it has some, it is returned with a *ButterflyError. A fit that
// stops short of its tolerance is returned too, with an error matching
// svi.ErrNoConvergence. The other errors, returned without a slice, are a
// *ConfigError, an *InputError for s, t or a too large λT, an
// *svi.ParamError (wrapped) for an invalid base, and the errors of an
// implied-volatility inversion or of the fit.
func StressSlice(base svi.Raw, t, s float64, cfg Config) (StressedSlice, error) {
	lambda, err := checkInputs(base, t, s, cfg)
	if err != nil {
		return StressedSlice{}, err
	}
	jumps := cfg.Jumps(s)
	jumpVar := jumps.MeanLog*jumps.MeanLog + jumps.Vol*jumps.Vol
	halfWidth := cfg.GridWidth * math.Sqrt(base.TotalVariance(0)+lambda*t*jumpVar)
	n := cfg.GridPoints
	out := StressedSlice{
		Raw:          base,
		Intensity:    lambda,
		LogMoneyness: make([]float64, n),
		Vols:         make([]float64, n),
	}
	for i := range out.LogMoneyness {
		out.LogMoneyness[i] = halfWidth * (2*float64(i)/float64(n-1) - 1)
	}
	if lambda == 0 {
		for i, k := range out.LogMoneyness {
			out.Vols[i] = base.ImpliedVol(k, t)
		}
		return out, nil
	}

	o := newOverlay(base, t, jumps)
	quotes := make([]svi.Quote, n)
	for i, k := range out.LogMoneyness {
		typ := bs.Call
		if k < 0 {
			typ = bs.Put
		}
		// With F = 1 and K = e^k the price is √K times the normalised one.
		vol, err := iv.ImpliedBlackVol(math.Exp(k/2)*o.price(k, typ), 1, math.Exp(k), t, typ)
		if err != nil {
			return StressedSlice{}, fmt.Errorf("skew: stressed vol at k=%g: %w", k, err)
		}
		out.Vols[i] = vol
		quotes[i] = svi.Quote{LogMoneyness: k, Vol: vol, Weight: 1}
	}
	fit, err := svi.Calibrate(quotes, t, svi.CalibrateOptions{
		Starts: []svi.Start{{M: base.M, Sigma: base.Sigma}},
	})
	if err != nil && !errors.Is(err, svi.ErrNoConvergence) {
		return StressedSlice{}, fmt.Errorf("skew: fitting the stressed smile: %w", err)
	}
	out.Raw, out.RMSE, out.MaxAbsErr = fit.Raw, fit.RMSE, fit.MaxAbsErr
	if err != nil {
		return out, fmt.Errorf("skew: fitting the stressed smile: %w", err)
	}
	if rep := out.Raw.CheckButterfly(-2*halfWidth, 2*halfWidth, butterflyPoints); !rep.Free {
		return out, &ButterflyError{K: rep.KAtMinG, G: rep.MinG}
	}
	return out, nil
}

// Price returns the undiscounted price of a European call or put (typ) on
// the forward with the given strike and expiry t (years) when the base
// slice's distribution is stressed at index s: the package formula with
// λ = cfg.Intensity(s), evaluated on the out-of-the-money side and carried
// to the other by put–call parity. At zero intensity it is the Black price
// on the base smile. It builds its quadrature afresh on every call;
// StressSlice shares it across a whole grid.
func Price(base svi.Raw, t, forward, strike, s float64, typ bs.OptionType, cfg Config) (float64, error) {
	lambda, err := checkInputs(base, t, s, cfg)
	if err != nil {
		return 0, err
	}
	switch {
	case !(forward > 0) || math.IsInf(forward, 0):
		return 0, &InputError{Name: "forward", Value: forward, Want: "positive and finite"}
	case !(strike > 0) || math.IsInf(strike, 0):
		return 0, &InputError{Name: "strike", Value: strike, Want: "positive and finite"}
	case typ != bs.Call && typ != bs.Put:
		return 0, &InputError{Name: "option type", Value: float64(typ), Want: "bs.Call or bs.Put"}
	}
	k := math.Log(strike / forward)
	if lambda == 0 {
		return iv.Black(forward, strike, base.ImpliedVol(k, t), t, typ), nil
	}
	otm := bs.Call
	if k < 0 {
		otm = bs.Put
	}
	v := math.Sqrt(forward) * math.Sqrt(strike) * newOverlay(base, t, cfg.Jumps(s)).price(k, otm)
	if typ != otm {
		// C − P = F − K.
		v += typ.Sign() * (forward - strike)
	}
	return v, nil
}

// checkInputs validates the arguments shared by StressSlice and Price and
// returns the crash intensity.
func checkInputs(base svi.Raw, t, s float64, cfg Config) (float64, error) {
	if err := cfg.Validate(); err != nil {
		return 0, err
	}
	if err := base.Validate(); err != nil {
		return 0, fmt.Errorf("skew: base slice: %w", err)
	}
	switch {
	case !(t > 0) || math.IsInf(t, 0):
		return 0, &InputError{Name: "expiry", Value: t, Want: "positive and finite"}
	case !(s >= 0 && s <= 1):
		return 0, &InputError{Name: "stress", Value: s, Want: "in [0, 1]"}
	case !(base.TotalVariance(0) > 0):
		return 0, &InputError{Name: "ATM total variance", Value: base.TotalVariance(0), Want: "positive"}
	}
	lambda := cfg.Intensity(s)
	if lambda*t > maxLambdaT {
		return 0, &InputError{Name: "λT", Value: lambda * t, Want: fmt.Sprintf("at most %d", maxLambdaT)}
	}
	return lambda, nil
}
