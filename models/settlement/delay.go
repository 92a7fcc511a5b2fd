package settlement

import (
	"math"
	"sort"
	"time"
)

// Part is one cause of delay: a fixed shift and an exponential wait of mean
// Mean (zero for none).
type Part struct {
	Name        string
	Shift, Mean time.Duration
	Reason      string
}

// Delay is the distribution of D = Σ shifts + Σ Exp(means).
type Delay struct {
	Parts []Part
	shift float64   // seconds
	means []float64 // seconds, ascending, pairwise separated (see Survival)
}

// minSeparation is the least relative gap kept between two exponential
// means, so the closed form below stays well conditioned.
const minSeparation = 1e-3

func newDelay(parts []Part) Delay {
	d := Delay{Parts: parts}
	for _, p := range parts {
		d.shift += p.Shift.Seconds()
		if p.Mean > 0 {
			d.means = append(d.means, p.Mean.Seconds())
		}
	}
	sort.Float64s(d.means)
	for i := 1; i < len(d.means); i++ {
		d.means[i] = math.Max(d.means[i], d.means[i-1]*(1+minSeparation))
	}
	return d
}

// Shift returns the fixed part of the delay.
func (d Delay) Shift() time.Duration { return seconds(d.shift) }

// Mean returns E[D].
func (d Delay) Mean() time.Duration {
	m := d.shift
	for _, θ := range d.means {
		m += θ
	}
	return seconds(m)
}

// Survival returns P(D > t). For distinct means θᵢ the sum of exponentials
// is hypoexponential (e.g. Ross, "Introduction to Probability Models",
// section 5.2.4):
//
//	P(Σ Expᵢ > y) = Σᵢ e^{−y/θᵢ} Πⱼ≠ᵢ θᵢ/(θᵢ − θⱼ)
//
// Means closer than 0.1% are first pulled apart by raising the larger one,
// which only lengthens the delay: the conservative side.
func (d Delay) Survival(t time.Duration) float64 {
	return d.survival(t.Seconds() - d.shift)
}

func (d Delay) survival(y float64) float64 {
	if y < 0 {
		return 1
	}
	var s float64
	for i, θi := range d.means {
		c := 1.0
		for j, θj := range d.means {
			if j != i {
				c *= θi / (θi - θj)
			}
		}
		s += c * math.Exp(-y/θi)
	}
	return math.Min(math.Max(s, 0), 1)
}

// Quantile returns the smallest t with P(D ≤ t) ≥ q, for 0 < q < 1, found by
// bisection to a millisecond.
func (d Delay) Quantile(q float64) time.Duration {
	if len(d.means) == 0 {
		return seconds(d.shift)
	}
	// P(ΣExpᵢ > y) ≤ Σᵢ P(Expᵢ > y·θᵢ/Σθ) = m·e^{−y/Σθ}, so this bounds it.
	var total float64
	for _, θ := range d.means {
		total += θ
	}
	lo, hi := 0.0, total*math.Log(float64(len(d.means))/(1-q))
	for hi-lo > 1e-3 {
		mid := (lo + hi) / 2
		if d.survival(mid) > 1-q {
			lo = mid
		} else {
			hi = mid
		}
	}
	return seconds(d.shift + hi)
}

func seconds(s float64) time.Duration {
	if s >= math.MaxInt64/float64(time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(s * float64(time.Second))
}
