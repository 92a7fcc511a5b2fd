package merton

import (
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
)

// Jumps are the jump component: Intensity λ per year, log-jump mean MeanLog
// (μJ, negative for crashes) and standard deviation Vol (δJ).
type Jumps struct {
	Intensity, MeanLog, Vol float64
}

// MeanJump returns k = E[J − 1] = exp(μJ + δJ²/2) − 1.
func (j Jumps) MeanJump() float64 { return math.Expm1(j.MeanLog + j.Vol*j.Vol/2) }

// Option is a European option under jump-diffusion. Vol is the diffusion
// volatility σ, not the total.
type Option struct {
	Type                            bs.OptionType
	Spot, Strike, T, Rate, Div, Vol float64
	Jumps                           Jumps
}

const (
	// relTol is the bound on the series remainder relative to the price.
	relTol = 1e-12
	// maxTerms caps the series; λT up to a few hundred needs well under it.
	maxTerms = 100000
)

// Price returns the Merton price. The series stops at the first N past the
// Poisson mode (N + 2 > μ) whose remainder bound is below 1e-12 of the sum,
// or below 1e-27 of the payoff scale, where the price is zero for every
// purpose. The bound: each Black term is at most Fₙ (call) or K (put), and
// for N + 2 > μ the Poisson tail obeys
//
//	Σ_{n>N} pₙ(μ) ≤ p_{N+1}(μ) / (1 − μ/(N + 2)),
//
// with μ = λT for a put and μ' = λ(1+k)T for a call (since pₙ(λT)·Fₙ =
// F·pₙ(λ(1+k)T)).
func (o Option) Price() float64 {
	j := o.Jumps
	t := math.Max(o.T, 0)
	if j.Intensity <= 0 || t == 0 {
		return o.diffusion().Price()
	}
	k := j.MeanJump()
	lt := j.Intensity * t
	f := o.Spot * math.Exp((o.Rate-o.Div-j.Intensity*k)*t)
	growth := 1 + k
	tailMean, tailScale := lt, o.Strike
	if o.Type == bs.Call {
		tailMean, tailScale = lt*growth, f*math.Exp(j.Intensity*k*t)
	}

	w, tailW := newPoisson(lt), newPoisson(tailMean)
	b := bs.Black76{Type: o.Type, Forward: f, Strike: o.Strike, T: t}
	sigma2, jump2 := o.Vol*o.Vol, j.Vol*j.Vol/t
	var sum float64
	for n := 0; n < maxTerms; n++ {
		b.Vol = math.Sqrt(sigma2 + float64(n)*jump2)
		sum += w.p * b.Price()
		w.next()
		tailW.next()
		b.Forward *= growth
		if m := float64(n + 2); m > tailMean {
			tail := tailW.p / (1 - tailMean/m) * tailScale
			if tail <= relTol*sum || tail <= 1e-27*tailScale {
				break
			}
		}
	}
	return math.Exp(-o.Rate*t) * sum
}

// poissonSeq walks the Poisson weights pₙ(μ) = e^{−μ}μⁿ/n! upwards in n.
type poissonSeq struct {
	mu, p float64
	n     int
}

func newPoisson(mu float64) poissonSeq { return poissonSeq{mu: mu, p: poisson(0, mu)} }

// next moves to n + 1: by recurrence while e^{−μ} is representable, in logs
// past μ ≈ 700 where it underflows.
func (s *poissonSeq) next() {
	s.n++
	if s.mu < 700 {
		s.p *= s.mu / float64(s.n)
		return
	}
	s.p = poisson(s.n, s.mu)
}

func callOrPut(strike, forward float64) bs.OptionType {
	if strike < forward {
		return bs.Put
	}
	return bs.Call
}

// diffusion returns the option without its jumps.
func (o Option) diffusion() bs.Option {
	return bs.Option{Type: o.Type, Spot: o.Spot, Strike: o.Strike, T: o.T, Rate: o.Rate, Div: o.Div, Vol: o.Vol}
}

// poisson returns e^{−μ}μⁿ/n!, in logs so that large μ does not underflow.
func poisson(n int, mu float64) float64 {
	if mu == 0 {
		if n == 0 {
			return 1
		}
		return 0
	}
	lg, _ := math.Lgamma(float64(n + 1))
	return math.Exp(-mu + float64(n)*math.Log(mu) - lg)
}
