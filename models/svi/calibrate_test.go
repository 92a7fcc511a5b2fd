package svi

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// sliceQuotes samples r at n equally spaced log-moneyness points of
// [kMin, kMax] and adds Gaussian noise of standard deviation noise to the
// implied vols.
func sliceQuotes(r Raw, tExp, kMin, kMax float64, n int, noise float64, rng *rand.Rand) []Quote {
	qs := make([]Quote, n)
	for i := range qs {
		k := kMin + (kMax-kMin)*float64(i)/float64(n-1)
		qs[i] = Quote{LogMoneyness: k, Vol: r.ImpliedVol(k, tExp), Weight: 1}
		if noise > 0 {
			qs[i].Vol += noise * rng.NormFloat64()
		}
	}
	return qs
}

func TestCalibrateRecoversNoiselessSlices(t *testing.T) {
	const (
		trials = 200
		wTol   = 1e-6
		pTol   = 1e-4
	)
	rng := rand.New(rand.NewPCG(2009, 5))
	for i := range trials {
		want := randomRaw(rng)
		tExp := 0.1 + 1.9*rng.Float64()
		n := 30 + rng.IntN(21)
		qs := sliceQuotes(want, tExp, -1, 1, n, 0, nil)
		fit, err := Calibrate(qs, tExp, CalibrateOptions{})
		if err != nil {
			t.Fatalf("trial %d: %v", i, err)
		}
		if err := fit.Raw.Validate(); err != nil {
			t.Fatalf("trial %d: fitted slice invalid: %v", i, err)
		}
		for _, q := range qs {
			if d := math.Abs(fit.Raw.TotalVariance(q.LogMoneyness) - want.TotalVariance(q.LogMoneyness)); d > wTol {
				t.Fatalf("trial %d: w(%g) off by %g\nwant %+v\ngot  %+v", i, q.LogMoneyness, d, want, fit.Raw)
			}
		}
		got := fit.Raw
		for _, p := range [][2]float64{{got.A, want.A}, {got.B, want.B}, {got.Rho, want.Rho}, {got.M, want.M}, {got.Sigma, want.Sigma}} {
			if math.Abs(p[0]-p[1]) > pTol {
				t.Fatalf("trial %d: parameters off\nwant %+v\ngot  %+v", i, want, got)
			}
		}
		if fit.RMSE > 1e-6 || fit.MaxAbsErr > 1e-5 || fit.Iterations <= 0 {
			t.Fatalf("trial %d: RMSE %g, max error %g, %d iterations", i, fit.RMSE, fit.MaxAbsErr, fit.Iterations)
		}
	}
}

// With independent vol noise of standard deviation ε on n quotes, the
// least-squares residual is about ε√((n − 5)/n); the fit must not do much
// worse (a local minimum) nor much better (fitting the noise).
func TestCalibrateRMSEIsOfTheOrderOfTheNoise(t *testing.T) {
	const (
		trials = 50
		noise  = 0.002
		n      = 40
	)
	rng := rand.New(rand.NewPCG(2009, 6))
	for i := range trials {
		want := randomRaw(rng)
		tExp := 0.25 + rng.Float64()
		qs := sliceQuotes(want, tExp, -1, 1, n, noise, rng)
		fit, err := Calibrate(qs, tExp, CalibrateOptions{})
		if err != nil {
			t.Fatalf("trial %d: %v", i, err)
		}
		if fit.RMSE < 0.5*noise || fit.RMSE > 1.5*noise || fit.MaxAbsErr < fit.RMSE || fit.MaxAbsErr > 5*noise {
			t.Errorf("trial %d: RMSE %g, max error %g for noise %g", i, fit.RMSE, fit.MaxAbsErr, noise)
		}
		// The fit is at least as good as the slice that generated the data.
		var trueSSE, fitSSE float64
		for _, q := range qs {
			trueSSE += sq(want.TotalVariance(q.LogMoneyness) - q.Vol*q.Vol*tExp)
			fitSSE += sq(fit.Raw.TotalVariance(q.LogMoneyness) - q.Vol*q.Vol*tExp)
		}
		if fitSSE > trueSSE*(1+1e-9) {
			t.Errorf("trial %d: fit SSE %g above the generating slice's %g", i, fitSSE, trueSSE)
		}
	}
}

func TestCalibrateHonoursWeightsAndStarts(t *testing.T) {
	want := Raw{A: 0.02, B: 0.15, Rho: -0.4, M: 0.05, Sigma: 0.2}
	qs := sliceQuotes(want, 0.5, -1, 1, 25, 0, nil)
	// Corrupting a quote of negligible weight leaves the fit unchanged.
	qs[3].Vol *= 1.5
	qs[3].Weight = 1e-12
	fit, err := Calibrate(qs, 0.5, CalibrateOptions{Starts: []Start{{M: 0, Sigma: 0.1}}})
	if err != nil {
		t.Fatal(err)
	}
	assertRawClose(t, fit.Raw, want, 1e-4)
	if fit.MaxAbsErr < 0.1 {
		t.Errorf("MaxAbsErr %g ignores the corrupted quote", fit.MaxAbsErr)
	}
	for _, st := range []Start{{M: 0, Sigma: 0}, {M: math.NaN(), Sigma: 0.1}, {M: 0, Sigma: math.Inf(1)}} {
		if _, err := Calibrate(qs, 0.5, CalibrateOptions{Starts: []Start{st}}); err == nil {
			t.Errorf("start %+v accepted", st)
		}
	}
}

func TestCalibrateReportsNoConvergence(t *testing.T) {
	qs := sliceQuotes(vogt, 1, -1, 1, 20, 0, nil)
	fit, err := Calibrate(qs, 1, CalibrateOptions{MaxIterations: 3})
	if !errors.Is(err, ErrNoConvergence) {
		t.Fatalf("Calibrate() error = %v, want ErrNoConvergence", err)
	}
	if fit.Raw.Validate() != nil || fit.Iterations == 0 {
		t.Errorf("best fit so far not returned: %+v", fit)
	}
}

func TestCalibrateRejectsBadInput(t *testing.T) {
	good := sliceQuotes(vogt, 1, -1, 1, 10, 0, nil)
	with := func(i int, f func(*Quote)) []Quote {
		qs := append([]Quote(nil), good...)
		f(&qs[i])
		return qs
	}
	same := make([]Quote, 6)
	for i := range same {
		same[i] = Quote{LogMoneyness: 0.1, Vol: 0.2, Weight: 1}
	}
	tests := []struct {
		name   string
		quotes []Quote
		t      float64
		is     error
		index  int // of the *QuoteError; −1 when none is expected
		field  string
	}{
		{"too few quotes", good[:4], 1, ErrTooFewQuotes, -1, ""},
		{"no quotes", nil, 1, ErrTooFewQuotes, -1, ""},
		{"zero vol", with(2, func(q *Quote) { q.Vol = 0 }), 1, nil, 2, "vol"},
		{"NaN vol", with(7, func(q *Quote) { q.Vol = math.NaN() }), 1, nil, 7, "vol"},
		{"infinite vol", with(0, func(q *Quote) { q.Vol = math.Inf(1) }), 1, nil, 0, "vol"},
		{"negative weight", with(5, func(q *Quote) { q.Weight = -1 }), 1, nil, 5, "weight"},
		{"zero weight", with(9, func(q *Quote) { q.Weight = 0 }), 1, nil, 9, "weight"},
		{"NaN log-moneyness", with(4, func(q *Quote) { q.LogMoneyness = math.NaN() }), 1, nil, 4, "log-moneyness"},
		{"zero expiry", good, 0, nil, -1, ""},
		{"all at one strike", same, 1, nil, -1, ""},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Calibrate(tt.quotes, tt.t, CalibrateOptions{})
			if err == nil || !strings.HasPrefix(err.Error(), "svi: ") {
				t.Fatalf("Calibrate() error = %v", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			var qe *QuoteError
			if got := errors.As(err, &qe); got != (tt.index >= 0) {
				t.Fatalf("error %v: *QuoteError = %v, want %v", err, got, tt.index >= 0)
			}
			if qe != nil && (qe.Index != tt.index || qe.Field != tt.field) {
				t.Errorf("QuoteError index %d field %q, want %d %q", qe.Index, qe.Field, tt.index, tt.field)
			}
		})
	}
}

func TestQuotesFromStrikes(t *testing.T) {
	const forward = 100.0
	strikes := []float64{80, 100, 125}
	vols := []float64{0.3, 0.25, 0.22}
	qs, err := QuotesFromStrikes(forward, strikes, vols, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		if !scalar.EqualWithinAbsOrRel(q.LogMoneyness, math.Log(strikes[i]/forward), 1e-15, 1e-15) || q.Vol != vols[i] || q.Weight != 1 {
			t.Errorf("quote %d = %+v", i, q)
		}
	}
	qs, err = QuotesFromStrikes(forward, strikes, vols, []float64{1, 2, 3})
	if err != nil || qs[2].Weight != 3 {
		t.Errorf("weights not copied: %+v, %v", qs, err)
	}

	for name, call := range map[string]func() ([]Quote, error){
		"zero forward":     func() ([]Quote, error) { return QuotesFromStrikes(0, strikes, vols, nil) },
		"length mismatch":  func() ([]Quote, error) { return QuotesFromStrikes(forward, strikes, vols[:2], nil) },
		"weights mismatch": func() ([]Quote, error) { return QuotesFromStrikes(forward, strikes, vols, []float64{1}) },
		"negative strike":  func() ([]Quote, error) { return QuotesFromStrikes(forward, []float64{80, -1, 120}, vols, nil) },
	} {
		if _, err := call(); err == nil || !strings.HasPrefix(err.Error(), "svi: ") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

// The inner solver must match a brute-force search over the box: the best of
// a fine grid of feasible points can never beat it.
func TestBoxQPIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for trial := range 300 {
		var q boxQP3
		var a [6][3]float64
		var b [6]float64
		for i := range a {
			for j := range a[i] {
				a[i][j] = rng.NormFloat64()
			}
			b[i] = 3 * rng.NormFloat64()
		}
		if trial%3 == 0 {
			for i := range a { // a rank-deficient system
				a[i][2] = a[i][0] + a[i][1]
			}
		}
		for i := range a {
			for j := range 3 {
				q.g[j] += a[i][j] * b[i]
				for k := range 3 {
					q.h[j][k] += a[i][j] * a[i][k]
				}
			}
		}
		lo := [3]float64{-rng.Float64(), -rng.Float64(), 0}
		hi := [3]float64{rng.Float64(), rng.Float64(), 0.5 + rng.Float64()}
		z, f := q.minimise(&lo, &hi)
		for i := range z {
			if z[i] < lo[i] || z[i] > hi[i] {
				t.Fatalf("trial %d: solution %v outside the box", trial, z)
			}
		}
		if got := q.value(&z); !scalar.EqualWithinAbsOrRel(got, f, 1e-12, 1e-12) {
			t.Fatalf("trial %d: reported value %g, actual %g", trial, f, got)
		}
		const steps = 24
		for i := 0; i <= steps; i++ {
			for j := 0; j <= steps; j++ {
				for k := 0; k <= steps; k++ {
					p := [3]float64{
						lo[0] + (hi[0]-lo[0])*float64(i)/steps,
						lo[1] + (hi[1]-lo[1])*float64(j)/steps,
						lo[2] + (hi[2]-lo[2])*float64(k)/steps,
					}
					if v := q.value(&p); v < f-1e-10*(1+math.Abs(f)) {
						t.Fatalf("trial %d: grid point %v has %g below the solution's %g", trial, p, v, f)
					}
				}
			}
		}
	}
}

func sq(x float64) float64 { return x * x }
