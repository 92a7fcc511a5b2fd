package svi

import (
	"fmt"
	"math"
)

// MinQuotes is the smallest number of quotes Calibrate accepts.
const MinQuotes = 5

const (
	defaultMaxIterations = 500
	defaultTolerance     = 1e-8
	// coarseTolerance ends the exploratory run from each start; only the
	// best of them is refined down to the requested tolerance.
	coarseTolerance = 1e-2
	// mRange bounds |m − k_mid| by mRange·L, where L is the width of the
	// quoted log-moneyness range and k_mid its midpoint.
	mRange = 1.5
	// sigmaMinRel and sigmaMaxRel bound σ to [sigmaMinRel·L, sigmaMaxRel·L].
	sigmaMinRel = 1e-4
	sigmaMaxRel = 10
	// uvFloor keeps c ± d at least uvFloor·4σ so that the fitted |ρ| < 1.
	uvFloor = 1e-9
	// gridM × gridSigma points are scanned for the nStarts default starts.
	gridM, gridSigma, nStarts = 7, 5, 3
	// cancelY is the |y| beyond which (r ∓ y)/2 is recomputed by division.
	cancelY = 16
)

// CalibrateOptions tunes Calibrate. The zero value selects the defaults.
type CalibrateOptions struct {
	// MaxIterations bounds the Nelder–Mead iterations of each run; zero
	// means 500.
	MaxIterations int
	// Tolerance is the final simplex size, measured in m/L and ln σ where L
	// is the width of the quoted log-moneyness range; zero means 1e-8.
	Tolerance float64
	// Starts replaces the default starting points of the outer search, for
	// instance with the previous fit of the same expiry.
	Starts []Start
}

// Start is a starting point (m, σ) of the outer search.
type Start struct {
	M, Sigma float64
}

// Fit is the result of Calibrate.
type Fit struct {
	// Raw is the fitted slice.
	Raw Raw
	// RMSE is the weighted root-mean-square implied-volatility error,
	// √(Σwᵢ(σᵢ − σ̂ᵢ)²/Σwᵢ).
	RMSE float64
	// MaxAbsErr is the largest absolute implied-volatility error.
	MaxAbsErr float64
	// Iterations counts the Nelder–Mead iterations over all runs.
	Iterations int
}

// point is one quote as seen by the objective: log-moneyness, normalised
// weight and target total variance.
type point struct {
	k, w, v float64
}

// slice holds the data and search box of one calibration.
type slice struct {
	pts              []point
	sumWV, sumWVV    float64 // Σwv and Σwv² (Σw = 1)
	vMax             float64
	kMid, width      float64
	lnSigLo, lnSigHi float64
}

// Calibrate fits a raw SVI slice at expiry t to implied-volatility quotes by
// Zeliade's quasi-explicit method. It minimises the weighted squared
// total-variance error Σqᵢ(w(kᵢ) − σᵢ²t)², with qᵢ the quote weights: exactly
// in (a, d, c) for each (m, σ), and by Nelder–Mead in (m, ln σ), first
// coarsely from several starts and then finely from the best of them.
//
// The fitted slice satisfies a ≥ 0, a ≤ max σᵢ²t and b(1 + |ρ|) ≤ 4, the
// wing-slope bound of Gatheral (2004); none of these excludes butterfly
// arbitrage, for which the result can be checked with Raw.CheckButterfly.
//
// Calibrate fails with ErrTooFewQuotes for fewer than MinQuotes quotes, a
// *QuoteError for a non-finite log-moneyness or a non-positive or
// non-finite vol or weight, and a plain error for a bad expiry or start or
// quotes all at one log-moneyness. When the final search exhausts its
// iterations it returns the best fit found together with an error matching
// ErrNoConvergence.
func Calibrate(quotes []Quote, t float64, opts CalibrateOptions) (Fit, error) {
	if len(quotes) < MinQuotes {
		return Fit{}, fmt.Errorf("%w: got %d, need %d", ErrTooFewQuotes, len(quotes), MinQuotes)
	}
	if !(t > 0) || math.IsInf(t, 0) {
		return Fit{}, fmt.Errorf("svi: expiry %g is not positive and finite", t)
	}
	for i, st := range opts.Starts {
		if !(st.Sigma > 0) || math.IsInf(st.Sigma, 0) || math.IsNaN(st.M) || math.IsInf(st.M, 0) {
			return Fit{}, fmt.Errorf("svi: start %d (m=%g, σ=%g) needs finite m and σ > 0", i, st.M, st.Sigma)
		}
	}
	s, err := newSlice(quotes, t)
	if err != nil {
		return Fit{}, err
	}
	maxIter := opts.MaxIterations
	if maxIter <= 0 {
		maxIter = defaultMaxIterations
	}
	finalTol := opts.Tolerance
	if finalTol <= 0 {
		finalTol = defaultTolerance
	}

	obj := s.objective
	bestX, bestF, iters := [2]float64{}, math.Inf(1), 0
	run := func(x0 [2]float64, step, tol float64) bool {
		x0[0] = min(max(x0[0], -mRange), mRange)
		x0[1] = min(max(x0[1], s.lnSigLo), s.lnSigHi)
		// Step towards the interior so that the first simplex is feasible.
		st := [2]float64{step, step}
		if x0[0] > 0 {
			st[0] = -st[0]
		}
		if x0[1] > (s.lnSigLo+s.lnSigHi)/2 {
			st[1] = -st[1]
		}
		x, f, n, ok := nelderMead(obj, x0, st, tol, maxIter)
		iters += n
		if f < bestF {
			bestX, bestF = x, f
		}
		return ok
	}
	if len(opts.Starts) > 0 {
		for _, st := range opts.Starts {
			run(s.toX(st.M, st.Sigma), 0.1, coarseTolerance)
		}
	} else {
		for _, st := range s.defaultStarts() {
			run(st, 0.1, coarseTolerance)
		}
	}
	converged := run(bestX, 0.01, finalTol)

	m, sigma := s.fromX(bestX)
	z, _ := s.inner(m, sigma)
	fit := Fit{Raw: rawFromInner(z, m, sigma), Iterations: iters}
	fit.RMSE, fit.MaxAbsErr = volErrors(fit.Raw, quotes, t)
	if !converged || math.IsInf(bestF, 0) || math.IsNaN(bestF) {
		return fit, fmt.Errorf("%w: simplex above tolerance %g after %d iterations", ErrNoConvergence, finalTol, iters)
	}
	return fit, nil
}

func newSlice(quotes []Quote, t float64) (*slice, error) {
	s := &slice{pts: make([]point, len(quotes))}
	kLo, kHi, sumW := math.Inf(1), math.Inf(-1), 0.0
	for i, q := range quotes {
		switch {
		case math.IsNaN(q.LogMoneyness) || math.IsInf(q.LogMoneyness, 0):
			return nil, &QuoteError{Index: i, Field: "log-moneyness", Value: q.LogMoneyness, Want: "finite"}
		case !(q.Vol > 0) || math.IsInf(q.Vol, 0):
			return nil, &QuoteError{Index: i, Field: "vol", Value: q.Vol, Want: "positive and finite"}
		case !(q.Weight > 0) || math.IsInf(q.Weight, 0):
			return nil, &QuoteError{Index: i, Field: "weight", Value: q.Weight, Want: "positive and finite"}
		}
		v := q.Vol * q.Vol * t
		s.pts[i] = point{k: q.LogMoneyness, w: q.Weight, v: v}
		sumW += q.Weight
		kLo, kHi = min(kLo, q.LogMoneyness), max(kHi, q.LogMoneyness)
		s.vMax = max(s.vMax, v)
	}
	if !(kHi > kLo) {
		return nil, fmt.Errorf("svi: all %d quotes have log-moneyness %g", len(quotes), kLo)
	}
	for i := range s.pts {
		p := &s.pts[i]
		p.w /= sumW
		s.sumWV += p.w * p.v
		s.sumWVV += p.w * p.v * p.v
	}
	s.kMid, s.width = (kLo+kHi)/2, kHi-kLo
	s.lnSigLo, s.lnSigHi = math.Log(sigmaMinRel*s.width), math.Log(sigmaMaxRel*s.width)
	return s, nil
}

// toX and fromX map (m, σ) to the search coordinates ((m − k_mid)/L, ln σ).
func (s *slice) toX(m, sigma float64) [2]float64 {
	return [2]float64{(m - s.kMid) / s.width, math.Log(sigma)}
}

func (s *slice) fromX(x [2]float64) (m, sigma float64) {
	return s.kMid + x[0]*s.width, math.Exp(x[1])
}

// defaultStarts returns the nStarts best points of a coarse grid over
// (m, σ): m across and slightly beyond the quoted range, σ log-spaced from
// 1% to 100% of its width. The outer objective has local minima in noisy
// data, and the grid is cheaper than more Nelder–Mead runs.
func (s *slice) defaultStarts() (starts [nStarts][2]float64) {
	var fs [nStarts]float64
	for i := range fs {
		fs[i] = math.Inf(1)
	}
	for i := 0; i < gridM; i++ {
		for j := 0; j < gridSigma; j++ {
			x := [2]float64{-0.6 + 1.2*float64(i)/(gridM-1), math.Log(s.width) + math.Log(0.01)*float64(gridSigma-1-j)/(gridSigma-1)}
			f := s.objective(x)
			for n := nStarts - 1; n >= 0 && f < fs[n]; n-- {
				if n < nStarts-1 {
					fs[n+1], starts[n+1] = fs[n], starts[n]
				}
				fs[n], starts[n] = f, x
			}
		}
	}
	return starts
}

// objective is the outer objective: the weighted squared total-variance
// error of the best (a, d, c) for (m, σ), or +Inf outside the search box.
func (s *slice) objective(x [2]float64) float64 {
	if math.Abs(x[0]) > mRange || x[1] < s.lnSigLo || x[1] > s.lnSigHi {
		return math.Inf(1)
	}
	m, sigma := s.fromX(x)
	_, f := s.inner(m, sigma)
	return f
}

// inner solves the inner problem for fixed (m, σ) in the coordinates
// z = (a, u, v′) = (a, c + d, c − d), in which the domain of Zeliade (2009)
// becomes the box [0, max wᵢ] × [0, 4σ]² (with u, v′ kept off zero by
// uvFloor). With y = (k − m)/σ and r = √(y² + 1) the model is
// w = a + u·(r + y)/2 + v′·(r − y)/2, and the two basis functions multiply
// to ¼. It returns z and the objective Σqᵢ(w(kᵢ) − wᵢ)² for normalised
// weights qᵢ.
func (s *slice) inner(m, sigma float64) (z [3]float64, f float64) {
	inv := 1 / sigma
	var sp, sq, spp, sqq, spv, sqv float64
	for _, pt := range s.pts {
		y := (pt.k - m) * inv
		r := math.Sqrt(y*y + 1)
		p, q := (r+y)/2, (r-y)/2
		// For large |y| one of them loses about 2log₂|y| bits to
		// cancellation; recover it from p·q = ¼ instead.
		if y > cancelY {
			q = 0.25 / p
		} else if y < -cancelY {
			p = 0.25 / q
		}
		wp, wq := pt.w*p, pt.w*q
		sp += wp
		sq += wq
		spp += wp * p
		sqq += wq * q
		spv += wp * pt.v
		sqv += wq * pt.v
	}
	qp := boxQP3{
		h: [3][3]float64{{1, sp, sq}, {sp, spp, 0.25}, {sq, 0.25, sqq}},
		g: [3]float64{s.sumWV, spv, sqv},
	}
	c := 4 * sigma
	lo := [3]float64{0, uvFloor * c, uvFloor * c}
	hi := [3]float64{s.vMax, c, c}
	z, f = qp.minimise(&lo, &hi)
	return z, f + s.sumWVV
}

// rawFromInner maps an inner solution back to raw parameters:
// c = (u + v′)/2 = bσ and d = (u − v′)/2 = ρbσ.
func rawFromInner(z [3]float64, m, sigma float64) Raw {
	c, d := (z[1]+z[2])/2, (z[1]-z[2])/2
	return Raw{A: z[0], B: c / sigma, Rho: d / c, M: m, Sigma: sigma}
}

func volErrors(r Raw, quotes []Quote, t float64) (rmse, maxAbs float64) {
	var sw, swe float64
	for _, q := range quotes {
		e := r.ImpliedVol(q.LogMoneyness, t) - q.Vol
		sw += q.Weight
		swe += q.Weight * e * e
		maxAbs = max(maxAbs, math.Abs(e))
	}
	return math.Sqrt(swe / sw), maxAbs
}
