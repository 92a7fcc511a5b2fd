package svi

import "math"

// simplex2 is a Nelder–Mead simplex in two dimensions, kept sorted so that
// f[0] ≤ f[1] ≤ f[2]. Points where the objective is +Inf (outside the search
// box) are never accepted, so the simplex stays feasible once it starts so.
type simplex2 struct {
	x [3][2]float64
	f [3]float64
}

func (s *simplex2) sort() {
	for i := 1; i < 3; i++ {
		for j := i; j > 0 && s.f[j] < s.f[j-1]; j-- {
			s.f[j], s.f[j-1] = s.f[j-1], s.f[j]
			s.x[j], s.x[j-1] = s.x[j-1], s.x[j]
		}
	}
}

// size is the largest coordinate distance from the best vertex.
func (s *simplex2) size() float64 {
	d := 0.0
	for i := 1; i < 3; i++ {
		d = max(d, math.Abs(s.x[i][0]-s.x[0][0]), math.Abs(s.x[i][1]-s.x[0][1]))
	}
	return d
}

// nelderMead minimises obj from the simplex {x0, x0+step₀e₀, x0+step₁e₁}
// with the standard coefficients (reflection 1, expansion 2, contraction
// and shrink ½) until the simplex size is at most tol or maxIter iterations
// have run. It returns the best vertex, its value, the iterations used and
// whether tol was met.
func nelderMead(obj func(x [2]float64) float64, x0, step [2]float64, tol float64, maxIter int) (x [2]float64, f float64, iters int, ok bool) {
	var s simplex2
	s.x[0], s.x[1], s.x[2] = x0, x0, x0
	s.x[1][0] += step[0]
	s.x[2][1] += step[1]
	for i := range s.x {
		s.f[i] = obj(s.x[i])
	}
	s.sort()
	for ; s.size() > tol; iters++ {
		if iters == maxIter {
			return s.x[0], s.f[0], iters, false
		}
		var c, xr [2]float64
		for d := 0; d < 2; d++ {
			c[d] = (s.x[0][d] + s.x[1][d]) / 2
			xr[d] = 2*c[d] - s.x[2][d]
		}
		fr := obj(xr)
		switch {
		case fr < s.f[0]:
			xe := [2]float64{3*c[0] - 2*s.x[2][0], 3*c[1] - 2*s.x[2][1]}
			if fe := obj(xe); fe < fr {
				s.x[2], s.f[2] = xe, fe
			} else {
				s.x[2], s.f[2] = xr, fr
			}
		case fr < s.f[1]:
			s.x[2], s.f[2] = xr, fr
		default:
			// Contract outside towards xr when it improves on the worst
			// vertex, inside towards the worst vertex otherwise.
			from := s.x[2]
			outside := fr < s.f[2]
			if outside {
				from = xr
			}
			xc := [2]float64{(c[0] + from[0]) / 2, (c[1] + from[1]) / 2}
			fc := obj(xc)
			if (outside && fc <= fr) || (!outside && fc < s.f[2]) {
				s.x[2], s.f[2] = xc, fc
			} else {
				for i := 1; i < 3; i++ {
					for d := 0; d < 2; d++ {
						s.x[i][d] = (s.x[0][d] + s.x[i][d]) / 2
					}
					s.f[i] = obj(s.x[i])
				}
			}
		}
		s.sort()
	}
	return s.x[0], s.f[0], iters, true
}
