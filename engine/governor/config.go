package governor

import (
	"fmt"
	"math"
	"time"
)

// Direction says which way a parameter is more conservative.
type Direction int8

const (
	// TighterUp: a higher value is more conservative (a margin multiplier,
	// a scan range, a liquidation horizon, a grace period).
	TighterUp Direction = 1
	// TighterDown: a lower value is more conservative (a maximum leverage,
	// an open-interest cap).
	TighterDown Direction = -1
)

// String returns "up", "down" or, for an invalid direction, its number.
func (d Direction) String() string {
	switch d {
	case TighterUp:
		return "up"
	case TighterDown:
		return "down"
	}
	return fmt.Sprintf("Direction(%d)", int8(d))
}

// ParamSpec bounds one numeric parameter.
type ParamSpec struct {
	Name    string
	Tighter Direction
	// Min and Max are hard bounds: a proposal or a value outside them is
	// clamped.
	Min, Max float64
	// MaxLoosenStep is the largest loosening per step as a fraction of the
	// current value (0.1: at most 10%).
	MaxLoosenStep float64
	// MinLoosenAbs is the smallest step a loosening is allowed, so that a
	// value at or near zero can still move; it must be positive when 0 is
	// within [Min, Max]. A step may loosen by
	// max(MaxLoosenStep·|value|, MinLoosenAbs).
	MinLoosenAbs float64
}

// loosenStep is the largest loosening move allowed from v.
func (s ParamSpec) loosenStep(v float64) float64 {
	return max(s.MaxLoosenStep*math.Abs(v), s.MinLoosenAbs)
}

// tighter reports whether a is more conservative than b.
func (s ParamSpec) tighter(a, b float64) bool {
	if s.Tighter == TighterUp {
		return a > b
	}
	return a < b
}

// clamp returns v within [Min, Max] and the reason it was clamped, if it was.
func (s ParamSpec) clamp(v float64) (float64, Why) {
	switch {
	case v < s.Min:
		return s.Min, WhyClampedMin
	case v > s.Max:
		return s.Max, WhyClampedMax
	}
	return v, ""
}

// tightest is the most conservative value within the bounds.
func (s ParamSpec) tightest() float64 {
	if s.Tighter == TighterUp {
		return s.Max
	}
	return s.Min
}

// FlagSpec describes a boolean flag such as "new positions paused".
type FlagSpec struct {
	Name string
	// Conservative is the safer value: moving to it applies at once,
	// moving away from it waits for Config.LoosenDelay. For "liquidations
	// paused" it is true on a venue where a liquidation on a stalled chain
	// does more harm than good, and false where liquidations must go on.
	Conservative bool
}

// RegimeSpec sets the regime thresholds on the stress index. Index i of
// Enter and Exit belongs to Elevated (0), Stressed (1) and Halted (2).
type RegimeSpec struct {
	// Enter[i]: the regime is entered when the index is above it.
	// Exit[i]: the regime is left when the index is below it and the
	// regime has been held for Hold. Exit[i] < Enter[i], and both rise
	// with the level.
	Enter, Exit [3]float64
	// Hold is the least time a regime is held before it steps down.
	Hold time.Duration
}

// Config is a governor's configuration. The zero Config has no parameters,
// no flags and no regime thresholds, and is invalid.
type Config struct {
	Params []ParamSpec
	Flags  []FlagSpec
	// LoosenDelay is the least time between a change of a parameter and
	// its next loosening, and between setting a flag to its conservative
	// value and clearing it.
	LoosenDelay time.Duration
	Regime      RegimeSpec
}

// Validate reports the first invalid field as a *ConfigError.
func (c Config) Validate() error {
	for i, p := range c.Params {
		bad := func(field, format string, args ...any) error {
			return &ConfigError{Field: fmt.Sprintf("Params[%d].%s", i, field), Name: p.Name, Problem: fmt.Sprintf(format, args...)}
		}
		if p.Name == "" {
			return bad("Name", "empty")
		}
		for j := range i {
			if c.Params[j].Name == p.Name {
				return bad("Name", "duplicate of Params[%d]", j)
			}
		}
		if p.Tighter != TighterUp && p.Tighter != TighterDown {
			return bad("Tighter", "%d is neither TighterUp nor TighterDown", int8(p.Tighter))
		}
		if !finite(p.Min) {
			return bad("Min", "%g is not finite", p.Min)
		}
		if !finite(p.Max) {
			return bad("Max", "%g is not finite", p.Max)
		}
		if p.Min > p.Max {
			return bad("Min", "%g is above Max %g", p.Min, p.Max)
		}
		if !finite(p.MaxLoosenStep) || p.MaxLoosenStep < 0 {
			return bad("MaxLoosenStep", "%g is not a finite number ≥ 0", p.MaxLoosenStep)
		}
		if !finite(p.MinLoosenAbs) || p.MinLoosenAbs < 0 {
			return bad("MinLoosenAbs", "%g is not a finite number ≥ 0", p.MinLoosenAbs)
		}
		if p.MaxLoosenStep == 0 && p.MinLoosenAbs == 0 {
			return bad("MaxLoosenStep", "0 with MinLoosenAbs 0: the value could never loosen")
		}
		if p.MinLoosenAbs == 0 && p.Min <= 0 && 0 <= p.Max {
			return bad("MinLoosenAbs", "0 while 0 is within [Min, Max]: a value at 0 could never loosen")
		}
	}
	for i, f := range c.Flags {
		if f.Name == "" {
			return &ConfigError{Field: fmt.Sprintf("Flags[%d].Name", i), Problem: "empty"}
		}
		for j := range i {
			if c.Flags[j].Name == f.Name {
				return &ConfigError{Field: fmt.Sprintf("Flags[%d].Name", i), Name: f.Name, Problem: fmt.Sprintf("duplicate of Flags[%d]", j)}
			}
		}
	}
	if c.LoosenDelay < 0 {
		return &ConfigError{Field: "LoosenDelay", Problem: fmt.Sprintf("%v is negative", c.LoosenDelay)}
	}
	return c.Regime.validate()
}

func (r RegimeSpec) validate() error {
	for i := range r.Enter {
		bad := func(field, format string, args ...any) error {
			return &ConfigError{Field: fmt.Sprintf("Regime.%s[%d]", field, i), Name: Regime(i + 1).String(), Problem: fmt.Sprintf(format, args...)}
		}
		if !finite(r.Enter[i]) {
			return bad("Enter", "%g is not finite", r.Enter[i])
		}
		if !finite(r.Exit[i]) {
			return bad("Exit", "%g is not finite", r.Exit[i])
		}
		if r.Exit[i] >= r.Enter[i] {
			return bad("Exit", "%g is not below Enter %g", r.Exit[i], r.Enter[i])
		}
		if i > 0 && r.Enter[i] <= r.Enter[i-1] {
			return bad("Enter", "%g is not above Enter[%d] %g", r.Enter[i], i-1, r.Enter[i-1])
		}
		if i > 0 && r.Exit[i] <= r.Exit[i-1] {
			return bad("Exit", "%g is not above Exit[%d] %g", r.Exit[i], i-1, r.Exit[i-1])
		}
	}
	if r.Hold < 0 {
		return &ConfigError{Field: "Regime.Hold", Problem: fmt.Sprintf("%v is negative", r.Hold)}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
