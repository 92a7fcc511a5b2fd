package liquidity

import (
	"fmt"
	"math"
)

// Assessment is what a pool's depth means for liquidations sold into it.
type Assessment struct {
	// Pool is the projected pool the figures are computed on: quote reserve
	// y' = y·(1 − d)^k at the mid price.
	Pool Pool
	// Drop d and SandwichRate r as used: clamped to [0, 1], NaN read as 1;
	// r is the larger of the pool's and the liquidations' sandwich rates.
	Drop, SandwichRate float64
	// TypicalSlippage and LargestSlippage are the expected losses, sandwiches
	// included, of selling the typical and the largest liquidation in full.
	TypicalSlippage, LargestSlippage float64
	// CloseFraction is the largest fraction of the largest liquidation that
	// can be sold with an expected loss of at most MaxCloseSlippage, in [0, 1].
	CloseFraction float64
	// Bonus is the bonus a liquidator needs to break even on a typical
	// liquidation, before gas: min(TypicalSlippage, BonusCap).
	Bonus float64
	// Shortfall is the share of the largest liquidation's value that its
	// loss exceeds the bonus cap by: max(LargestSlippage − BonusCap, 0).
	Shortfall float64
	// Reasons says, in plain words, what drove the figures.
	Reasons []string
}

// Assess turns a pool's depth into liquidation terms. depthQuote is the
// pool's quote-side reserve (or v3 virtual reserve) as measured now, mid its
// price, drop the fraction of liquidity withdrawn over the window (already
// reflected in depthQuote), sandwichRate the fraction of the pool's swaps
// and sandwichedLiquidations the fraction of recent liquidations that were
// sandwiched; typicalUSD and largestUSD are liquidation sizes, in the
// pool's quote currency. Invalid inputs or an invalid cfg are read as the
// worst case (see the package documentation); Assess never panics.
func Assess(depthQuote, mid, drop, sandwichRate, sandwichedLiquidations float64, typicalUSD, largestUSD float64, cfg Config) Assessment {
	a := Assessment{Drop: unit(drop), SandwichRate: max(unit(sandwichRate), unit(sandwichedLiquidations))}
	if err := cfg.Validate(); err != nil {
		a.TypicalSlippage, a.LargestSlippage, a.Bonus, a.Shortfall = 1, 1, 1, 1
		a.Reasons = []string{fmt.Sprintf("%v: every liquidation read as a total loss", err)}
		return a
	}
	a.Reasons = invalidInputs(depthQuote, mid, drop, sandwichRate, sandwichedLiquidations, typicalUSD, largestUSD)

	a.Pool = FromDepth(depthQuote*math.Pow(1-a.Drop, cfg.DrainWindows), mid, cfg.Fee)
	loss := func(size float64) float64 {
		return ExpectedLoss(a.Pool.SlippageOfQuoteSize(size), a.SandwichRate, cfg.Tolerance)
	}
	a.TypicalSlippage, a.LargestSlippage = loss(typicalUSD), loss(largestUSD)
	a.CloseFraction = closeFraction(a.Pool, largestUSD, lossLimit(cfg.MaxCloseSlippage, a.SandwichRate, cfg.Tolerance))
	a.Bonus = min(a.TypicalSlippage, cfg.BonusCap)
	a.Shortfall = max(a.LargestSlippage-cfg.BonusCap, 0)

	a.Reasons = append(a.Reasons, depthReason(depthQuote, drop, a, cfg))
	if unit(sandwichedLiquidations) > unit(sandwichRate) {
		a.Reasons = append(a.Reasons, fmt.Sprintf("%s of recent liquidations were sandwiched against %s of the pool's swaps: the higher rate is used",
			pct(unit(sandwichedLiquidations)), pct(unit(sandwichRate))))
	}
	a.Reasons = append(a.Reasons,
		fmt.Sprintf("selling a typical liquidation (%s) loses %.1f%% incl. %s sandwich rate", usd(typicalUSD), 100*a.TypicalSlippage, pct(a.SandwichRate)),
		fmt.Sprintf("selling the largest liquidation (%s) loses %.1f%% incl. %s sandwich rate", usd(largestUSD), 100*a.LargestSlippage, pct(a.SandwichRate)))
	if a.CloseFraction < 1 {
		a.Reasons = append(a.Reasons, fmt.Sprintf("only %.1f%% of the largest liquidation can be sold losing at most %s",
			100*a.CloseFraction, pct(cfg.MaxCloseSlippage)))
	}
	if a.Shortfall > 0 {
		a.Reasons = append(a.Reasons, fmt.Sprintf("the largest liquidation loses %.1f%% more than the %s bonus cap can pay",
			100*a.Shortfall, pct(cfg.BonusCap)))
	}
	return a
}

// closeFraction is the largest share of size whose slippage is at most
// limit: clamp(MaxSellQuote(limit)/size, 0, 1); nothing for an invalid pool
// or size, everything of a size of zero.
func closeFraction(p Pool, size, limit float64) float64 {
	switch {
	case !p.valid() || !nonNegativeFinite(size):
		return 0
	case size == 0:
		return 1
	}
	return min(p.MaxSellQuote(limit)/size, 1)
}

func invalidInputs(depth, mid, drop, rate, liqRate, typical, largest float64) []string {
	var why []string
	if !positiveFinite(depth) {
		why = append(why, fmt.Sprintf("depth %g is not positive and finite: read as no liquidity", depth))
	}
	if !positiveFinite(mid) {
		why = append(why, fmt.Sprintf("mid price %g is not positive and finite: read as no liquidity", mid))
	}
	for _, f := range []struct {
		name string
		v    float64
		as   string
	}{
		{"drop", drop, "all liquidity withdrawn"},
		{"sandwich rate", rate, "every swap sandwiched"},
		{"sandwiched liquidations", liqRate, "every liquidation sandwiched"},
	} {
		if math.IsNaN(f.v) {
			why = append(why, fmt.Sprintf("%s is NaN: read as %s", f.name, f.as))
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"typical", typical}, {"largest", largest}} {
		if !nonNegativeFinite(f.v) {
			why = append(why, fmt.Sprintf("%s liquidation size %g is not finite and ≥ 0: read as a total loss", f.name, f.v))
		}
	}
	return why
}

func depthReason(depth, drop float64, a Assessment, cfg Config) string {
	var change string
	switch {
	case drop > 0:
		change = fmt.Sprintf("−%s over the window", pct(a.Drop))
	case drop < 0:
		change = fmt.Sprintf("+%s over the window, not credited", pct(-drop))
	case drop == 0:
		change = "no drop over the window"
	default:
		change = "drop unknown"
	}
	text := fmt.Sprintf("pool depth %s (%s)", usd(depth), change)
	if cfg.DrainWindows > 0 && a.Drop > 0 {
		windows := "windows"
		if cfg.DrainWindows == 1 {
			windows = "window"
		}
		text += fmt.Sprintf(", %s if the drain continues %g more %s", usd(a.Pool.Quote), cfg.DrainWindows, windows)
	}
	return text
}

// usd formats an amount to three significant figures with a k, M or B
// suffix: $2.1M, $500k, $950.
func usd(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return fmt.Sprintf("$%g", v)
	}
	if v == 0 {
		return "$0"
	}
	scale := math.Pow(10, math.Floor(math.Log10(v))-2)
	r := math.Round(v/scale) * scale
	for _, u := range []struct {
		div    float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if r >= u.div {
			if r/u.div >= 1000 {
				return fmt.Sprintf("$%.0f%s", r/u.div, u.suffix)
			}
			return fmt.Sprintf("$%.3g%s", r/u.div, u.suffix)
		}
	}
	return fmt.Sprintf("$%.3g", r)
}

// pct formats a fraction as a percentage to three significant figures.
func pct(v float64) string { return fmt.Sprintf("%.3g%%", 100*v) }
