package svi

import "math"

// boxQP3 is the quadratic f(z) = zᵀHz − 2gᵀz in three variables, with H
// symmetric positive semi-definite: the weighted least-squares objective
// Σwᵢ(xᵢᵀz − vᵢ)² up to its constant Σwᵢvᵢ².
type boxQP3 struct {
	h [3][3]float64
	g [3]float64
}

func (q *boxQP3) value(z *[3]float64) float64 {
	h := &q.h
	return z[0]*(h[0][0]*z[0]+2*(h[0][1]*z[1]+h[0][2]*z[2]-q.g[0])) +
		z[1]*(h[1][1]*z[1]+2*(h[1][2]*z[2]-q.g[1])) +
		z[2]*(h[2][2]*z[2]-2*q.g[2])
}

// singularRatio is the smallest det(H_FF)/∏diag(H_FF) at which a reduced
// system is solved; below it the quadratic is treated as flat along some
// direction of the face, whose minimum is then attained on a lower-dimensional
// face that the enumeration visits anyway.
const singularRatio = 1e-13

// minimise returns the exact minimiser of f over the box lo ≤ z ≤ hi.
//
// A convex quadratic attains its minimum over a box in the relative interior
// of some face, where it is the unconstrained minimiser within that face's
// affine hull. The 27 faces (every coordinate free, at its lower or at its
// upper bound) are tried in turn, the interior first, until a feasible
// candidate satisfies the optimality conditions; should rounding defeat
// that test, the feasible candidate of least value wins.
func (q *boxQP3) minimise(lo, hi *[3]float64) (best [3]float64, fBest float64) {
	fBest = math.Inf(1)
	var z [3]float64
	var free [3]int
	for code := 0; code < 27; code++ {
		nf := 0
		for i, c := 0, code; i < 3; i, c = i+1, c/3 {
			switch c % 3 {
			case 0:
				free[nf] = i
				nf++
			case 1:
				z[i] = lo[i]
			case 2:
				z[i] = hi[i]
			}
		}
		if !q.solveFace(&z, free[:nf]) {
			continue
		}
		feasible := true
		for _, i := range free[:nf] {
			slack := 1e-12 * (hi[i] - lo[i])
			if z[i] < lo[i]-slack || z[i] > hi[i]+slack {
				feasible = false
				break
			}
			z[i] = min(max(z[i], lo[i]), hi[i])
		}
		if !feasible {
			continue
		}
		if f := q.value(&z); f < fBest {
			best, fBest = z, f
		}
		if code == 0 || q.kkt(&z, code) {
			return z, q.value(&z)
		}
	}
	return best, fBest
}

// kkt reports whether z, a feasible face minimiser for the given face code,
// satisfies the Karush–Kuhn–Tucker conditions of the box problem: the
// gradient 2(Hz − g) must not point into the box at any bound coordinate.
// For a convex problem that makes z a global minimiser, so the enumeration
// may stop; the small relative slack only absorbs rounding.
func (q *boxQP3) kkt(z *[3]float64, code int) bool {
	for i, c := 0, code; i < 3; i, c = i+1, c/3 {
		if c%3 == 0 {
			continue
		}
		hz := q.h[i][0]*z[0] + q.h[i][1]*z[1] + q.h[i][2]*z[2]
		r := hz - q.g[i]
		slack := 1e-12 * (math.Abs(hz) + math.Abs(q.g[i]))
		if (c%3 == 1 && r < -slack) || (c%3 == 2 && r > slack) {
			return false
		}
	}
	return true
}

// solveFace sets the free coordinates of z to the minimiser of f with the
// other coordinates held at their values in z. It reports false when the
// reduced system is (numerically) singular.
func (q *boxQP3) solveFace(z *[3]float64, free []int) bool {
	h := &q.h
	var r [3]float64
	for _, i := range free {
		r[i] = q.g[i]
		for j := 0; j < 3; j++ {
			if !isIn(j, free) {
				r[i] -= h[i][j] * z[j]
			}
		}
	}
	switch len(free) {
	case 0:
		return true
	case 1:
		i := free[0]
		if !(h[i][i] > 0) {
			return false
		}
		z[i] = r[i] / h[i][i]
	case 2:
		i, j := free[0], free[1]
		det := h[i][i]*h[j][j] - h[i][j]*h[i][j]
		if !(det > singularRatio*h[i][i]*h[j][j]) {
			return false
		}
		z[i] = (r[i]*h[j][j] - r[j]*h[i][j]) / det
		z[j] = (r[j]*h[i][i] - r[i]*h[i][j]) / det
	case 3:
		// Cramer's rule via the cofactors of the symmetric matrix.
		c00 := h[1][1]*h[2][2] - h[1][2]*h[1][2]
		c01 := h[0][2]*h[1][2] - h[0][1]*h[2][2]
		c02 := h[0][1]*h[1][2] - h[0][2]*h[1][1]
		c11 := h[0][0]*h[2][2] - h[0][2]*h[0][2]
		c12 := h[0][1]*h[0][2] - h[0][0]*h[1][2]
		c22 := h[0][0]*h[1][1] - h[0][1]*h[0][1]
		det := h[0][0]*c00 + h[0][1]*c01 + h[0][2]*c02
		if !(det > singularRatio*h[0][0]*h[1][1]*h[2][2]) {
			return false
		}
		z[0] = (c00*r[0] + c01*r[1] + c02*r[2]) / det
		z[1] = (c01*r[0] + c11*r[1] + c12*r[2]) / det
		z[2] = (c02*r[0] + c12*r[1] + c22*r[2]) / det
	}
	return true
}

func isIn(j int, s []int) bool {
	for _, i := range s {
		if i == j {
			return true
		}
	}
	return false
}
