package margin

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/bs"
)

// TestRiskArraysRevalueEveryScenario recomputes each entry from its
// definition, cover·(V(S, σ) − V(S(1 + x), σ·f)), with the vol factor
// written out from the formula rather than through Params.VolFactor.
func TestRiskArraysRevalueEveryScenario(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ins := randomInstruments(rng, 200)
	for _, shape := range []GridShape{SPAN16, DeribitLike, PMRMLike} {
		p := DefaultParams()
		p.Shape = shape
		g := NewGrid(p)
		ra := BuildRiskArrays(testMarket, g, ins)
		s0 := testMarket.Spot
		for i, in := range ins {
			for s, sc := range g.Scenarios {
				want := -sc.Cover * s0 * sc.PriceMove
				if in.Kind == Option {
					vol := testMarket.Surface.Vol(in.Strike, in.Expiry)
					days := in.Expiry * 365
					pow := p.VolShockPower
					if days > 30 {
						pow = p.VolShockPowerLong
					}
					f := math.Max(1+sc.VolShock*math.Pow(30/math.Max(days, p.VolShockFloorDays), pow), 0.1)
					o := bs.Option{Type: in.Type, Spot: s0, Strike: in.Strike, T: in.Expiry, Rate: testMarket.Rate, Vol: vol}
					v0 := o.Price()
					o.Spot, o.Vol = s0*(1+sc.PriceMove), vol*f
					want = sc.Cover * (v0 - o.Price())
				}
				if got := ra.Loss(i, s); !scalar.EqualWithinAbsOrRel(got, want, 1e-12, 1e-12) {
					t.Fatalf("%v instrument %+v scenario %+v: %g, want %g", shape, in, sc, got, want)
				}
			}
		}
	}
}

// TestRiskArraysKeepValueAndDelta: options keep their premium and
// Black–Scholes delta, the underlying its spot and delta 1, a future value
// 0 and delta 1.
func TestRiskArraysKeepValueAndDelta(t *testing.T) {
	ins := []Instrument{Put(90, 0.25), SpotAsset(), LinearFuture()}
	ra := BuildRiskArrays(testMarket, NewGrid(DefaultParams()), ins)
	g := bs.Option{Type: bs.Put, Spot: 100, Strike: 90, T: 0.25, Rate: 0.03, Vol: testMarket.Surface.Vol(90, 0.25)}.Greeks()
	for _, c := range []struct {
		i            int
		value, delta float64
	}{{0, g.Price, g.Delta}, {1, 100, 1}, {2, 0, 1}} {
		if ra.Value(c.i) != c.value || ra.Delta(c.i) != c.delta {
			t.Errorf("instrument %d: value %g delta %g, want %g and %g", c.i, ra.Value(c.i), ra.Delta(c.i), c.value, c.delta)
		}
	}
	if ra.Len() != 3 || ra.Spot() != 100 {
		t.Errorf("Len %d Spot %g", ra.Len(), ra.Spot())
	}
}

// TestRiskArraysDoNotAliasTheGrid: changing the caller's grid after the
// build, or the grid the arrays hand back, changes nothing.
func TestRiskArraysDoNotAliasTheGrid(t *testing.T) {
	g := NewGrid(DefaultParams())
	ra := BuildRiskArrays(testMarket, g, []Instrument{LinearFuture()})
	before := ra.Margin([]Holding{{0, 1}})
	g.Scenarios[10].PriceMove = -0.9
	ra.Grid().Scenarios[12].PriceMove = -0.9
	if after := ra.Margin([]Holding{{0, 1}}); after != before {
		t.Errorf("margin changed from %+v to %+v", before, after)
	}
}

type badSurface struct{}

func (badSurface) Vol(strike, t float64) float64 { return math.NaN() }

// TestNewRiskArraysRejectsBadInput names the offending object and field;
// BuildRiskArrays panics with the same error.
func TestNewRiskArraysRejectsBadInput(t *testing.T) {
	g := NewGrid(DefaultParams())
	for _, c := range []struct {
		name, what, field string
		m                 Market
		g                 Grid
		ins               []Instrument
	}{
		{"zero spot", "market", "Spot", Market{Spot: 0, Surface: FlatVol(0.5)}, g, nil},
		{"no surface", "market", "Surface", Market{Spot: 1}, g, nil},
		{"huge rate", "market", "Rate", Market{Spot: 1, Rate: 2, Surface: FlatVol(0.5)}, g, nil},
		{"bad grid", "params", "ScanRange", testMarket, Grid{Params: Params{}, Scenarios: g.Scenarios}, nil},
		{"negative strike", "instrument 1", "Strike", testMarket, g, []Instrument{SpotAsset(), Call(-1, 0.1)}},
		{"no option type", "instrument 0", "Type", testMarket, g, []Instrument{{Kind: Option, Strike: 100, Expiry: 0.1}}},
		{"negative expiry", "instrument 0", "Expiry", testMarket, g, []Instrument{Put(100, -0.1)}},
		{"unknown kind", "instrument 0", "Kind", testMarket, g, []Instrument{{Kind: 5}}},
		{"NaN vol", "instrument 0", "vol", Market{Spot: 100, Surface: badSurface{}}, g, []Instrument{Call(100, 0.1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewRiskArrays(c.m, c.g, c.ins)
			var ie *InputError
			if !errors.As(err, &ie) || ie.What != c.what || ie.Field != c.field {
				t.Fatalf("error %v, want an *InputError on %s %s", err, c.what, c.field)
			}
			defer func() {
				if r := recover(); r == nil || !errors.Is(r.(error), ErrInvalidInput) {
					t.Errorf("BuildRiskArrays recovered %v, want the input error", r)
				}
			}()
			BuildRiskArrays(c.m, c.g, c.ins)
		})
	}
}
