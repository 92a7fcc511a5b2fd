package bs

import "math"

const (
	invSqrt2Pi = 0.3989422804014327  // 1/√(2π)
	invSqrt2   = 0.70710678118654752 // 1/√2: a multiplication is cheaper than dividing by √2
)

// normCDF is Φ(x) through erfc, which keeps full relative precision in the
// lower tail where 1 − Φ(−x) would cancel.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x*invSqrt2) }

// normPDF is φ(x) = exp(−x²/2)/√(2π); φ(±Inf) = 0.
func normPDF(x float64) float64 { return invSqrt2Pi * math.Exp(-0.5*x*x) }
