package governor

import (
	"fmt"
	"strconv"
	"time"
)

// Why says why a parameter, a flag or the regime moved or was held back.
type Why string

// Reasons for a parameter or a flag. A flag is tightened when it moves to its
// conservative value and loosened when it moves away from it.
const (
	WhyTightened     Why = "tightened"
	WhyLoosened      Why = "loosened"                // reached the proposal within one step
	WhyLoosenBounded Why = "loosened (bounded step)" // moved one full step towards the proposal
	WhyLoosenHeld    Why = "loosening held (min delay)"
	WhyClampedMin    Why = "clamped to min"
	WhyClampedMax    Why = "clamped to max"
)

// Reasons for the regime.
const (
	WhyRaised    Why = "raised"
	WhyHardHalt  Why = "hard halt"
	WhyLowered   Why = "lowered"
	WhyLowerHeld Why = "lowering held (min hold)"
)

// Reason explains one parameter's step. A parameter whose proposal was
// clamped has a clamp reason first and then, if it moved or was held back
// for another cause, a second reason with the same numbers.
type Reason struct {
	Param    string  `json:"param"`
	Before   float64 `json:"before"`
	After    float64 `json:"after"`
	Proposed float64 `json:"proposed"` // as proposed, before any clamp
	Why      Why     `json:"why"`
}

// String formats r for a log line, e.g.
// "margin_mult: 2.5 → 2.25 (proposed 1.2): loosened (bounded step)".
func (r Reason) String() string {
	return fmt.Sprintf("%s: %s → %s (proposed %s): %s", r.Param, g(r.Before), g(r.After), g(r.Proposed), r.Why)
}

// FlagReason explains one flag's step.
type FlagReason struct {
	Flag     string `json:"flag"`
	Before   bool   `json:"before"`
	After    bool   `json:"after"`
	Proposed bool   `json:"proposed"`
	Why      Why    `json:"why"`
}

// String formats r for a log line, e.g.
// "new_positions_paused: false → true (proposed true): tightened".
func (r FlagReason) String() string {
	return fmt.Sprintf("%s: %t → %t (proposed %t): %s", r.Flag, r.Before, r.After, r.Proposed, r.Why)
}

// RegimeReason explains a regime change, or a step down held back by the
// minimum hold.
type RegimeReason struct {
	From Regime `json:"from"`
	To   Regime `json:"to"`
	// Index is the proposal's stress index.
	Index float64 `json:"index"`
	// Enter and Exit are the thresholds of the regime entered (raised,
	// hard halt) or left (lowered, lowering held).
	Enter float64 `json:"enter"`
	Exit  float64 `json:"exit"`
	// Held is how long From had been held, in nanoseconds in JSON.
	Held time.Duration `json:"held"`
	Why  Why           `json:"why"`
}

// String formats r for a log line, e.g.
// "regime normal → stressed: raised (index 0.8 > enter 0.7)".
func (r RegimeReason) String() string {
	switch r.Why {
	case WhyRaised:
		return fmt.Sprintf("regime %s → %s: raised (index %s > enter %s)", r.From, r.To, g(r.Index), g(r.Enter))
	case WhyHardHalt:
		return fmt.Sprintf("regime %s → %s: hard halt (index %s)", r.From, r.To, g(r.Index))
	case WhyLowered:
		return fmt.Sprintf("regime %s → %s: lowered (index %s < exit %s, held %v)", r.From, r.To, g(r.Index), g(r.Exit), r.Held)
	}
	return fmt.Sprintf("regime %s: %s (index %s < exit %s, held %v)", r.From, r.Why, g(r.Index), g(r.Exit), r.Held)
}

// Decision is the outcome of a Step: the values and flags to publish, the
// regime, and why anything moved or was held back.
type Decision struct {
	Values map[string]float64 `json:"values"`
	Flags  map[string]bool    `json:"flags"`
	Regime Regime             `json:"regime"`
	// Reasons has an entry for every parameter that changed, was clamped
	// or was held back, in config order.
	Reasons []Reason `json:"reasons,omitempty"`
	// FlagReasons has an entry for every flag that changed or was held
	// back, in config order.
	FlagReasons []FlagReason `json:"flag_reasons,omitempty"`
	// RegimeReason is set when the regime changed or a step down was held
	// back.
	RegimeReason *RegimeReason `json:"regime_reason,omitempty"`
	// Changed reports whether any value, flag or the regime differs from
	// the state stepped from.
	Changed bool `json:"changed"`
}

func g(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
