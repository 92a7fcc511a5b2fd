package margin

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
)

// Money crosses the package boundary as decimal.Decimal and is float64
// inside. Decimals come in through toFloat and amounts go out through
// roundUp, and nowhere else. Nothing here touches decimal's package-level
// settings.

// maxQuantity bounds a boundary quantity so that sums of quantity × loss
// stay finite and well inside float64's exact-integer range.
const maxQuantity = 1e15

// significantDigits is the precision an amount is cut to before rounding
// up. Every decimal of 15 significant digits survives a round trip through
// float64 (DBL_DIG), so digits beyond the 15th are representation noise, and
// rounding that noise up would charge a spurious unit in the last place:
// 0.1 + 0.2 is 0.30000000000000004 in float64. Arithmetic error larger than
// that is rounded up with the rest, which over-collects by at most a unit.
const significantDigits = 15

// DecimalHolding is a holding at the boundary, its quantity in decimal.
type DecimalHolding struct {
	Instrument int
	Quantity   decimal.Decimal
}

// DecimalBook is an account's holdings in one underlying at the boundary.
type DecimalBook struct {
	Arrays   RiskArrays
	Holdings []DecimalHolding
}

// Requirement is an account's margin in money.
type Requirement struct {
	Maintenance, Initial decimal.Decimal
}

// NewMarketDecimal returns the Market of a spot price and a rate given in
// decimal, or an *InputError if they are out of range.
func NewMarketDecimal(spot, rate decimal.Decimal, s Surface) (Market, error) {
	m := Market{Spot: toFloat(spot), Rate: toFloat(rate), Surface: s}
	return m, m.Validate()
}

// MarginDecimal margins an account's books (one per underlying, summed as
// MarginBooks does) from decimal quantities and returns maintenance and
// initial margin rounded up to places decimal places. Margin rounds up, never
// to nearest: a requirement rounded down by a fraction of a unit lets an
// account run short of collateral by that fraction, and the venue must never
// under-collect.
//
// It returns an *InputError for places outside [0, 18], a holding whose
// index is out of range, or a quantity larger than 1e15 in absolute value.
func MarginDecimal(books []DecimalBook, places int32) (Requirement, error) {
	if places < 0 || places > 18 {
		return Requirement{}, inputError("MarginDecimal", "places", float64(places), "in [0, 18]")
	}
	var t Total
	holdings := make([]Holding, 0, 64)
	for b, book := range books {
		holdings = holdings[:0]
		for k, h := range book.Holdings {
			what := fmt.Sprintf("holding %d of book %d", k, b)
			if h.Instrument < 0 || h.Instrument >= book.Arrays.Len() {
				return Requirement{}, inputError(what, "Instrument", float64(h.Instrument),
					fmt.Sprintf("an index in [0, %d)", book.Arrays.Len()))
			}
			q := toFloat(h.Quantity)
			if !(q >= -maxQuantity && q <= maxQuantity) {
				return Requirement{}, inputError(what, "Quantity", q, "at most 1e15 in absolute value")
			}
			holdings = append(holdings, Holding{Instrument: h.Instrument, Quantity: q})
		}
		r := book.Arrays.Margin(holdings)
		t.Maintenance += r.Maintenance
		t.Initial += r.Initial
	}
	if !finite(t.Initial) {
		return Requirement{}, inputError("MarginDecimal", "Initial", t.Initial, "finite")
	}
	return Requirement{Maintenance: roundUp(t.Maintenance, places), Initial: roundUp(t.Initial, places)}, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// toFloat is the one conversion of a boundary decimal into the model: the
// nearest float64.
func toFloat(d decimal.Decimal) float64 { return d.InexactFloat64() }

// roundUp is the one conversion of an amount out of the model: x cut to
// significantDigits significant digits (half away from zero), then rounded
// towards +∞ to places decimal places. x must be finite.
func roundUp(x float64, places int32) decimal.Decimal {
	d := decimal.NewFromFloat(x)
	if !d.IsZero() {
		intDigits := int32(d.NumDigits()) + d.Exponent()
		d = d.Round(significantDigits - intDigits)
	}
	return d.RoundCeil(places)
}
