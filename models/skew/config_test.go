package skew

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestDefaultConfigIsValid(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestConfigValidateNamesTheBadField(t *testing.T) {
	for _, tc := range []struct {
		field string
		set   func(*Config)
	}{
		{"MaxIntensity", func(c *Config) { c.MaxIntensity = -1 }},
		{"MaxIntensity", func(c *Config) { c.MaxIntensity = math.Inf(1) }},
		{"IntensityExponent", func(c *Config) { c.IntensityExponent = 0 }},
		{"MeanLogJump", func(c *Config) { c.MeanLogJump = 0 }},
		{"MeanLogJump", func(c *Config) { c.MeanLogJump = math.NaN() }},
		{"JumpVol", func(c *Config) { c.JumpVol = -0.01 }},
		{"GridPoints", func(c *Config) { c.GridPoints = 4 }},
		{"GridPoints", func(c *Config) { c.GridPoints = 1000 }},
		{"GridWidth", func(c *Config) { c.GridWidth = 0 }},
	} {
		c := DefaultConfig()
		tc.set(&c)
		var ce *ConfigError
		if err := c.Validate(); !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%+v: got %v, want a *ConfigError for %s", c, err, tc.field)
		}
	}
}

// TestIntensityFollowsThePowerLaw checks λ(s) = λ_max·s^p with the
// defaults λ_max = 5, p = 2, and the clamping of s to [0, 1].
func TestIntensityFollowsThePowerLaw(t *testing.T) {
	c := DefaultConfig()
	for _, tc := range []struct{ s, want float64 }{
		{-1, 0}, {0, 0}, {0.25, 0.3125}, {0.5, 1.25}, {0.75, 2.8125}, {1, 5}, {2, 5},
	} {
		if got := c.Intensity(tc.s); !scalar.EqualWithinRel(got, tc.want, 1e-15) {
			t.Errorf("λ(%g) = %g, want %g", tc.s, got, tc.want)
		}
	}
	j := c.Jumps(0.5)
	if j.Intensity != 1.25 || j.MeanLog != c.MeanLogJump || j.Vol != c.JumpVol {
		t.Errorf("Jumps(0.5) = %+v", j)
	}
}

// TestZeroJumpVolIsAllowed: δJ = 0 means every crash has the same size;
// the quadrature collapses to one node and the slice still stresses.
func TestZeroJumpVolIsAllowed(t *testing.T) {
	c := DefaultConfig()
	c.JumpVol = 0
	sl := ethSurface[2]
	st, err := StressSlice(sl.Raw, sl.T, 1, c)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Metrics(sl.Raw, sl.T)
	m, err := Metrics(st.Raw, sl.T)
	if err != nil {
		t.Fatal(err)
	}
	if !(m.RiskReversal25 < base.RiskReversal25) {
		t.Errorf("risk reversal %.4f, base %.4f", m.RiskReversal25, base.RiskReversal25)
	}
}
