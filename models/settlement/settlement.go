package settlement

import (
	"fmt"
	"math"
	"time"

	"github.com/infrarisk/infrarisk/models/stress"
)

// Inputs are what the model needs beyond its Config.
type Inputs struct {
	Conditions stress.Conditions
	// GasBudgetGwei is the base fee at which a typical liquidation still
	// pays its liquidator (see GasBudgetGwei).
	GasBudgetGwei float64
	// BaseHorizon is the market's liquidation horizon on a healthy chain.
	BaseHorizon time.Duration
	// L2 marks a market that settles on a rollup with a sequencer.
	L2 bool
}

// Result is the model's output.
type Result struct {
	Delay Delay
	// PFail is P(D > MaxDelay).
	PFail float64
	// DelayQuantile is quantile_q(D); HEff = min(BaseHorizon + DelayQuantile, MaxHorizon).
	DelayQuantile, HEff time.Duration
	// Capped reports that HEff hit MaxHorizon.
	Capped bool
}

// GasBudgetGwei returns the highest base fee, in gwei, at which a
// liquidation of sizeUSD with the given bonus pays for its gasUnits at a
// native token price of nativeUSD, after a priority tip of tipGwei:
//
//	B = bonus · size / (gas units · 1e-9 · native price) − tip
//
// It is zero when the reward does not cover the tip.
func GasBudgetGwei(bonus, sizeUSD, gasUnits, nativeUSD, tipGwei float64) float64 {
	if gasUnits <= 0 || nativeUSD <= 0 {
		return 0
	}
	return math.Max(bonus*sizeUSD/(gasUnits*1e-9*nativeUSD)-tipGwei, 0)
}

// Assess returns the delay distribution and what follows from it. It
// panics if cfg does not validate: a programmer error.
func Assess(in Inputs, cfg Config) Result {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	c := in.Conditions
	var parts []Part
	parts = append(parts, congestion(c, in.GasBudgetGwei, cfg))
	if p, ok := finality(c, cfg); ok {
		parts = append(parts, p)
	}
	if p, ok := sequencer(c, in.L2, cfg); ok {
		parts = append(parts, p)
	}
	if p, ok := oracle(c, cfg); ok {
		parts = append(parts, p)
	}
	d := newDelay(parts)
	r := Result{Delay: d, PFail: d.Survival(cfg.MaxDelay), DelayQuantile: d.Quantile(cfg.Quantile)}
	r.HEff = in.BaseHorizon + r.DelayQuantile
	if r.HEff > cfg.MaxHorizon || r.HEff < in.BaseHorizon { // the second: overflow
		r.HEff, r.Capped = cfg.MaxHorizon, true
	}
	return r
}

// blockSeconds is the block interval to use: the observed one, never less
// than a healthy slot.
func blockSeconds(c stress.Conditions, cfg Config) float64 {
	return math.Max(c.BlockIntervalS, cfg.SlotSeconds)
}

func congestion(c stress.Conditions, budget float64, cfg Config) Part {
	dt := blockSeconds(c, cfg)
	p := Part{Name: "congestion", Shift: seconds(dt)}
	b := c.BaseFeeGwei
	if b <= budget {
		p.Reason = fmt.Sprintf("base fee %.4g gwei within the liquidator's budget of %.4g: next block", b, budget)
		return p
	}
	if budget <= 0 {
		// Nothing pays: the wait is unbounded; stand in the horizon cap.
		p.Shift = cfg.MaxHorizon
		p.Reason = fmt.Sprintf("base fee %.4g gwei and no gas budget: liquidations do not pay", b)
		return p
	}
	excess := math.Log(b / budget)
	down := -math.Log1p((cfg.DrainFullness-0.5)/4) / dt
	up := math.Log1p((c.GasUsedRatio-0.5)/4) / dt
	weight := math.Min(math.Max((c.GasUsedRatio-0.5)/0.5, 0), 1) * math.Min(excess/math.Ln2, 1)
	p.Shift += seconds(excess / down)
	p.Mean = seconds(cfg.SurgeMean.Seconds() * weight * (1 + math.Max(up, 0)/down))
	p.Reason = fmt.Sprintf("base fee %.4g gwei is %.3g× the budget of %.4g at fullness %.2f: %s to drain, surge mean %s",
		b, b/budget, budget, c.GasUsedRatio, p.Shift.Round(time.Second), p.Mean.Round(time.Second))
	return p
}

func finality(c stress.Conditions, cfg Config) (Part, bool) {
	p := Part{Name: "finality"}
	if c.ReorgDepth > 0 {
		p.Shift = seconds(c.ReorgDepth * blockSeconds(c, cfg))
		p.Reason = fmt.Sprintf("reorg of %.4g blocks: as many confirmations more", c.ReorgDepth)
	}
	if c.FinalityLost && cfg.RequiresFinality {
		lostFor := c.FinalityLostFor
		p.Mean = max(cfg.FinalityRecoveryMean, lostFor)
		if p.Reason != "" {
			p.Reason += "; "
		}
		p.Reason += fmt.Sprintf("finality lost (lag %.4g epochs, participation %.3g) for %s: recovery mean %s",
			c.FinalityLagEpochs, c.Participation, lostFor.Round(time.Second), p.Mean)
	}
	return p, p.Shift > 0 || p.Mean > 0
}

func sequencer(c stress.Conditions, l2 bool, cfg Config) (Part, bool) {
	if !l2 {
		return Part{}, false
	}
	p := Part{Name: "sequencer"}
	switch {
	case c.SequencerDown:
		p.Mean = max(cfg.SequencerOutageMean, c.SequencerDownFor)
		p.Shift = cfg.Grace
		p.Reason = fmt.Sprintf("sequencer down for %s: remaining outage mean %s, then %s grace",
			c.SequencerDownFor.Round(time.Second), p.Mean, cfg.Grace)
	case c.SequencerUpFor < cfg.Grace:
		p.Shift = cfg.Grace - c.SequencerUpFor
		p.Reason = fmt.Sprintf("sequencer up for %s: %s of grace left", c.SequencerUpFor.Round(time.Second), p.Shift.Round(time.Second))
	default:
		return p, false
	}
	return p, true
}

func oracle(c stress.Conditions, cfg Config) (Part, bool) {
	late := seconds(math.Max(c.OracleAgeS-cfg.OracleHeartbeat.Seconds(), 0))
	p := Part{Name: "oracle", Shift: late + cfg.OracleDelay}
	if p.Shift == 0 {
		return p, false
	}
	p.Reason = fmt.Sprintf("oracle %.0f s old against a %s heartbeat", c.OracleAgeS, cfg.OracleHeartbeat)
	if cfg.OracleDelay > 0 {
		p.Reason += fmt.Sprintf(", plus a %s protocol delay", cfg.OracleDelay)
	}
	return p, true
}
