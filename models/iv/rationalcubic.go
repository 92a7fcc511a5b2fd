package iv

import "math"

// Shape-preserving rational cubic interpolation of R. Delbourgo and
// J. A. Gregory, "Shape preserving piecewise rational interpolation",
// SIAM J. Sci. Stat. Comput. 6(4) (1985), as used by Jäckel for the
// initial guess. On [xl, xr] with values yl, yr, slopes dl, dr and control
// parameter r > -1, the interpolant is (2.4)/(2.5) of the paper; r → ∞
// tends to linear interpolation and r = 3 is the ordinary cubic.

const (
	minRationalCubicControl = -(1 - 0x1p-26) // -(1 - √ε)
	maxRationalCubicControl = 2 / (dblEpsilon * dblEpsilon)
)

func isTiny(x float64) bool { return math.Abs(x) < dblMin }

// maxOf is max(a, b) with the semantics of C++'s std::max: b if a < b,
// else a, so a NaN first argument propagates.
func maxOf(a, b float64) float64 {
	if a < b {
		return b
	}
	return a
}

func rationalCubicInterpolation(x, xl, xr, yl, yr, dl, dr, r float64) float64 {
	h := xr - xl
	if math.Abs(h) <= 0 {
		return 0.5 * (yl + yr)
	}
	t := (x - xl) / h
	if !(r >= maxRationalCubicControl) {
		omt := 1 - t
		t2, omt2 := t*t, omt*omt
		return (yr*t2*t + (r*yr-h*dr)*t2*omt + (r*yl+h*dl)*t*omt2 + yl*omt2*omt) / (1 + (r-3)*t*omt)
	}
	// Linear interpolation without over- or underflow.
	return yr*t + yl*(1-t)
}

// rationalCubicControlToFitSecondDerivativeAtLeft returns the r that makes
// the interpolant's second derivative at xl equal to d2l.
func rationalCubicControlToFitSecondDerivativeAtLeft(xl, xr, yl, yr, dl, dr, d2l float64) float64 {
	h := xr - xl
	num := 0.5*h*d2l + (dr - dl)
	if isTiny(num) {
		return 0
	}
	den := (yr-yl)/h - dl
	if isTiny(den) {
		if num > 0 {
			return maxRationalCubicControl
		}
		return minRationalCubicControl
	}
	return num / den
}

// rationalCubicControlToFitSecondDerivativeAtRight returns the r that makes
// the interpolant's second derivative at xr equal to d2r.
func rationalCubicControlToFitSecondDerivativeAtRight(xl, xr, yl, yr, dl, dr, d2r float64) float64 {
	h := xr - xl
	num := 0.5*h*d2r + (dr - dl)
	if isTiny(num) {
		return 0
	}
	den := dr - (yr-yl)/h
	if isTiny(den) {
		if num > 0 {
			return maxRationalCubicControl
		}
		return minRationalCubicControl
	}
	return num / den
}

// minimumRationalCubicControl returns the smallest r that keeps the
// interpolant monotone and convex or concave where the data allow it,
// conditions (3.8) and (3.18) of Delbourgo and Gregory; s is the secant.
func minimumRationalCubicControl(dl, dr, s float64, preferShapePreservation bool) float64 {
	monotonic := dl*s >= 0 && dr*s >= 0
	convex := dl <= s && s <= dr
	concave := dl >= s && s >= dr
	if !monotonic && !convex && !concave {
		return minRationalCubicControl
	}
	drmdl, drms, smdl := dr-dl, dr-s, s-dl
	r1, r2 := -math.MaxFloat64, -math.MaxFloat64
	if monotonic {
		if !isTiny(s) {
			r1 = (dr + dl) / s
		} else if preferShapePreservation {
			r1 = maxRationalCubicControl
		}
	}
	if convex || concave {
		if !(isTiny(smdl) || isTiny(drms)) {
			r2 = maxOf(math.Abs(drmdl/drms), math.Abs(drmdl/smdl))
		} else if preferShapePreservation {
			r2 = maxRationalCubicControl
		}
	} else if monotonic && preferShapePreservation {
		r2 = maxRationalCubicControl
	}
	return maxOf(minRationalCubicControl, maxOf(r1, r2))
}

func convexRationalCubicControlAtLeft(xl, xr, yl, yr, dl, dr, d2l float64, preferShapePreservation bool) float64 {
	r := rationalCubicControlToFitSecondDerivativeAtLeft(xl, xr, yl, yr, dl, dr, d2l)
	return maxOf(r, minimumRationalCubicControl(dl, dr, (yr-yl)/(xr-xl), preferShapePreservation))
}

func convexRationalCubicControlAtRight(xl, xr, yl, yr, dl, dr, d2r float64, preferShapePreservation bool) float64 {
	r := rationalCubicControlToFitSecondDerivativeAtRight(xl, xr, yl, yr, dl, dr, d2r)
	return maxOf(r, minimumRationalCubicControl(dl, dr, (yr-yl)/(xr-xl), preferShapePreservation))
}
