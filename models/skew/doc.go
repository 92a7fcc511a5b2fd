// Package skew steepens the downside of an implied-volatility smile when the
// chain under a market is in trouble. A chain that cannot settle (congested,
// without finality, its sequencer down) cannot land liquidations or
// arbitrage, and crashes become more likely; the margin engine prices that
// by adding crash jumps to the market's own smile and reading off the
// stressed smile, its skew metrics and an SVI slice it can publish.
//
// # Model
//
// The stress index s ∈ [0, 1] (package stress) sets the intensity of crash
// jumps per year,
//
//	λ(s) = λ_max·s^p,
//
// each crash multiplying the price by e^Y with Y ~ N(μJ, δJ²). Under stress
// the terminal price is the base terminal price, distributed as the base
// SVI slice implies, times an independent compensated compound-Poisson
// factor:
//
//	S_T = S_T^base · e^{J − λκT},   J = Y₁ + … + Y_N,   N ~ Poisson(λT),
//	κ = E[e^Y − 1] = exp(μJ + δJ²/2) − 1.
//
// Since (S·e^x − K)⁺ = e^x·(S − K·e^{−x})⁺, conditioning on N = n gives every
// stressed call price from base call prices at shifted strikes:
//
//	C(K) = Σₙ pₙ(λT) · E[ e^X · C_base(K·e^{−X}) ],   X = J_n − λκT,
//	J_n ~ N(nμJ, nδJ²),   pₙ(λT) = e^{−λT}(λT)ⁿ/n!,
//
// where C_base(K′) = Black(F, K′, σ_base(ln(K′/F)), T) is the undiscounted
// call on the base smile; puts follow with (K·e^{−X} − S)⁺ in place of the
// call payoff. For a flat base smile this is Merton's (1976) jump-diffusion
// price, which the tests check to 1e-9. The expectation over J_n is a
// Gauss–Hermite sum,
//
//	E[f(J_n)] ≈ Σᵢ ωᵢ/√π · f(nμJ + √(2n)·δJ·xᵢ),
//
// whose size grows with (√n·δJ/√w(0))², the spread of the jumps against the
// width of the base smile, and shrinks with the Poisson weight of the term;
// the Poisson sum stops when a bound on its remainder falls below 1e-10 of
// the price. Each option is priced on its out-of-the-money side (puts below
// the forward), so deep wings keep their relative precision. Against
// Merton's series on flat smiles (vols of 30–100%, expiries from a week to
// two years, λ up to 5) prices agree to 3e-10 relative within two standard
// deviations of the forward and implied vols to 3e-8 out to four. Only when
// the jumps are far wider than the smile, as at one day and 30% vol
// (δJ ≈ 6√w(0)), do the rules hit their 128-node cap and vol errors reach
// a few 1e-6.
//
// # No arbitrage
//
// The stressed law is that of a product of two independent positive
// variables with means F and 1, so the stressed prices are expectations of
// the payoffs under a probability with mean F: a convolution of a valid
// density, free of butterfly arbitrage whenever the base slice is. With the
// same λ at every expiry the jump factor is a martingale independent of any
// martingale carrying the base surface, their product is a martingale, and
// the stressed surface is free of calendar arbitrage whenever the base
// surface is.
//
// # From prices to a published slice
//
// StressSlice prices the options on a grid of log-moneyness k = ln(K/F)
// spanning ±GridWidth stressed standard deviations √(w(0) + λT(μJ² + δJ²))
// around the forward, inverts each price to an implied vol (package iv, Let's
// Be Rational) and fits raw SVI to the vols with svi.Calibrate, warm-started
// from the base slice. SVI cannot follow every bend a jump puts in a smile:
// on the Deribit ETH and BTC slices of 5 January 2026 the fit is within
// 1.5e-3 in vol (RMSE) at stress 0.5 and 4.5e-3 at stress 1. StressSlice
// checks the fitted slice for butterfly arbitrage and StressSurface checks
// the fitted surface for calendar arbitrage; both return what they fitted
// together with the violation, for the caller to decide. At stress 0 the
// base slice is returned unchanged.
//
// Metrics reads a slice as a desk quotes it: the ATM vol at the forward, the
// 25-delta risk reversal σ(25Δ call) − σ(25Δ put) and butterfly
// (σ(25Δ call) + σ(25Δ put))/2 − σ_ATM, with forward, undiscounted, not
// premium-adjusted Black deltas at the strike's own smile vol.
//
// # Defaults
//
// DefaultConfig documents each constant and its source:
//
//	λ_max = 5 a year    rate of one-day ETH/USD falls of 15% or more, 2016–2022
//	p     = 2           busy fee days (index 0.2–0.4) add under one crash a year
//	μJ    = −0.18       about the mean one-day ETH log-return below −12%
//	δJ    = 0.10        12 March 2020 (−43%) is within reach of two crashes
//	grid  = 15 points over ±3.5 stressed standard deviations
//
// The ETH figures are from daily closes, January 2016 to August 2022, of the
// price series published with the GitHub repository
// cedav12/Impact-of-total-transaction-fees-on-the-price-of-Bitcoin-and-Ethereum.
// With them, full stress lifts the 27 March 2026 ETH smile of 5 January 2026
// from 62% to 76% ATM and its 25-delta risk reversal from −2.5 to −5.8 vol
// points (see the package example).
//
// # What the model ignores
//
//   - The crash intensity is the same at every expiry and for the whole
//     life of the option, although outages are short: long expiries are
//     charged for crash risk as if the stress lasted. This keeps the
//     surface free of calendar arbitrage and errs on the safe side.
//   - Only crashes: there are no upside jumps, and the jump sizes do not
//     depend on the stress, only their frequency does.
//   - The base smile already prices some crash risk; the overlay adds to it
//     rather than replacing it, which errs on the safe side too.
//   - λ(s) is a policy mapping, not fitted to option prices observed during
//     incidents.
//   - Where λT is large (a year at full stress) many small compensated
//     jumps add more variance than skew, and near the money the smile rises
//     almost in parallel; the risk reversal still falls at every step.
//
// References:
//   - R. C. Merton (1976), "Option pricing when underlying stock returns are
//     discontinuous", Journal of Financial Economics 3, 125–144.
//   - J. Gatheral and A. Jacquier (2014), "Arbitrage-free SVI volatility
//     surfaces", Quantitative Finance 14(1), 59–71.
//   - M. Fukasawa (2012), "The normalizing transformation of the implied
//     volatility smile", Mathematical Finance 22(4), 753–762: d₁ and d₂
//     decrease in the strike on a smile free of butterfly arbitrage.
//
// Gauss–Hermite nodes and weights come from gonum's integrate/quad.
//
// All functions are pure and safe for concurrent use.
package skew
