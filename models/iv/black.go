package iv

import (
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
)

const (
	// η: below h = x/s = -10 the asymptotic expansion of b is used.
	asymptoticExpansionThreshold = -10
	// τ = 2·ε^(1/16): below t = s/2 = τ the small-t expansion is used.
	smallTExpansionThreshold = 0.21022410381342863575778136905830372376
)

// Black returns the undiscounted Black price of a European option on
// forward F, strike K, volatility sigma and expiry T (years):
//
//	θ·[F·Φ(θ·d₁) − K·Φ(θ·d₂)],  d₁,₂ = ln(F/K)/(σ√T) ± σ√T/2.
//
// In-the-money options are priced as intrinsic value plus the
// out-of-the-money counterpart (put–call parity), so that the time value
// keeps full relative precision. sigma = 0 or T = 0 gives the intrinsic
// value. Black returns NaN if F or K is not positive, sigma or T is
// negative, typ is neither bs.Call nor bs.Put, or any argument is NaN.
func Black(F, K, sigma, T float64, typ bs.OptionType) float64 {
	if !(F > 0 && K > 0 && sigma >= 0 && T >= 0) || (typ != bs.Call && typ != bs.Put) {
		return math.NaN()
	}
	theta := typ.Sign()
	intrinsic := math.Max(theta*(F-K), 0)
	if intrinsic > 0 {
		theta = -theta
	}
	otm := math.Sqrt(F) * math.Sqrt(K) * normalisedBlackCall(theta*logMoneyness(F, K), sigma*math.Sqrt(T))
	if intrinsic > 0 {
		return intrinsic + otm
	}
	return otm
}

// NormalisedBlack returns Jäckel's normalised Black function
//
//	b(x, s, θ) = θ·[exp(x/2)·Φ(θ·(x/s + s/2)) − exp(−x/2)·Φ(θ·(x/s − s/2))]
//
// with x = ln(F/K) and s = σ√T, so that Black = √(F·K)·b. It keeps full
// relative precision in all regions, i.e. a few ulps near the money and no
// worse than the (x/s)²·ε sensitivity to rounded inputs far from it: an
// asymptotic expansion for x/s < −10, a small-s expansion for
// s < 2·ε^(1/16), and otherwise Cody's erfc/erfcx with as few
// exponentials as possible. s ≤ 0 gives the
// normalised intrinsic value; a typ other than bs.Call or bs.Put gives NaN.
func NormalisedBlack(x, s float64, typ bs.OptionType) float64 {
	if typ == bs.Put {
		x = -x
	} else if typ != bs.Call {
		return math.NaN()
	}
	return normalisedBlackCall(x, s)
}

// logMoneyness returns ln(F/K), falling back to ln F − ln K when the ratio
// over- or underflows.
func logMoneyness(F, K float64) float64 {
	r := F / K
	if r > 0 && r <= math.MaxFloat64 && r >= dblMin {
		return math.Log(r)
	}
	return math.Log(F) - math.Log(K)
}

// normalisedIntrinsic returns max(θ·(exp(x/2) − exp(−x/2)), 0), using its
// Taylor series for small |x| to avoid cancellation.
func normalisedIntrinsic(x, theta float64) float64 {
	if theta*x <= 0 {
		return 0
	}
	x2 := x * x
	// 98 ≈ (92897280)^(1/4), from the last coefficient of the series.
	if x2 < 98*0x1p-13 {
		return math.Abs(theta * x * (1 + x2*(1.0/24+x2*(1.0/1920+x2*(1.0/322560+x2*(1.0/92897280))))))
	}
	bMax := math.Exp(0.5 * x)
	return math.Abs(bMax - 1/bMax)
}

// normalisedVega returns ∂b/∂s = exp(−((x/s)² + (s/2)²)/2)/√(2π).
func normalisedVega(x, s float64) float64 {
	ax := math.Abs(x)
	if ax <= 0 {
		return oneOverSqrtTwoPi * math.Exp(-0.125*s*s)
	}
	if s <= 0 || s <= ax*sqrtDblMin {
		return 0
	}
	return oneOverSqrtTwoPi * math.Exp(-0.5*(square(x/s)+square(0.5*s)))
}

// lnNormalisedVega returns ln(∂b/∂s) without underflow.
func lnNormalisedVega(x, s float64) float64 {
	if math.Abs(x) <= 0 {
		return -halfLnTwoPi - 0.125*s*s
	}
	if s <= 0 {
		return -math.MaxFloat64
	}
	return -halfLnTwoPi - 0.5*(square(x/s)+square(0.5*s))
}

func square(x float64) float64 { return x * x }

// inAsymptoticRegion reports h < η and t < τ + |h| − |η| without dividing
// by s (h = x/s, t = s/2).
func inAsymptoticRegion(x, s float64) bool {
	return x < s*asymptoticExpansionThreshold &&
		0.5*s*s+x < s*(smallTExpansionThreshold+asymptoticExpansionThreshold)
}

// normalisedBlackCall returns b(x, s, +1).
func normalisedBlackCall(x, s float64) float64 {
	if x > 0 {
		return normalisedIntrinsic(x, 1) + normalisedBlackCall(-x, s)
	}
	b, _ := normalisedBlackCallAndVega(x, s)
	return b
}

// normalisedBlackCallAndVega returns b(x, s, +1) and ∂b/∂s for x ≤ 0. Both
// share the factor exp(−(h²+t²)/2), h = x/s, t = s/2, which is evaluated
// once.
func normalisedBlackCallAndVega(x, s float64) (b, vega float64) {
	if s <= 0 {
		return normalisedIntrinsic(x, 1), normalisedVega(x, s)
	}
	h, t := x/s, 0.5*s
	e := 0.0
	if x == 0 || s > -x*sqrtDblMin {
		e = math.Exp(-0.5 * (h*h + t*t))
	}
	vega = oneOverSqrtTwoPi * e
	switch {
	case inAsymptoticRegion(x, s):
		b = asymptoticExpansionOfNormalisedBlackCallOverVega(h, t) * vega
	case t < smallTExpansionThreshold:
		b = smallTExpansionOfNormalisedBlackCallOverVega(h, t) * vega
	default:
		b = normalisedBlackCallWithCody(x, h, t, e)
	}
	return b, vega
}

// normalisedBlackCallOverVegaAndLnVega returns b/(∂b/∂s) and ln(∂b/∂s) for
// x ≤ 0. The ratio stays representable where b and vega both underflow.
func normalisedBlackCallOverVegaAndLnVega(x, s float64) (bx, lnVega float64) {
	lnVega = lnNormalisedVega(x, s)
	switch {
	case s <= 0:
		return normalisedIntrinsic(x, 1) * math.Exp(-lnVega), lnVega
	case inAsymptoticRegion(x, s):
		return asymptoticExpansionOfNormalisedBlackCallOverVega(x/s, 0.5*s), lnVega
	case 0.5*s < smallTExpansionThreshold:
		return smallTExpansionOfNormalisedBlackCallOverVega(x/s, 0.5*s), lnVega
	}
	h, t := x/s, 0.5*s
	e := math.Exp(-0.5 * (h*h + t*t))
	if e >= dblMin {
		// 1/vega = √(2π)/e: no second exponential needed.
		return normalisedBlackCallWithCody(x, h, t, e) * sqrtTwoPi / e, lnVega
	}
	return normalisedBlackCallWithCody(x, h, t, e) * math.Exp(-lnVega), lnVega
}

// normalisedBlackCallWithCody evaluates, with h = x/s, t = s/2,
// q₁ = −(h+t)/√2, q₂ = −(h−t)/√2,
//
//	2b = exp(x/2)·erfc(q₁) − exp(−x/2)·erfc(q₂)
//	   = exp(−(h²+t²)/2)·[erfcx(q₁) − erfcx(q₂)]
//
// choosing per term between erfc and erfcx so that Cody's routines need as
// few exponentials as possible (Jäckel's 2017 refinement of regions III/IV
// of the paper). Each product then carries only about one exponential's
// worth of rounding, which keeps the difference accurate. e must be
// exp(−(h²+t²)/2).
func normalisedBlackCallWithCody(x, h, t, e float64) float64 {
	q1, q2 := -oneOverSqrtTwo*(h+t), -oneOverSqrtTwo*(h-t)
	var twoB float64
	if q1 < codyThreshold {
		if q2 < codyThreshold {
			twoB = math.Exp(0.5*x)*erfcCody(q1) - math.Exp(-0.5*x)*erfcCody(q2)
		} else {
			twoB = math.Exp(0.5*x)*erfcCody(q1) - e*erfcxCody(q2)
		}
	} else {
		if q2 < codyThreshold {
			twoB = e*erfcxCody(q1) - math.Exp(-0.5*x)*erfcCody(q2)
		} else {
			twoB = e * (erfcxCody(q1) - erfcxCody(q2))
		}
	}
	return nonNegative(0.5 * twoB)
}

func nonNegative(v float64) float64 {
	if v > 0 {
		return v
	}
	return 0
}

// smallTExpansionOfNormalisedBlackCallOverVega returns b/(∂b/∂s) from the
// expansion of Y(h+t) − Y(h−t), Y(z) = Φ(z)/φ(z), to twelfth order in t;
// accurate to ε for h ≤ 0 and t < τ. With a = 1 + h·Y(h), w = t², u = h²,
//
//	b/(∂b/∂s) = 2t·[a + Σₖ₌₁⁶ wᵏ·(Pₖ(u) + a·Qₖ(u))/(2k+1)!]
//
// where P₁ = −1, Q₁ = 3 + u, P₂ = −7 − u, Q₂ = 15 + 10u + u², …, the
// coefficients of Jäckel's nested form regrouped by powers of a so that
// both sums are evaluated while erfcx, the slow part of a, is in flight.
// For h ∈ [−10, 0], where this branch is used, the final a·B + A cancels
// by at most a factor of about two.
func smallTExpansionOfNormalisedBlackCallOverVega(h, t float64) float64 {
	w, u := t*t, h*h
	p := w * ((-1)*(1.0/6) +
		w*((-7-u)*(1.0/120)+
			w*((-57+u*(-18-u))*(1.0/5040)+
				w*((-561+u*(-285+u*(-33-u)))*(1.0/362880)+
					w*((-6555+u*(-4680+u*(-840+u*(-52-u))))*(1.0/39916800)+
						w*(-89055+u*(-82845+u*(-20370+u*(-1926+u*(-75-u)))))*(1.0/6227020800))))))
	q := 1 + w*((3+u)*(1.0/6)+
		w*((15+u*(10+u))*(1.0/120)+
			w*((105+u*(105+u*(21+u)))*(1.0/5040)+
				w*((945+u*(1260+u*(378+u*(36+u))))*(1.0/362880)+
					w*((10395+u*(17325+u*(6930+u*(990+u*(55+u)))))*(1.0/39916800)+
						w*(135135+u*(270270+u*(135135+u*(25740+u*(2145+u*(78+u))))))*(1.0/6227020800))))))
	a := 1 + h*sqrtPiOverTwo*erfcxCody(-oneOverSqrtTwo*h)
	return nonNegative(2 * t * (p + a*q))
}

// asymptoticExpansionOfNormalisedBlackCallOverVega returns b/(∂b/∂s) for
// h < η and t ≲ |h| − |η|: with r = (h+t)(h−t), q = (h/r)², e = (t/h)²,
//
//	b/(∂b/∂s) = (t/r)·Σₙ (2n−1)!!·qⁿ·Pₙ(e),  Pₙ(e) = 2(−1)ⁿ Σₖ C(2n+1, 2k+1)·eᵏ,
//
// summed to n = 17, which gives Φ to 1.64e-16 relative for z ≤ −10.
func asymptoticExpansionOfNormalisedBlackCallOverVega(h, t float64) float64 {
	e := square(t / h)
	r := (h + t) * (h - t)
	q := square(h / r)
	sum := -70 + e*(-13090+e*(-649264+e*(-13449040+e*(-141214920+e*(-834451800+e*(-2952675600+e*(-6495886320+e*(-9075135300+e*(-8119857900+e*(-4639918800+e*(-1668903600+e*(-367158792+e*(-47071640+e*(-3246320+e*(-104720+e*(-1190-2*e)))))))))))))))) // P₁₇
	sum = 66 + e*(10912+e*(474672+e*(8544096+e*(77134200+e*(387073440+e*(1146332880+e*(2074316640+e*(2333606220+e*(1637618400+e*(709634640+e*(185122080+e*(27768312+e*(2215136+e*(81840+e*(1056+2*e))))))))))))))) + 33*q*sum                           // P₁₆
	sum = -62 + e*(-8990+e*(-339822+e*(-5259150+e*(-40320150+e*(-169344630+e*(-412506150+e*(-601080390+e*(-530365050+e*(-282241050+e*(-88704330+e*(-15777450+e*(-1472562+e*(-62930+e*(-930-2*e)))))))))))))) + 31*q*sum                                 // P₁₅
	sum = 58 + e*(7308+e*(237510+e*(3121560+e*(20030010+e*(69194580+e*(135727830+e*(155117520+e*(103791870+e*(40060020+e*(8584290+e*(950040+e*(47502+e*(812+2*e))))))))))))) + 29*q*sum                                                                 // P₁₄
	sum = -54 + e*(-5850+e*(-161460+e*(-1776060+e*(-9373650+e*(-26075790+e*(-40116600+e*(-34767720+e*(-16872570+e*(-4440150+e*(-592020+e*(-35100+e*(-702-2*e)))))))))))) + 27*q*sum                                                                     // P₁₃
	sum = 50 + e*(4600+e*(106260+e*(961400+e*(4085950+e*(8914800+e*(10400600+e*(6537520+e*(2163150+e*(354200+e*(25300+e*(600+2*e))))))))))) + 25*q*sum                                                                                                  // P₁₂
	sum = -46 + e*(-3542+e*(-67298+e*(-490314+e*(-1634380+e*(-2704156+e*(-2288132+e*(-980628+e*(-201894+e*(-17710+e*(-506-2*e)))))))))) + 23*q*sum                                                                                                      // P₁₁
	sum = 42 + e*(2660+e*(40698+e*(232560+e*(587860+e*(705432+e*(406980+e*(108528+e*(11970+e*(420+2*e))))))))) + 21*q*sum                                                                                                                               // P₁₀
	sum = -38 + e*(-1938+e*(-23256+e*(-100776+e*(-184756+e*(-151164+e*(-54264+e*(-7752+e*(-342-2*e)))))))) + 19*q*sum                                                                                                                                   // P₉
	sum = 34 + e*(1360+e*(12376+e*(38896+e*(48620+e*(24752+e*(4760+e*(272+2*e))))))) + 17*q*sum                                                                                                                                                         // P₈
	sum = -30 + e*(-910+e*(-6006+e*(-12870+e*(-10010+e*(-2730+e*(-210-2*e)))))) + 15*q*sum                                                                                                                                                              // P₇
	sum = 26 + e*(572+e*(2574+e*(3432+e*(1430+e*(156+2*e))))) + 13*q*sum                                                                                                                                                                                // P₆
	sum = -22 + e*(-330+e*(-924+e*(-660+e*(-110-2*e)))) + 11*q*sum                                                                                                                                                                                      // P₅
	sum = 18 + e*(168+e*(252+e*(72+2*e))) + 9*q*sum                                                                                                                                                                                                     // P₄
	sum = -14 + e*(-70+e*(-42-2*e)) + 7*q*sum                                                                                                                                                                                                           // P₃
	sum = 10 + e*(20+2*e) + 5*q*sum                                                                                                                                                                                                                     // P₂
	sum = -6 - 2*e + 3*q*sum                                                                                                                                                                                                                            // P₁
	sum = 2 + q*sum                                                                                                                                                                                                                                     // P₀
	return nonNegative((t / r) * sum)
}
