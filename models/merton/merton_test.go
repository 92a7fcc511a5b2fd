package merton

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/integrate/quad"

	"github.com/infrarisk/infrarisk/models/bs"
)

type haugMertonRow struct {
	strike, t, totalVol, lambda, gamma, value, haugPrinted float64
}

// TestPriceMatchesHaug checks the 135 jump-diffusion values of Haug (1998),
// "The Complete Guide to Option Pricing Formulas", p. 9, as tabulated (and
// in places corrected) in QuantLib's test-suite/jumpdiffusion.cpp: S = 100,
// r = 8%, q = 0, total vol 25% of which a share γ comes from jumps. QuantLib's
// mapping: jump vol δ = σ√(γ/λ), diffusion vol σ√(1 − γ), mean log-jump
// −δ²/2 (so k = 0), t in round(t·360) days on Actual/360. Printed to cents.
func TestPriceMatchesHaug(t *testing.T) {
	const tol = 1e-2
	for _, row := range haugMertonRows {
		delta := row.totalVol * math.Sqrt(row.gamma/row.lambda)
		o := Option{
			Type: bs.Call, Spot: 100, Strike: row.strike, T: math.Round(row.t*360) / 360, Rate: 0.08,
			Vol:   row.totalVol * math.Sqrt(1-row.gamma),
			Jumps: Jumps{Intensity: row.lambda, MeanLog: -delta * delta / 2, Vol: delta},
		}
		if got := o.Price(); math.Abs(got-row.value) > tol+1e-9 {
			t.Errorf("K=%g t=%g λ=%g γ=%g: price %.4f, QuantLib/Haug %.2f (Haug printed %.2f)",
				row.strike, row.t, row.lambda, row.gamma, got, row.value, row.haugPrinted)
		}
	}
}

// TestNoJumpsIsBlackScholes: with λ = 0 the price is Black–Scholes exactly.
func TestNoJumpsIsBlackScholes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 1000 {
		o := randomOption(rng)
		o.Jumps.Intensity = 0
		if got, want := o.Price(), o.diffusion().Price(); got != want {
			t.Fatalf("%+v: %g, Black–Scholes %g", o, got, want)
		}
	}
}

// TestPutCallParity: the drift correction makes the forward a martingale,
// so C − P = S·e^{−qT} − K·e^{−rT} with jumps too.
func TestPutCallParity(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for range 2000 {
		o := randomOption(rng)
		c, p := o, o
		c.Type, p.Type = bs.Call, bs.Put
		want := o.Spot*math.Exp(-o.Div*o.T) - o.Strike*math.Exp(-o.Rate*o.T)
		if got := c.Price() - p.Price(); !scalar.EqualWithinAbs(got, want, 1e-11*math.Max(o.Spot, o.Strike)) {
			t.Fatalf("%+v: C − P = %.15g, want %.15g", o, got, want)
		}
	}
}

// TestSeriesTruncationIsWithinTolerance compares the adaptive sum with a sum
// of far more terms than it could need.
func TestSeriesTruncationIsWithinTolerance(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for range 500 {
		o := randomOption(rng)
		if got, want := o.Price(), longSum(o, 400); !scalar.EqualWithinAbsOrRel(got, want, 1e-15*o.Strike, 2e-12) {
			t.Fatalf("%+v: adaptive %.17g, 400 terms %.17g (rel %.2g)", o, got, want, math.Abs(got/want-1))
		}
	}
}

// longSum is the Merton series with a fixed number of terms, written
// directly from the formula in the package comment.
func longSum(o Option, terms int) float64 {
	j := o.Jumps
	k := j.MeanJump()
	lt := j.Intensity * o.T
	var sum float64
	for n := range terms {
		lg, _ := math.Lgamma(float64(n + 1))
		w := math.Exp(-lt + float64(n)*math.Log(lt) - lg)
		b := bs.Black76{
			Type:    o.Type,
			Forward: o.Spot * math.Exp((o.Rate-o.Div-j.Intensity*k)*o.T) * math.Pow(1+k, float64(n)),
			Strike:  o.Strike, T: o.T,
			Vol: math.Sqrt(o.Vol*o.Vol + float64(n)*j.Vol*j.Vol/o.T),
		}
		sum += w * b.Price()
	}
	return math.Exp(-o.Rate*o.T) * sum
}

// TestPriceMatchesFourierIntegral checks the series against an independent
// method: Lewis's (2001) Fourier formula with Merton's characteristic function,
//
//	C = D·(F − √(FK)/π ∫₀^∞ Re[e^{iux} φ(u − i/2)] / (u² + 1/4) du),  x = ln(F/K)
//	ln φ(u) = T·(−σ²(u² + iu)/2 + λ(e^{iuμJ − δJ²u²/2} − 1) − iuλk)
//
// integrated numerically with Gauss–Legendre quadrature.
func TestPriceMatchesFourierIntegral(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for range 200 {
		o := randomOption(rng)
		o.Type = bs.Call
		o.T = math.Max(o.T, 0.05)
		want := lewisCall(o)
		if got := o.Price(); !scalar.EqualWithinAbsOrRel(got, want, 1e-8*o.Spot, 1e-7) {
			t.Fatalf("%+v: series %.12g, Fourier %.12g", o, got, want)
		}
	}
}

func lewisCall(o Option) float64 {
	j := o.Jumps
	k := j.MeanJump()
	f := o.Spot * math.Exp((o.Rate-o.Div)*o.T)
	x := math.Log(f / o.Strike)
	phi := func(u complex128) complex128 {
		iu := complex(0, 1) * u
		s2 := complex(o.Vol*o.Vol, 0)
		jump := cmplx.Exp(iu*complex(j.MeanLog, 0)-complex(j.Vol*j.Vol/2, 0)*u*u) - 1
		return cmplx.Exp(complex(o.T, 0) * (-s2*(u*u+iu)/2 + complex(j.Intensity, 0)*jump - iu*complex(j.Intensity*k, 0)))
	}
	integrand := func(u float64) float64 {
		v := cmplx.Exp(complex(0, u*x)) * phi(complex(u, -0.5))
		return real(v) / (u*u + 0.25)
	}
	// The integrand decays at least like exp(−σ²Tu²/2)/u²; cut where that is
	// below 1e-16 of its start and integrate in pieces.
	upper := math.Sqrt(2*37/(o.Vol*o.Vol*o.T)) + 50
	var integral float64
	const pieces = 64
	for i := range pieces {
		a, b := upper*float64(i)/pieces, upper*float64(i+1)/pieces
		integral += quad.Fixed(integrand, a, b, 64, nil, 0)
	}
	return math.Exp(-o.Rate*o.T) * (f - math.Sqrt(f*o.Strike)/math.Pi*integral)
}

// TestJumpsRaiseOutOfTheMoneyPuts: adding crash jumps (negative mean) to the
// same diffusion makes a deep out-of-the-money put dearer.
func TestJumpsRaiseOutOfTheMoneyPuts(t *testing.T) {
	o := Option{Type: bs.Put, Spot: 100, Strike: 70, T: 0.25, Rate: 0.03, Vol: 0.5}
	base := o.Price()
	for _, lambda := range []float64{0.5, 1, 2, 4} {
		o.Jumps = Jumps{Intensity: lambda, MeanLog: -0.2, Vol: 0.1}
		if p := o.Price(); p <= base {
			t.Errorf("λ=%g: put %g not above the no-jump price %g", lambda, p, base)
		} else {
			base = p
		}
	}
}

func randomOption(rng *rand.Rand) Option {
	typ := bs.Call
	if rng.IntN(2) == 0 {
		typ = bs.Put
	}
	return Option{
		Type:   typ,
		Spot:   100,
		Strike: 100 * math.Exp(rng.Float64()*2-1),
		T:      math.Exp(rng.Float64()*6 - 5), // ~0.007 to 2.7 years
		Rate:   rng.Float64() * 0.1,
		Div:    rng.Float64() * 0.05,
		Vol:    0.1 + rng.Float64()*0.9,
		Jumps: Jumps{
			Intensity: rng.Float64() * 10,
			MeanLog:   -rng.Float64() * 0.4,
			Vol:       0.02 + rng.Float64()*0.3,
		},
	}
}

// haugMertonRows: Haug (1998) p. 9 via QuantLib test-suite/jumpdiffusion.cpp.
var haugMertonRows = []haugMertonRow{
	// strike, t, total vol, λ, γ, value (QuantLib), Haug's printed value where QuantLib corrected it (0 = same)
	{80, 0.10, 0.25, 1.0, 0.25, 20.67, 0},
	{80, 0.25, 0.25, 1.0, 0.25, 21.74, 0},
	{80, 0.50, 0.25, 1.0, 0.25, 23.63, 0},
	{80, 0.10, 0.25, 5.0, 0.25, 20.65, 0},
	{80, 0.25, 0.25, 5.0, 0.25, 21.70, 0},
	{80, 0.50, 0.25, 5.0, 0.25, 23.61, 0},
	{80, 0.10, 0.25, 10.0, 0.25, 20.64, 0},
	{80, 0.25, 0.25, 10.0, 0.25, 21.70, 0},
	{80, 0.50, 0.25, 10.0, 0.25, 23.61, 23.28},
	{90, 0.10, 0.25, 1.0, 0.25, 11.00, 0},
	{90, 0.25, 0.25, 1.0, 0.25, 12.74, 0},
	{90, 0.50, 0.25, 1.0, 0.25, 15.40, 0},
	{90, 0.10, 0.25, 5.0, 0.25, 10.98, 0},
	{90, 0.25, 0.25, 5.0, 0.25, 12.75, 0},
	{90, 0.50, 0.25, 5.0, 0.25, 15.42, 0},
	{90, 0.10, 0.25, 10.0, 0.25, 10.98, 0},
	{90, 0.25, 0.25, 10.0, 0.25, 12.75, 0},
	{90, 0.50, 0.25, 10.0, 0.25, 15.42, 15.20},
	{100, 0.10, 0.25, 1.0, 0.25, 3.42, 0},
	{100, 0.25, 0.25, 1.0, 0.25, 5.88, 0},
	{100, 0.50, 0.25, 1.0, 0.25, 8.95, 0},
	{100, 0.10, 0.25, 5.0, 0.25, 3.51, 0},
	{100, 0.25, 0.25, 5.0, 0.25, 5.96, 0},
	{100, 0.50, 0.25, 5.0, 0.25, 9.02, 0},
	{100, 0.10, 0.25, 10.0, 0.25, 3.53, 0},
	{100, 0.25, 0.25, 10.0, 0.25, 5.97, 0},
	{100, 0.50, 0.25, 10.0, 0.25, 9.03, 8.89},
	{110, 0.10, 0.25, 1.0, 0.25, 0.55, 0},
	{110, 0.25, 0.25, 1.0, 0.25, 2.11, 0},
	{110, 0.50, 0.25, 1.0, 0.25, 4.67, 0},
	{110, 0.10, 0.25, 5.0, 0.25, 0.56, 0},
	{110, 0.25, 0.25, 5.0, 0.25, 2.16, 0},
	{110, 0.50, 0.25, 5.0, 0.25, 4.73, 0},
	{110, 0.10, 0.25, 10.0, 0.25, 0.56, 0},
	{110, 0.25, 0.25, 10.0, 0.25, 2.17, 0},
	{110, 0.50, 0.25, 10.0, 0.25, 4.74, 4.66},
	{120, 0.10, 0.25, 1.0, 0.25, 0.10, 0},
	{120, 0.25, 0.25, 1.0, 0.25, 0.64, 0},
	{120, 0.50, 0.25, 1.0, 0.25, 2.23, 0},
	{120, 0.10, 0.25, 5.0, 0.25, 0.06, 0},
	{120, 0.25, 0.25, 5.0, 0.25, 0.63, 0},
	{120, 0.50, 0.25, 5.0, 0.25, 2.25, 0},
	{120, 0.10, 0.25, 10.0, 0.25, 0.05, 0},
	{120, 0.25, 0.25, 10.0, 0.25, 0.62, 0},
	{120, 0.50, 0.25, 10.0, 0.25, 2.25, 2.21},
	{80, 0.10, 0.25, 1.0, 0.50, 20.72, 0},
	{80, 0.25, 0.25, 1.0, 0.50, 21.83, 0},
	{80, 0.50, 0.25, 1.0, 0.50, 23.71, 0},
	{80, 0.10, 0.25, 5.0, 0.50, 20.66, 0},
	{80, 0.25, 0.25, 5.0, 0.50, 21.73, 0},
	{80, 0.50, 0.25, 5.0, 0.50, 23.63, 0},
	{80, 0.10, 0.25, 10.0, 0.50, 20.65, 0},
	{80, 0.25, 0.25, 10.0, 0.50, 21.71, 0},
	{80, 0.50, 0.25, 10.0, 0.50, 23.61, 23.28},
	{90, 0.10, 0.25, 1.0, 0.50, 11.04, 0},
	{90, 0.25, 0.25, 1.0, 0.50, 12.72, 0},
	{90, 0.50, 0.25, 1.0, 0.50, 15.34, 0},
	{90, 0.10, 0.25, 5.0, 0.50, 11.02, 0},
	{90, 0.25, 0.25, 5.0, 0.50, 12.76, 0},
	{90, 0.50, 0.25, 5.0, 0.50, 15.41, 0},
	{90, 0.10, 0.25, 10.0, 0.50, 11.00, 0},
	{90, 0.25, 0.25, 10.0, 0.50, 12.75, 0},
	{90, 0.50, 0.25, 10.0, 0.50, 15.41, 15.18},
	{100, 0.10, 0.25, 1.0, 0.50, 3.14, 0},
	{100, 0.25, 0.25, 1.0, 0.50, 5.58, 0},
	{100, 0.50, 0.25, 1.0, 0.50, 8.71, 0},
	{100, 0.10, 0.25, 5.0, 0.50, 3.39, 0},
	{100, 0.25, 0.25, 5.0, 0.50, 5.87, 0},
	{100, 0.50, 0.25, 5.0, 0.50, 8.96, 0},
	{100, 0.10, 0.25, 10.0, 0.50, 3.46, 0},
	{100, 0.25, 0.25, 10.0, 0.50, 5.93, 0},
	{100, 0.50, 0.25, 10.0, 0.50, 9.00, 8.85},
	{110, 0.10, 0.25, 1.0, 0.50, 0.53, 0},
	{110, 0.25, 0.25, 1.0, 0.50, 1.93, 0},
	{110, 0.50, 0.25, 1.0, 0.50, 4.42, 0},
	{110, 0.10, 0.25, 5.0, 0.50, 0.58, 0},
	{110, 0.25, 0.25, 5.0, 0.50, 2.11, 0},
	{110, 0.50, 0.25, 5.0, 0.50, 4.67, 0},
	{110, 0.10, 0.25, 10.0, 0.50, 0.57, 0},
	{110, 0.25, 0.25, 10.0, 0.50, 2.14, 0},
	{110, 0.50, 0.25, 10.0, 0.50, 4.71, 4.62},
	{120, 0.10, 0.25, 1.0, 0.50, 0.19, 0},
	{120, 0.25, 0.25, 1.0, 0.50, 0.71, 0},
	{120, 0.50, 0.25, 1.0, 0.50, 2.15, 0},
	{120, 0.10, 0.25, 5.0, 0.50, 0.10, 0},
	{120, 0.25, 0.25, 5.0, 0.50, 0.66, 0},
	{120, 0.50, 0.25, 5.0, 0.50, 2.23, 0},
	{120, 0.10, 0.25, 10.0, 0.50, 0.07, 0},
	{120, 0.25, 0.25, 10.0, 0.50, 0.64, 0},
	{120, 0.50, 0.25, 10.0, 0.50, 2.24, 2.19},
	{80, 0.10, 0.25, 1.0, 0.75, 20.79, 0},
	{80, 0.25, 0.25, 1.0, 0.75, 21.96, 0},
	{80, 0.50, 0.25, 1.0, 0.75, 23.86, 0},
	{80, 0.10, 0.25, 5.0, 0.75, 20.68, 0},
	{80, 0.25, 0.25, 5.0, 0.75, 21.78, 0},
	{80, 0.50, 0.25, 5.0, 0.75, 23.67, 0},
	{80, 0.10, 0.25, 10.0, 0.75, 20.66, 0},
	{80, 0.25, 0.25, 10.0, 0.75, 21.74, 0},
	{80, 0.50, 0.25, 10.0, 0.75, 23.64, 23.30},
	{90, 0.10, 0.25, 1.0, 0.75, 11.11, 0},
	{90, 0.25, 0.25, 1.0, 0.75, 12.75, 0},
	{90, 0.50, 0.25, 1.0, 0.75, 15.30, 0},
	{90, 0.10, 0.25, 5.0, 0.75, 11.09, 0},
	{90, 0.25, 0.25, 5.0, 0.75, 12.78, 0},
	{90, 0.50, 0.25, 5.0, 0.75, 15.39, 0},
	{90, 0.10, 0.25, 10.0, 0.75, 11.04, 0},
	{90, 0.25, 0.25, 10.0, 0.75, 12.76, 0},
	{90, 0.50, 0.25, 10.0, 0.75, 15.40, 15.17},
	{100, 0.10, 0.25, 1.0, 0.75, 2.70, 0},
	{100, 0.25, 0.25, 1.0, 0.75, 5.08, 0},
	{100, 0.50, 0.25, 1.0, 0.75, 8.24, 0},
	{100, 0.10, 0.25, 5.0, 0.75, 3.16, 0},
	{100, 0.25, 0.25, 5.0, 0.75, 5.71, 0},
	{100, 0.50, 0.25, 5.0, 0.75, 8.85, 0},
	{100, 0.10, 0.25, 10.0, 0.75, 3.33, 0},
	{100, 0.25, 0.25, 10.0, 0.75, 5.85, 0},
	{100, 0.50, 0.25, 10.0, 0.75, 8.95, 8.79},
	{110, 0.10, 0.25, 1.0, 0.75, 0.54, 0},
	{110, 0.25, 0.25, 1.0, 0.75, 1.69, 0},
	{110, 0.50, 0.25, 1.0, 0.75, 3.99, 0},
	{110, 0.10, 0.25, 5.0, 0.75, 0.62, 0},
	{110, 0.25, 0.25, 5.0, 0.75, 2.05, 0},
	{110, 0.50, 0.25, 5.0, 0.75, 4.57, 0},
	{110, 0.10, 0.25, 10.0, 0.75, 0.60, 0},
	{110, 0.25, 0.25, 10.0, 0.75, 2.11, 0},
	{110, 0.50, 0.25, 10.0, 0.75, 4.66, 4.56},
	{120, 0.10, 0.25, 1.0, 0.75, 0.29, 0},
	{120, 0.25, 0.25, 1.0, 0.75, 0.84, 0},
	{120, 0.50, 0.25, 1.0, 0.75, 2.09, 0},
	{120, 0.10, 0.25, 5.0, 0.75, 0.15, 0},
	{120, 0.25, 0.25, 5.0, 0.75, 0.71, 0},
	{120, 0.50, 0.25, 5.0, 0.75, 2.21, 0},
	{120, 0.10, 0.25, 10.0, 0.75, 0.11, 0},
	{120, 0.25, 0.25, 10.0, 0.75, 0.67, 0},
	{120, 0.50, 0.25, 10.0, 0.75, 2.23, 2.17},
}
