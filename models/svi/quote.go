package svi

import (
	"fmt"
	"math"
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
