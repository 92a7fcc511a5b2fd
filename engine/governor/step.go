package governor

import (
	"math"
	"slices"
	"time"
)

// Proposal is what the models would publish for a market at one instant.
//
// A proposal is complete: it names every configured parameter and flag and
// nothing else. A missing name is an error rather than "hold", so that a
// model that stops producing a parameter is noticed at once; a model that
// wants a value held proposes the current one.
type Proposal struct {
	Values map[string]float64
	Flags  map[string]bool
	// Stress is the stress index that drives the regime.
	Stress float64
	// Halt forces the Halted regime at once.
	Halt bool
}

// check reports the first problem with p under cfg as a *ProposalError:
// unknown names (the first in sorted order), then missing names and
// non-finite values in config order, then a non-finite stress index.
func (p Proposal) check(cfg Config) error {
	if err := checkNames("parameter", p.Values, cfg.Params, func(s ParamSpec) string { return s.Name }); err != nil {
		return err
	}
	if err := checkNames("flag", p.Flags, cfg.Flags, func(f FlagSpec) string { return f.Name }); err != nil {
		return err
	}
	for _, s := range cfg.Params {
		if v := p.Values[s.Name]; !finite(v) {
			return &ProposalError{Kind: "parameter", Name: s.Name, Value: v, Err: ErrNotFinite}
		}
	}
	if !finite(p.Stress) {
		return &ProposalError{Kind: "stress", Value: p.Stress, Err: ErrNotFinite}
	}
	return nil
}

// firstUnknown is the first name in m, in sorted order, that no spec has.
// checkNames returns a *ProposalError for the first unknown name in m (in
// sorted order), else for the first spec (in config order) missing from m.
func checkNames[V, S any](kind string, m map[string]V, specs []S, name func(S) string) error {
	present := 0
	missing := ""
	for _, s := range specs {
		if _, ok := m[name(s)]; ok {
			present++
		} else if missing == "" {
			missing = name(s)
		}
	}
	if len(m) > present {
		return &ProposalError{Kind: kind, Name: firstUnknown(m, specs, name), Err: ErrUnknownName}
	}
	if missing != "" {
		return &ProposalError{Kind: kind, Name: missing, Err: ErrMissingName}
	}
	return nil
}

func firstUnknown[V, S any](m map[string]V, specs []S, name func(S) string) string {
	var unknown []string
	for k := range m {
		if !slices.ContainsFunc(specs, func(s S) bool { return name(s) == k }) {
			unknown = append(unknown, k)
		}
	}
	return slices.Min(unknown)
}

// Step applies proposal p at time now to state st under cfg and returns the
// next state and the decision to publish. It is pure: st is not modified,
// and the only clock is now.
//
// On an error (an invalid config, a state not made under cfg, now before
// st.At, or an invalid proposal) it returns st unchanged and a zero
// Decision.
func Step(cfg Config, st State, now time.Time, p Proposal) (State, Decision, error) {
	if err := cfg.Validate(); err != nil {
		return st, Decision{}, err
	}
	next, err := st.aligned(cfg)
	if err != nil {
		return st, Decision{}, err
	}
	now = canonical(now)
	if now.Before(st.At) {
		return st, Decision{}, &TimeError{Now: now, Last: st.At}
	}
	if err := p.check(cfg); err != nil {
		return st, Decision{}, err
	}
	next.At = now
	d := Decision{
		Values: make(map[string]float64, len(cfg.Params)),
		Flags:  make(map[string]bool, len(cfg.Flags)),
	}
	for i, s := range cfg.Params {
		ps := &next.Params[i]
		before := ps.Value
		ps.Value, d.Reasons = stepParam(s, *ps, now, cfg.LoosenDelay, p.Values[s.Name], d.Reasons, len(cfg.Params))
		if ps.Value != before {
			ps.Changed = now
			d.Changed = true
		}
		d.Values[s.Name] = ps.Value
	}
	for i, f := range cfg.Flags {
		fs := &next.Flags[i]
		before := fs.Value
		fs.Value, d.FlagReasons = stepFlag(f, *fs, now, cfg.LoosenDelay, p.Flags[f.Name], d.FlagReasons, len(cfg.Flags))
		if fs.Value != before {
			fs.Changed = now
			d.Changed = true
		}
		d.Flags[f.Name] = fs.Value
	}
	before := next.Regime
	next.Regime, next.RegimeSince, d.RegimeReason = stepRegime(cfg.Regime, next.Regime, next.RegimeSince, now, p.Stress, p.Halt)
	d.Regime = next.Regime
	d.Changed = d.Changed || next.Regime != before
	return next, d, nil
}

// stepParam applies rules 1–3 to one parameter and appends its reasons.
// A first reason allocates room for hint of them.
func stepParam(s ParamSpec, cur ParamState, now time.Time, delay time.Duration, proposed float64, reasons []Reason, hint int) (float64, []Reason) {
	var whys [3]Why
	n := 0
	target, clampWhy := s.clamp(proposed)
	if clampWhy != "" {
		whys[n], n = clampWhy, n+1
	}
	v := cur.Value
	switch {
	case target == v:
	case s.tighter(target, v):
		v = target
		whys[n], n = WhyTightened, n+1
	case now.Sub(cur.Changed) < delay:
		whys[n], n = WhyLoosenHeld, n+1
	default:
		step := s.loosenStep(v)
		if math.Abs(target-v) <= step {
			v = target
			whys[n], n = WhyLoosened, n+1
		} else {
			v -= float64(s.Tighter) * step
			whys[n], n = WhyLoosenBounded, n+1
		}
	}
	// A value outside the bounds (the bounds changed since it was set) is
	// clamped whatever the delay: the bounds are the operator's word.
	if c, w := s.clamp(v); w != "" {
		v = c
		if w != clampWhy {
			whys[n], n = w, n+1
		}
	}
	if n > 0 && reasons == nil {
		reasons = make([]Reason, 0, hint)
	}
	for _, w := range whys[:n] {
		reasons = append(reasons, Reason{Param: s.Name, Before: cur.Value, After: v, Proposed: proposed, Why: w})
	}
	return v, reasons
}

// stepFlag applies rule 5 to one flag and appends its reason.
// A first reason allocates room for hint of them.
func stepFlag(f FlagSpec, cur FlagState, now time.Time, delay time.Duration, proposed bool, reasons []FlagReason, hint int) (bool, []FlagReason) {
	if proposed == cur.Value {
		return cur.Value, reasons
	}
	r := FlagReason{Flag: f.Name, Before: cur.Value, After: proposed, Proposed: proposed, Why: WhyTightened}
	if proposed != f.Conservative {
		r.Why = WhyLoosened
		if now.Sub(cur.Changed) < delay {
			r.After, r.Why = cur.Value, WhyLoosenHeld
		}
	}
	if reasons == nil {
		reasons = make([]FlagReason, 0, hint)
	}
	return r.After, append(reasons, r)
}
