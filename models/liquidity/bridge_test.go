package liquidity

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHaircutByHand: with the defaults (base 0, slope 0.5, paused 0.25,
// cap 0.5), h = min(0.5·max(o, 0) + 0.25·[paused], 0.5).
func TestHaircutByHand(t *testing.T) {
	cfg := DefaultBridgeConfig()
	tests := []struct {
		outflow float64
		paused  bool
		want    float64
		reason  string
	}{
		{0, false, 0, "no net bridge outflow over the window: haircut 0%"},
		{-0.2, false, 0, "no net bridge outflow over the window: haircut 0%"},
		{0.1, false, 0.05, "bridge outflow 10% of the value locked over the window: haircut 5%"},
		{0.4, false, 0.2, "bridge outflow 40% of the value locked over the window: haircut 20%"},
		{0, true, 0.25, "no net bridge outflow over the window; withdrawals paused (+25%): haircut 25%"},
		{0.3, true, 0.4, "bridge outflow 30% of the value locked over the window; withdrawals paused (+25%): haircut 40%"},
		{0.6, true, 0.5, "haircut 50% (the cap)"},
		{1.5, false, 0.5, "haircut 50% (the cap)"},
		{math.NaN(), false, 0.5, "bridge outflow NaN unknown: read as a full run: haircut 50% (the cap)"},
		{math.Inf(1), false, 0.5, "read as a full run"},
	}
	for _, tt := range tests {
		if got := Haircut(tt.outflow, tt.paused, cfg); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("Haircut(%g, %v) = %.17g, want %g", tt.outflow, tt.paused, got, tt.want)
		}
		if got := HaircutReason(tt.outflow, tt.paused, cfg); !strings.Contains(got, tt.reason) {
			t.Errorf("HaircutReason(%g, %v) = %q, want it to contain %q", tt.outflow, tt.paused, got, tt.reason)
		}
	}
	base := BridgeConfig{Base: 0.02, Slope: 1, Paused: 0.1, Max: 0.3}
	if got := Haircut(0.05, true, base); math.Abs(got-0.17) > 1e-15 {
		t.Errorf("Haircut with base 2%%, slope 1, 5%% outflow, paused 10%%: %g, want 0.17", got)
	}
}

// TestHaircutMonotone: a larger outflow or a pause never lowers the
// haircut, and it stays within [Base, Max].
func TestHaircutMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for range 50000 {
		cfg := BridgeConfig{Base: 0.1 * rng.Float64(), Slope: 2 * rng.Float64(), Paused: 0.5 * rng.Float64()}
		cfg.Max = cfg.Base + (1-cfg.Base)*rng.Float64()
		o := -0.5 + 2*rng.Float64()
		paused := rng.IntN(2) == 0
		h := Haircut(o, paused, cfg)
		if h < cfg.Base || h > cfg.Max {
			t.Fatalf("%+v: Haircut(%g, %v) = %g outside [Base, Max]", cfg, o, paused, h)
		}
		if got := Haircut(o+rng.Float64()*math.Pow(10, -15*rng.Float64()), paused, cfg); got < h {
			t.Fatalf("%+v: a larger outflow than %g lowered the haircut %g → %g", cfg, o, h, got)
		}
		if got := Haircut(o, true, cfg); got < h {
			t.Fatalf("%+v: pausing lowered the haircut at outflow %g: %g → %g", cfg, o, h, got)
		}
		if got := Haircut(math.NaN(), paused, cfg); got < h {
			t.Fatalf("%+v: an unknown outflow gives %g, below %g", cfg, got, h)
		}
	}
}

func TestBridgeConfigValidate(t *testing.T) {
	if err := DefaultBridgeConfig().Validate(); err != nil {
		t.Fatalf("default bridge config: %v", err)
	}
	tests := []struct {
		field string
		edit  func(*BridgeConfig)
	}{
		{"Base", func(c *BridgeConfig) { c.Base = -0.1 }},
		{"Base", func(c *BridgeConfig) { c.Base = math.NaN() }},
		{"Slope", func(c *BridgeConfig) { c.Slope = -1 }},
		{"Slope", func(c *BridgeConfig) { c.Slope = math.Inf(1) }},
		{"Paused", func(c *BridgeConfig) { c.Paused = 2 }},
		{"Max", func(c *BridgeConfig) { c.Base, c.Max = 0.3, 0.2 }},
		{"Max", func(c *BridgeConfig) { c.Max = 1.5 }},
	}
	for _, tt := range tests {
		c := DefaultBridgeConfig()
		tt.edit(&c)
		err := c.Validate()
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != tt.field || ce.Config != "BridgeConfig" || !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: Validate() = %v, want a ConfigError for %s", tt.field, err, tt.field)
		}
		// An invalid config is the worst case: a total haircut.
		if got := Haircut(0, false, c); got != 1 {
			t.Errorf("%s invalid: Haircut = %g, want 1", tt.field, got)
		}
		if got := HaircutReason(0, false, c); !strings.Contains(got, tt.field) {
			t.Errorf("%s invalid: reason %q does not name it", tt.field, got)
		}
	}
}
