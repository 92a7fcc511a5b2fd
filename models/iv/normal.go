package iv

import "math"

const (
	twoPi            = 6.283185307179586476925286766559005768394
	sqrtTwoPi        = 2.506628274631000502415765284811045253007
	oneOverSqrtTwoPi = 0.3989422804014326779399460599343818684759
	halfLnTwoPi      = 0.9189385332046727417803297364056176398614
	sqrtPiOverTwo    = 1.253314137315500251207882642405522626503
	oneOverSqrtTwo   = 0.7071067811865475244008443621048490392848
	dblEpsilon       = 0x1p-52
	dblMin           = 0x1p-1022
	sqrtDblMin       = 0x1p-511
	sqrtDblMax       = 1.3407807929942596e154
)

// normPDF is the standard normal density φ(z).
func normPDF(z float64) float64 { return oneOverSqrtTwoPi * math.Exp(-0.5*z*z) }

// normCDF is the standard normal distribution Φ(z). Below z = -10 it uses
// the asymptotic series Φ(z) = φ(z)/|z|·[1 - 1/z² + 3/z⁴ - ...]
// (Abramowitz & Stegun 26.2.12), which needs at most about nine terms for
// full double precision and is never less accurate than erfc there.
func normCDF(z float64) float64 {
	if z <= -10 {
		sum := 1.0
		if z >= -1/math.Sqrt(dblEpsilon) {
			zsqr := z * z
			g, a := 1.0, math.MaxFloat64
			for i := 1.0; ; i++ {
				lasta := a
				x := (4*i - 3) / zsqr
				y := x * ((4*i - 1) / zsqr)
				a = g * (x - y)
				sum -= a
				g *= y
				a = math.Abs(a)
				if !(lasta > a && a >= math.Abs(sum*dblEpsilon)) {
					break
				}
			}
		}
		return -normPDF(z) * sum / z
	}
	return 0.5 * erfcCody(-z*oneOverSqrtTwo)
}

// inverseNormCDF is Φ⁻¹(u) by Wichura's algorithm AS 241 (Appl. Statist.
// 37(3), 1988), accurate to about 1 part in 10¹⁶. It is only used for the
// initial guess, which the Householder iterations then polish.
func inverseNormCDF(u float64) float64 {
	if u <= 0 {
		return math.Log(u)
	}
	if u >= 1 {
		return math.Log(1 - u)
	}
	q := u - 0.5
	if math.Abs(q) <= 0.425 {
		r := 0.180625 - q*q
		return q * (((((((2.5090809287301226727e+3*r+3.3430575583588128105e+4)*r+6.7265770927008700853e+4)*r+4.5921953931549871457e+4)*r+1.3731693765509461125e+4)*r+1.9715909503065514427e+3)*r+1.3314166789178437745e+2)*r + 3.3871328727963666080e0) /
			(((((((5.2264952788528545610e+3*r+2.8729085735721942674e+4)*r+3.9307895800092710610e+4)*r+2.1213794301586595867e+4)*r+5.3941960214247511077e+3)*r+6.8718700749205790830e+2)*r+4.2313330701600911252e+1)*r + 1)
	}
	r := u
	if q > 0 {
		r = 1 - u
	}
	r = math.Sqrt(-math.Log(r))
	var z float64
	if r < 5 {
		r -= 1.6
		z = (((((((7.74545014278341407640e-4*r+2.27238449892691845833e-2)*r+2.41780725177450611770e-1)*r+1.27045825245236838258e0)*r+3.64784832476320460504e0)*r+5.76949722146069140550e0)*r+4.63033784615654529590e0)*r + 1.42343711074968357734e0) /
			(((((((1.05075007164441684324e-9*r+5.47593808499534494600e-4)*r+1.51986665636164571966e-2)*r+1.48103976427480074590e-1)*r+6.89767334985100004550e-1)*r+1.67638483018380384940e0)*r+2.05319162663775882187e0)*r + 1)
	} else {
		r -= 5
		z = (((((((2.01033439929228813265e-7*r+2.71155556874348757815e-5)*r+1.24266094738807843860e-3)*r+2.65321895265761230930e-2)*r+2.96560571828504891230e-1)*r+1.78482653991729133580e0)*r+5.46378491116411436990e0)*r + 6.65790464350110377720e0) /
			(((((((2.04426310338993978564e-15*r+1.42151175831644588870e-7)*r+1.84631831751005468180e-5)*r+7.86869131145613259100e-4)*r+1.48753612908506148525e-2)*r+1.36929880922735805310e-1)*r+5.99832206555887937690e-1)*r + 1)
	}
	if q < 0 {
		return -z
	}
	return z
}
