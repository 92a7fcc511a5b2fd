package liquidity

import "math"

// Pool is a constant-product pool: Base and Quote are its reserves x and y
// in whole tokens, Fee its swap fee f charged on the input. A pool whose
// reserves are not positive and finite, or whose fee is outside [0, 1], is
// invalid: its methods return the worst case.
type Pool struct {
	Base, Quote, Fee float64
}

// FromDepth builds the pool whose quote reserve is depthQuote at the mid
// price mid (quote per base): x = depthQuote/mid, y = depthQuote.
func FromDepth(depthQuote, mid, fee float64) Pool {
	return Pool{Base: depthQuote / mid, Quote: depthQuote, Fee: fee}
}

// FromV3 builds the constant-product pool that a Uniswap v3 pool with active
// liquidity L and square-root price √P (already scaled to whole tokens, see
// the package documentation) follows within its tick range: the virtual
// reserves x = L/√P, y = L·√P.
func FromV3(liquidity, sqrtPrice, fee float64) Pool {
	return Pool{Base: liquidity / sqrtPrice, Quote: liquidity * sqrtPrice, Fee: fee}
}

func (p Pool) valid() bool {
	return positiveFinite(p.Base) && positiveFinite(p.Quote) && p.Fee >= 0 && p.Fee <= 1
}

// Mid is the pool's mid price y/x, quote per base; NaN for an invalid pool.
func (p Pool) Mid() float64 {
	if !p.valid() {
		return math.NaN()
	}
	return p.Quote / p.Base
}

// AmountOut is the quote received for selling dx of the base:
// y·(1−f)·dx / (x + (1−f)·dx). It is 0 for an invalid pool or an amount
// that is negative, NaN or infinite.
func (p Pool) AmountOut(dx float64) float64 {
	if !p.valid() || !nonNegativeFinite(dx) {
		return 0
	}
	in := (1 - p.Fee) * dx
	return p.Quote * in / (p.Base + in)
}

// Slippage is the fraction of its mid value that selling dx of the base
// loses, the fee included: 1 − (1−f)/(1 + (1−f)·dx/x). It is f at dx = 0
// and 1 for an invalid pool or an amount that is negative, NaN or infinite.
func (p Pool) Slippage(dx float64) float64 {
	if !p.valid() || !nonNegativeFinite(dx) {
		return 1
	}
	return slippage(p.Fee, dx/p.Base)
}

// SlippageOfQuoteSize is the slippage of selling base worth sizeQuote at
// mid: 1 − (1−f)/(1 + (1−f)·sizeQuote/y). It is 1 for an invalid pool or a
// size that is negative, NaN or infinite.
func (p Pool) SlippageOfQuoteSize(sizeQuote float64) float64 {
	if !p.valid() || !nonNegativeFinite(sizeQuote) {
		return 1
	}
	return slippage(p.Fee, sizeQuote/p.Quote)
}

// slippage is 1 − (1−f)/(1 + (1−f)·u) for a sale of u times the reserve on
// its side; written so that it is non-decreasing in u after rounding.
func slippage(fee, u float64) float64 {
	g := 1 - fee
	return 1 - g/(1+g*u)
}

// MaxSell is the largest dx whose slippage is at most maxSlippage m:
// x·(m − f)/((1−f)·(1 − m)). It is 0 when m ≤ f (even the smallest sale
// pays the fee), when m is NaN and for an invalid pool, and +Inf when m ≥ 1.
func (p Pool) MaxSell(maxSlippage float64) float64 {
	if !p.valid() {
		return 0
	}
	return p.Base * maxFraction(p, maxSlippage)
}

// MaxSellQuote is MaxSell in quote at mid: the largest size whose
// SlippageOfQuoteSize is at most maxSlippage.
func (p Pool) MaxSellQuote(maxSlippage float64) float64 {
	if !p.valid() {
		return 0
	}
	return p.Quote * maxFraction(p, maxSlippage)
}

// maxFraction is the sale, as a fraction of a reserve, whose slippage is m,
// for a valid pool.
func maxFraction(p Pool, m float64) float64 {
	switch {
	case !(m > p.Fee):
		return 0
	case m >= 1:
		return math.Inf(1)
	}
	g := 1 - p.Fee
	return (m - p.Fee) / (g * (1 - m))
}

func positiveFinite(v float64) bool { return v > 0 && !math.IsInf(v, 1) }

func nonNegativeFinite(v float64) bool { return v >= 0 && !math.IsInf(v, 1) }
