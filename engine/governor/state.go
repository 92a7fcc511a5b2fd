package governor

import (
	"fmt"
	"time"
)

// StateVersion is the schema version of State written by this package.
const StateVersion = 1

// State is everything the governor remembers between steps. It is a plain
// value meant to be stored as JSON; the schema is fixed for a given
// StateVersion, and a JSON round trip is exact, so a restored state steps
// exactly as the original would have.
//
// Params and Flags are in config order when written by Step or Initial.
type State struct {
	Version int `json:"version"`
	// At is the time of the last step.
	At     time.Time `json:"at"`
	Regime Regime    `json:"regime"`
	// RegimeSince is when the regime was entered.
	RegimeSince time.Time    `json:"regime_since"`
	Params      []ParamState `json:"params"`
	Flags       []FlagState  `json:"flags"`
}

// ParamState is a parameter's current value and when it last changed, in
// either direction; loosening waits for Config.LoosenDelay after it.
type ParamState struct {
	Name    string    `json:"name"`
	Value   float64   `json:"value"`
	Changed time.Time `json:"changed"`
}

// FlagState is a flag's current value and when it last changed; clearing a
// conservative flag waits for Config.LoosenDelay after it.
type FlagState struct {
	Name    string    `json:"name"`
	Value   bool      `json:"value"`
	Changed time.Time `json:"changed"`
}

// Conservative returns the most conservative proposal cfg allows: every
// parameter at its tight bound, every flag at its conservative value, and a
// hard halt. Initial(cfg, Conservative(cfg), now) starts a market shut, to
// loosen step by step as proposals allow.
func Conservative(cfg Config) Proposal {
	p := Proposal{Values: make(map[string]float64, len(cfg.Params)), Flags: make(map[string]bool, len(cfg.Flags)), Halt: true}
	for _, s := range cfg.Params {
		p.Values[s.Name] = s.tightest()
	}
	for _, f := range cfg.Flags {
		p.Flags[f.Name] = f.Conservative
	}
	return p
}

// Initial returns the state of a governor started at now from the
// conservative proposal p: its values clamped to their bounds, its flags,
// and the regime its stress index (or hard halt) enters from Normal. Every
// clock starts at now, so nothing loosens before LoosenDelay and no regime
// steps down before its hold. p must be complete, as for Step.
func Initial(cfg Config, p Proposal, now time.Time) (State, error) {
	if err := cfg.Validate(); err != nil {
		return State{}, err
	}
	if err := p.check(cfg); err != nil {
		return State{}, err
	}
	now = canonical(now)
	st := State{
		Version:     StateVersion,
		At:          now,
		RegimeSince: now,
		Params:      make([]ParamState, len(cfg.Params)),
		Flags:       make([]FlagState, len(cfg.Flags)),
	}
	for i, s := range cfg.Params {
		v, _ := s.clamp(p.Values[s.Name])
		st.Params[i] = ParamState{Name: s.Name, Value: v, Changed: now}
	}
	for i, f := range cfg.Flags {
		st.Flags[i] = FlagState{Name: f.Name, Value: p.Flags[f.Name], Changed: now}
	}
	st.Regime = cfg.Regime.raiseTo(p.Stress)
	if p.Halt {
		st.Regime = Halted
	}
	return st, nil
}

// aligned returns a copy of st with its params and flags in config order,
// or a *StateError if st was not made under cfg's parameters and flags.
func (st State) aligned(cfg Config) (State, error) {
	if st.Version != StateVersion {
		return State{}, &StateError{Problem: fmt.Sprintf("schema version %d, want %d (a zero State is not initialised: use Initial)", st.Version, StateVersion)}
	}
	if !st.Regime.Valid() {
		return State{}, &StateError{Problem: fmt.Sprintf("invalid regime %d", int8(st.Regime))}
	}
	if len(st.Params) != len(cfg.Params) || len(st.Flags) != len(cfg.Flags) {
		return State{}, &StateError{Problem: fmt.Sprintf("%d parameters and %d flags, config has %d and %d",
			len(st.Params), len(st.Flags), len(cfg.Params), len(cfg.Flags))}
	}
	out := st
	out.Params = make([]ParamState, len(cfg.Params))
	out.Flags = make([]FlagState, len(cfg.Flags))
	// Config names are unique and the lengths are equal, so finding every
	// config name makes the match one to one.
	for i, s := range cfg.Params {
		j := find(st.Params, i, func(p ParamState) string { return p.Name }, s.Name)
		if j < 0 {
			return State{}, &StateError{Problem: fmt.Sprintf("no parameter %q", s.Name)}
		}
		if !finite(st.Params[j].Value) {
			return State{}, &StateError{Problem: fmt.Sprintf("parameter %q is %g", s.Name, st.Params[j].Value)}
		}
		out.Params[i] = st.Params[j]
	}
	for i, f := range cfg.Flags {
		j := find(st.Flags, i, func(f FlagState) string { return f.Name }, f.Name)
		if j < 0 {
			return State{}, &StateError{Problem: fmt.Sprintf("no flag %q", f.Name)}
		}
		out.Flags[i] = st.Flags[j]
	}
	return out, nil
}

// find returns the index of name in s, trying hint first, or -1.
func find[T any](s []T, hint int, name func(T) string, want string) int {
	if hint < len(s) && name(s[hint]) == want {
		return hint
	}
	for j := range s {
		if name(s[j]) == want {
			return j
		}
	}
	return -1
}

// canonical drops the monotonic clock reading and the location, which a
// JSON round trip would not keep, so that a restored state decides exactly
// as the original.
func canonical(t time.Time) time.Time { return t.Round(0).UTC() }
