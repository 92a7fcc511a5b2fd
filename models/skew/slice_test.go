package skew

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/svi"
)

// TestZeroStressReturnsTheBaseSlice: at stress 0 there are no crashes and
// the published slice must be the base one, not a refit of it.
func TestZeroStressReturnsTheBaseSlice(t *testing.T) {
	for _, sl := range baseSlices() {
		t.Run(sl.name, func(t *testing.T) {
			st, err := StressSlice(sl.Raw, sl.T, 0, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			if st.Raw != sl.Raw || st.Intensity != 0 || st.RMSE != 0 {
				t.Errorf("got %+v with λ=%g, RMSE %g; want the base %+v", st.Raw, st.Intensity, st.RMSE, sl.Raw)
			}
			for k := -2.0; k <= 2; k += 0.05 {
				if got, want := st.Raw.ImpliedVol(k, sl.T), sl.Raw.ImpliedVol(k, sl.T); !scalar.EqualWithinAbs(got, want, 1e-10) {
					t.Errorf("k=%.2f: vol %.12f, base %.12f", k, got, want)
				}
			}
			for i, k := range st.LogMoneyness {
				if got, want := st.Vols[i], sl.Raw.ImpliedVol(k, sl.T); !scalar.EqualWithinAbs(got, want, 1e-10) {
					t.Errorf("grid k=%.4f: vol %.12f, base %.12f", k, got, want)
				}
			}
		})
	}
}

// TestVanishingStressApproachesTheBaseSmile: the overlay itself, not only
// the short cut at zero, must reduce to the base smile as λ → 0. At
// s = 1e-4, λT ≤ 5e-8·T, and the stressed vols move by less than 1e-7.
func TestVanishingStressApproachesTheBaseSmile(t *testing.T) {
	for _, sl := range baseSlices() {
		st, err := StressSlice(sl.Raw, sl.T, 1e-4, DefaultConfig())
		if err != nil {
			t.Fatalf("%s: %v", sl.name, err)
		}
		for i, k := range st.LogMoneyness {
			if got, want := st.Vols[i], sl.Raw.ImpliedVol(k, sl.T); !scalar.EqualWithinAbs(got, want, 1e-7) {
				t.Errorf("%s k=%.4f: stressed vol %.10f, base %.10f", sl.name, k, got, want)
			}
		}
	}
}

// TestStressSteepensTheDownsideSkew walks the stress index over
// 0, 0.25, …, 1 for every base slice and requires of the published
// (fitted) slices that at every step the ATM vol rises, the 25-delta risk
// reversal falls (puts dearer than calls) and both wings, at k = −0.3 and
// k = +0.3, rise; and that at every level the put wing has risen from the
// base by more than the call wing.
//
// Step by step the put wing need not outpace the call wing: on the one-year
// BTC slice the exact stressed vols move by +0.0667 at k = −0.3 and +0.0684
// at k = +0.3 from s = 0.75 to 1. With λT near 5 the many compensated jumps
// add variance more than skew (the jump part's skewness falls as 1/√(λT)),
// and ±0.3 is within half a standard deviation of the forward there.
func TestStressSteepensTheDownsideSkew(t *testing.T) {
	cfg := DefaultConfig()
	for _, sl := range baseSlices() {
		t.Run(sl.name, func(t *testing.T) {
			var prev SkewMetrics
			var basePut, baseCall, prevPut, prevCall float64
			for i, s := range stressLevels {
				st, err := StressSlice(sl.Raw, sl.T, s, cfg)
				if err != nil {
					t.Fatalf("s=%g: %v", s, err)
				}
				m, err := Metrics(st.Raw, sl.T)
				if err != nil {
					t.Fatalf("s=%g: %v", s, err)
				}
				put, call := st.Raw.ImpliedVol(-0.3, sl.T), st.Raw.ImpliedVol(0.3, sl.T)
				if i == 0 {
					basePut, baseCall = put, call
				} else {
					if !(m.ATMVol > prev.ATMVol) {
						t.Errorf("s=%g: ATM vol %.4f, not above %.4f", s, m.ATMVol, prev.ATMVol)
					}
					if !(m.RiskReversal25 < prev.RiskReversal25) {
						t.Errorf("s=%g: 25Δ risk reversal %.4f, not below %.4f", s, m.RiskReversal25, prev.RiskReversal25)
					}
					if !(put > prevPut && call > prevCall) {
						t.Errorf("s=%g: wings at %.4f and %.4f, were %.4f and %.4f", s, put, call, prevPut, prevCall)
					}
					if !(put-basePut > call-baseCall) {
						t.Errorf("s=%g: put wing up %+.4f from the base, call wing %+.4f", s, put-basePut, call-baseCall)
					}
				}
				prev, prevPut, prevCall = m, put, call
			}
		})
	}
}

// TestStressedSlicesAreFreeOfButterflyArbitrage: the exact stressed prices
// are a convolution of a valid density, and the SVI refit must not break
// that anywhere on k ∈ [−3, 3], far beyond the grid.
func TestStressedSlicesAreFreeOfButterflyArbitrage(t *testing.T) {
	cfg := DefaultConfig()
	for _, sl := range baseSlices() {
		for _, s := range stressLevels {
			st, err := StressSlice(sl.Raw, sl.T, s, cfg)
			if err != nil {
				t.Fatalf("%s s=%g: %v", sl.name, s, err)
			}
			if rep := st.Raw.CheckButterfly(-3, 3, 601); !rep.Free {
				t.Errorf("%s s=%g: butterfly arbitrage, g=%.3g at k=%.3f", sl.name, s, rep.MinG, rep.KAtMinG)
			}
		}
	}
}

// TestArbitrageInTheBaseIsReported: Vogt's slice, the standard SVI example
// with butterfly arbitrage (Gatheral and Jacquier 2014, Example 3.1: a = −0.0410,
// b = 0.1331, ρ = 0.3060, m = 0.3586, σ = 0.4153, T = 1), passes it on to
// the stressed smile at full stress, and StressSlice says so while still
// returning the fit.
func TestArbitrageInTheBaseIsReported(t *testing.T) {
	vogt := svi.Raw{A: -0.0410, B: 0.1331, Rho: 0.3060, M: 0.3586, Sigma: 0.4153}
	st, err := StressSlice(vogt, 1, 1, DefaultConfig())
	var be *ButterflyError
	if !errors.As(err, &be) || !(be.G < 0) {
		t.Fatalf("got %v, want a *ButterflyError with g < 0", err)
	}
	if st.Raw == (svi.Raw{}) || st.RMSE == 0 {
		t.Errorf("fit not returned with the error: %+v", st)
	}
	if g := st.Raw.G(be.K); !scalar.EqualWithinAbs(g, be.G, 1e-12) {
		t.Errorf("g(%g) = %g, reported %g", be.K, g, be.G)
	}
}

// TestStressedFitIsClose bounds how far the published SVI slice is from
// the stressed vols it was fitted to: SVI cannot follow every bend a jump
// puts in a smile, and the misfit grows with the intensity. The bounds are
// the measured worst cases over the base slices (1.3e-3 and 4.5e-3) with
// a little room.
func TestStressedFitIsClose(t *testing.T) {
	cfg := DefaultConfig()
	for _, sl := range baseSlices() {
		for _, tc := range []struct{ s, maxRMSE float64 }{{0.25, 5e-4}, {0.5, 1.5e-3}, {1, 5e-3}} {
			st, err := StressSlice(sl.Raw, sl.T, tc.s, cfg)
			if err != nil {
				t.Fatalf("%s s=%g: %v", sl.name, tc.s, err)
			}
			if st.RMSE > tc.maxRMSE {
				t.Errorf("%s s=%g: fit RMSE %.2e above %.1e", sl.name, tc.s, st.RMSE, tc.maxRMSE)
			}
		}
	}
}

func TestStressSliceGrid(t *testing.T) {
	cfg := DefaultConfig()
	sl := ethSurface[1]
	st, err := StressSlice(sl.Raw, sl.T, 1, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.LogMoneyness) != cfg.GridPoints || len(st.Vols) != cfg.GridPoints {
		t.Fatalf("grid of %d points and %d vols, want %d", len(st.LogMoneyness), len(st.Vols), cfg.GridPoints)
	}
	j := cfg.Jumps(1)
	half := cfg.GridWidth * math.Sqrt(sl.Raw.TotalVariance(0)+j.Intensity*sl.T*(j.MeanLog*j.MeanLog+j.Vol*j.Vol))
	if !scalar.EqualWithinRel(st.LogMoneyness[0], -half, 1e-14) || !scalar.EqualWithinRel(st.LogMoneyness[cfg.GridPoints-1], half, 1e-14) {
		t.Errorf("grid spans [%g, %g], want ±%g", st.LogMoneyness[0], st.LogMoneyness[cfg.GridPoints-1], half)
	}
	if st.Intensity != cfg.MaxIntensity {
		t.Errorf("intensity %g at full stress, want %g", st.Intensity, cfg.MaxIntensity)
	}
}

func TestStressSliceRejectsBadInputs(t *testing.T) {
	good := ethSurface[0]
	badCfg := DefaultConfig()
	badCfg.JumpVol = -0.1
	for _, tc := range []struct {
		name  string
		base  svi.Raw
		t, s  float64
		cfg   Config
		check func(error) bool
	}{
		{"stress below 0", good.Raw, good.T, -0.1, DefaultConfig(), isInputError("stress")},
		{"stress above 1", good.Raw, good.T, 1.5, DefaultConfig(), isInputError("stress")},
		{"NaN stress", good.Raw, good.T, math.NaN(), DefaultConfig(), isInputError("stress")},
		{"zero expiry", good.Raw, 0, 0.5, DefaultConfig(), isInputError("expiry")},
		{"λT too large", good.Raw, 200, 1, DefaultConfig(), isInputError("λT")},
		{"invalid base", svi.Raw{A: 0.01, B: 0.1, Rho: 1.5, Sigma: 0.1}, good.T, 0.5, DefaultConfig(),
			func(err error) bool { return errors.Is(err, svi.ErrInvalidParams) }},
		{"zero ATM variance", svi.Raw{A: 0, B: 0.1, Rho: 0, M: 0, Sigma: 1e-300}, good.T, 0.5, DefaultConfig(), isInputError("ATM total variance")},
		{"bad config", good.Raw, good.T, 0.5, badCfg,
			func(err error) bool { var ce *ConfigError; return errors.As(err, &ce) && ce.Field == "JumpVol" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := StressSlice(tc.base, tc.t, tc.s, tc.cfg)
			if !tc.check(err) {
				t.Errorf("got %v", err)
			}
		})
	}
}

func isInputError(name string) func(error) bool {
	return func(err error) bool {
		var ie *InputError
		return errors.As(err, &ie) && ie.Name == name
	}
}
