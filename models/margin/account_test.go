package margin

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestNoPositionsNeedNoMargin: an empty account, or one whose holdings are
// all zero, owes nothing, whatever the contingencies.
func TestNoPositionsNeedNoMargin(t *testing.T) {
	p := DefaultParams()
	p.FailContingency, p.OracleContingency = 0.5, 0.1
	ra := BuildRiskArrays(testMarket, NewGrid(p), []Instrument{Call(100, 0.1), LinearFuture()})
	for _, c := range []struct {
		name     string
		holdings []Holding
	}{
		{"nil", nil},
		{"empty", []Holding{}},
		{"zero quantities", []Holding{{0, 0}, {1, 0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ra.Margin(c.holdings)
			if r.Maintenance != 0 || r.Initial != 0 || r.Contingencies != 0 || r.ScenarioLoss != 0 {
				t.Errorf("got %+v, want zero requirements", r)
			}
		})
	}
	r, err := PortfolioMargin(testMarket, NewGrid(p), nil)
	if err != nil || r.Maintenance != 0 {
		t.Errorf("PortfolioMargin of no positions: %+v, %v", r, err)
	}
}

// TestLongOptionNeedsAtMostItsPremium: a long option can lose at most its
// value, so its scan, tail loss and fail charge stay within the premium,
// even with p_fail = 1; only the oracle charge, which is on delta notional,
// comes on top.
func TestLongOptionNeedsAtMostItsPremium(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, shape := range []GridShape{SPAN16, DeribitLike, PMRMLike} {
		p := DefaultParams()
		p.Shape, p.FailContingency, p.ScanRange = shape, 1, 0.4
		for range 300 {
			in := randomInstrument(rng)
			if in.Kind != Option {
				continue
			}
			q := 0.1 + 5*rng.Float64()
			ra := BuildRiskArrays(testMarket, NewGrid(p), []Instrument{in})
			r := ra.Margin([]Holding{{0, q}})
			premium := q * ra.Value(0)
			if r.TailLoss > premium*(1+1e-12)+1e-12 || r.Maintenance-r.Oracle > premium*(1+1e-12)+1e-12 {
				t.Fatalf("%v: long %g at premium %g: tail loss %g, maintenance %g with oracle %g", shape, q, premium, r.TailLoss, r.Maintenance, r.Oracle)
			}
			if want := p.OracleContingency * math.Abs(q*ra.Delta(0)) * testMarket.Spot; !scalar.EqualWithinAbsOrRel(r.Oracle, want, 1e-15, 1e-12) {
				t.Fatalf("oracle charge %g, want %g", r.Oracle, want)
			}
			if r.ShortOption != 0 {
				t.Fatalf("long option charged a short-option minimum %g", r.ShortOption)
			}
		}
	}
}

// TestHedgesNeedLessThanTheirLegs: a hedged portfolio needs strictly less
// than its legs margined apart and summed.
func TestHedgesNeedLessThanTheirLegs(t *testing.T) {
	g := NewGrid(DefaultParams())
	for _, c := range []struct {
		name string
		legs []Position
	}{
		{"protective put", []Position{{SpotAsset(), 1}, {Put(95, 30.0/365), 1}}},
		{"covered call", []Position{{SpotAsset(), 1}, {Call(110, 30.0/365), -1}}},
		{"bull call spread", []Position{{Call(100, 30.0/365), 1}, {Call(110, 30.0/365), -1}}},
		{"bear put spread", []Position{{Put(100, 7.0/365), 1}, {Put(90, 7.0/365), -1}}},
		{"future against short put", []Position{{LinearFuture(), -1}, {Put(100, 0.25), -1}}},
		{"calendar", []Position{{Call(100, 7.0/365), -1}, {Call(100, 90.0/365), 1}}},
		{"delta-hedged short call", []Position{{Call(100, 30.0/365), -2}, {LinearFuture(), 1}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			whole := mustMargin(testMarket, g, c.legs).Maintenance
			sum := 0.0
			for _, leg := range c.legs {
				sum += mustMargin(testMarket, g, []Position{leg}).Maintenance
			}
			if !(whole < sum) {
				t.Errorf("hedged %g, legs apart %g", whole, sum)
			}
		})
	}
}

// TestMarginIsSubadditive: every term of the requirement (the scan, the
// tail loss, |net delta|, the short-option floor) is subadditive, so no
// portfolio needs more than its parts margined apart.
func TestMarginIsSubadditive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := DefaultParams()
	p.FailContingency, p.OracleContingency, p.ShortOptionMinimum = 0.2, 0.02, 0.05
	g := NewGrid(p)
	for range 500 {
		a, b := randomPositions(rng, 4), randomPositions(rng, 4)
		whole := mustMargin(testMarket, g, append(append([]Position{}, a...), b...))
		ma, mb := mustMargin(testMarket, g, a), mustMargin(testMarket, g, b)
		if whole.Maintenance > (ma.Maintenance+mb.Maintenance)*(1+1e-12)+1e-12 {
			t.Fatalf("A+B needs %g > %g + %g\nA %+v\nB %+v", whole.Maintenance, ma.Maintenance, mb.Maintenance, a, b)
		}
	}
}

// TestBooksInSeveralUnderlyingsAddUp: each underlying is margined on its own
// arrays and the requirements are summed, with no offset between them.
func TestBooksInSeveralUnderlyingsAddUp(t *testing.T) {
	p := DefaultParams()
	btc := BuildRiskArrays(Market{Spot: 60000, Rate: 0.05, Surface: FlatVol(0.55)}, NewGrid(p),
		[]Instrument{Call(65000, 0.1), Put(55000, 0.1), LinearFuture()})
	eth := BuildRiskArrays(Market{Spot: 3000, Rate: 0.05, Surface: FlatVol(0.75)}, NewGrid(p),
		[]Instrument{Call(3000, 0.02), SpotAsset()})
	btcBook := Book{Arrays: btc, Holdings: []Holding{{0, -2}, {1, -1.5}, {2, 0.3}}}
	ethBook := Book{Arrays: eth, Holdings: []Holding{{0, 10}, {1, -4}}}
	rb, re := btc.Margin(btcBook.Holdings), eth.Margin(ethBook.Holdings)
	got := MarginBooks([]Book{btcBook, ethBook})
	if got.Maintenance != rb.Maintenance+re.Maintenance || got.Initial != rb.Initial+re.Initial {
		t.Errorf("books %+v, sum of underlyings %g and %g", got, rb.Maintenance+re.Maintenance, rb.Initial+re.Initial)
	}
	if rb.Maintenance <= 0 || re.Maintenance <= 0 {
		t.Errorf("each book should need margin: BTC %g, ETH %g", rb.Maintenance, re.Maintenance)
	}
	// A long future in one underlying does not offset a short one in
	// another, however correlated.
	f1 := BuildRiskArrays(Market{Spot: 100, Surface: FlatVol(0.5)}, NewGrid(p), []Instrument{LinearFuture()})
	long, short := Book{f1, []Holding{{0, 1}}}, Book{f1, []Holding{{0, -1}}}
	if got, each := MarginBooks([]Book{long, short}).Maintenance, f1.Margin(long.Holdings).Maintenance; got != 2*each {
		t.Errorf("long and short in two underlyings need %g, want twice %g", got, each)
	}
}

// TestRepeatedHoldingsScanLikeOne: the scan is linear in quantity, so a
// quantity split over two holdings margins like one holding.
func TestRepeatedHoldingsScanLikeOne(t *testing.T) {
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), []Instrument{Put(90, 0.1), Call(120, 0.1)})
	one := ra.Margin([]Holding{{0, -3}, {1, 2}})
	split := ra.Margin([]Holding{{0, -1}, {1, 2}, {0, -2}})
	if !resultsEqual(one, split, 1e-12) {
		t.Errorf("one holding %+v\nsplit %+v", one, split)
	}
}

// TestPortfolioMarginAddsPositionsInOneInstrument: PortfolioMargin nets
// positions in the same instrument before margining, so a long and a short
// of the same option cancel.
func TestPortfolioMarginAddsPositionsInOneInstrument(t *testing.T) {
	g := NewGrid(DefaultParams())
	r := mustMargin(testMarket, g, []Position{{Call(100, 0.1), 2}, {Call(100, 0.1), -2}})
	if r.Maintenance != 0 || r.ShortOptions != 0 {
		t.Errorf("offsetting positions need %g with %g shorts", r.Maintenance, r.ShortOptions)
	}
}

// TestWorstScenarioIsTheArgmax: the reported scenario is the one whose
// summed loss is largest, recomputed from the arrays.
func TestWorstScenarioIsTheArgmax(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	ins := randomInstruments(rng, 50)
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), ins)
	for range 200 {
		hs := make([]Holding, 1+rng.IntN(10))
		for k := range hs {
			hs[k] = Holding{rng.IntN(len(ins)), rng.Float64()*4 - 2}
		}
		r := ra.Margin(hs)
		best := math.Inf(-1)
		for s := range ra.Grid().Scenarios {
			l := 0.0
			for _, h := range hs {
				l += h.Quantity * ra.Loss(h.Instrument, s)
			}
			best = max(best, l)
		}
		if !scalar.EqualWithinAbsOrRel(r.ScenarioLoss, best, 1e-12, 1e-12) {
			t.Fatalf("scenario loss %g, recomputed maximum %g", r.ScenarioLoss, best)
		}
	}
}

// TestMarginPanicsOnUnknownInstrument: an index outside the arrays is a
// programmer error.
func TestMarginPanicsOnUnknownInstrument(t *testing.T) {
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), []Instrument{LinearFuture()})
	for _, i := range []int{-1, 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("index %d: no panic", i)
				}
			}()
			ra.Margin([]Holding{{i, 1}})
		}()
	}
}
