package governor

import "time"

// Floor is a set of values a state must be at least as conservative as:
// what a consumer was last told, when the state that produced it may have
// been lost. Names absent from Values or Flags impose nothing.
type Floor struct {
	Values map[string]float64
	Flags  map[string]bool
	Regime Regime
}

// Raise returns st made at least as conservative as f: each parameter
// looser than its floor value moves to it (clamped to its bounds), each
// flag whose floor is its conservative value takes it, and a lower regime
// rises to f.Regime. Whatever moves restarts its clock at now, so it stays
// for LoosenDelay (or the regime's hold) as if it had just tightened.
// Nothing else changes, and Raise never loosens.
//
// A leader that takes over from another (engine/service) raises the stored
// state to the last update it saw on the wire: the stored state may lag
// the last publish by a moment, and no consumer may see a parameter loosen
// because the engine changed hands.
func Raise(cfg Config, st State, f Floor, now time.Time) (State, error) {
	st, err := st.aligned(cfg)
	if err != nil {
		return State{}, err
	}
	now = canonical(now)
	for i, s := range cfg.Params {
		v, ok := f.Values[s.Name]
		if !ok || !finite(v) {
			continue
		}
		v, _ = s.clamp(v)
		if s.tighter(v, st.Params[i].Value) {
			st.Params[i] = ParamState{Name: s.Name, Value: v, Changed: now}
		}
	}
	for i, fl := range cfg.Flags {
		v, ok := f.Flags[fl.Name]
		if ok && v == fl.Conservative && st.Flags[i].Value != v {
			st.Flags[i] = FlagState{Name: fl.Name, Value: v, Changed: now}
		}
	}
	if f.Regime.Valid() && f.Regime > st.Regime {
		st.Regime, st.RegimeSince = f.Regime, now
	}
	return st, nil
}
