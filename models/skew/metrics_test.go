package skew

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/svi"
)

// TestMetricsOfAFlatSmile: on a flat smile both 25-delta vols equal the
// ATM vol, so the risk reversal and butterfly vanish, and the strikes
// solve d₁ = ∓Φ⁻¹(0.75) in closed form: k = ±Φ⁻¹(0.75)·s + s²/2, s = σ√T.
func TestMetricsOfAFlatSmile(t *testing.T) {
	for _, tc := range []struct{ vol, t float64 }{{0.6, 7.0 / 365}, {0.45, 0.25}, {0.8, 1}, {1.5, 2}} {
		w := tc.vol * tc.vol * tc.t
		m, err := Metrics(svi.Raw{A: w, B: 0, Rho: 0, M: 0, Sigma: 1}, tc.t)
		if err != nil {
			t.Fatal(err)
		}
		s := math.Sqrt(w)
		wantCall, wantPut := z25*s+w/2, -z25*s+w/2
		if !scalar.EqualWithinAbs(m.ATMVol, tc.vol, 1e-15) || m.RiskReversal25 != 0 || !scalar.EqualWithinAbs(m.Butterfly25, 0, 1e-15) {
			t.Errorf("vol %g T %g: ATM %g, RR %g, BF %g; want %g, 0, 0", tc.vol, tc.t, m.ATMVol, m.RiskReversal25, m.Butterfly25, tc.vol)
		}
		if !scalar.EqualWithinAbsOrRel(m.Call25K, wantCall, 1e-15, 1e-14) || !scalar.EqualWithinAbsOrRel(m.Put25K, wantPut, 1e-15, 1e-14) {
			t.Errorf("vol %g T %g: 25Δ strikes %.16g and %.16g, want %.16g and %.16g", tc.vol, tc.t, m.Call25K, m.Put25K, wantCall, wantPut)
		}
	}
}

// TestMetricsStrikesHaveTwentyFiveDelta reprices the 25-delta strikes of
// skewed smiles, base and stressed, with package bs: the forward Black-76
// delta at the strike's smile vol, with zero rate, must be ±0.25.
func TestMetricsStrikesHaveTwentyFiveDelta(t *testing.T) {
	const forward = 3207.95
	for _, sl := range baseSlices() {
		for _, s := range []float64{0, 1} {
			st, err := StressSlice(sl.Raw, sl.T, s, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			m, err := Metrics(st.Raw, sl.T)
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				typ       bs.OptionType
				k, vol, d float64
			}{{bs.Call, m.Call25K, m.Call25Vol, 0.25}, {bs.Put, m.Put25K, m.Put25Vol, -0.25}} {
				g := bs.Black76{Type: tc.typ, Forward: forward, Strike: forward * math.Exp(tc.k), T: sl.T, Vol: tc.vol}.Greeks()
				if !scalar.EqualWithinAbs(g.Delta, tc.d, 1e-12) {
					t.Errorf("%s s=%g %v: delta %.15f at k=%.6f, want %g", sl.name, s, tc.typ, g.Delta, tc.k, tc.d)
				}
			}
			if want := m.Call25Vol - m.Put25Vol; m.RiskReversal25 != want {
				t.Errorf("%s s=%g: RR %g, want %g", sl.name, s, m.RiskReversal25, want)
			}
			if want := (m.Call25Vol+m.Put25Vol)/2 - m.ATMVol; m.Butterfly25 != want {
				t.Errorf("%s s=%g: BF %g, want %g", sl.name, s, m.Butterfly25, want)
			}
		}
	}
}

// TestMetricsOfTheDeribitSlicesShowAPutSkew: crypto smiles of January 2026
// priced puts over calls at every expiry.
func TestMetricsOfTheDeribitSlicesShowAPutSkew(t *testing.T) {
	for _, sl := range baseSlices() {
		m, err := Metrics(sl.Raw, sl.T)
		if err != nil {
			t.Fatal(err)
		}
		if !(m.RiskReversal25 < 0 && m.Butterfly25 > 0 && m.Put25K < 0 && m.Call25K > 0) {
			t.Errorf("%s: %+v", sl.name, m)
		}
	}
}

func TestMetricsErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		r     svi.Raw
		t     float64
		check func(error) bool
	}{
		// Right wing slope b(1 + ρ) = 2.85 > 2: d₁ rises without bound on
		// the call side and never reaches −Φ⁻¹(0.75) (Lee 2004).
		{"steep call wing", svi.Raw{A: 0.01, B: 1.5, Rho: 0.9, M: 0, Sigma: 0.1}, 0.5,
			func(err error) bool { return errors.Is(err, ErrNoDeltaStrike) }},
		{"invalid slice", svi.Raw{A: 0.01, B: -1, Rho: 0, M: 0, Sigma: 0.1}, 0.5,
			func(err error) bool { return errors.Is(err, svi.ErrInvalidParams) }},
		{"zero expiry", ethSurface[0].Raw, 0, isInputError("expiry")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Metrics(tc.r, tc.t); !tc.check(err) {
				t.Errorf("got %v", err)
			}
		})
	}
}
