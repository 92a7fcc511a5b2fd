package skew

import (
	"math"

	"github.com/infrarisk/infrarisk/models/merton"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Config holds every constant of the stressed skew: the map from the stress
// index to the crash intensity, the crash size, and the strike grid on which
// the stressed smile is read before it is fitted back to SVI. Start from
// DefaultConfig; the fields are not defaulted when zero, because zero is a
// meaningful value for some of them (no crashes at all, fixed-size jumps).
type Config struct {
	// MaxIntensity is λ_max, the expected number of crash jumps per year
	// at stress 1. The default, 5 a year, is the rate of one-day ETH falls
	// of 15% or more from January 2016 to August 2022 (32 daily closes in
	// 6.7 years, 4.8 a year): a chain that cannot settle adds crashes at
	// that historical rate on top of what the base smile already prices.
	MaxIntensity float64
	// IntensityExponent is p in λ(s) = λ_max·s^p. The default 2 keeps the
	// everyday noise of the index quiet: a busy fee day (a base fee of
	// 50–90 gwei scores 0.2–0.4 in package stress) adds 0.2–0.8 crashes a
	// year, while finality loss or a sequencer outage (index near 1) gets
	// the full rate.
	IntensityExponent float64
	// MeanLogJump is μJ, the mean log-size of one crash; it must be
	// negative. The default −0.18 (a fall of 16.5%) is about the mean of
	// the one-day ETH log-returns below −12% over the same period
	// (−0.17) and lies between the falls of 13 June 2022 (−0.19) and
	// 19 May 2021 (−0.31, daily closes).
	MeanLogJump float64
	// JumpVol is δJ, the standard deviation of one crash's log-size.
	// The default 0.10 puts 12 March 2020, when ETH closed 43% below the
	// day before (log-return −0.56), 3.8 deviations out for one jump but
	// within 1.4 deviations of two (N(−0.36, 0.14²)).
	JumpVol float64

	// GridPoints is the number of log-moneyness points at which the
	// stressed smile is priced, inverted and refitted; at least
	// svi.MinQuotes. The default 15, three per SVI parameter, fits as
	// closely as 21 or 61 points do (the misfit is SVI's shape, not the
	// sampling) at 70% of the cost of 21.
	GridPoints int
	// GridWidth is the half-width of the grid in stressed ATM standard
	// deviations √(w(0) + λT(μJ² + δJ²)): the grid spans ±GridWidth of
	// them around the forward. The default 3.5 covers the 25-delta
	// strikes (about ±0.7 of them) with room to spare and, at full
	// stress, the region one crash below the forward.
	GridWidth float64
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		MaxIntensity:      5,
		IntensityExponent: 2,
		MeanLogJump:       -0.18,
		JumpVol:           0.10,
		GridPoints:        15,
		GridWidth:         3.5,
	}
}

// maxGridPoints bounds GridPoints; more points than this buy nothing for a
// five-parameter fit and only cost time.
const maxGridPoints = 401

// Validate reports the first field of c outside its domain as a
// *ConfigError.
func (c Config) Validate() error {
	switch {
	case !(c.MaxIntensity >= 0) || math.IsInf(c.MaxIntensity, 0):
		return &ConfigError{Field: "MaxIntensity", Value: c.MaxIntensity, Want: "non-negative and finite"}
	case !(c.IntensityExponent > 0) || math.IsInf(c.IntensityExponent, 0):
		return &ConfigError{Field: "IntensityExponent", Value: c.IntensityExponent, Want: "positive and finite"}
	case !(c.MeanLogJump < 0) || math.IsInf(c.MeanLogJump, 0):
		return &ConfigError{Field: "MeanLogJump", Value: c.MeanLogJump, Want: "negative and finite"}
	case !(c.JumpVol >= 0) || math.IsInf(c.JumpVol, 0):
		return &ConfigError{Field: "JumpVol", Value: c.JumpVol, Want: "non-negative and finite"}
	case c.GridPoints < svi.MinQuotes || c.GridPoints > maxGridPoints:
		return &ConfigError{Field: "GridPoints", Value: float64(c.GridPoints), Want: "between svi.MinQuotes and 401"}
	case !(c.GridWidth > 0) || math.IsInf(c.GridWidth, 0):
		return &ConfigError{Field: "GridWidth", Value: c.GridWidth, Want: "positive and finite"}
	}
	return nil
}

// Intensity returns the crash intensity λ(s) = λ_max·s^p per year for a
// stress index s in [0, 1]; s outside it is clamped and NaN gives NaN.
func (c Config) Intensity(s float64) float64 {
	if s <= 0 {
		return 0
	}
	return c.MaxIntensity * math.Pow(math.Min(s, 1), c.IntensityExponent)
}

// Jumps returns the jump component at stress s in the form of the merton
// package, for pricing the same crash risk on a flat-vol diffusion.
func (c Config) Jumps(s float64) merton.Jumps {
	return merton.Jumps{Intensity: c.Intensity(s), MeanLog: c.MeanLogJump, Vol: c.JumpVol}
}
