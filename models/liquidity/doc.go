// Package liquidity prices what a liquidation loses to the market it sells
// into: the price impact of an automated market maker whose liquidity is
// thin or draining, the extra loss when the liquidation is sandwiched, and
// the haircut a wrapped collateral asset deserves while the bridge behind
// it is in trouble.
//
// # Constant-product pools (Uniswap v2)
//
// Selling dx of the base asset into a pool with base reserve x, quote
// reserve y and fee f returns
//
//	dy = y·(1−f)·dx / (x + (1−f)·dx)
//
// the closed form of UniswapV2Library.getAmountOut in Uniswap's v2
// periphery (amountInWithFee = amountIn·997, amountOut = amountInWithFee·
// reserveOut / (reserveIn·1000 + amountInWithFee), so f = 0.003), the fee
// being charged on the input as in §3.2.1 of the Uniswap v2 whitepaper
// (Adams, Zinsmeister, Robinson, "Uniswap v2 Core", 2020). The contract
// rounds down to an integer; the float here is the exact rational, so the
// two differ by less than one raw unit of the quote token. The fee-adjusted
// input keeps the product constant:
//
//	(x + (1−f)·dx)·(y − dy) = x·y
//
// With the mid price p = y/x, the slippage — the fraction of the sale's mid
// value lost, the fee included — is
//
//	s(dx) = 1 − dy/(p·dx) = 1 − (1−f) / (1 + (1−f)·dx/x)
//
// so s(0⁺) = f and s → 1 as dx grows. Solving s(dx) = m for dx,
//
//	1 + (1−f)·dx/x = (1−f)/(1−m)  ⇒  MaxSell(m) = x·(m − f) / ((1−f)·(1−m))
//
// for f < m < 1; nothing can be sold within a tolerance at or below the fee,
// and any amount within a tolerance of 1.
//
// Selling base worth q at mid (dx = q/p, so dx/x = q/y) loses
//
//	s(q) = 1 − (1−f) / (1 + (1−f)·q/y)
//
// which depends on the quote-side reserve y alone: y is the pool's depth
// here (half its value locked), and a pool is built from a depth and a mid
// price as x = y/p. Sizes and depths are in the same currency, dollars for
// a pool quoted in a dollar stablecoin.
//
// # Concentrated liquidity (Uniswap v3)
//
// Within one tick range a v3 pool with active liquidity L at price P (the
// price of token0 in token1) behaves as a constant-product pool with virtual
// reserves
//
//	x = L/√P,   y = L·√P
//
// (Adams et al., "Uniswap v3 Core", 2021, §6.2, equations 6.5–6.6), so the
// formulas above apply with the virtual reserves, and the depth measured
// near the mid in quote is y = L·√P. The pool contract stores
// sqrtPriceX96 = √P·2⁹⁶ in raw units; with token decimals d₀ and d₁,
//
//	√P = sqrtPriceX96/2⁹⁶ · 10^((d₀−d₁)/2),   L = L_raw / 10^((d₀+d₁)/2)
//
// give x and y in whole tokens. When the base is token1, use 1/√P.
//
// The approximation ignores crossing into ticks with different liquidity:
// a sale that leaves the active range meets whatever liquidity lies below
// it, so the virtual pool overstates depth when liquidity falls off outside
// the range (the usual shape, liquidity bunched around the mid) and
// understates it when liquidity rises. Measure L over the range a
// liquidation would cross, or take the smallest L in it, to stay on the
// conservative side.
//
// # Sandwiches
//
// An attacker who sandwiches a swap buys ahead of it and sells after it,
// pushing the victim's fill to the worst price the victim accepts: the
// optimal sandwich leaves the victim exactly at its minimum output (Zhou,
// Qin, Torres, Le, Gervais, "High-Frequency Trading on Decentralized
// On-Chain Exchanges", IEEE S&P 2021). A liquidator's minimum output is
// its quote (which already carries the price impact s) less its tolerance
// τ, as routers set it; a sandwiched liquidation fills at that minimum and
// loses 1 − (1−s)(1−τ) = s + τ(1−s) against mid: its whole tolerance on
// top of its slippage. With a sandwich rate r,
//
//	loss = 1 − (1−s)(1 − r·τ) = s + r·τ·(1−s)
//
// The first form is the one computed (with s as a floor against
// rounding): it is monotone in s, r and τ even after rounding.
//
// # Liquidation terms from depth
//
// Assess takes the measured depth y, the fraction d of liquidity withdrawn
// over the window, the sandwich rates and two liquidation sizes. The
// measured depth already reflects the withdrawal; Assess projects it
// forward, as the conservative read that the drain continues for
// DrainWindows more windows (default one) before the liquidation lands:
//
//	y' = y·(1 − d)^k
//
// A negative d (liquidity added) is not credited: fresh liquidity can leave
// as fast as it came. The sandwich rate used is the larger of the rate
// among the pool's swaps and the rate among recent liquidations, which are
// larger and more predictable targets. Then
//
//	typical, largest   loss(s(q)) at q = typical and largest size, depth y'
//	close fraction     φ = clamp(q*/Q, 0, 1), the largest share of the
//	                   largest size Q losing at most M = MaxCloseSlippage:
//	                   s* = 1 − (1 − M)/(1 − r·τ)
//	                   q* = y'·(s* − f) / ((1−f)·(1 − s*))
//	bonus              min(typical loss, BonusCap): what a liquidator needs
//	                   to break even on a typical liquidation, before gas
//	shortfall          max(largest loss − BonusCap, 0): what the bonus cannot
//	                   pass on when the largest liquidation is sold in full
//
// # Bridge haircut
//
// A wrapped asset is worth its backing only while the bridge redeems. With
// o the net outflow over the window as a fraction of the value locked at
// its start,
//
//	h = min(h₀ + k_o·max(o, 0) + h_p·[paused], h_max)
//
// Outflows are a run on the backing; a pause is worse, since while it lasts
// the asset cannot be redeemed at all and a pause that turns out to hide an
// exploit (Nomad, August 2022; Multichain, July 2023) leaves holders what
// can be recovered. DefaultBridgeConfig explains the figures.
//
// # Conservative by construction
//
// Every output moves only in the conservative direction: less depth, a
// larger drop, a higher sandwich rate, a higher tolerance or a larger size
// never lowers a loss or raises the close fraction; a larger outflow or a
// pause never lowers the haircut. Invalid inputs never panic; they are read
// as the worst case:
//
//	pool with a reserve not positive and finite, or fee outside [0, 1]
//	                         AmountOut 0, Slippage 1, MaxSell 0
//	amount NaN, ±Inf or < 0  AmountOut 0, Slippage 1
//	slippage, rate or tolerance NaN
//	                         1; otherwise clamped to [0, 1]
//	drop NaN                 1 (all liquidity gone); clamped to [0, 1]
//	depth or mid not positive and finite, or an invalid Config
//	                         losses 1, close fraction 0
//	outflow NaN or +Inf      the cap h_max; an invalid BridgeConfig gives 1
//
// What the package ignores: routing across several pools (an aggregator
// splits a large sale and loses less than the deepest pool alone), the
// price recovering between the blocks of a liquidation sold in pieces, and
// gas, which the liquidation package prices.
package liquidity
