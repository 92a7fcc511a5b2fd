package backtest

import (
	"fmt"
	"slices"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Which selects the parameter sets a backtest runs.
type Which uint8

const (
	// Both runs the static and the infrastructure-aware parameters side by
	// side on the same book.
	Both Which = iota
	// Static runs the static parameters only.
	Static
	// Aware runs the infrastructure-aware parameters only.
	Aware
)

// ParseWhich reads "static", "aware" or "both".
func ParseWhich(s string) (Which, error) {
	switch s {
	case "both":
		return Both, nil
	case "static":
		return Static, nil
	case "aware":
		return Aware, nil
	}
	return 0, fmt.Errorf("backtest: params %q is not static, aware or both", s)
}

func (w Which) String() string {
	switch w {
	case Both:
		return "both"
	case Static:
		return "static"
	case Aware:
		return "aware"
	}
	return fmt.Sprintf("Which(%d)", uint8(w))
}

// ParamSet is the margin and liquidation setting a run applies at a step.
type ParamSet struct {
	// Margin, Grid and Surface margin the book: the scenario grid and the
	// implied-vol surface the risk arrays are built on; Maintenance scales
	// the margin model's maintenance (market.MaintenanceMultiplier).
	Margin      margin.Params
	Grid        margin.Grid
	Surface     []svi.Slice
	Maintenance float64
	// Bonus is the liquidator's bonus as a fraction of the notional it
	// closes, CloseFactor the share of an account closed at once, and
	// DeepUnderwater the health (equity over maintenance) below which an
	// account is closed in full and stays liquidatable through a pause or
	// a grace period.
	Bonus, CloseFactor, DeepUnderwater float64
	// Paused: only deeply underwater accounts may be liquidated. Grace:
	// within the grace period after an outage, the same. Halt: nothing is
	// liquidated.
	Paused, Grace, Halt bool
	// Regime is the regime the parameters were issued in.
	Regime governor.Regime
}

// sameMargin reports whether two sets margin every account alike, so that
// margins computed under one hold under the other.
func (p *ParamSet) sameMargin(q *ParamSet) bool {
	return p == q || p.Margin == q.Margin && p.Maintenance == q.Maintenance &&
		slices.Equal(p.Surface, q.Surface) && slices.Equal(p.Grid.Scenarios, q.Grid.Scenarios)
}

// StaticParams returns the static baseline: the engine's own parameters for
// the market on a healthy chain, every watched signal at its normal value
// (netstate.Spec.Normal), frozen. With the default configuration that is a
// 15% scan range, vol shocks of +30% and −20% nested over the margin model's
// healthy grid, the healthy 0.5% oracle charge, maintenance multiplier 1,
// a bonus of 2% (the floor: a healthy chain's gas is a small share of a
// typical liquidation), close factor 0.5, no pause and no grace period.
// Taking them from the healthy configuration rather than from a separate
// table leaves infrastructure awareness as the only difference between the
// runs. nativeUSD is the gas token's price; at is any time.
func StaticParams(mc market.Config, nativeUSD float64, at time.Time) (*ParamSet, error) {
	st := netstate.New(mc.Chain, 0)
	mu, _, err := market.Evaluate(mc, market.Inputs{State: st, Now: at, NativeUSD: nativeUSD}, governor.State{})
	if err != nil {
		return nil, fmt.Errorf("backtest: static parameters: %w", err)
	}
	p := awareParams(mu, mu.MarginParams(mc), mu.Grid(mc), false)
	p.Surface = slices.Clone(mc.Surface)
	p.Paused, p.Grace, p.Halt = false, false, false
	p.Regime = governor.Normal
	return p, nil
}

// awareParams returns the setting of an issued update, applied as the
// engine's what-if margins a portfolio (engine/service): the update's grid
// and stressed surface, maintenance scaled by its multiplier.
func awareParams(mu market.Update, mp margin.Params, grid margin.Grid, grace bool) *ParamSet {
	return &ParamSet{
		Margin:         mp,
		Grid:           grid,
		Surface:        mu.Surface,
		Maintenance:    mu.Values[market.MaintenanceMultiplier],
		Bonus:          mu.Values[market.LiquidationBonus],
		CloseFactor:    mu.Values[market.CloseFactor],
		DeepUnderwater: mu.DeepUnderwater,
		Paused:         mu.LiquidationsPaused,
		Grace:          grace,
		Halt:           mu.Halt,
		Regime:         mu.Regime,
	}
}
