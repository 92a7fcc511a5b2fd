package svi

import "math"

// Raw is Gatheral's raw SVI slice
//
//	w(k) = A + B(Rho(k − M) + √((k − M)² + Sigma²)),
//
// giving total implied variance w as a function of log-moneyness k = ln(K/F).
type Raw struct {
	A, B, Rho, M, Sigma float64
}

// Validate reports whether r is an admissible raw slice: all parameters
// finite, B ≥ 0, |Rho| < 1, Sigma > 0 and A + B·Sigma·√(1 − Rho²) ≥ 0, the
// last making min w ≥ 0. The error is a *ParamError naming the first
// violated condition.
func (r Raw) Validate() error {
	bad := func(cond string, v float64) error { return &ParamError{Form: "raw", Cond: cond, Value: v} }
	for _, p := range [...]struct {
		name string
		v    float64
	}{{"a", r.A}, {"b", r.B}, {"rho", r.Rho}, {"m", r.M}, {"sigma", r.Sigma}} {
		if math.IsNaN(p.v) || math.IsInf(p.v, 0) {
			return bad(p.name+" finite", p.v)
		}
	}
	switch {
	case r.B < 0:
		return bad("b ≥ 0", r.B)
	case !(math.Abs(r.Rho) < 1):
		return bad("|ρ| < 1", r.Rho)
	case !(r.Sigma > 0):
		return bad("σ > 0", r.Sigma)
	}
	if wMin := r.MinTotalVariance(); wMin < 0 {
		return bad("a + bσ√(1−ρ²) ≥ 0", wMin)
	}
	return nil
}

// MinTotalVariance returns min_k w(k) = A + B·Sigma·√(1 − Rho²).
func (r Raw) MinTotalVariance() float64 {
	return r.A + r.B*r.Sigma*math.Sqrt(1-r.Rho*r.Rho)
}

// TotalVariance returns w(k).
func (r Raw) TotalVariance(k float64) float64 {
	x := k - r.M
	return r.A + r.B*(r.Rho*x+math.Sqrt(x*x+r.Sigma*r.Sigma))
}

// ImpliedVol returns the Black implied volatility √(w(k)/t) at expiry t > 0.
// It is NaN where w(k) < 0, which cannot happen for a valid slice.
func (r Raw) ImpliedVol(k, t float64) float64 {
	return math.Sqrt(r.TotalVariance(k) / t)
}

// Derivatives returns w(k), w′(k) and w″(k), sharing one square root.
func (r Raw) Derivatives(k float64) (w, w1, w2 float64) {
	x := k - r.M
	s := math.Sqrt(x*x + r.Sigma*r.Sigma)
	w = r.A + r.B*(r.Rho*x+s)
	w1 = r.B * (r.Rho + x/s)
	w2 = r.B * r.Sigma * r.Sigma / (s * s * s)
	return w, w1, w2
}

// FirstDerivative returns w′(k) = B(Rho + (k − M)/√((k − M)² + Sigma²)).
func (r Raw) FirstDerivative(k float64) float64 {
	_, w1, _ := r.Derivatives(k)
	return w1
}

// SecondDerivative returns w″(k) = B·Sigma²/((k − M)² + Sigma²)^{3/2}.
func (r Raw) SecondDerivative(k float64) float64 {
	_, _, w2 := r.Derivatives(k)
	return w2
}
