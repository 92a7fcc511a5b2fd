package liquidity

import "math"

// ExpectedLoss is the expected loss of a swap with the given slippage s
// when a fraction r of swaps is sandwiched. A swap's minimum output is its
// quote less the tolerance τ, and a sandwiched swap fills at that minimum:
// it loses 1 − (1−s)(1−τ) = s + τ(1−s) against mid. Then
//
//	E = 1 − (1−s)(1−r·τ) = s + r·τ·(1−s)
//
// computed in the first form, which is monotone in each argument even after
// rounding, and never below s. Each argument that is NaN counts as 1; each
// is clamped to [0, 1] (a fill better than mid is not credited).
func ExpectedLoss(slippage, sandwichRate, tolerance float64) float64 {
	s, r, tau := unit(slippage), unit(sandwichRate), unit(tolerance)
	return max(s, 1-(1-s)*(1-r*tau))
}

// lossLimit is the largest slippage whose ExpectedLoss is at most m, for m
// in [0, 1): 1 − (1−m)/(1−r·τ), negative when even a frictionless sale
// loses more than m, −Inf when r·τ = 1 (every sale loses everything).
func lossLimit(m, r, tau float64) float64 {
	if r*tau >= 1 {
		return math.Inf(-1)
	}
	return 1 - (1-m)/(1-r*tau)
}

// unit reads a fraction: NaN as 1, anything else clamped to [0, 1].
func unit(v float64) float64 {
	if math.IsNaN(v) {
		return 1
	}
	return min(max(v, 0), 1)
}
