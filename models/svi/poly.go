package svi

import "math"

// poly is a polynomial of degree at most 4, lowest coefficient first.
type poly [5]float64

func (p *poly) eval(x float64) float64 {
	return (((p[4]*x+p[3])*x+p[2])*x+p[1])*x + p[0]
}

// degree is the index of the highest coefficient above a relative 1e-14 of
// the largest one, or −1 for the zero polynomial.
func (p *poly) degree() int {
	scale := 0.0
	for _, c := range p {
		scale = max(scale, math.Abs(c))
	}
	for d := 4; d >= 0; d-- {
		if math.Abs(p[d]) > 1e-14*scale {
			return d
		}
	}
	return -1
}

func (p *poly) derivative() poly {
	return poly{p[1], 2 * p[2], 3 * p[3], 4 * p[4]}
}

// mulQuadratics returns the product of two quadratics.
func mulQuadratics(a, b [3]float64) poly {
	return poly{
		a[0] * b[0],
		a[0]*b[1] + a[1]*b[0],
		a[0]*b[2] + a[1]*b[1] + a[2]*b[0],
		a[1]*b[2] + a[2]*b[1],
		a[2] * b[2],
	}
}

// rootsIn appends to dst the real roots of p in [lo, hi] at which p changes
// sign, ascending. The roots of p′ split the interval into pieces on which p
// is monotone, and a sign change on a piece is bisected to full precision.
// Roots where p touches zero without changing sign are found only if p
// vanishes there exactly.
func (p *poly) rootsIn(lo, hi float64, dst []float64) []float64 {
	d := p.degree()
	switch d {
	case -1, 0:
		return dst
	case 1:
		if x := -p[0] / p[1]; x >= lo && x <= hi {
			dst = append(dst, x)
		}
		return dst
	}
	dp := p.derivative()
	var buf [4]float64
	crit := dp.rootsIn(lo, hi, buf[:0])
	a, fa := lo, p.eval(lo)
	if fa == 0 {
		dst = append(dst, a)
	}
	for i := 0; i <= len(crit); i++ {
		b := hi
		if i < len(crit) {
			b = crit[i]
		}
		fb := p.eval(b)
		switch {
		case fb == 0:
			if b != a || fa != 0 {
				dst = append(dst, b)
			}
		case fa != 0 && (fa < 0) != (fb < 0):
			dst = append(dst, bisectRoot(p, a, b, fa))
		}
		a, fa = b, fb
	}
	return dst
}

// bisectRoot returns the root of p in [a, b], where p changes sign and p(a)
// = fa.
func bisectRoot(p *poly, a, b, fa float64) float64 {
	for {
		m := a + (b-a)/2
		if m <= a || m >= b {
			return m
		}
		fm := p.eval(m)
		if fm == 0 {
			return m
		}
		if (fm < 0) == (fa < 0) {
			a, fa = m, fm
		} else {
			b = m
		}
	}
}
