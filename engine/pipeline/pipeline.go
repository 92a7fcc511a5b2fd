package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/liquidation"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Reasons the pipeline rejects a signal for, beyond those of package wire.
const (
	ReasonUnknownChain wire.Reason = "unknown_chain"
	ReasonOutOfOrder   wire.Reason = "out_of_order"
)

// Pipeline holds the engine's state. Build it with New.
type Pipeline struct {
	markets []market.Config
	chains  map[string]config.Chain
	states  map[string]netstate.State
	gov     map[string]governor.State
	// outage is, per market, the last evaluation's view of an outage in
	// progress; recovery the last outage that ended.
	outage   map[string]outage
	recovery map[string]recovery
}

type outage struct {
	at     time.Time     // the evaluation that saw it
	lasted time.Duration // how long it had lasted then
}

type recovery struct {
	ended time.Time
	rec   liquidation.Recovery
}

// New builds the pipeline of a configuration: every chain's state watching
// its layer's kinds and knowing nothing yet. minTTL, if positive, raises
// every kind's time to live to at least that (for replays of data coarser
// than live collectors publish).
func New(f config.File, minTTL time.Duration) (*Pipeline, error) {
	ms, err := f.MarketConfigs()
	if err != nil {
		return nil, err
	}
	p := &Pipeline{
		markets: ms, chains: map[string]config.Chain{}, states: map[string]netstate.State{},
		gov: map[string]governor.State{}, outage: map[string]outage{}, recovery: map[string]recovery{},
	}
	for _, c := range f.Chains {
		watched, err := c.Watched()
		if err != nil {
			return nil, err
		}
		p.chains[c.Name] = c
		st := netstate.New(c.Name, watched)
		for _, k := range netstate.Kinds() {
			st.TTL[k] = max(k.Spec().TTL, minTTL)
		}
		p.states[c.Name] = st
	}
	for _, v := range f.Venues {
		watched, err := v.Watched()
		if err != nil {
			return nil, err
		}
		st := netstate.New(v.Name, watched)
		for _, k := range netstate.Kinds() {
			st.TTL[k] = max(k.Spec().TTL, minTTL)
		}
		p.states[v.Name] = st
	}
	return p, nil
}

// Affected reports whether a market depends on a changed state: its
// chain's, its pool's or its bridge's.
func Affected(mc market.Config, dirty map[string]bool) bool {
	return dirty[mc.Chain] || (mc.Pool != "" && dirty[mc.Pool]) || (mc.Bridge != "" && dirty[mc.Bridge])
}

// Markets returns the markets' configurations, in the file's order.
func (p *Pipeline) Markets() []market.Config { return p.markets }

// Market returns a market's configuration.
func (p *Pipeline) Market(name string) (market.Config, bool) {
	for _, m := range p.markets {
		if m.Name == name {
			return m, true
		}
	}
	return market.Config{}, false
}

// State returns a chain's state (a copy: State is a value).
func (p *Pipeline) State(chain string) (netstate.State, bool) {
	st, ok := p.states[chain]
	return st, ok
}

// Chains returns the configured chains' and venues' names and states.
func (p *Pipeline) Chains() map[string]netstate.State { return p.states }

// Governor returns a market's governor state (zero before its first
// update).
func (p *Pipeline) Governor(name string) governor.State { return p.gov[name] }

// SetGovernor sets a market's governor state: after an update is issued,
// or when resuming a stored one.
func (p *Pipeline) SetGovernor(name string, st governor.State) { p.gov[name] = st }

// Observe folds an accepted signal into its chain's state. It rejects,
// with a *wire.RejectError, a signal of a chain the configuration does not
// have (unknown_chain) and one observed before the value held for its kind
// (out_of_order). admit, if not nil, runs after those checks and before
// the state changes (the live engine's replay check, which advances the
// source's seq); its error rejects the signal too. A rejected signal
// changes nothing.
func (p *Pipeline) Observe(sig wire.Signal, admit func(wire.Signal) error) error {
	reject := func(reason wire.Reason, err error) error {
		return &wire.RejectError{Reason: reason, Source: sig.Source, Chain: sig.Chain, Kind: sig.Kind, Err: err}
	}
	st, ok := p.states[sig.Chain]
	if !ok {
		return reject(ReasonUnknownChain, fmt.Errorf("chain %q is not configured", sig.Chain))
	}
	k, ok := netstate.Lookup(sig.Kind)
	if !ok {
		return reject(wire.ReasonUnknownKind, fmt.Errorf("%q is not a signal kind", sig.Kind))
	}
	if last, had := st.Last(k); had && sig.ObservedAt.Before(last.At) {
		return reject(ReasonOutOfOrder, fmt.Errorf("observed at %s, before the held observation of %s", sig.ObservedAt, last.At))
	}
	if admit != nil {
		if err := admit(sig); err != nil {
			return err
		}
	}
	st, err := st.Observe(k, sig.Float(), sig.ObservedAt)
	if err != nil {
		return reject(wire.ReasonOutOfRange, err)
	}
	p.states[sig.Chain] = st
	return nil
}

// Inputs returns a market's model inputs at now: its chain's state and gas
// token price, its pool's and bridge's states if it has them, and the
// outage it is recovering from, if any.
func (p *Pipeline) Inputs(mc market.Config, now time.Time) market.Inputs {
	in := market.Inputs{State: p.states[mc.Chain], Now: now, NativeUSD: p.chains[mc.Chain].NativeUSD}
	if mc.Pool != "" {
		st := p.states[mc.Pool]
		in.Pool = &st
	}
	if mc.Bridge != "" {
		st := p.states[mc.Bridge]
		in.Bridge = &st
	}
	if r, ok := p.recovery[mc.Name]; ok && now.Sub(r.ended) <= mc.Liquidation.GraceMax {
		rec := r.rec
		in.Recovery = &rec
	}
	return in
}

// Evaluate computes a market's update at now from its state and governor
// state, without keeping it: SetGovernor keeps the returned governor state
// once the update is issued. If the stored governor state does not fit
// (the configuration changed since it was stored, or the clock is behind
// it, as when a replay starts over) it starts the governor afresh and says
// so with restarted; the sequence of updates continues either way.
//
// Evaluate also tracks outages: the evaluation that no longer sees an
// outage the previous one saw records its end (see the package
// documentation) and already passes it to the models.
func (p *Pipeline) Evaluate(mc market.Config, now time.Time) (mu market.Update, next governor.State, restarted bool, err error) {
	mu, next, err = market.Evaluate(mc, p.Inputs(mc, now), p.gov[mc.Name])
	if errors.Is(err, governor.ErrStateMismatch) || errors.Is(err, governor.ErrTimeBackwards) {
		restarted = true
		mu, next, err = market.Evaluate(mc, p.Inputs(mc, now), governor.State{})
	}
	if err != nil {
		return market.Update{}, governor.State{}, restarted, err
	}
	c := mu.Stress.Conditions
	var ongoing time.Duration
	switch {
	case c.SequencerDown:
		ongoing = c.SequencerDownFor
	case c.FinalityLost:
		ongoing = c.FinalityLostFor
	}
	prev, was := p.outage[mc.Name]
	switch {
	case c.SequencerDown || c.FinalityLost:
		p.outage[mc.Name] = outage{at: now, lasted: ongoing}
	case was:
		delete(p.outage, mc.Name)
		p.recovery[mc.Name] = recovery{ended: now, rec: liquidation.Recovery{Outage: prev.lasted + max(now.Sub(prev.at), 0)}}
		gov := p.gov[mc.Name]
		if restarted {
			gov = governor.State{}
		}
		mu, next, err = market.Evaluate(mc, p.Inputs(mc, now), gov)
		if err != nil {
			return market.Update{}, governor.State{}, restarted, err
		}
	}
	return mu, next, restarted, nil
}

// Warming reports that a market which has never issued an update should
// wait: its chain, pool or bridge has not reported every watched kind yet
// and warmup has not passed since started. A market with a governor state (resumed after
// a restart) never waits.
func (p *Pipeline) Warming(mc market.Config, now, started time.Time, warmup time.Duration) bool {
	if !p.gov[mc.Name].At.IsZero() || now.Sub(started) >= warmup {
		return false
	}
	for _, name := range []string{mc.Chain, mc.Pool, mc.Bridge} {
		if name == "" {
			continue
		}
		st := p.states[name]
		for _, k := range netstate.Kinds() {
			if st.Watched.Has(k) {
				if _, seen := st.Last(k); !seen {
					return true
				}
			}
		}
	}
	return false
}
