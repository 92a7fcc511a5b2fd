package liquidation

import (
	"fmt"
	"math"
	"time"

	"github.com/infrarisk/infrarisk/models/liquidity"
	"github.com/infrarisk/infrarisk/models/settlement"
	"github.com/infrarisk/infrarisk/models/stress"
)

// Recovery describes the last outage (sequencer down or finality lost) once
// it is over: how long it lasted and how far the price moved meanwhile
// (relative, signed).
type Recovery struct {
	Outage time.Duration
	Move   float64
}

// Inputs are a market's inputs at one time.
type Inputs struct {
	Stress stress.Stress
	// BaseATMVol and StressedATMVol are the ATM vols of the base and the
	// stressed smile at the market's reference expiry.
	BaseATMVol, StressedATMVol float64
	// NativeUSD is the price of the chain's gas token.
	NativeUSD float64
	// L2 marks a market that settles through a sequencer.
	L2 bool
	// Recovery is the last outage, if the chain recovered from one recently.
	Recovery *Recovery
	// Pool is the pool the collateral is sold into, and Bridge the bridge
	// behind it, for a market that has them (nil otherwise).
	Pool   *Pool
	Bridge *Bridge
}

// Pool is what a market's liquidations meet in its DEX pool: stale or
// missing readings arrive at their conservative values (no depth, all
// drained, every swap sandwiched).
type Pool struct {
	Name string
	// DepthUSD is the quote-side depth near the mid price, in USD.
	DepthUSD float64
	// Drop is the fraction of the depth withdrawn over the collector's
	// window; SandwichRate the share of the pool's swaps sandwiched.
	Drop, SandwichRate float64
	// LiquidationsSandwiched counts the market's own liquidations
	// sandwiched over the window. One is enough to read every liquidation
	// as a target: the rate used is min(1, count).
	LiquidationsSandwiched float64
}

// Bridge is the state of the bridge behind a wrapped collateral.
type Bridge struct {
	Name string
	// OutflowRatio is the share of the backing withdrawn over the window.
	OutflowRatio float64
	Paused       bool
}

// Reason says why a parameter has its value.
type Reason struct {
	Param string
	Value float64
	Text  string
}

// Params are a market's proposed parameters, before the governor.
type Params struct {
	ScanRange, VolShockUp, VolShockDown float64
	Horizon                             time.Duration
	PFail                               float64
	MaintenanceMultiplier               float64
	InitialMultiplier                   float64
	Bonus, CloseFactor                  float64
	// CloseCap caps the close factor after the governor: the share of the
	// largest liquidation the pool takes within Liquidity.MaxCloseSlippage
	// (1 without a pool). In a thin pool a larger close sells into its own
	// impact; smaller closes are the conservative answer there, so the cap
	// is not a loosening for the governor to slow down.
	CloseCap float64
	// Haircut is the bridged collateral's haircut; it raises both margin
	// multipliers by the factor 1 + Haircut.
	Haircut            float64
	Grace              time.Duration
	DeepUnderwater     float64
	NewPositionsPaused bool
	LiquidationsPaused bool
	// Halt: liquidations cannot land; the governor's halted regime.
	Halt bool
	// StressIndex is passed through for the governor's regime.
	StressIndex float64
	Settlement  settlement.Result
	Reasons     []Reason
}

// Compute proposes a market's parameters. It panics if cfg or scfg do not
// validate: a programmer error.
func Compute(in Inputs, cfg Config, scfg settlement.Config) Params {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	c := in.Stress.Conditions
	s := in.Stress.Index
	p := Params{StressIndex: s, DeepUnderwater: cfg.DeepUnderwater}
	why := func(param string, v float64, format string, args ...any) {
		p.Reasons = append(p.Reasons, Reason{Param: param, Value: v, Text: fmt.Sprintf(format, args...)})
	}
	for _, r := range in.Stress.Reasons {
		why("stress", r.Score, "%s: %s", r.Group, r.Text)
	}

	// Bonus first: the settlement model needs the gas budget it buys.
	projected := c.BaseFeeGwei * math.Max(1, math.Pow(1+(c.GasUsedRatio-0.5)/4, cfg.FeeProjectionBlocks))
	gasShare := cfg.LiquidationGas * projected * 1e-9 * in.NativeUSD / cfg.LiquidationSizeUSD
	slip := cfg.Slippage * (1 + cfg.SlippageStress*s)
	p.CloseCap = 1
	if pl := in.Pool; pl != nil {
		a := liquidity.Assess(pl.DepthUSD, 1, pl.Drop, pl.SandwichRate, math.Min(1, pl.LiquidationsSandwiched),
			cfg.LiquidationSizeUSD, cfg.LargestLiquidationUSD, cfg.Liquidity)
		slip = math.Max(slip, a.TypicalSlippage)
		p.CloseCap = a.CloseFraction
		for _, r := range a.Reasons {
			why("bonus", a.TypicalSlippage, "pool %s: %s", pl.Name, r)
		}
	}
	p.Bonus = math.Min(math.Max(gasShare+slip, cfg.BonusMin), cfg.BonusMax)
	why("bonus", p.Bonus, "gas of a %.0f-gas liquidation at %.4g gwei (projected %g blocks) is %.3g%% of $%.0f, slippage %.3g%%",
		cfg.LiquidationGas, projected, cfg.FeeProjectionBlocks, 100*gasShare, cfg.LiquidationSizeUSD, 100*slip)

	p.Grace = grace(c, in.Recovery, cfg)
	why("grace", p.Grace.Seconds(), "grace %s after an outage (%s)", p.Grace, graceText(c, in.Recovery))

	scfg.Grace = p.Grace
	budget := settlement.GasBudgetGwei(p.Bonus, cfg.LiquidationSizeUSD, cfg.LiquidationGas, in.NativeUSD, 0)
	p.Settlement = settlement.Assess(settlement.Inputs{Conditions: c, GasBudgetGwei: budget, BaseHorizon: cfg.BaseHorizon, L2: in.L2}, scfg)
	p.Horizon, p.PFail = p.Settlement.HEff, p.Settlement.PFail
	for _, part := range p.Settlement.Delay.Parts {
		if part.Shift > time.Minute || part.Mean > 0 {
			why("horizon", p.Horizon.Seconds(), "%s: %s", part.Name, part.Reason)
		}
	}

	volRatio := 1.0
	if in.BaseATMVol > 0 && in.StressedATMVol > in.BaseATMVol {
		volRatio = in.StressedATMVol / in.BaseATMVol
	}
	horizonRatio := p.Horizon.Seconds() / cfg.BaseHorizon.Seconds()
	p.ScanRange = math.Min(cfg.ScanRange*volRatio*math.Sqrt(horizonRatio), 1)
	why("scan_range", p.ScanRange, "base %.3g × stressed/base ATM vol %.4g × √(H_eff/H₀ = %s/%s)",
		cfg.ScanRange, volRatio, p.Horizon.Round(time.Second), cfg.BaseHorizon)

	p.VolShockUp = cfg.VolShockUp * (1 + cfg.VolShockStress*s)
	p.VolShockDown = math.Min(cfg.VolShockDown*(1+cfg.VolShockStress*s), 0.9)
	p.MaintenanceMultiplier = 1 + cfg.FailMultiplier*p.PFail
	p.InitialMultiplier = p.MaintenanceMultiplier * cfg.InitialRatio * (1 + cfg.InitialStress*s)
	if p.PFail > 0 {
		why("maintenance_multiplier", p.MaintenanceMultiplier, "p_fail %.3g within %s", p.PFail, scfg.MaxDelay)
	}
	if b := in.Bridge; b != nil {
		p.Haircut = liquidity.Haircut(b.OutflowRatio, b.Paused, cfg.Bridge)
		if p.Haircut > 0 {
			p.MaintenanceMultiplier *= 1 + p.Haircut
			p.InitialMultiplier *= 1 + p.Haircut
			why("maintenance_multiplier", p.MaintenanceMultiplier, "bridge %s: %s",
				b.Name, liquidity.HaircutReason(b.OutflowRatio, b.Paused, cfg.Bridge))
		}
	}
	p.CloseFactor = cfg.CloseFactor + (1-cfg.CloseFactor)*math.Min(1, p.PFail/cfg.FullCloseAtPFail)
	if p.CloseCap < 1 {
		why("close_factor", p.CloseCap, "pool %s takes %.1f%% of the largest liquidation ($%.0f) within %.3g%% loss: closes are capped there",
			in.Pool.Name, 100*p.CloseCap, cfg.LargestLiquidationUSD, 100*cfg.Liquidity.MaxCloseSlippage)
	}

	oracleUnusable, oracleWhy := unusableOracle(c, cfg)
	nothingLands := in.L2 && c.SequencerDown
	p.LiquidationsPaused = nothingLands || oracleUnusable
	p.Halt = nothingLands
	p.NewPositionsPaused = s >= cfg.PauseNewAt || oracleUnusable || nothingLands
	switch {
	case nothingLands:
		why("liquidations_paused", 1, "sequencer down: nothing lands; accounts below health %.2f stay liquidatable", cfg.DeepUnderwater)
	case oracleUnusable:
		why("liquidations_paused", 1, "%s; accounts below health %.2f stay liquidatable", oracleWhy, cfg.DeepUnderwater)
	}
	if p.NewPositionsPaused && !nothingLands && !oracleUnusable {
		why("new_positions_paused", 1, "stress index %.3f at or above %.2f", s, cfg.PauseNewAt)
	}
	return p
}

func unusableOracle(c stress.Conditions, cfg Config) (bool, string) {
	switch {
	case c.OracleAgeS > cfg.OracleUnusable*cfg.OracleHeartbeat.Seconds():
		return true, fmt.Sprintf("oracle %.0f s old, over %g heartbeats", c.OracleAgeS, cfg.OracleUnusable)
	case c.OracleDeviation > cfg.OracleUnusableDeviation:
		return true, fmt.Sprintf("oracle deviates %.3g%%, over %.3g%%", 100*c.OracleDeviation, 100*cfg.OracleUnusableDeviation)
	case c.RPCDisagreement:
		return true, "RPC endpoints disagree: the oracle read is not trusted"
	}
	return false, ""
}

// grace is the grace period for the outage under way (its length so far) or
// the last one recovered from.
func grace(c stress.Conditions, rec *Recovery, cfg Config) time.Duration {
	outage, move := time.Duration(0), 0.0
	switch {
	case c.SequencerDown:
		outage = c.SequencerDownFor
	case c.FinalityLost:
		outage = c.FinalityLostFor
	case rec != nil:
		outage, move = rec.Outage, rec.Move
	}
	g := cfg.GraceRatio * outage.Seconds() / math.Max(1, math.Abs(move)/cfg.ScanRange)
	return min(max(time.Duration(g*float64(time.Second)), cfg.GraceMin), cfg.GraceMax).Round(time.Second)
}

func graceText(c stress.Conditions, rec *Recovery) string {
	switch {
	case c.SequencerDown:
		return fmt.Sprintf("sequencer down for %s so far", c.SequencerDownFor.Round(time.Second))
	case c.FinalityLost:
		return fmt.Sprintf("finality lost for %s so far", c.FinalityLostFor.Round(time.Second))
	case rec != nil:
		return fmt.Sprintf("last outage %s, price moved %+.2f%%", rec.Outage.Round(time.Second), 100*rec.Move)
	}
	return "none"
}
