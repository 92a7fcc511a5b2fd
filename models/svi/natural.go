package svi

import "math"

// Natural is the natural SVI parametrisation of Gatheral & Jacquier (2014,
// §3.2):
//
//	w(k) = Delta + Omega/2 (1 + Zeta·Rho(k − Mu) + √((Zeta(k − Mu) + Rho)² + 1 − Rho²)).
//
// It describes the same curves as Raw, with Omega ≥ 0, |Rho| < 1, Zeta > 0.
type Natural struct {
	Delta, Mu, Rho, Omega, Zeta float64
}

// Natural converts r to the natural parametrisation (Gatheral & Jacquier
// 2014, Lemma 3.2). r must satisfy |Rho| < 1 and Sigma > 0.
func (r Raw) Natural() Natural {
	q := math.Sqrt(1 - r.Rho*r.Rho)
	omega := 2 * r.B * r.Sigma / q
	return Natural{
		Delta: r.A - omega/2*(1-r.Rho*r.Rho),
		Mu:    r.M + r.Rho*r.Sigma/q,
		Rho:   r.Rho,
		Omega: omega,
		Zeta:  q / r.Sigma,
	}
}

// Raw converts n to the raw parametrisation (Gatheral & Jacquier 2014,
// Lemma 3.2). n must satisfy Zeta > 0 and |Rho| < 1.
func (n Natural) Raw() Raw {
	return Raw{
		A:     n.Delta + n.Omega/2*(1-n.Rho*n.Rho),
		B:     n.Omega * n.Zeta / 2,
		Rho:   n.Rho,
		M:     n.Mu - n.Rho/n.Zeta,
		Sigma: math.Sqrt(1-n.Rho*n.Rho) / n.Zeta,
	}
}

// TotalVariance returns w(k) evaluated directly in the natural form.
func (n Natural) TotalVariance(k float64) float64 {
	z := n.Zeta * (k - n.Mu)
	return n.Delta + n.Omega/2*(1+n.Rho*z+math.Sqrt((z+n.Rho)*(z+n.Rho)+1-n.Rho*n.Rho))
}

// JumpWings converts n to the jump-wings parametrisation at expiry t.
func (n Natural) JumpWings(t float64) JumpWings { return n.Raw().JumpWings(t) }
