package svi

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Slice is a raw SVI slice at expiry T, in years.
type Slice struct {
	T   float64
	Raw Raw
}

// CheckCalendar reports calendar-spread arbitrage in surface on the
// log-moneyness interval [kMin, kMax]: total variance must not decrease with
// expiry at any k. It returns nil when there is none and otherwise a
// *CalendarArbitrageError for the pair of expiries and the k with the
// largest decrease w(k, T1) − w(k, T2), T1 < T2.
//
// Every pair of slices is compared on n equally spaced points, with local
// minima of the difference refined by Brent's method. Between grid points
// the check is exact: two raw slices cross only at real roots of a quartic
// (obtained by squaring w₂ − w₁ = 0 twice), so the sign of the difference is
// tested between consecutive roots too.
//
// The slices are sorted by T internally; surface itself is not modified.
// It returns a plain error if a slice has an invalid Raw, a non-positive or
// non-finite T, or shares its T with another slice, and panics if n < 2 or
// !(kMin < kMax).
func CheckCalendar(surface []Slice, kMin, kMax float64, n int) error {
	checkGrid(kMin, kMax, n)
	for i, s := range surface {
		if !(s.T > 0) || math.IsInf(s.T, 0) {
			return fmt.Errorf("svi: slice %d: expiry %g is not positive and finite", i, s.T)
		}
		if err := s.Raw.Validate(); err != nil {
			return fmt.Errorf("svi: slice %d (t=%g): %w", i, s.T, err)
		}
	}
	sorted := sortedByExpiry(surface)
	for i := 1; i < len(sorted); i++ {
		if sorted[i].T == sorted[i-1].T {
			return fmt.Errorf("svi: two slices share expiry %g", sorted[i].T)
		}
	}

	h := (kMax - kMin) / float64(n-1)
	grid := make([]float64, n)
	for i := range grid {
		grid[i] = kMin + float64(i)*h
	}
	grid[n-1] = kMax
	ws := make([]float64, len(sorted)*n)
	for s, sl := range sorted {
		for i, k := range grid {
			ws[s*n+i] = sl.Raw.TotalVariance(k)
		}
	}

	var worst *CalendarArbitrageError
	worstD := 0.0
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			k, d := worstDecrease(sorted[i].Raw, sorted[j].Raw, grid, ws[i*n:(i+1)*n], ws[j*n:(j+1)*n])
			if d < worstD {
				worstD = d
				worst = &CalendarArbitrageError{
					T1: sorted[i].T, T2: sorted[j].T, K: k,
					W1: sorted[i].Raw.TotalVariance(k), W2: sorted[j].Raw.TotalVariance(k),
				}
			}
		}
	}
	if worst == nil {
		return nil
	}
	return worst
}

func sortedByExpiry(in []Slice) []Slice {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(a, b Slice) int { return cmp.Compare(a.T, b.T) })
	return out
}

// worstDecrease returns the k in [grid[0], grid[len−1]] minimising
// Δ(k) = w₂(k) − w₁(k), and Δ there, given both slices' values on the grid.
func worstDecrease(r1, r2 Raw, grid, w1, w2 []float64) (kWorst, dWorst float64) {
	diff := func(k float64) float64 { return r2.TotalVariance(k) - r1.TotalVariance(k) }
	n := len(grid)
	dWorst = math.Inf(1)
	consider := func(k, d float64) {
		if d < dWorst {
			kWorst, dWorst = k, d
		}
	}
	dAt := func(i int) float64 {
		if i < 0 || i >= n {
			return math.Inf(1)
		}
		return w2[i] - w1[i]
	}
	for i := range n {
		d := dAt(i)
		consider(grid[i], d)
		if d < 0 && d <= dAt(i-1) && d <= dAt(i+1) {
			consider(brentMin(diff, grid[max(i-1, 0)], grid[min(i+1, n-1)], refineTol))
		}
	}

	// Between crossings Δ keeps its sign, so one evaluation per interval
	// between consecutive roots finds dips that fall between grid points.
	q := crossingQuartic(r1, r2)
	var buf [8]float64
	roots := q.rootsIn(grid[0], grid[n-1], buf[:0])
	prev := grid[0]
	for i := 0; i <= len(roots); i++ {
		next := grid[n-1]
		if i < len(roots) {
			next = roots[i]
		}
		if next > prev && diff(prev+(next-prev)/2) < 0 {
			consider(brentMin(diff, prev, next, refineTol))
		}
		prev = next
	}
	return kWorst, dWorst
}

// crossingQuartic returns a polynomial P that vanishes wherever two raw
// slices have equal total variance. With A(k) = a₂ − a₁ + b₂ρ₂(k − m₂) −
// b₁ρ₁(k − m₁) and Rᵢ² = (k − mᵢ)² + σᵢ², w₁ = w₂ reads b₁R₁ = A + b₂R₂;
// squaring gives 2Ab₂R₂ = Q with Q = b₁²R₁² − A² − b₂²R₂², and squaring again
// P = Q² − 4b₂²A²R₂².
func crossingQuartic(r1, r2 Raw) poly {
	a1 := r2.B*r2.Rho - r1.B*r1.Rho
	a0 := r2.A - r1.A - r2.B*r2.Rho*r2.M + r1.B*r1.Rho*r1.M
	sq1 := [3]float64{r1.M*r1.M + r1.Sigma*r1.Sigma, -2 * r1.M, 1}
	sq2 := [3]float64{r2.M*r2.M + r2.Sigma*r2.Sigma, -2 * r2.M, 1}
	aa := [3]float64{a0 * a0, 2 * a0 * a1, a1 * a1}
	bb1, bb2 := r1.B*r1.B, r2.B*r2.B
	var q [3]float64
	for i := range q {
		q[i] = bb1*sq1[i] - aa[i] - bb2*sq2[i]
	}
	p := mulQuadratics(q, q)
	aar := mulQuadratics(aa, sq2)
	for i := range p {
		p[i] -= 4 * bb2 * aar[i]
	}
	return p
}
