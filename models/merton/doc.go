// Package merton prices European options under Merton's (1976) jump-diffusion
// model: a Black–Scholes diffusion with volatility σ plus Poisson jumps of
// intensity λ per year whose log-sizes are normal with mean μJ and standard
// deviation δJ. It is the model the skew package overlays on a base smile to
// price crash risk when a chain cannot settle.
//
// Conditional on n jumps before expiry the terminal price is lognormal, so the
// price is a Poisson mixture of Black prices (Merton 1976, eq. 19):
//
//	k   = E[J − 1] = exp(μJ + δJ²/2) − 1
//	V   = Σₙ e^{−λT}(λT)ⁿ/n! · Black(Fₙ, K, σₙ, T)·e^{−rT}
//	Fₙ  = F·e^{−λkT}·(1 + k)ⁿ,   σₙ² = σ² + n·δJ²/T,   F = S·e^{(r−q)T}
//
// The drift correction −λk keeps the forward a martingale, so put–call
// parity holds exactly. The series is summed until a bound on its remainder
// falls below 1e-12 of the sum (see Option.Price).
//
// References: R. C. Merton (1976), "Option pricing when underlying stock
// returns are discontinuous", Journal of Financial Economics 3, 125–144;
// E. G. Haug (2007), "The Complete Guide to Option Pricing Formulas", 2nd ed.,
// section 6.7.
package merton
