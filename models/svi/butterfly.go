package svi

import (
	"fmt"
	"math"
)

// ButterflyReport is the result of Raw.CheckButterfly.
type ButterflyReport struct {
	// MinG is the least value of g found on the interval and KAtMinG the
	// log-moneyness where it is attained.
	MinG, KAtMinG float64
	// Free reports MinG ≥ 0: no butterfly arbitrage on the interval.
	Free bool
}

// refineTol is the absolute log-moneyness tolerance of local refinements.
const refineTol = 1e-10

// CheckButterfly scans g(k) on n equally spaced points of [kMin, kMax],
// refines every local minimum of the scan by Brent's method on the two
// adjacent grid cells, and reports the least value found. A NaN value of g,
// which arises only where w = 0, is reported as such with Free false.
// It panics if n < 2 or !(kMin < kMax).
func (r Raw) CheckButterfly(kMin, kMax float64, n int) ButterflyReport {
	checkGrid(kMin, kMax, n)
	h := (kMax - kMin) / float64(n-1)
	at := func(i int) float64 { return kMin + float64(i)*h }
	best := ButterflyReport{MinG: math.Inf(1)}
	gPrev, gCur := math.Inf(1), r.G(kMin)
	for i := 0; i < n; i++ {
		gNext := math.Inf(1)
		if i+1 < n {
			gNext = r.G(at(i + 1))
		}
		if math.IsNaN(gCur) {
			return ButterflyReport{MinG: gCur, KAtMinG: at(i)}
		}
		if gCur < best.MinG {
			best.MinG, best.KAtMinG = gCur, at(i)
		}
		if gCur <= gPrev && gCur <= gNext {
			lo, hi := at(max(i-1, 0)), at(min(i+1, n-1))
			if k, g := brentMin(r.G, lo, hi, refineTol); g < best.MinG {
				best.MinG, best.KAtMinG = g, k
			}
		}
		gPrev, gCur = gCur, gNext
	}
	best.Free = best.MinG >= 0
	return best
}

func checkGrid(kMin, kMax float64, n int) {
	if n < 2 || !(kMin < kMax) {
		panic(fmt.Sprintf("svi: grid of %d points on [%g, %g]", n, kMin, kMax))
	}
}
