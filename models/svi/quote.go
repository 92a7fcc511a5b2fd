package svi

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
)

// Quote is one implied-volatility observation of a slice.
type Quote struct {
	// LogMoneyness is k = ln(K/F).
	LogMoneyness float64
	// Vol is the Black implied volatility, annualised.
	Vol float64
	// Weight is the positive least-squares weight of the quote's total
	// variance residual.
	Weight float64
}

// QuotesFromStrikes builds quotes from strikes, implied vols and weights for
// a slice with the given forward. weights may be nil, meaning 1 for every
// quote; otherwise all three slices must have the same length. Vols and
// weights are checked by Calibrate, not here.
func QuotesFromStrikes(forward float64, strikes, vols, weights []float64) ([]Quote, error) {
	if !(forward > 0) || math.IsInf(forward, 0) {
		return nil, fmt.Errorf("svi: forward %g is not positive and finite", forward)
	}
	if len(vols) != len(strikes) || (weights != nil && len(weights) != len(strikes)) {
		return nil, fmt.Errorf("svi: %d strikes, %d vols and %d weights differ in length",
			len(strikes), len(vols), len(weights))
	}
	qs := make([]Quote, len(strikes))
	for i, K := range strikes {
		if !(K > 0) || math.IsInf(K, 0) {
			return nil, &QuoteError{Index: i, Field: "strike", Value: K, Want: "positive and finite"}
		}
		qs[i] = Quote{LogMoneyness: math.Log(K / forward), Vol: vols[i], Weight: 1}
		if weights != nil {
			qs[i].Weight = weights[i]
		}
	}
	return qs, nil
}

// PriceQuote is one option price observation of a slice: an undiscounted
// (forward) Black price, as quoted on a venue that settles in the
// underlying's forward or divided by the discount factor.
type PriceQuote struct {
	Type   bs.OptionType
	Strike float64
	Price  float64
	Weight float64
}

// QuotesFromPrices inverts price quotes of a slice with the given forward
// and expiry t (years) to implied-vol quotes (Let's Be Rational, to machine
// precision) for Calibrate. A price no vol can reach is a *QuoteError
// naming the quote and wrapping the iv error: a slice with an arbitrageable
// quote should be cleaned by the caller, not silently thinned here.
func QuotesFromPrices(forward, t float64, quotes []PriceQuote) ([]Quote, error) {
	if !(forward > 0) || math.IsInf(forward, 0) {
		return nil, fmt.Errorf("svi: forward %g is not positive and finite", forward)
	}
	qs := make([]Quote, len(quotes))
	for i, q := range quotes {
		vol, err := iv.ImpliedBlackVol(q.Price, forward, q.Strike, t, q.Type)
		if err != nil {
			return nil, &QuoteError{Index: i, Field: "price", Value: q.Price, Want: "inside the no-arbitrage bounds", Err: err}
		}
		qs[i] = Quote{LogMoneyness: math.Log(q.Strike / forward), Vol: vol, Weight: q.Weight}
	}
	return qs, nil
}
