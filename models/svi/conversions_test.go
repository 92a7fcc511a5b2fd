package svi

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// vogtJW is Vogt's slice in jump-wings form at t = 1, Gatheral & Jacquier
// (2014), Example 5.1.
var vogtJW = JumpWings{V: 0.0174262526, Psi: -0.1752111408, P: 0.6997381041, C: 1.3167982190, VTilde: 0.0116249032}

func TestRawToJumpWingsGatheralJacquierExample51(t *testing.T) {
	const tol = 1e-9 // the paper prints ten decimals
	got := vogt.JumpWings(1)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"v", got.V, vogtJW.V}, {"ψ", got.Psi, vogtJW.Psi}, {"p", got.P, vogtJW.P},
		{"c", got.C, vogtJW.C}, {"ṽ", got.VTilde, vogtJW.VTilde},
	} {
		if math.Abs(c.got-c.want) > tol {
			t.Errorf("%s = %.10f, want %.10f", c.name, c.got, c.want)
		}
	}
}

func TestJumpWingsToRawRecoversVogt(t *testing.T) {
	const tol = 1e-12
	back, err := vogt.JumpWings(1).Raw(1)
	if err != nil {
		t.Fatal(err)
	}
	assertRawClose(t, back, vogt, tol)

	// From the printed jump-wings values the raw parameters come back to
	// the printed precision of the raw slice.
	back, err = vogtJW.Raw(1)
	if err != nil {
		t.Fatal(err)
	}
	assertRawClose(t, back, vogt, 1e-8)
}

// The two repairs of Vogt's slice in Gatheral & Jacquier (2014), §5.1: the
// "guaranteed" one with c′ = p + 2ψ and ṽ′ = 4pc′v/(p + c′)², and the
// "optimal" one with c* and ṽ* found by least squares. The expected raw
// parameters and g minima are those printed in the paper, each compared to
// half a unit of its last printed digit, with the jump-wings inputs also as
// printed.
func TestJumpWingsRepairsOfVogtGatheralJacquier51(t *testing.T) {
	type want struct {
		v, tol float64
	}
	tests := []struct {
		name            string
		jw              JumpWings
		a, b, m, rho, s want
		kMin, kMax      float64
		gMin, kAtGMin   want
	}{
		{
			name: "guaranteed",
			jw:   JumpWings{V: vogtJW.V, Psi: vogtJW.Psi, P: vogtJW.P, C: 0.3493158, VTilde: 0.01548182},
			a:    want{0.0077409, 5e-8}, b: want{0.069242, 5e-7}, m: want{0.0420338, 5e-8},
			rho: want{-0.3340365, 5e-8}, s: want{0.118608, 5e-7},
			kMin: -3, kMax: 3, gMin: want{0.2632, 5e-5}, kAtGMin: want{-3, 1e-12},
		},
		{
			name: "optimal",
			jw:   JumpWings{V: vogtJW.V, Psi: vogtJW.Psi, P: vogtJW.P, C: 0.8564763, VTilde: 0.0116249},
			a:    want{-0.0305199, 5e-8}, b: want{0.1027168, 5e-8}, m: want{0.2723442, 5e-8},
			rho: want{0.1007176, 5e-8}, s: want{0.4123981, 5e-8},
			kMin: -3, kMax: 3, gMin: want{0.00812, 5e-6}, kAtGMin: want{0.81133, 5e-6},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.jw.Raw(1)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name string
				got  float64
				want want
			}{{"a", r.A, tt.a}, {"b", r.B, tt.b}, {"m", r.M, tt.m}, {"ρ", r.Rho, tt.rho}, {"σ", r.Sigma, tt.s}} {
				if math.Abs(c.got-c.want.v) > c.want.tol {
					t.Errorf("%s = %.9f, want %v ± %g", c.name, c.got, c.want.v, c.want.tol)
				}
			}
			rep := r.CheckButterfly(tt.kMin, tt.kMax, 601)
			if !rep.Free {
				t.Errorf("repaired slice not butterfly-free: %+v", rep)
			}
			if math.Abs(rep.MinG-tt.gMin.v) > tt.gMin.tol || math.Abs(rep.KAtMinG-tt.kAtGMin.v) > tt.kAtGMin.tol {
				t.Errorf("min g = %.6f at k = %.6f, want %v at %v", rep.MinG, rep.KAtMinG, tt.gMin.v, tt.kAtGMin.v)
			}
		})
	}
}

func TestConversionsRoundTripOnRandomSlices(t *testing.T) {
	const tol = 1e-10
	rng := rand.New(rand.NewPCG(2014, 1))
	for range 2000 {
		r := randomRaw(rng)
		// Negative a is allowed here as long as w stays positive.
		r.A -= 0.9 * r.MinTotalVariance() * rng.Float64()
		tExp := 0.01 + 3*rng.Float64()

		n := r.Natural()
		assertRawClose(t, n.Raw(), r, tol)
		for _, k := range []float64{-2, -0.5, 0, 0.3, 1.7} {
			if got, want := n.TotalVariance(k), r.TotalVariance(k); !scalar.EqualWithinAbsOrRel(got, want, 1e-14, 1e-12) {
				t.Fatalf("%+v: natural w(%g) = %g, raw %g", r, k, got, want)
			}
		}

		jw := r.JumpWings(tExp)
		back, err := jw.Raw(tExp)
		if err != nil {
			t.Fatalf("%+v at t=%g: %v", r, tExp, err)
		}
		// m and σ come from v − ṽ, which cancels when the minimum of w lies
		// near the money: the inverse map is that ill-conditioned.
		jwTol := tol * jw.V / (jw.V - jw.VTilde)
		assertRawClose(t, back, r, max(tol, jwTol))
		if jwN := n.JumpWings(tExp); !jwClose(jwN, jw, tol) {
			t.Fatalf("natural→JW %+v, raw→JW %+v", jwN, jw)
		}
		nat, err := jw.Natural(tExp)
		if err != nil {
			t.Fatal(err)
		}
		assertRawClose(t, nat.Raw(), r, max(tol, jwTol))
	}
}

func TestJumpWingsRawWithMAtZero(t *testing.T) {
	// m = 0 makes β = 0, handled by a separate formula.
	r := Raw{A: 0.01, B: 0.2, Rho: -0.5, M: 0, Sigma: 0.3}
	back, err := r.JumpWings(0.5).Raw(0.5)
	if err != nil {
		t.Fatal(err)
	}
	assertRawClose(t, back, r, 1e-12)
}

func TestJumpWingsRawRejectsInadmissibleParameters(t *testing.T) {
	tests := []struct {
		name string
		jw   JumpWings
		t    float64
		cond string
	}{
		{"zero expiry", vogtJW, 0, "t > 0"},
		{"negative variance", JumpWings{V: -0.01, Psi: -0.1, P: 0.5, C: 1, VTilde: 0.01}, 1, "v > 0"},
		{"flat wings", JumpWings{V: 0.04, Psi: 0, P: 0, C: 0, VTilde: 0.04}, 1, "p + c > 0"},
		{"skew beyond the wings", JumpWings{V: 0.04, Psi: -2, P: 0.5, C: 1, VTilde: 0.03}, 1, "|β| < 1"},
		{"symmetric at the money", JumpWings{V: 0.04, Psi: 0, P: 0.5, C: 0.5, VTilde: 0.03}, 1, "ρ ≠ 0 when m = 0"},
		{"minimum above the money", JumpWings{V: 0.04, Psi: -0.1, P: 0.5, C: 1, VTilde: 0.05}, 1, "σ > 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.jw.Raw(tt.t)
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Cond != tt.cond {
				t.Fatalf("Raw() error = %v, want condition %q", err, tt.cond)
			}
			if _, err := tt.jw.Natural(tt.t); !errors.Is(err, ErrInvalidParams) {
				t.Errorf("Natural() error = %v, want ErrInvalidParams", err)
			}
		})
	}
}

// randomRaw draws a valid raw slice with a ≥ 0, inside Calibrate's domain.
func randomRaw(rng *rand.Rand) Raw {
	return Raw{
		A:     0.05 * rng.Float64(),
		B:     0.02 + 0.38*rng.Float64(),
		Rho:   -0.9 + 1.5*rng.Float64(),
		M:     -0.4 + 0.8*rng.Float64(),
		Sigma: 0.05 + 0.55*rng.Float64(),
	}
}

func assertRawClose(t *testing.T, got, want Raw, tol float64) {
	t.Helper()
	if !scalar.EqualWithinAbsOrRel(got.A, want.A, tol, tol) ||
		!scalar.EqualWithinAbsOrRel(got.B, want.B, tol, tol) ||
		!scalar.EqualWithinAbsOrRel(got.Rho, want.Rho, tol, tol) ||
		!scalar.EqualWithinAbsOrRel(got.M, want.M, tol, tol) ||
		!scalar.EqualWithinAbsOrRel(got.Sigma, want.Sigma, tol, tol) {
		t.Fatalf("got %+v, want %+v (tolerance %g)", got, want, tol)
	}
}

func jwClose(a, b JumpWings, tol float64) bool {
	return scalar.EqualWithinAbsOrRel(a.V, b.V, tol, tol) &&
		scalar.EqualWithinAbsOrRel(a.Psi, b.Psi, tol, tol) &&
		scalar.EqualWithinAbsOrRel(a.P, b.P, tol, tol) &&
		scalar.EqualWithinAbsOrRel(a.C, b.C, tol, tol) &&
		scalar.EqualWithinAbsOrRel(a.VTilde, b.VTilde, tol, tol)
}
