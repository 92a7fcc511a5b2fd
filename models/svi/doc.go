// Package svi implements Gatheral's stochastic-volatility-inspired (SVI)
// parametrisation of one implied-volatility smile: its three equivalent
// parameter sets, slice calibration and static-arbitrage checks.
//
// Everything is expressed in log-moneyness k = ln(K/F) and total implied
// variance w(k) = σ_BS²(k)·t. The raw parametrisation (Gatheral 2004) is
//
//	w(k) = a + b(ρ(k − m) + √((k − m)² + σ²)),
//
// with b ≥ 0, |ρ| < 1, σ > 0 and a + bσ√(1 − ρ²) ≥ 0 so that w ≥ 0.
// The natural parametrisation (Gatheral & Jacquier 2014, §3.2) is
//
//	w(k) = Δ + ω/2 (1 + ζρ(k − μ) + √((ζ(k − μ) + ρ)² + 1 − ρ²)),
//
// and the jump-wings parametrisation (§3.3) describes the same curve by
// quantities a trader reads off a smile at expiry t: the ATM variance v,
// the ATM skew ψ, the put- and call-wing slopes p and c, and the minimum
// variance ṽ.
//
// A slice is free of butterfly arbitrage when the risk-neutral density of k,
//
//	p(k) = g(k)/√(2πw(k)) · exp(−d₋(k)²/2),   d₋(k) = −k/√w − √w/2,
//
// is non-negative, i.e. when (Gatheral & Jacquier 2014, eq. 2.1)
//
//	g(k) = (1 − k w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2 ≥ 0,
//
// and a family of slices is free of calendar-spread arbitrage when w(k, t) is
// non-decreasing in t at every k.
//
// Calibration follows the quasi-explicit method of Zeliade Systems (2009):
// for fixed (m, σ), with y = (k − m)/σ, the slice is linear in (a, d, c),
//
//	w = a + d·y + c·√(y² + 1),   d = ρbσ,  c = bσ,
//
// so the inner weighted least-squares problem on the compact domain
// 0 ≤ c ≤ 4σ, |d| ≤ c, |d| ≤ 4σ − c, 0 ≤ a ≤ max wᵢ is solved exactly, and
// only the outer two-dimensional problem in (m, σ) is searched, by
// Nelder–Mead.
//
// References:
//   - J. Gatheral (2004), "A parsimonious arbitrage-free implied volatility
//     parameterization with application to the valuation of volatility
//     derivatives", Global Derivatives & Risk Management, Madrid.
//   - J. Gatheral and A. Jacquier (2014), "Arbitrage-free SVI volatility
//     surfaces", Quantitative Finance 14(1), 59–71.
//   - Zeliade Systems (2009), "Quasi-explicit calibration of Gatheral's SVI
//     model", Zeliade Systems white paper.
//
// All types are plain values; nothing in the package performs I/O or keeps
// global state, so every function is safe for concurrent use.
package svi
