package skew

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
	"github.com/infrarisk/infrarisk/models/merton"
)

// totalVariance is a smile as the overlay reads it: total implied variance
// as a function of log-moneyness. svi.Raw is one; a flat smile is another.
type totalVariance interface {
	TotalVariance(k float64) float64
}

const (
	// seriesTol stops the Poisson sum once a bound on its remainder is
	// below this fraction of the sum.
	seriesTol = 1e-10
	// maxTerms caps the Poisson sum; λT ≤ maxLambdaT needs well under it.
	maxTerms = 1000
	// maxLambdaT bounds λT so that e^{−λT} stays representable.
	maxLambdaT = 500
	// quadDigits is the number of significant digits asked of the
	// quadrature for the heaviest Poisson term; see newRule.
	quadDigits = 11
	// minNodes and maxNodes bound the size of a Gauss–Hermite rule.
	minNodes, maxNodes = 4, 128
	// intrinsicCutoff is the distance from the money, in base standard
	// deviations, beyond which a shifted option is worth its intrinsic
	// value to double precision.
	intrinsicCutoff = 10
)

// node is one point of the quadrature over the log-size J_n of n jumps:
// J_n − nμJ = offset, with weight ωᵢ/√π·e^{offset/2}, ωᵢ the Gauss–Hermite
// weight, so that the factor e^{X/2} of the integrand is folded in.
type node struct {
	offset, weight float64
}

// overlay prices out-of-the-money options on the base smile multiplied by
// an independent compound-Poisson factor e^{J − λκT}, in Jäckel's
// normalised units: a price divided by √(F·K).
type overlay struct {
	base totalVariance
	// baseStd is √w(0) of the base, the scale on which its prices vary
	// with strike; it sets the size of the quadrature rules.
	baseStd float64
	// lambdaT is λT and lambdaTCall λ(1+κ)T, the Poisson means that bound
	// the remainder of a put's and of a call's series.
	lambdaT, lambdaTCall float64
	// drift is −λκT, the compensator that keeps the factor a martingale.
	drift     float64
	mu, delta float64
	// rules[n−1] is the quadrature rule for n jumps, built when needed.
	rules [][]node
}

func newOverlay(base totalVariance, t float64, j merton.Jumps) *overlay {
	kappa := j.MeanJump()
	lt := j.Intensity * t
	return &overlay{
		base:        base,
		baseStd:     math.Sqrt(base.TotalVariance(0)),
		lambdaT:     lt,
		lambdaTCall: lt * (1 + kappa),
		drift:       -lt * kappa,
		mu:          j.MeanLog,
		delta:       j.Vol,
	}
}

// price returns the normalised stressed price at log-moneyness k,
//
//	v(k) = Σₙ pₙ(λT) · E[e^{X/2} b(X − k, √w(k − X), θ)],  X = J_n − λκT,
//
// which is the package formula divided by √(F·K): with K′ = K·e^{−X},
// e^X·Black(F, K′) = e^X·√(F·K′)·b(ln(F/K′), ·) = √(F·K)·e^{X/2}·b(X − k, ·).
// typ should be the out-of-the-money side of k for full relative precision.
//
// The sum stops at the first n past the mode of the bounding Poisson law
// whose remainder bound is below seriesTol of the sum. Each put term is at
// most K (normalised e^{k/2}); each call term at most F·E[e^X] =
// F·e^{−λκT}(1+κ)ⁿ, and pₙ(λT)·e^{−λκT}(1+κ)ⁿ = pₙ(λ(1+κ)T), so with μ the
// matching Poisson mean and N + 2 > μ,
//
//	Σ_{n>N} pₙ(μ) ≤ p_{N+1}(μ) / (1 − μ/(N + 2)).
func (o *overlay) price(k float64, typ bs.OptionType) float64 {
	tailMean, scale := o.lambdaT, math.Exp(k/2)
	if typ == bs.Call {
		tailMean, scale = o.lambdaTCall, 1/scale
	}
	p, tailP := math.Exp(-o.lambdaT), math.Exp(-tailMean)
	var sum float64
	for n := 0; n < maxTerms; n++ {
		m := o.drift + float64(n)*o.mu
		var term float64
		if n == 0 {
			term = o.shifted(m, k, typ)
		} else {
			for _, nd := range o.rule(n) {
				term += nd.weight * o.shifted(m+nd.offset, k, typ)
			}
		}
		sum += p * math.Exp(m/2) * term
		p *= o.lambdaT / float64(n+1)
		tailP *= tailMean / float64(n+1)
		if next := float64(n + 2); next > tailMean {
			tail := tailP / (1 - tailMean/next) * scale
			if tail <= seriesTol*sum || tail <= 1e-300 {
				break
			}
		}
	}
	return sum
}

// shifted returns b(x − k, √w(k − x), θ), the base smile's price at strike
// K·e^{−x} in units of √(F·K·e^{−x}).
//
// More than intrinsicCutoff standard deviations from the money the time
// value is below e^{−cutoff²/2} ≈ 2e-22 of the payoff scale, and the
// intrinsic value is returned without the normal distribution function:
// most nodes of the wide rules for many jumps land there.
func (o *overlay) shifted(x, k float64, typ bs.OptionType) float64 {
	z := x - k
	s := math.Sqrt(o.base.TotalVariance(-z))
	if math.Abs(z) > intrinsicCutoff*s {
		if typ.Sign()*z <= 0 {
			return 0
		}
		e := math.Exp(z / 2)
		return math.Abs(e - 1/e)
	}
	return iv.NormalisedBlack(z, s, typ)
}

// rule returns the quadrature rule for n ≥ 1 jumps, building the missing
// ones. J_n ~ N(nμJ, nδJ²), so E[f(J_n)] ≈ Σᵢ ωᵢ/√π · f(nμJ + √(2n)·δJ·xᵢ)
// with Gauss–Hermite nodes xᵢ and weights ωᵢ.
func (o *overlay) rule(n int) []node {
	for len(o.rules) < n {
		m := len(o.rules) + 1
		o.rules = append(o.rules, o.newRule(m))
	}
	return o.rules[n-1]
}

// newRule builds the rule for n jumps. The integrand varies with X on the
// scale √w(0) of the base smile (its prices bend around the forward), so
// the rule must resolve that scale across the spread √n·δJ of J_n. For
// Black prices under a Gaussian the Gauss–Hermite error with N nodes is
// about 10^{−1 − 0.27N/r²}, r = √n·δJ/√w(0) (fitted to its error against
// Merton's series for r between 0.5 and 2), so D significant digits take
//
//	N = 4 + r²(D − 1)/0.27,
//
// between minNodes and maxNodes. A term whose Poisson weight is a fraction
// 10^{−j} of the heaviest needs j digits fewer, and no fewer than one;
// nodes whose weight times the bound on the integrand is below 10^{−D−4}
// are dropped.
func (o *overlay) newRule(n int) []node {
	sd := math.Sqrt(float64(n)) * o.delta
	if sd == 0 {
		return []node{{offset: 0, weight: 1}}
	}
	digits := max(quadDigits+o.log10Weight(n), 1)
	r := sd / o.baseStd
	size := min(max(int(math.Ceil(4+r*r*(digits-1)/0.27)), minNodes), maxNodes)
	x, w := make([]float64, size), make([]float64, size)
	quad.Hermite{}.FixedLocations(x, w, math.Inf(-1), math.Inf(1))
	cut := math.Pow(10, -digits-4)
	rule := make([]node, 0, size)
	for i := range x {
		off := math.Sqrt2 * sd * x[i]
		wt := w[i] / math.SqrtPi
		// A put's integrand is at most e^{k/2}, a call's e^{X − k/2}.
		if wt*math.Max(1, math.Exp(off)) < cut {
			continue
		}
		rule = append(rule, node{offset: off, weight: wt * math.Exp(off/2)})
	}
	return rule
}

// log10Weight returns log₁₀(pₙ/p_mode), the Poisson weight of n jumps
// relative to the heaviest, at mean λT.
func (o *overlay) log10Weight(n int) float64 {
	mode := math.Floor(o.lambdaT)
	lgN, _ := math.Lgamma(float64(n) + 1)
	lgMode, _ := math.Lgamma(mode + 1)
	return ((float64(n)-mode)*math.Log(o.lambdaT) - lgN + lgMode) / math.Ln10
}
