package iv

import "math"

const (
	sqrtThree                = 1.732050807568877293527446341505872366943
	sqrtOneOverThree         = 0.5773502691896257645091487805019574556476
	twoPiOverSqrtTwentySeven = 1.209199576156145233729385505094770488189
	sqrtThreeOverCbrtTwoPi   = 0.9386434874273835660750513561150758784147
	piOverSix                = 0.5235987755982988730771072305465838140329
)

// normalisedImpliedVolOTMCall returns s = σ√T with b(x, s, +1) = beta for
// x ≤ 0 and 0 ≤ beta. ok is false when beta is not below
// b_max = exp(x/2) in floating point.
//
// The initial guess splits (0, b_max) at b_l < b_c < b_u, where
// s_c = √(2|x|) is the inflection point of b(s), and s_l, s_u are where
// its tangent there meets 0 and b_max. On [b_l, b_c] and [b_c, b_u] s(β)
// is interpolated directly by rational cubics; below b_l and above b_u
// the rational cubic interpolates the transforms f_lower(β) and f_upper(β),
// whose inverses are explicit. Householder(3) steps then solve
//
//	g(s) = 1/ln b(s) − 1/ln β          for β < b_l,
//	g(s) = ln(b_max−β) − ln(b_max−b(s)) for β > b_u,
//	g(s) = b(s) − β                    otherwise,
//
// each step staying inside the branch's bracket.
func normalisedImpliedVolOTMCall(beta, x float64) (s float64, ok bool) {
	if beta <= 0 {
		return 0, true
	}
	bMax := math.Exp(0.5 * x)
	if beta >= bMax {
		return 0, false
	}
	sLeft, sRight := dblMin, math.MaxFloat64
	sc := math.Sqrt(math.Abs(2 * x))
	bc, vc := normalisedBlackCallAndVega(x, sc)
	if beta < bc {
		sl := sc - bc/vc
		bl, vl := normalisedBlackCallAndVega(x, sl)
		if beta < bl {
			fl, dfl, d2fl := fLowerMapAndDerivatives(x, sl)
			r := convexRationalCubicControlAtRight(0, bl, 0, fl, 1, dfl, d2fl, true)
			f := rationalCubicInterpolation(beta, 0, bl, 0, fl, 1, dfl, r)
			if !(f > 0) {
				// Roundoff for extreme |x|: fall back to the quadratic through
				// f(0) = 0, f′(0) = 1 and f(b_l).
				t := beta / bl
				f = (fl*t + bl*(1-t)) * t
			}
			return householderLower(beta, x, inverseFLowerMap(x, f), sLeft, sl), true
		}
		r := convexRationalCubicControlAtRight(bl, bc, sl, sc, 1/vl, 1/vc, 0, false)
		s = rationalCubicInterpolation(beta, bl, bc, sl, sc, 1/vl, 1/vc, r)
		sLeft, sRight = sl, sc
	} else {
		su := sc
		if vc > dblMin {
			su = sc + (bMax-bc)/vc
		}
		bu, vu := normalisedBlackCallAndVega(x, su)
		if beta <= bu {
			r := convexRationalCubicControlAtLeft(bc, bu, sc, su, 1/vc, 1/vu, 0, false)
			s = rationalCubicInterpolation(beta, bc, bu, sc, su, 1/vc, 1/vu, r)
			sLeft, sRight = sc, su
		} else {
			fu, dfu, d2fu := fUpperMapAndDerivatives(x, su)
			f := -math.MaxFloat64
			if d2fu > -sqrtDblMax && d2fu < sqrtDblMax {
				r := convexRationalCubicControlAtLeft(bu, bMax, fu, 0, dfu, -0.5, d2fu, true)
				f = rationalCubicInterpolation(beta, bu, bMax, fu, 0, dfu, -0.5, r)
			}
			if f <= 0 {
				// Quadratic through f(b_u), f(b_max) = 0, f′(b_max) = −1/2.
				h := bMax - bu
				t := (beta - bu) / h
				f = (fu*(1-t) + 0.5*h*t) * (1 - t)
			}
			s = -2 * inverseNormCDF(f)
			sLeft = su
			if beta > 0.5*bMax {
				return householderUpper(beta, x, bMax, s, sLeft, sRight), true
			}
		}
	}
	return householderMiddle(beta, x, s, sLeft, sRight), true
}

// householderFactor is the Householder(3) correction to a Newton step ν
// with h₂ = g″/g′ and h₃ = g‴/g′:
//
//	s ← s + ν·(1 + ν·h₂/2)/(1 + ν·(h₂ + ν·h₃/6)).
func householderFactor(nu, hh2, hh3 float64) float64 {
	return (1 + 0.5*hh2*nu) / (1 + nu*(hh2+hh3*nu/6))
}

// householder4Factor is the fourth-order analogue with h₄ = g⁗/g′, used
// for extreme moneyness where Jäckel's reference code found two
// Householder(3) steps leave a residual error of a few ulps.
func householder4Factor(nu, hh2, hh3, hh4 float64) float64 {
	return (1 + nu*(hh2+nu*hh3/6)) / (1 + nu*(1.5*hh2+nu*(hh2*hh2/4+hh3/3+nu*hh4/24)))
}

// takeStep moves s by ds but never out of [lo, hi]. A non-finite step
// (from under- or overflow at extreme inputs) ends the iteration.
func takeStep(lo, hi, s, ds float64) (next, step float64) {
	next = s + ds
	if next < lo {
		next = lo
	} else if next > hi {
		next = hi
	}
	if math.IsNaN(next) {
		return s, 0
	}
	return next, next - s
}

// householderLower solves 1/ln b(s) = 1/ln β. With λ = 1/ln b:
//
//	ν  = (ln β − ln b)·ln b/ln β · b/b′
//	h₂ = b″/b′ − (b′/b)·(1 + 2λ)
//	h₃ = b‴/b′ + (b′/b)²·(2 + 6λ(1+λ)) − (b″/b)·3(1 + 2λ)
//
// b/b′ and ln b′ come from normalisedBlackCallOverVegaAndLnVega, so that
// tiny prices neither underflow nor lose precision. For x < −190 the step
// is Householder(4), using b⁗/b′ = β₂(β₃ − ½) − (β₂ − 2/s)·6x²/s⁴ with
// β₂ = b″/b′ = x²/s³ − s/4 and β₃ = b‴/b′ = β₂² − 3x²/s⁴ − 1/4.
func householderLower(beta, x, s, lo, hi float64) float64 {
	lnBeta := math.Log(beta)
	oneOverLnBeta := 1 / lnBeta
	ds := -math.MaxFloat64
	for i := 0; i < maxIterations && math.Abs(ds) > dblEpsilon*s; i++ {
		bx, lnVega := normalisedBlackCallOverVegaAndLnVega(x, s)
		lnB := math.Log(bx) + lnVega
		bpob := 1 / bx
		oneOverS := 1 / s
		h := x * oneOverS
		hOverS := h * oneOverS
		bHH2 := h*hOverS - s/4
		nu := (lnBeta - lnB) * lnB * oneOverLnBeta * bx
		lambda := 1 / lnB
		otlambda := 1 + 2*lambda
		hh2 := bHH2 - bpob*otlambda
		c := 3 * square(hOverS)
		bHH3 := bHH2*bHH2 - c - 0.25
		sqBpob, bppob, mu := square(bpob), bHH2*bpob, 6*lambda*(1+lambda)
		hh3 := bHH3 + sqBpob*(2+mu) - bppob*3*otlambda
		var factor float64
		if x < -190 {
			bHH4 := bHH2*(bHH3-0.5) - (bHH2-2*oneOverS)*2*c
			hh4 := bHH4 - bpob*(sqBpob*(6+lambda*(22+lambda*(36+lambda*24)))-bppob*(12+6*mu)) -
				bppob*bHH2*3*otlambda - bHH3*bpob*4*otlambda
			factor = householder4Factor(nu, hh2, hh3, hh4)
		} else {
			factor = householderFactor(nu, hh2, hh3)
		}
		s, ds = takeStep(lo, hi, s, nu*factor)
	}
	return s
}

// householderUpper solves ln(b_max − β) = ln(b_max − b(s)). The
// complement b̄ = b_max − b is evaluated without cancellation as
//
//	b̄(x, s) = ½·[erfcx((t+h)/√2) + erfcx((t−h)/√2)]·exp(−(h²+t²)/2),
//
// h = x/s, t = s/2, which makes g′ = b′/b̄ = √(2/π)/[erfcx(·) + erfcx(·)] and
//
//	ν = ln(b̄/β̄)/g′,  h₂ = b″/b′ + g′,  h₃ = b‴/b′ + g′·(2g′ + 3b″/b′),
//	h₄ = b⁗/b′ + g′·(6g′·(g′ + 2b″/b′) + 3(b″/b′)² + 4b‴/b′),
//
// the last only for x < −580, where the step is Householder(4).
func householderUpper(beta, x, bMax, s, lo, hi float64) float64 {
	betaBar := bMax - beta
	ds := -math.MaxFloat64
	for i := 0; i < maxIterations && math.Abs(ds) > dblEpsilon*s; i++ {
		oneOverS := 1 / s
		h, t := x*oneOverS, s/2
		gp := (2 / sqrtTwoPi) / (erfcxCody((t+h)*oneOverSqrtTwo) + erfcxCody((t-h)*oneOverSqrtTwo))
		bBar := normalisedVega(x, s) / gp
		g := math.Log(betaBar / bBar)
		hOverS := h * oneOverS
		bHH2 := h*hOverS - s/4
		c := 3 * square(hOverS)
		bHH3 := bHH2*bHH2 - c - 0.25
		nu := -g / gp
		hh2 := bHH2 + gp
		hh3 := bHH3 + gp*(2*gp+3*bHH2)
		var factor float64
		if x < -580 {
			bHH4 := bHH2*(bHH3-0.5) - (bHH2-2*oneOverS)*2*c
			hh4 := bHH4 + gp*(6*gp*(gp+2*bHH2)+3*bHH2*bHH2+4*bHH3)
			factor = householder4Factor(nu, hh2, hh3, hh4)
		} else {
			factor = householderFactor(nu, hh2, hh3)
		}
		s, ds = takeStep(lo, hi, s, nu*factor)
	}
	return s
}

// householderMiddle solves b(s) = β, for which ν = (β − b)/b′,
// h₂ = b″/b′ = x²/s³ − s/4 and h₃ = b‴/b′ = h₂² − 3x²/s⁴ − 1/4.
func householderMiddle(beta, x, s, lo, hi float64) float64 {
	ds := -math.MaxFloat64
	for i := 0; i < maxIterations && math.Abs(ds) > dblEpsilon*s; i++ {
		b, bp := normalisedBlackCallAndVega(x, s)
		nu := (beta - b) / bp
		oneOverS := 1 / s
		h := x * oneOverS
		hOverS := h * oneOverS
		hh2 := h*hOverS - s/4
		hh3 := hh2*hh2 - 3*square(hOverS) - 0.25
		s, ds = takeStep(lo, hi, s, nu*householderFactor(nu, hh2, hh3))
	}
	return s
}

// fLowerMapAndDerivatives returns f(s) = 2π/√27·|x|·Φ(−z)³, z = |x|/(√3·s),
// the lower-branch transform of the paper, with its first two
// derivatives with respect to β = b(x, s):
//
//	f′  = 2π·z²·Φ(−z)²·exp(z² + s²/8)
//	f″ = π/6·z²/s³·Φ(−z)·[8√3·s·|x| + (3s²(s²−8) − 8x²)·Φ(−z)/φ(z)]·exp(2z² + s²/4)
//
// Φ(−z) is taken as φ(z)·Φ(−z)/φ(z) with Φ(−z)/φ(z) = √(π/2)·erfcx(z/√2), and
// exp(2z² + s²/4) as the square of exp(z² + s²/8): two exponentials instead
// of five, at a cost of a few ulps in a quantity that only seeds the
// iteration.
func fLowerMapAndDerivatives(x, s float64) (f, fp, fpp float64) {
	ax := math.Abs(x)
	z := sqrtOneOverThree * ax / s
	y := z * z
	s2 := s * s
	ratio := sqrtPiOverTwo * erfcxCody(z*oneOverSqrtTwo) // Φ(−z)/φ(z)
	phiC := ratio * normPDF(z)
	e := math.Exp(y + 0.125*s2)
	fpp = piOverSix * y / (s2 * s) * phiC * (8*sqrtThree*s*ax + (3*s2*(s2-8)-8*x*x)*ratio) * (e * e)
	phiC2 := phiC * phiC
	fp = twoPi * y * phiC2 * e
	f = twoPiOverSqrtTwentySeven * ax * (phiC2 * phiC)
	return f, fp, fpp
}

// inverseFLowerMap returns s with f_lower(s) = f, formula (4.38).
func inverseFLowerMap(x, f float64) float64 {
	ax := math.Abs(x)
	c := f / ax
	if c >= dblMin {
		c = math.Cbrt(c)
	} else {
		// Separate roots avoid the underflow of f/|x| for f near DBL_MIN.
		c = math.Cbrt(f) / math.Cbrt(ax)
	}
	return math.Abs(x / (sqrtThree * inverseNormCDF(sqrtThreeOverCbrtTwoPi*c)))
}

// fUpperMapAndDerivatives returns f(s) = Φ(−s/2), the upper-branch
// transform, with its first two derivatives with respect to β = b(x, s).
func fUpperMapAndDerivatives(x, s float64) (f, fp, fpp float64) {
	f = normCDF(-0.5 * s)
	w := square(x / s)
	fp = -0.5 * math.Exp(0.5*w)
	fpp = sqrtPiOverTwo * math.Exp(w+0.125*s*s) * w / s
	return f, fp, fpp
}
