package iv

import (
	"math"
	"testing"
)

// lbrBranch names the initial-guess segment that beta falls into, mirroring
// normalisedImpliedVolOTMCall, so the test can assert coverage.
func lbrBranch(beta, x float64) string {
	sc := math.Sqrt(-2 * x)
	bc, vc := normalisedBlackCallAndVega(x, sc)
	if beta < bc {
		if bl, _ := normalisedBlackCallAndVega(x, sc-bc/vc); beta < bl {
			return "lower"
		}
		return "lower-middle"
	}
	if bu, _ := normalisedBlackCallAndVega(x, sc+(math.Exp(x/2)-bc)/vc); beta <= bu {
		return "upper-middle"
	}
	return "upper"
}

func blackRegion(x, s float64) string {
	switch {
	case inAsymptoticRegion(x, s):
		return "asymptotic"
	case s/2 < smallTExpansionThreshold:
		return "small-t"
	}
	return "cody"
}

// Every branch of the initial guess and every region of b, including the
// Householder(4) steps for x < −190 (lower) and x < −580 (upper), recovers s
// from b(x, s) to the attainable accuracy (1 + b/(s·b′))·ε, with headroom.
func TestNormalisedImpliedVolCoversAllBranches(t *testing.T) {
	cases := []struct{ x, s float64 }{
		{-1, 0.05}, {-1, 0.3}, {-1, 0.6}, {-1, 1.2}, {-1, 2}, {-1, 4}, {-1, 8},
		{-0.01, 0.001}, {-0.01, 0.05}, {-0.01, 0.3}, {-0.01, 1}, {-0.01, 5},
		{0, 1e-6}, {0, 0.2}, {0, 1}, {0, 3}, {0, 10},
		{-5, 0.4}, {-5, 1}, {-5, 3}, {-5, 6}, {-5, 12},
		{-30, 2}, {-30, 8}, {-30, 12},
		{-200, 8}, {-200, 14}, {-200, 24},
		{-600, 25}, {-600, 40},
		{-1e-8, 1e-7}, {-1e-8, 1e-3},
	}
	branches, regions := map[string]int{}, map[string]int{}
	for _, c := range cases {
		beta := normalisedBlackCall(c.x, c.s)
		branches[lbrBranch(beta, c.x)]++
		regions[blackRegion(c.x, c.s)]++
		got, ok := normalisedImpliedVolOTMCall(beta, c.x)
		cond := beta / (c.s * normalisedVega(c.x, c.s))
		tol := 16 * dblEpsilon * (1 + cond)
		if rel := math.Abs(got/c.s - 1); !ok || !(rel <= tol) {
			t.Errorf("x=%g s=%g (%s, %s): got %.17g, ok=%v, rel err %.3g > %.3g",
				c.x, c.s, lbrBranch(beta, c.x), blackRegion(c.x, c.s), got, ok, rel, tol)
		}
	}
	for _, b := range []string{"lower", "lower-middle", "upper-middle", "upper"} {
		if branches[b] == 0 {
			t.Errorf("no case in branch %s (%v)", b, branches)
		}
	}
	for _, r := range []string{"asymptotic", "small-t", "cody"} {
		if regions[r] == 0 {
			t.Errorf("no case in region %s (%v)", r, regions)
		}
	}
}
