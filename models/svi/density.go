package svi

import "math"

// G returns Gatheral & Jacquier's (2014, eq. 2.1) butterfly function
//
//	g(k) = (1 − k w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2.
//
// The slice is free of butterfly arbitrage where g ≥ 0. g is not defined
// where w(k) = 0.
func (r Raw) G(k float64) float64 {
	w, w1, w2 := r.Derivatives(k)
	return gFrom(k, w, w1, w2)
}

func gFrom(k, w, w1, w2 float64) float64 {
	u := 1 - k*w1/(2*w)
	return u*u - w1*w1/4*(1/w+0.25) + w2/2
}

// Density returns the risk-neutral density of log-moneyness k at expiry,
//
//	p(k) = g(k)/√(2πw(k)) · exp(−d₋(k)²/2),   d₋(k) = −k/√w − √w/2,
//
// which equals K·∂²C/∂K² for the undiscounted call price C(K).
// It is negative exactly where g is, i.e. where the slice admits butterfly
// arbitrage.
func (r Raw) Density(k float64) float64 {
	w, w1, w2 := r.Derivatives(k)
	sq := math.Sqrt(w)
	dm := -k/sq - sq/2
	return gFrom(k, w, w1, w2) / math.Sqrt(2*math.Pi*w) * math.Exp(-dm*dm/2)
}
