package skew

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
	"github.com/infrarisk/infrarisk/models/merton"
)

// flatSmile is a base smile with the same total variance at every strike,
// under which the overlay is Merton's jump-diffusion.
type flatSmile float64

func (w flatSmile) TotalVariance(float64) float64 { return float64(w) }

// TestOverlayOnFlatSmileIsMerton checks the convolution against an
// independent computation: on a flat base smile of vol σ the stressed price
// is Merton's (1976) series with diffusion vol σ, which package merton sums
// as Black prices with shifted forwards and widened vols, no quadrature
// involved. Strikes run over ±4 stressed standard deviations; prices
// must agree to 1e-9 relative within ±2 of them and implied vols to 1e-8
// everywhere (measured over this table: 8e-11 and 4e-10).
func TestOverlayOnFlatSmileIsMerton(t *testing.T) {
	const (
		relTol = 1e-9
		volTol = 1e-8
	)
	cfg := DefaultConfig()
	for _, tc := range []struct {
		vol, t, s float64
	}{
		{0.60, 1.0 / 365, 1},
		{0.45, 7.0 / 365, 1},
		{0.60, 7.0 / 365, 0.5},
		{0.60, 0.1, 1},
		{0.45, 0.25, 0.25},
		{0.90, 0.25, 1},
		{0.60, 1, 0.5},
		{0.45, 1, 1},
	} {
		t.Run(fmt.Sprintf("vol=%g/T=%.4f/s=%g", tc.vol, tc.t, tc.s), func(t *testing.T) {
			j := cfg.Jumps(tc.s)
			o := newOverlay(flatSmile(tc.vol*tc.vol*tc.t), tc.t, j)
			sd := math.Sqrt(tc.vol*tc.vol*tc.t + j.Intensity*tc.t*(j.MeanLog*j.MeanLog+j.Vol*j.Vol))
			for z := -4.0; z <= 4; z += 0.5 {
				k := z * sd
				typ := bs.Call
				if k < 0 {
					typ = bs.Put
				}
				strike := math.Exp(k)
				want := merton.Option{Type: typ, Spot: 1, Strike: strike, T: tc.t, Vol: tc.vol, Jumps: j}.Price()
				got := math.Sqrt(strike) * o.price(k, typ)
				if math.Abs(z) <= 2 && !scalar.EqualWithinRel(got, want, relTol) {
					t.Errorf("k=%.4f (%+.1f sd): price %.15g, Merton %.15g, rel err %.2e", k, z, got, want, got/want-1)
				}
				volGot, err1 := iv.ImpliedBlackVol(got, 1, strike, tc.t, typ)
				volWant, err2 := iv.ImpliedBlackVol(want, 1, strike, tc.t, typ)
				if err1 != nil || err2 != nil {
					t.Fatalf("k=%.4f: inversion failed: %v, %v", k, err1, err2)
				}
				if !scalar.EqualWithinAbs(volGot, volWant, volTol) {
					t.Errorf("k=%.4f (%+.1f sd): vol %.12f, Merton %.12f", k, z, volGot, volWant)
				}
			}
		})
	}
}

// TestPriceSatisfiesPutCallParity: Price evaluates one side and carries it
// to the other, so C − P = F − K must hold to rounding.
func TestPriceSatisfiesPutCallParity(t *testing.T) {
	cfg := DefaultConfig()
	const forward = 3207.95
	sl := ethSurface[2]
	for _, strike := range []float64{1600, 2800, 3207.95, 3600, 6000} {
		for _, s := range []float64{0, 0.5, 1} {
			c, err := Price(sl.Raw, sl.T, forward, strike, s, bs.Call, cfg)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Price(sl.Raw, sl.T, forward, strike, s, bs.Put, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinAbs(c-p, forward-strike, 1e-12*forward) {
				t.Errorf("K=%g s=%g: C − P = %.12g, want F − K = %.12g", strike, s, c-p, forward-strike)
			}
		}
	}
}

// TestPriceAtZeroStressIsTheBaseBlackPrice: with no crash intensity the
// option is priced on the base smile alone.
func TestPriceAtZeroStressIsTheBaseBlackPrice(t *testing.T) {
	const forward = 94319.52
	sl := btcSurface[1]
	for _, strike := range []float64{60000, 90000, 94319.52, 110000} {
		for _, typ := range []bs.OptionType{bs.Call, bs.Put} {
			got, err := Price(sl.Raw, sl.T, forward, strike, 0, typ, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			want := iv.Black(forward, strike, sl.Raw.ImpliedVol(math.Log(strike/forward), sl.T), sl.T, typ)
			if got != want {
				t.Errorf("K=%g %v: %.17g, want %.17g", strike, typ, got, want)
			}
		}
	}
}

// TestPriceRaisesPutsMoreThanCalls: crashes make every option dearer (the
// stressed law is a mean-preserving spread of the base), and
// out-of-the-money puts more than calls as far from the forward.
func TestPriceRaisesPutsMoreThanCalls(t *testing.T) {
	const forward = 3196.17
	sl := ethSurface[1]
	cfg := DefaultConfig()
	rise := func(strike float64, typ bs.OptionType) float64 {
		base, err := Price(sl.Raw, sl.T, forward, strike, 0, typ, cfg)
		if err != nil {
			t.Fatal(err)
		}
		stressed, err := Price(sl.Raw, sl.T, forward, strike, 1, typ, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return stressed/base - 1
	}
	put, call := rise(forward*math.Exp(-0.3), bs.Put), rise(forward*math.Exp(0.3), bs.Call)
	if !(call > 0 && put > call) {
		t.Errorf("relative rise at k = ∓0.3: put %.3f, call %.3f; want both positive and the put's larger", put, call)
	}
}

// TestStressedPricesMatchStressedVols: the raw vols StressSlice reports
// reprice, through Black, to Price at the same strikes.
func TestStressedPricesMatchStressedVols(t *testing.T) {
	const forward = 95789.0
	sl := btcSurface[2]
	cfg := DefaultConfig()
	st, err := StressSlice(sl.Raw, sl.T, 0.75, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range st.LogMoneyness {
		strike := forward * math.Exp(k)
		typ := bs.Call
		if k < 0 {
			typ = bs.Put
		}
		want, err := Price(sl.Raw, sl.T, forward, strike, 0.75, typ, cfg)
		if err != nil {
			t.Fatal(err)
		}
		got := iv.Black(forward, strike, st.Vols[i], sl.T, typ)
		if !scalar.EqualWithinRel(got, want, 1e-11) {
			t.Errorf("k=%.4f: Black at the stressed vol %.15g, Price %.15g", k, got, want)
		}
	}
}

func TestPriceRejectsBadInputs(t *testing.T) {
	sl := ethSurface[0]
	cfg := DefaultConfig()
	for _, tc := range []struct {
		name            string
		forward, strike float64
		typ             bs.OptionType
		want            string
	}{
		{"zero forward", 0, 100, bs.Call, "forward"},
		{"infinite strike", 100, math.Inf(1), bs.Put, "strike"},
		{"NaN strike", 100, math.NaN(), bs.Put, "strike"},
		{"no type", 100, 100, 0, "option type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Price(sl.Raw, sl.T, tc.forward, tc.strike, 0.5, tc.typ, cfg)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Name != tc.want {
				t.Errorf("got %v, want an *InputError for %s", err, tc.want)
			}
		})
	}
}
