package margin

import "math"

// Surface is an implied-volatility surface: the annualised Black–Scholes vol
// at a strike and an expiry in years. A calibrated or stressed SVI surface
// plugs in through a one-method adapter.
type Surface interface {
	Vol(strike, t float64) float64
}

// FlatVol is a Surface with the same vol at every strike and expiry.
type FlatVol float64

// Vol returns v whatever the strike and expiry.
func (v FlatVol) Vol(strike, t float64) float64 { return float64(v) }

// Market is the state of one underlying: its spot price, the continuously
// compounded rate options are discounted at, and its vol surface.
type Market struct {
	Spot, Rate float64
	Surface    Surface
}

// Validate reports a non-positive or non-finite spot, a rate outside
// [−1, 1] or a missing surface as an *InputError.
func (m Market) Validate() error {
	switch {
	case !(m.Spot > 0 && m.Spot <= math.MaxFloat64):
		return inputError("market", "Spot", m.Spot, "positive and finite")
	case !(m.Rate >= -1 && m.Rate <= 1):
		return inputError("market", "Rate", m.Rate, "in [−1, 1]")
	case m.Surface == nil:
		return inputError("market", "Surface", math.NaN(), "a surface")
	}
	return nil
}
