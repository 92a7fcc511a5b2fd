package svi

import "math"

// JumpWings is the SVI jump-wings parametrisation of Gatheral & Jacquier
// (2014, §3.3), which depends on the expiry t and reads, for w_t = V·t,
//
//	V      = (a + b(−ρm + √(m² + σ²)))/t          ATM variance
//	Psi    = b/(2√w_t) (ρ − m/√(m² + σ²))         ATM skew
//	P      = b(1 − ρ)/√w_t                        put-wing slope
//	C      = b(1 + ρ)/√w_t                        call-wing slope
//	VTilde = (a + bσ√(1 − ρ²))/t                  minimum variance
//
// Psi equals ∂√w/∂k at k = 0, that is √t times the ATM slope of the implied
// volatility in k; P and C are the asymptotic slopes b(1 ∓ ρ) of w in the
// put and call wings, divided by √w_t.
type JumpWings struct {
	V, Psi, P, C, VTilde float64
}

// JumpWings converts r to the jump-wings parametrisation at expiry t > 0.
// The ATM total variance w(0) must be positive.
func (r Raw) JumpWings(t float64) JumpWings {
	h := math.Sqrt(r.M*r.M + r.Sigma*r.Sigma)
	wt := r.A + r.B*(-r.Rho*r.M+h)
	sq := math.Sqrt(wt)
	return JumpWings{
		V:      wt / t,
		Psi:    r.B / (2 * sq) * (r.Rho - r.M/h),
		P:      r.B * (1 - r.Rho) / sq,
		C:      r.B * (1 + r.Rho) / sq,
		VTilde: r.MinTotalVariance() / t,
	}
}

// Raw converts j at expiry t back to the raw parametrisation by inverting the
// definitions (Gatheral & Jacquier 2014, §3.3); the case β = 0, that is
// m = 0, is solved separately. It fails with a
// *ParamError when j describes no valid raw slice: t ≤ 0, V ≤ 0,
// P + C ≤ 0, |β| ≥ 1 with β = ρ − 2Psi·√(V·t)/b = m/√(m² + σ²), or a
// result that does not pass Raw.Validate.
func (j JumpWings) Raw(t float64) (Raw, error) {
	bad := func(cond string, v float64) (Raw, error) {
		return Raw{}, &ParamError{Form: "jump-wings", Cond: cond, Value: v}
	}
	if !(t > 0) || math.IsInf(t, 0) {
		return bad("t > 0", t)
	}
	wt := j.V * t
	if !(wt > 0) || math.IsInf(wt, 0) {
		return bad("v > 0", j.V)
	}
	if !(j.P+j.C > 0) {
		return bad("p + c > 0", j.P+j.C)
	}
	sq := math.Sqrt(wt)
	b := sq / 2 * (j.C + j.P)
	rho := 1 - j.P*sq/b
	beta := rho - 2*j.Psi*sq/b
	if !(math.Abs(beta) < 1) {
		return bad("|β| < 1", beta)
	}
	q := math.Sqrt(1 - rho*rho)
	dv := (j.V - j.VTilde) * t
	var m, sigma float64
	if beta == 0 {
		// m = 0, so v·t − ṽ·t = bσ(1 − √(1−ρ²)), which identifies σ
		// only when ρ ≠ 0.
		if rho == 0 {
			return bad("ρ ≠ 0 when m = 0", rho)
		}
		sigma = dv / (b * (1 - q))
	} else {
		alpha := math.Copysign(math.Sqrt(1/(beta*beta)-1), beta)
		m = dv / (b * (-rho + math.Copysign(math.Sqrt(1+alpha*alpha), alpha) - alpha*q))
		sigma = alpha * m
	}
	r := Raw{A: j.VTilde*t - b*sigma*q, B: b, Rho: rho, M: m, Sigma: sigma}
	if err := r.Validate(); err != nil {
		return Raw{}, err
	}
	return r, nil
}

// Natural converts j at expiry t to the natural parametrisation, via Raw.
func (j JumpWings) Natural(t float64) (Natural, error) {
	r, err := j.Raw(t)
	if err != nil {
		return Natural{}, err
	}
	return r.Natural(), nil
}
