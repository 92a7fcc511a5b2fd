package margin

import (
	"fmt"
	"math"
)

// GridShape selects the scenario layout NewGrid builds from Params.
type GridShape uint8

const (
	// SPAN16 is CME SPAN's risk array: price moves of 0, ±1/3, ±2/3 and ±1
	// scan range, each with vol up and vol down (14 scenarios), and price
	// moves of ±ExtremeMultiple scan ranges at unchanged vol weighted by
	// ExtremeCover (2 more).
	SPAN16 GridShape = iota
	// DeribitLike is Deribit's portfolio-margin table: 9 evenly spaced
	// price moves from −ScanRange to +ScanRange, each with vol up, unchanged
	// and down (27 scenarios), plus an extended pair at ±ExtremeMultiple
	// scan ranges with vol up only, weighted by ExtremeCover. Deribit's own
	// extended table has more, larger moves and an unpublished dampener;
	// the weighted pair stands in for it.
	DeribitLike
	// PMRMLike is Derive's PMRM table: price moves in steps of a third of
	// the scan range from −ScanRange to +ScanRange, each with vol up,
	// unchanged and down (21 scenarios), plus ±4/3 scan range with vol up,
	// all at full weight (23 scenarios; at ScanRange 0.15, Derive's −20% to
	// +20% in steps of 5%). ExtremeMultiple and ExtremeCover are unused.
	PMRMLike
)

func (s GridShape) String() string {
	switch s {
	case SPAN16:
		return "SPAN16"
	case DeribitLike:
		return "DeribitLike"
	case PMRMLike:
		return "PMRMLike"
	}
	return fmt.Sprintf("GridShape(%d)", uint8(s))
}

// MaxScenarios is the largest grid Margin accepts; it keeps the scenario
// accumulator a fixed-size array, so margining an account never allocates.
// It leaves room for eight SPAN16 grids nested one over another (four
// DeribitLike ones).
const MaxScenarios = 128

// MinVolFactor floors a shocked vol as a multiple of its level: a down shock
// scaled up for a short expiry never takes a vol to zero or below.
const MinVolFactor = 0.1

// Scenario is one point of the grid.
type Scenario struct {
	// PriceMove is the spot move as a fraction of spot: S' = S·(1 + PriceMove).
	PriceMove float64
	// VolShock is the signed relative vol shock of a 30-day option
	// (+0.45: vol ×1.45; −0.30: vol ×0.70), scaled for other expiries by the
	// term weight; see Params.VolFactor.
	VolShock float64
	// Cover is the weight of the scenario's loss, in (0, 1]: 1 for core
	// scenarios, SPAN's 0.35 for its extreme moves.
	Cover float64
}

// Grid is a scenario grid with the Params it was built from; the risk
// arrays take the term structure of the vol shocks, the contingencies and
// the initial multiplier from Params.
type Grid struct {
	Params    Params
	Scenarios []Scenario
}

// NewGrid builds the grid of p.Shape from p. It does not validate p: an
// unknown shape yields an empty grid, and Grid.Validate (which
// NewRiskArrays calls) reports both.
func NewGrid(p Params) Grid {
	r, up, down := p.ScanRange, p.VolShockUp, -p.VolShockDown
	var sc []Scenario
	add := func(move, vol, cover float64) {
		sc = append(sc, Scenario{PriceMove: move, VolShock: vol, Cover: cover})
	}
	switch p.Shape {
	case SPAN16:
		sc = make([]Scenario, 0, 16)
		for _, f := range [...]float64{0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1} {
			add(f*r, up, 1)
			add(f*r, down, 1)
		}
		if p.ExtremeCover > 0 {
			add(p.ExtremeMultiple*r, 0, p.ExtremeCover)
			add(-p.ExtremeMultiple*r, 0, p.ExtremeCover)
		}
	case DeribitLike:
		sc = make([]Scenario, 0, 29)
		for k := -4; k <= 4; k++ {
			for _, v := range [...]float64{up, 0, down} {
				add(float64(k)/4*r, v, 1)
			}
		}
		if p.ExtremeCover > 0 {
			add(-p.ExtremeMultiple*r, up, p.ExtremeCover)
			add(p.ExtremeMultiple*r, up, p.ExtremeCover)
		}
	case PMRMLike:
		sc = make([]Scenario, 0, 23)
		add(4.0/3*r, up, 1)
		for k := 3; k >= -3; k-- {
			for _, v := range [...]float64{up, 0, down} {
				add(float64(k)/3*r, v, 1)
			}
		}
		add(-4.0/3*r, up, 1)
	}
	return Grid{Params: p, Scenarios: sc}
}

// NewCustomGrid builds the cross product of price moves, in units of
// p.ScanRange, and vol shocks, in units of p.VolShockUp when positive and of
// p.VolShockDown when negative (so −1 is a full down shock and 0 leaves vol
// unchanged), all at full weight; then, when p.ExtremeCover > 0, SPAN's
// extreme pair at ±p.ExtremeMultiple scan ranges. Scaling by Params keeps a
// custom grid responsive to the infrastructure layer.
func NewCustomGrid(p Params, moves, vols []float64) Grid {
	sc := make([]Scenario, 0, len(moves)*len(vols)+2)
	for _, m := range moves {
		for _, v := range vols {
			shock := v * p.VolShockUp
			if v < 0 {
				shock = v * p.VolShockDown
			}
			sc = append(sc, Scenario{PriceMove: m * p.ScanRange, VolShock: shock, Cover: 1})
		}
	}
	if p.ExtremeCover > 0 {
		sc = append(sc,
			Scenario{PriceMove: p.ExtremeMultiple * p.ScanRange, Cover: p.ExtremeCover},
			Scenario{PriceMove: -p.ExtremeMultiple * p.ScanRange, Cover: p.ExtremeCover})
	}
	return Grid{Params: p, Scenarios: sc}
}

// Nest returns g with the scenarios of base that g lacks appended, and g's
// Params. A grid built from stressed Params nested over the grid of the
// unstressed ones margins every portfolio at least as high as the
// unstressed grid does (see the package comment); base's scenarios are
// revalued with g's vol term structure, so the guarantee needs the two to
// share VolShockFloorDays and the powers.
func (g Grid) Nest(base Grid) Grid {
	sc := make([]Scenario, len(g.Scenarios), len(g.Scenarios)+len(base.Scenarios))
	copy(sc, g.Scenarios)
	for _, b := range base.Scenarios {
		dup := false
		for _, s := range g.Scenarios {
			if s == b {
				dup = true
				break
			}
		}
		if !dup {
			sc = append(sc, b)
		}
	}
	return Grid{Params: g.Params, Scenarios: sc}
}

// Validate reports invalid Params, a grid of no or more than MaxScenarios
// scenarios, or a scenario outside its domain, as an *InputError.
func (g Grid) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return err
	}
	if n := len(g.Scenarios); n == 0 || n > MaxScenarios {
		return inputError("grid", "scenarios", float64(n), fmt.Sprintf("between 1 and %d", MaxScenarios))
	}
	for i, s := range g.Scenarios {
		bad := func(field string, v float64, want string) error {
			return inputError(fmt.Sprintf("scenario %d", i), field, v, want)
		}
		switch {
		case !(s.PriceMove > -1 && s.PriceMove <= 100):
			return bad("PriceMove", s.PriceMove, "in (−1, 100]")
		case !(s.VolShock >= -1 && s.VolShock <= 10):
			return bad("VolShock", s.VolShock, "in [−1, 10]")
		case !(s.Cover > 0 && s.Cover <= 1):
			return bad("Cover", s.Cover, "in (0, 1]")
		}
	}
	return nil
}

// TermWeight returns w(T) = (30 days / max(T, VolShockFloorDays))^power for
// an expiry of t years (365 days), with power VolShockPower up to 30 days
// and VolShockPowerLong beyond; w(30 days) = 1.
func (p Params) TermWeight(t float64) float64 {
	days := t * 365
	pow := p.VolShockPower
	if days > 30 {
		pow = p.VolShockPowerLong
	}
	return math.Pow(30/math.Max(days, p.VolShockFloorDays), pow)
}

// VolFactor returns the multiple of its vol that an option expiring in t
// years takes under a scenario's VolShock:
//
//	max(1 + VolShock·w(T), MinVolFactor).
func (p Params) VolFactor(shock, t float64) float64 {
	return max(1+shock*p.TermWeight(t), MinVolFactor)
}
