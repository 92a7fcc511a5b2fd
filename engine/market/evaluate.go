package market

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/models/liquidation"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/skew"
	"github.com/infrarisk/infrarisk/models/stress"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Inputs are a market's inputs at one time.
type Inputs struct {
	State netstate.State
	Now   time.Time
	// NativeUSD is the price of the chain's gas token.
	NativeUSD float64
	// Recovery is the last outage, if the chain recovered from one recently.
	Recovery *liquidation.Recovery
	// Pool and Bridge are the states of the market's venues, nil for a
	// market without them.
	Pool, Bridge *netstate.State
}

// Update is a market's parameters at one time, with everything behind them.
type Update struct {
	Market string
	At     time.Time
	// Values are the governed parameters by name (see the constants), and
	// Flags the governed flags.
	Values map[string]float64
	Flags  map[string]bool
	Regime governor.Regime
	// Event-driven outputs, not governed.
	Grace              time.Duration
	LiquidationsPaused bool
	Halt               bool
	DeepUnderwater     float64
	PFail              float64
	// Surface is the stressed implied-vol surface.
	Surface []svi.Slice
	// Stress, Proposed and Decision are the intermediate results, for
	// snapshots and reasons.
	Stress   stress.Stress
	Proposed liquidation.Params
	Decision governor.Decision
	// Notes report model results used despite a warning (an SVI refit of a
	// stressed slice that did not converge or shows butterfly arbitrage).
	Notes []string
}

// Evaluate computes a market's update. gov is the governor's state from the
// previous update; the zero State starts the governor at the proposal (a
// first evaluation has nothing to loosen from). cfg must validate.
func Evaluate(cfg Config, in Inputs, gov governor.State) (Update, governor.State, error) {
	st := stress.Assess(in.State, in.Now, cfg.Stress)

	surface := make([]svi.Slice, len(cfg.Surface))
	var notes []string
	for i, sl := range cfg.Surface {
		stressed, err := skew.StressSlice(sl.Raw, sl.T, st.Index, cfg.Skew)
		var bf *skew.ButterflyError
		switch {
		case err == nil:
		case errors.As(err, &bf) || errors.Is(err, svi.ErrNoConvergence):
			// The refit is usable for margin (its prices are the stressed
			// ones to within the fit error); say so rather than fail.
			notes = append(notes, fmt.Sprintf("stressed %.4g-year slice: %v", sl.T, err))
		default:
			return Update{}, gov, fmt.Errorf("market %s: stressing the %.4g-year slice: %w", cfg.Name, sl.T, err)
		}
		surface[i] = svi.Slice{T: sl.T, Raw: stressed.Raw}
	}
	ref := cfg.referenceSlice()
	baseATM := cfg.Surface[ref].Raw.ImpliedVol(0, cfg.Surface[ref].T)
	stressedATM := surface[ref].Raw.ImpliedVol(0, surface[ref].T)

	p := liquidation.Compute(liquidation.Inputs{
		Stress: st, BaseATMVol: baseATM, StressedATMVol: stressedATM,
		NativeUSD: in.NativeUSD, L2: cfg.L2, Recovery: in.Recovery,
		Pool: poolOf(cfg, in), Bridge: bridgeOf(cfg, in),
	}, cfg.Liquidation, cfg.Settlement)

	proposal := governor.Proposal{
		Values: map[string]float64{
			ScanRange:             p.ScanRange,
			VolShockUp:            p.VolShockUp,
			VolShockDown:          p.VolShockDown,
			HorizonSeconds:        p.Horizon.Seconds(),
			MaintenanceMultiplier: p.MaintenanceMultiplier,
			InitialMultiplier:     p.InitialMultiplier,
			LiquidationBonus:      p.Bonus,
			CloseFactor:           p.CloseFactor,
		},
		Flags:  map[string]bool{NewPositionsPaused: p.NewPositionsPaused},
		Stress: st.Index,
		Halt:   p.Halt,
	}
	if gov.At.IsZero() {
		var err error
		if gov, err = governor.Initial(cfg.Governor, proposal, in.Now); err != nil {
			return Update{}, gov, fmt.Errorf("market %s: %w", cfg.Name, err)
		}
	}
	next, d, err := governor.Step(cfg.Governor, gov, in.Now, proposal)
	if err != nil {
		return Update{}, gov, fmt.Errorf("market %s: %w", cfg.Name, err)
	}
	if floor := cfg.Governor.Params[closeFactorIndex(cfg)].Min; p.CloseCap < d.Values[CloseFactor] {
		// The pool's cap applies after the governor (see
		// liquidation.Params.CloseCap), never below the governor's floor.
		d.Values[CloseFactor] = max(p.CloseCap, floor)
	}
	return Update{
		Market: cfg.Name, At: in.Now,
		Values: d.Values, Flags: d.Flags, Regime: d.Regime,
		Grace: p.Grace, LiquidationsPaused: p.LiquidationsPaused, Halt: p.Halt,
		DeepUnderwater: p.DeepUnderwater, PFail: p.PFail,
		Surface: surface, Stress: st, Proposed: p, Decision: d, Notes: notes,
	}, next, nil
}

// MarginParams returns the margin setting of the update: the market's
// healthy setting with the governed scan range and shocks, an oracle
// contingency for what the oracle may have missed, and the failure
// probability as the fail contingency.
//
// The oracle contingency covers the observed deviation plus two standard
// deviations of the move the price could have made while the oracle was
// older than its heartbeat:
//
//	oracle = max(base, dev + 2·σ_ATM·√(max(0, age − heartbeat)/year))
func (u Update) MarginParams(cfg Config) margin.Params {
	m := cfg.Margin
	m.ScanRange = u.Values[ScanRange]
	m.VolShockUp = u.Values[VolShockUp]
	m.VolShockDown = u.Values[VolShockDown]
	c := u.Stress.Conditions
	ref := cfg.referenceSlice()
	vol := u.Surface[ref].Raw.ImpliedVol(0, u.Surface[ref].T)
	late := math.Max(c.OracleAgeS-cfg.Settlement.OracleHeartbeat.Seconds(), 0) / (365 * 24 * 3600)
	m.OracleContingency = math.Max(cfg.Margin.OracleContingency, c.OracleDeviation+2*vol*math.Sqrt(late))
	m.FailContingency = math.Max(cfg.Margin.FailContingency, u.PFail)
	m.InitialMultiplier = u.Values[InitialMultiplier] / u.Values[MaintenanceMultiplier]
	return m
}

// Grid returns the update's scenario grid: the stressed grid nested over the
// healthy one, so that stress never lowers an account's margin.
func (u Update) Grid(cfg Config) margin.Grid {
	return margin.NewGrid(u.MarginParams(cfg)).Nest(margin.NewGrid(cfg.Margin))
}

// SurfaceVol adapts a set of SVI slices to margin.Surface for a forward:
// the vol at a strike and expiry is the implied vol of the slice with the
// nearest expiry at or after t (the last slice beyond the last expiry).
type SurfaceVol struct {
	Forward float64
	Slices  []svi.Slice
}

// Vol implements margin.Surface.
func (s SurfaceVol) Vol(strike, t float64) float64 {
	k := math.Log(strike / s.Forward)
	best := -1
	for i, sl := range s.Slices {
		if sl.T >= t && (best < 0 || sl.T < s.Slices[best].T) {
			best = i
		}
	}
	if best < 0 {
		for i, sl := range s.Slices {
			if best < 0 || sl.T > s.Slices[best].T {
				best = i
			}
		}
	}
	sl := s.Slices[best]
	return math.Sqrt(sl.Raw.TotalVariance(k) / sl.T)
}

// closeFactorIndex is the close factor's place among the governed
// parameters (Validate checks it is there).
func closeFactorIndex(cfg Config) int {
	for i, ps := range cfg.Governor.Params {
		if ps.Name == CloseFactor {
			return i
		}
	}
	panic("market: no governed close factor")
}

// poolOf reads the market's pool state, conservatively where stale.
func poolOf(cfg Config, in Inputs) *liquidation.Pool {
	if cfg.Pool == "" || in.Pool == nil {
		return nil
	}
	read := func(k netstate.Kind) float64 { return in.Pool.Read(k, in.Now).Value }
	return &liquidation.Pool{
		Name:                   cfg.Pool,
		DepthUSD:               read(netstate.PoolLiquidity),
		Drop:                   read(netstate.PoolLiquidityDrop),
		SandwichRate:           read(netstate.SandwichRate),
		LiquidationsSandwiched: read(netstate.LiquidationSandwiched),
	}
}

// bridgeOf reads the market's bridge state, conservatively where stale.
func bridgeOf(cfg Config, in Inputs) *liquidation.Bridge {
	if cfg.Bridge == "" || in.Bridge == nil {
		return nil
	}
	read := func(k netstate.Kind) float64 { return in.Bridge.Read(k, in.Now).Value }
	return &liquidation.Bridge{
		Name:         cfg.Bridge,
		OutflowRatio: read(netstate.BridgeOutflowRatio),
		Paused:       read(netstate.BridgePaused) >= 0.5,
	}
}
