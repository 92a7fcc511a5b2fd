package iv

import "math"

// W. J. Cody's rational Chebyshev approximations for erfc and the scaled
// complementary error function erfcx(x) = exp(x²)·erfc(x), from "Rational
// Chebyshev approximations for the error function", Math. Comp. 23 (1969),
// 631–638, as in Cody's CALERF (netlib specfun) with the IEEE double
// machine constants. erfcx needs no exponential for x > 0.46875, which is
// what makes it useful for the normalised Black function.

const (
	codyThreshold = 0.46875
	codyXSmall    = 1.11e-16
	codyXBig      = 26.543
	codyXHuge     = 6.71e7
	codyXMax      = 2.53e307
	codyXNeg      = -26.628
	codyXInf      = 1.79e308
	oneOverSqrtPi = 0.5641895835477562869480794515607725858441
)

// codyErfSmall returns erf(x)/x for |x| <= 0.46875, given ysq = x².
func codyErfSmall(ysq float64) float64 {
	num := 1.85777706184603153e-1 * ysq
	den := ysq
	num = (num + 3.16112374387056560e00) * ysq
	den = (den + 2.36012909523441209e01) * ysq
	num = (num + 1.13864154151050156e02) * ysq
	den = (den + 2.44024637934444173e02) * ysq
	num = (num + 3.77485237685302021e02) * ysq
	den = (den + 1.28261652607737228e03) * ysq
	return (num + 3.20937758913846947e03) / (den + 2.84423683343917062e03)
}

// codyErfcxMid returns erfcx(y) for 0.46875 <= y <= 4.
func codyErfcxMid(y float64) float64 {
	num := 2.15311535474403846e-8 * y
	den := y
	num = (num + 5.64188496988670089e-1) * y
	den = (den + 1.57449261107098347e01) * y
	num = (num + 8.88314979438837594e00) * y
	den = (den + 1.17693950891312499e02) * y
	num = (num + 6.61191906371416295e01) * y
	den = (den + 5.37181101862009858e02) * y
	num = (num + 2.98635138197400131e02) * y
	den = (den + 1.62138957456669019e03) * y
	num = (num + 8.81952221241769090e02) * y
	den = (den + 3.29079923573345963e03) * y
	num = (num + 1.71204761263407058e03) * y
	den = (den + 4.36261909014324716e03) * y
	num = (num + 2.05107837782607147e03) * y
	den = (den + 3.43936767414372164e03) * y
	return (num + 1.23033935479799725e03) / (den + 1.23033935480374942e03)
}

// codyErfcxLarge returns erfcx(y) for 4 < y < XHUGE.
func codyErfcxLarge(y float64) float64 {
	ysq := 1 / (y * y)
	num := 1.63153871373020978e-2 * ysq
	den := ysq
	num = (num + 3.05326634961232344e-1) * ysq
	den = (den + 2.56852019228982242e00) * ysq
	num = (num + 3.60344899949804439e-1) * ysq
	den = (den + 1.87295284992346047e00) * ysq
	num = (num + 1.25781726111229246e-1) * ysq
	den = (den + 5.27905102951428412e-1) * ysq
	num = (num + 1.60837851487422766e-2) * ysq
	den = (den + 6.05183413124413191e-2) * ysq
	r := ysq * (num + 6.58749161529837803e-4) / (den + 2.33520497626869185e-3)
	return (oneOverSqrtPi - r) / y
}

// expMinusSquare returns exp(-y²) with Cody's splitting of y² that keeps
// the error of the exponent small for large y.
func expMinusSquare(y float64) float64 {
	ysq := math.Trunc(y*16) / 16
	del := (y - ysq) * (y + ysq)
	return math.Exp(-ysq*ysq) * math.Exp(-del)
}

// erfcCody returns the complementary error function erfc(x).
func erfcCody(x float64) float64 {
	y := math.Abs(x)
	var r float64
	switch {
	case y <= codyThreshold:
		ysq := 0.0
		if y > codyXSmall {
			ysq = y * y
		}
		return 1 - x*codyErfSmall(ysq)
	case y <= 4:
		r = codyErfcxMid(y) * expMinusSquare(y)
	case y < codyXBig:
		r = codyErfcxLarge(y) * expMinusSquare(y)
	}
	if x < 0 {
		r = 2 - r
	}
	return r
}

// erfcxCody returns the scaled complementary error function exp(x²)·erfc(x).
func erfcxCody(x float64) float64 {
	y := math.Abs(x)
	var r float64
	switch {
	case y <= codyThreshold:
		ysq := 0.0
		if y > codyXSmall {
			ysq = y * y
		}
		return math.Exp(ysq) * (1 - x*codyErfSmall(ysq))
	case y <= 4:
		r = codyErfcxMid(y)
	case y >= codyXMax:
		r = 0
	case y >= codyXHuge:
		r = oneOverSqrtPi / y
	default:
		r = codyErfcxLarge(y)
	}
	if x < 0 {
		if x < codyXNeg {
			return codyXInf
		}
		ysq := math.Trunc(x*16) / 16
		del := (x - ysq) * (x + ysq)
		e := math.Exp(ysq*ysq) * math.Exp(del)
		r = (e + e) - r
	}
	return r
}
