package governor

import (
	"fmt"
	"time"
)

// Regime is the market's stress regime, from Normal to Halted. It marshals
// as its name.
type Regime int8

// The regimes, in order of severity.
const (
	Normal Regime = iota
	Elevated
	Stressed
	Halted
)

var regimeNames = [...]string{"normal", "elevated", "stressed", "halted"}

// Valid reports whether r is one of the four regimes.
func (r Regime) Valid() bool { return r >= Normal && r <= Halted }

// String returns the regime's name: "normal", "elevated", "stressed" or
// "halted".
func (r Regime) String() string {
	if !r.Valid() {
		return fmt.Sprintf("Regime(%d)", int8(r))
	}
	return regimeNames[r]
}

// MarshalText writes the regime's name.
func (r Regime) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("governor: invalid regime %d", int8(r))
	}
	return []byte(regimeNames[r]), nil
}

// UnmarshalText reads a regime's name.
func (r *Regime) UnmarshalText(b []byte) error {
	for i, name := range regimeNames {
		if string(b) == name {
			*r = Regime(i)
			return nil
		}
	}
	return fmt.Errorf("governor: unknown regime %q", b)
}

// raiseTo is the highest regime whose enter threshold the index is above.
func (r RegimeSpec) raiseTo(index float64) Regime {
	for l := Halted; l > Normal; l-- {
		if index > r.Enter[l-1] {
			return l
		}
	}
	return Normal
}

// stepRegime applies rule 4: a hard halt or an index above a higher
// regime's enter threshold raises at once, possibly by several levels; an
// index below the current regime's exit threshold lowers by one level once
// the regime has been held for Hold.
func stepRegime(spec RegimeSpec, cur Regime, since, now time.Time, index float64, halt bool) (Regime, time.Time, *RegimeReason) {
	reason := func(to Regime, level Regime, why Why) *RegimeReason {
		return &RegimeReason{From: cur, To: to, Index: index, Enter: spec.Enter[level-1], Exit: spec.Exit[level-1],
			Held: now.Sub(since), Why: why}
	}
	if halt {
		if cur == Halted {
			return cur, since, nil
		}
		return Halted, now, reason(Halted, Halted, WhyHardHalt)
	}
	if up := spec.raiseTo(index); up > cur {
		return up, now, reason(up, up, WhyRaised)
	}
	if cur == Normal || index >= spec.Exit[cur-1] {
		return cur, since, nil
	}
	if now.Sub(since) < spec.Hold {
		return cur, since, reason(cur, cur, WhyLowerHeld)
	}
	return cur - 1, now, reason(cur-1, cur, WhyLowered)
}
