// Package bs prices European options under Black–Scholes–Merton (spot, with a
// continuous dividend or borrow yield) and Black (1976) (forward), with their
// greeks.
//
// Both are written on the forward F and discount factor D:
//
//	F  = S·exp((r − q)·T)          (Black–Scholes–Merton; Black-76 takes F as given)
//	D  = exp(−r·T)
//	s  = σ·√T
//	d₁ = ln(F/K)/s + s/2,  d₂ = d₁ − s
//	V  = D·θ·(F·Φ(θ·d₁) − K·Φ(θ·d₂))      θ = +1 call, −1 put
//
// Greeks are partial derivatives of V in the model's own inputs, in natural
// units: delta ∂V/∂S (∂V/∂F for Black-76), gamma ∂²V/∂S², vega ∂V/∂σ per 1.00
// of vol, theta −∂V/∂T per year, rho ∂V/∂r per 1.00 of rate, vanna ∂²V/∂S∂σ
// and volga ∂²V/∂σ².
//
// Degenerate inputs take their limits instead of NaN: with s = 0 (T = 0 or
// σ = 0) the price is the discounted intrinsic value D·max(θ(F − K), 0), delta
// is a step (half a step at the money), and gamma is +Inf exactly at the money
// and 0 elsewhere.
//
// References: F. Black and M. Scholes (1973), R. C. Merton (1973), F. Black
// (1976), "The pricing of commodity contracts"; formulas as tabulated in
// E. G. Haug (2007), "The Complete Guide to Option Pricing Formulas", 2nd ed.,
// chapters 1–2.
package bs
