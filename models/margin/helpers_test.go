package margin

import (
	"math"
	"math/rand/v2"
)

// smile is a test surface with skew and a term structure, so that strike
// and expiry both matter.
type smile struct{ atm, skew, curve, spot float64 }

func (s smile) Vol(strike, t float64) float64 {
	k := math.Log(strike / s.spot)
	return (s.atm + s.skew*k + s.curve*k*k) * (1 + 0.1*math.Exp(-t*12))
}

var testMarket = Market{Spot: 100, Rate: 0.03, Surface: smile{atm: 0.6, skew: -0.15, curve: 0.4, spot: 100}}

var testExpiries = []float64{1.0 / 365, 3.0 / 365, 7.0 / 365, 30.0 / 365, 90.0 / 365, 0.5, 1}

// randomInstrument draws an option (mostly), a future or the underlying.
func randomInstrument(rng *rand.Rand) Instrument {
	switch rng.IntN(10) {
	case 0:
		return LinearFuture()
	case 1:
		return SpotAsset()
	}
	t := testExpiries[rng.IntN(len(testExpiries))]
	k := math.Round(100 * math.Exp(0.3*rng.NormFloat64()))
	if rng.IntN(2) == 0 {
		return Call(k, t)
	}
	return Put(k, t)
}

func randomInstruments(rng *rand.Rand, n int) []Instrument {
	ins := make([]Instrument, n)
	for i := range ins {
		ins[i] = randomInstrument(rng)
	}
	return ins
}

// randomPositions draws 1 to maxLegs positions with quantities in tenths
// between −3 and 3.
func randomPositions(rng *rand.Rand, maxLegs int) []Position {
	ps := make([]Position, 1+rng.IntN(maxLegs))
	for i := range ps {
		q := math.Round(rng.Float64()*60-30) / 10
		if q == 0 {
			q = 0.5
		}
		ps[i] = Position{Instrument: randomInstrument(rng), Quantity: q}
	}
	return ps
}

func mustMargin(m Market, g Grid, ps []Position) Result {
	r, err := PortfolioMargin(m, g, ps)
	if err != nil {
		panic(err)
	}
	return r
}
