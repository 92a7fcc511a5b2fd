package margin

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestRoundUpNeverRoundsDown: amounts round towards +∞ at the requested
// places, except that float64 noise beyond 15 significant digits is not
// worth a unit.
func TestRoundUpNeverRoundsDown(t *testing.T) {
	for _, c := range []struct {
		x      float64
		places int32
		want   string
		noise  bool // x is a round number plus float64 noise past 15 digits
	}{
		{1.2341, 2, "1.24", false},
		{1.2301, 2, "1.24", false},
		{1.23, 2, "1.23", false},
		{0.001, 2, "0.01", false},
		{7.207328, 0, "8", false},
		{0, 2, "0", false},
		{123456.789, 8, "123456.789", false},
		{1.0000000001, 2, "1.01", false},         // a real excess at the 11th digit
		{1e9 + 0.004, 2, "1000000000.01", false}, // at the 13th
		{1.00000000000001, 2, "1.01", false},     // at the 15th
		{123.45600000100002, 3, "123.457", false},
		{2.5e-7 * 3, 8, "0.00000075", false},
		{0.1 + 0.2, 2, "0.3", true},              // 0.30000000000000004
		{0.7 * 3, 2, "2.1", false},               // 2.0999999999999996 is below 2.1
		{60000 * 1.1, 2, "66000", true},          // 66000.00000000001
		{123.45600000000002, 3, "123.456", true}, // noise at the 17th digit
		{0.30000000000000004 * 1.25, 3, "0.375", true},
	} {
		got := roundUp(c.x, c.places)
		if !got.Equal(dec(c.want)) {
			t.Errorf("roundUp(%v, %d) = %s, want %s", c.x, c.places, got, c.want)
		}
		if !c.noise && got.LessThan(decimal.NewFromFloat(c.x)) {
			t.Errorf("roundUp(%v, %d) = %s rounds down", c.x, c.places, got)
		}
	}
}

// TestDecimalQuantitiesAreExactInOutput: 0.1 and 0.2 of a future whose
// scenario loss is 1 per unit need exactly 0.3 (initial 0.375), where
// rounding the float64 sum 0.30000000000000004 up naively would charge
// 0.301.
func TestDecimalQuantitiesAreExactInOutput(t *testing.T) {
	p := handParams()
	p.OracleContingency = 0
	g := NewCustomGrid(p, []float64{-1, 1}, []float64{0})
	ra := BuildRiskArrays(Market{Spot: 10, Surface: FlatVol(0.5)}, g, []Instrument{LinearFuture()})
	book := DecimalBook{Arrays: ra, Holdings: []DecimalHolding{{0, dec("0.1")}, {0, dec("0.2")}}}
	got, err := MarginDecimal([]DecimalBook{book}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Maintenance.Equal(dec("0.3")) || !got.Initial.Equal(dec("0.375")) {
		t.Errorf("maintenance %s, initial %s; want 0.3 and 0.375", got.Maintenance, got.Initial)
	}
	raw := ra.Margin([]Holding{{0, 0.1}, {0, 0.2}}).Maintenance
	if naive := decimal.NewFromFloat(raw).RoundCeil(3); naive.Equal(dec("0.3")) {
		t.Errorf("float sum %v rounds up to 0.3 even naively; the case tests nothing", raw)
	}
}

// TestMarginDecimalIsTheFloatMarginRoundedUp: over two books, the decimal
// requirement is the float requirement summed, rounded up at the places
// asked for, and never below it.
func TestMarginDecimalIsTheFloatMarginRoundedUp(t *testing.T) {
	p := DefaultParams()
	btc := BuildRiskArrays(Market{Spot: 61234.5, Rate: 0.05, Surface: FlatVol(0.55)}, NewGrid(p),
		[]Instrument{Call(65000, 0.1), Put(55000, 0.1)})
	eth := BuildRiskArrays(Market{Spot: 3012.25, Rate: 0.05, Surface: FlatVol(0.75)}, NewGrid(p),
		[]Instrument{Call(3000, 0.02)})
	books := []DecimalBook{
		{Arrays: btc, Holdings: []DecimalHolding{{0, dec("-1.37")}, {1, dec("-0.5")}}},
		{Arrays: eth, Holdings: []DecimalHolding{{0, dec("-12.3")}}},
	}
	want := MarginBooks([]Book{
		{Arrays: btc, Holdings: []Holding{{0, -1.37}, {1, -0.5}}},
		{Arrays: eth, Holdings: []Holding{{0, -12.3}}},
	})
	for _, places := range []int32{0, 2, 8} {
		got, err := MarginDecimal(books, places)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			got  decimal.Decimal
			want float64
		}{{"maintenance", got.Maintenance, want.Maintenance}, {"initial", got.Initial, want.Initial}} {
			exact := decimal.NewFromFloat(c.want)
			unit := decimal.New(1, -places)
			if c.got.LessThan(exact) || !c.got.Sub(exact).LessThan(unit) || c.got.Exponent() < -places {
				t.Errorf("places %d: %s %s for %v", places, c.name, c.got, c.want)
			}
		}
	}
}

// TestMarginDecimalRejectsBadInput names the offending holding or argument.
func TestMarginDecimalRejectsBadInput(t *testing.T) {
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), []Instrument{LinearFuture()})
	for _, c := range []struct {
		name, what, field string
		books             []DecimalBook
		places            int32
	}{
		{"negative places", "MarginDecimal", "places", nil, -1},
		{"too many places", "MarginDecimal", "places", nil, 19},
		{"unknown instrument", "holding 1 of book 0", "Instrument",
			[]DecimalBook{{ra, []DecimalHolding{{0, dec("1")}, {1, dec("1")}}}}, 2},
		{"huge quantity", "holding 0 of book 1", "Quantity",
			[]DecimalBook{{ra, nil}, {ra, []DecimalHolding{{0, dec("-1e16")}}}}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := MarginDecimal(c.books, c.places)
			var ie *InputError
			if !errors.As(err, &ie) || ie.What != c.what || ie.Field != c.field {
				t.Errorf("error %v, want an *InputError on %s %s", err, c.what, c.field)
			}
		})
	}
}

func TestNewMarketDecimal(t *testing.T) {
	m, err := NewMarketDecimal(dec("61234.5"), dec("0.05"), FlatVol(0.5))
	if err != nil || m.Spot != 61234.5 || m.Rate != 0.05 {
		t.Errorf("%+v, %v", m, err)
	}
	if _, err := NewMarketDecimal(dec("-1"), dec("0"), FlatVol(0.5)); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative spot: %v", err)
	}
}
