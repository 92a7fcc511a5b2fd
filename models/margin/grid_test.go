package margin

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func scenariosEqual(a, b Scenario) bool {
	return scalar.EqualWithinAbs(a.PriceMove, b.PriceMove, 1e-15) &&
		scalar.EqualWithinAbs(a.VolShock, b.VolShock, 1e-15) && a.Cover == b.Cover
}

// TestSPAN16FollowsSPANsTable: the default grid is SPAN's 16 scenarios in
// SPAN's order (price in scan ranges, vol up/down, cover).
func TestSPAN16FollowsSPANsTable(t *testing.T) {
	p := DefaultParams()
	r, u, d := p.ScanRange, p.VolShockUp, -p.VolShockDown
	want := []Scenario{
		{0, u, 1}, {0, d, 1},
		{r / 3, u, 1}, {r / 3, d, 1}, {-r / 3, u, 1}, {-r / 3, d, 1},
		{2 * r / 3, u, 1}, {2 * r / 3, d, 1}, {-2 * r / 3, u, 1}, {-2 * r / 3, d, 1},
		{r, u, 1}, {r, d, 1}, {-r, u, 1}, {-r, d, 1},
		{2 * r, 0, 0.35}, {-2 * r, 0, 0.35},
	}
	got := NewGrid(p).Scenarios
	if len(got) != len(want) {
		t.Fatalf("%d scenarios, want 16", len(got))
	}
	for i := range want {
		if !scenariosEqual(got[i], want[i]) {
			t.Errorf("scenario %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	p.ExtremeCover = 0
	if n := len(NewGrid(p).Scenarios); n != 14 {
		t.Errorf("without extreme cover: %d scenarios, want 14", n)
	}
}

// TestDeribitLikeHasNineBucketsTimesThreeVols: nine evenly spaced price
// moves from −R to +R, each with vol up, same and down, plus the weighted
// extended pair at vol up.
func TestDeribitLikeHasNineBucketsTimesThreeVols(t *testing.T) {
	p := DefaultParams()
	p.Shape, p.ScanRange = DeribitLike, 0.16
	sc := NewGrid(p).Scenarios
	if len(sc) != 29 {
		t.Fatalf("%d scenarios, want 29", len(sc))
	}
	for k := range 9 {
		move := -0.16 + 0.04*float64(k)
		for j, v := range []float64{p.VolShockUp, 0, -p.VolShockDown} {
			if s := sc[3*k+j]; !scenariosEqual(s, Scenario{move, v, 1}) {
				t.Errorf("bucket %d vol %d: %+v, want move %g vol %g", k, j, s, move, v)
			}
		}
	}
	for i, move := range []float64{-0.32, 0.32} {
		if s := sc[27+i]; !scenariosEqual(s, Scenario{move, p.VolShockUp, 0.35}) {
			t.Errorf("extended %d: %+v", i, s)
		}
	}
}

// TestPMRMLikeIsDerivesTable: at ScanRange 0.15 the grid is Derive's 23
// PMRM scenarios, [spot shock %, vol direction], in Derive's order.
func TestPMRMLikeIsDerivesTable(t *testing.T) {
	derive := [][2]float64{
		{20, 1}, {15, 1}, {15, 0}, {15, -1}, {10, 1}, {10, 0}, {10, -1}, {5, 1}, {5, 0}, {5, -1},
		{0, 1}, {0, 0}, {0, -1}, {-5, 1}, {-5, 0}, {-5, -1}, {-10, 1}, {-10, 0}, {-10, -1},
		{-15, 1}, {-15, 0}, {-15, -1}, {-20, 1},
	}
	p := DefaultParams()
	p.Shape = PMRMLike
	sc := NewGrid(p).Scenarios
	if len(sc) != len(derive) {
		t.Fatalf("%d scenarios, want %d", len(sc), len(derive))
	}
	for i, d := range derive {
		v := d[1] * p.VolShockUp
		if d[1] < 0 {
			v = d[1] * p.VolShockDown
		}
		if !scenariosEqual(sc[i], Scenario{d[0] / 100, v, 1}) {
			t.Errorf("scenario %d: %+v, want %v", i, sc[i], d)
		}
	}
}

// TestCustomGridScalesByParams: moves are in scan ranges, positive vols in
// VolShockUp and negative ones in VolShockDown, extremes appended.
func TestCustomGridScalesByParams(t *testing.T) {
	p := DefaultParams()
	p.ScanRange, p.VolShockUp, p.VolShockDown = 0.2, 0.5, 0.25
	got := NewCustomGrid(p, []float64{-0.5, 1}, []float64{1, 0, -0.4}).Scenarios
	want := []Scenario{
		{-0.1, 0.5, 1}, {-0.1, 0, 1}, {-0.1, -0.1, 1},
		{0.2, 0.5, 1}, {0.2, 0, 1}, {0.2, -0.1, 1},
		{0.4, 0, 0.35}, {-0.4, 0, 0.35},
	}
	if len(got) != len(want) {
		t.Fatalf("%d scenarios, want %d", len(got), len(want))
	}
	for i := range want {
		if !scenariosEqual(got[i], want[i]) {
			t.Errorf("scenario %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestNestAddsEachMissingScenarioOnce: the nested grid starts with g's
// scenarios, holds every scenario of base exactly once, and keeps g's
// Params.
func TestNestAddsEachMissingScenarioOnce(t *testing.T) {
	base := DefaultParams()
	stressed := base
	stressed.ScanRange, stressed.FailContingency = 0.2, 0.3
	g := NewGrid(stressed).Nest(NewGrid(base))
	if g.Params != stressed {
		t.Errorf("nested params %+v, want the stressed ones", g.Params)
	}
	// The two zero-move scenarios coincide; the other 14 of base are new.
	if len(g.Scenarios) != 16+14 {
		t.Errorf("%d scenarios, want 30", len(g.Scenarios))
	}
	count := func(s Scenario) (n int) {
		for _, x := range g.Scenarios {
			if x == s {
				n++
			}
		}
		return n
	}
	for _, s := range append(NewGrid(base).Scenarios, NewGrid(stressed).Scenarios...) {
		if n := count(s); n != 1 {
			t.Errorf("scenario %+v appears %d times", s, n)
		}
	}
	for i, s := range NewGrid(stressed).Scenarios {
		if g.Scenarios[i] != s {
			t.Errorf("scenario %d reordered", i)
		}
	}
}

// TestTermWeightScalesShortExpiriesUp: w is 1 at 30 days, grows as
// (30/days)^p below, is floored at VolShockFloorDays and uses the long
// power beyond 30 days.
func TestTermWeightScalesShortExpiriesUp(t *testing.T) {
	p := DefaultParams()
	p.VolShockPower, p.VolShockPowerLong, p.VolShockFloorDays = 0.5, 0.25, 1
	for _, c := range []struct {
		name string
		days float64
		want float64
	}{
		{"30 days", 30, 1},
		{"7.5 days", 7.5, 2},
		{"1 day", 1, math.Sqrt(30)},
		{"an hour, floored at a day", 1.0 / 24, math.Sqrt(30)},
		{"expired, floored at a day", 0, math.Sqrt(30)},
		{"480 days, long power", 480, 0.5},
	} {
		if got := p.TermWeight(c.days / 365); !scalar.EqualWithinRel(got, c.want, 1e-14) {
			t.Errorf("%s: w = %.15g, want %.15g", c.name, got, c.want)
		}
	}
	if got := p.VolFactor(0.4, 7.5/365); !scalar.EqualWithinRel(got, 1.8, 1e-14) {
		t.Errorf("up factor at 7.5 days %g, want 1 + 0.4·2 = 1.8", got)
	}
	if got := p.VolFactor(-0.3, 1.0/365); got != MinVolFactor {
		t.Errorf("down factor at 1 day %g, want the floor %g (1 − 0.3·√30 < 0)", got, MinVolFactor)
	}
}

// TestGridValidateRejectsBadGrids names the offending scenario or count.
func TestGridValidateRejectsBadGrids(t *testing.T) {
	ok := NewGrid(DefaultParams())
	with := func(f func(*Grid)) Grid {
		g := ok
		g.Scenarios = append([]Scenario(nil), ok.Scenarios...)
		f(&g)
		return g
	}
	for _, c := range []struct {
		name, field string
		grid        Grid
	}{
		{"empty", "scenarios", with(func(g *Grid) { g.Scenarios = nil })},
		{"too many", "scenarios", with(func(g *Grid) { g.Scenarios = make([]Scenario, MaxScenarios+1) })},
		{"spot to zero", "PriceMove", with(func(g *Grid) { g.Scenarios[3].PriceMove = -1 })},
		{"NaN move", "PriceMove", with(func(g *Grid) { g.Scenarios[3].PriceMove = math.NaN() })},
		{"vol below −100%", "VolShock", with(func(g *Grid) { g.Scenarios[0].VolShock = -1.5 })},
		{"zero cover", "Cover", with(func(g *Grid) { g.Scenarios[15].Cover = 0 })},
		{"cover above 1", "Cover", with(func(g *Grid) { g.Scenarios[15].Cover = 1.5 })},
		{"bad params", "ScanRange", with(func(g *Grid) { g.Params.ScanRange = 0 })},
		{"unknown shape", "Shape", NewGrid(Params{Shape: 7, ScanRange: 0.1})},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.grid.Validate()
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("error %v, want an *InputError on %s", err, c.field)
			}
		})
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("default grid: %v", err)
	}
}
