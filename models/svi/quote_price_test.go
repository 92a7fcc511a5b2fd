package svi

import (
	"errors"
	"math"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
)

// TestCalibrateFromPrices: out-of-the-money Black prices generated from a
// known slice calibrate back to it, through the implied-vol inversion.
func TestCalibrateFromPrices(t *testing.T) {
	want := Raw{A: 0.02, B: 0.12, Rho: -0.4, M: 0.05, Sigma: 0.2}
	const forward, expiry = 2000.0, 0.25
	var quotes []PriceQuote
	for i := range 31 {
		k := -0.9 + 0.06*float64(i)
		strike := forward * math.Exp(k)
		typ := bs.Call
		if k < 0 {
			typ = bs.Put
		}
		price := iv.Black(forward, strike, want.ImpliedVol(k, expiry), expiry, typ)
		quotes = append(quotes, PriceQuote{Type: typ, Strike: strike, Price: price, Weight: 1})
	}
	qs, err := QuotesFromPrices(forward, expiry, quotes)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := Calibrate(qs, expiry, CalibrateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []float64{-0.8, -0.3, 0, 0.3, 0.8} {
		if got, w := fit.Raw.TotalVariance(k), want.TotalVariance(k); math.Abs(got-w) > 1e-7 {
			t.Errorf("w(%g) = %.10f, want %.10f", k, got, w)
		}
	}
}

func TestPriceBelowIntrinsicNamesTheQuote(t *testing.T) {
	quotes := []PriceQuote{
		{Type: bs.Call, Strike: 2000, Price: 100, Weight: 1},
		{Type: bs.Call, Strike: 1500, Price: 400, Weight: 1}, // intrinsic is 500
	}
	_, err := QuotesFromPrices(2000, 0.25, quotes)
	var qe *QuoteError
	if !errors.As(err, &qe) || qe.Index != 1 || !errors.Is(err, iv.ErrBelowIntrinsic) {
		t.Fatalf("err %v, want quote 1 below intrinsic", err)
	}
}
