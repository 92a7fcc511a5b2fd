// Package iv computes Black implied volatility to machine precision with
// Peter Jäckel's "Let's Be Rational" algorithm.
//
// # Normalised Black function
//
// With forward F, strike K, x = ln(F/K), s = σ√T and θ = ±1 for calls and
// puts, the undiscounted Black price is √(F·K)·b(x, s, θ) where
//
//	b(x, s, θ) = θ·[exp(x/2)·Φ(θ·(x/s + s/2)) − exp(−x/2)·Φ(θ·(x/s − s/2))].
//
// b is evaluated out of the money (x ≤ 0 for a call; puts use
// b(x, s, −1) = b(−x, s, +1), in-the-money options add the intrinsic
// value) in one of three regions, h = x/s, t = s/2:
//
//	h < −10:          asymptotic expansion of Φ(z)/φ(z), 17 terms
//	t < 2·ε^(1/16):   expansion of Φ(h+t)/φ(h+t) − Φ(h−t)/φ(h−t) to O(t¹²)
//	otherwise:        b = ½·exp(−(h²+t²)/2)·[erfcx(−(h+t)/√2) − erfcx(−(h−t)/√2)]
//
// with Cody's rational approximations of erfc and erfcx(z) = exp(z²)·erfc(z)
// mixed so as to need the fewest exponentials. Each form keeps full
// relative precision where it is used.
//
// # Implied volatility
//
// Given β ∈ (0, b_max), b_max = exp(x/2), the inflection point
// s_c = √(2|x|) and the tangent there split the price axis at b_l < b_c < b_u.
// A rational cubic (Delbourgo–Gregory) interpolates the inverse s(β) on
// [b_l, b_c] and [b_c, b_u], and the transforms
//
//	f_lower(β) = 2π/√27·|x|·Φ(−|x|/(√3·s))³   on (0, b_l),
//	f_upper(β) = Φ(−s/2)                      on (b_u, b_max),
//
// whose inverses are explicit, on the outer segments. From this guess at
// most two Householder(3) steps, s ← s + ν·(1 + ν·h₂/2)/(1 + ν·(h₂ + ν·h₃/6))
// with ν = −g/g′, h₂ = g″/g′, h₃ = g‴/g′, solve g(s) = 0 for
//
//	g(s) = 1/ln b(s) − 1/ln β              for β < b_l,
//	g(s) = ln(b_max − β) − ln(b_max − b(s)) for β > b_u,
//	g(s) = b(s) − β                        otherwise,
//
// which reaches the attainable accuracy (1 + b/(s·∂b/∂s))·ε everywhere.
// Following Jäckel's current reference code, the complement b_max − b(s)
// is computed without cancellation, the lowest branch works with b/(∂b/∂s)
// and ln(∂b/∂s), and for |x| > 190 (lowest) or 580 (highest branch) the
// steps are Householder(4).
//
// All functions are pure and safe for concurrent use. Invalid input and
// prices outside the no-arbitrage bounds are reported as errors, never as
// NaN or a clamped volatility.
//
// Reference: P. Jäckel, "Let's Be Rational", Wilmott 2015(75), 40–53.
package iv
