package margin

import (
	"fmt"
	"slices"

	"github.com/infrarisk/infrarisk/models/bs"
)

// RiskArrays hold, for every instrument of one market, its loss per unit
// long position in every scenario of a grid, weighted by the scenario's
// cover (losses positive, gains negative), as SPAN's risk arrays do. They
// are stored as one row-major block, instruments × scenarios, so margining
// an account reads one contiguous row per holding.
//
// RiskArrays are immutable once built and safe for concurrent use. The zero
// value holds no instruments.
type RiskArrays struct {
	grid     Grid
	spot     float64
	ns       int
	loss     []float64
	invCover []float64
	value    []float64
	delta    []float64
	option   []bool
}

// NewRiskArrays revalues every instrument in every scenario of grid:
//
//	option:         loss = Cover·(V(S, σ) − V(S·(1 + PriceMove), σ·VolFactor(VolShock, T)))
//	future, spot:   loss = −Cover·S·PriceMove
//
// where V is the Black–Scholes price at the market's rate and σ the
// surface's vol at the option's strike and expiry, held fixed as spot moves
// (sticky strike). Time does not pass: the shocks are instantaneous.
//
// It returns an *InputError for an invalid market, grid or instrument, or a
// surface vol that is not in [0, 50].
func NewRiskArrays(m Market, grid Grid, instruments []Instrument) (RiskArrays, error) {
	if err := m.Validate(); err != nil {
		return RiskArrays{}, err
	}
	if err := grid.Validate(); err != nil {
		return RiskArrays{}, err
	}
	vols := make([]float64, len(instruments))
	for i, in := range instruments {
		if err := in.Validate(i); err != nil {
			return RiskArrays{}, err
		}
		if in.Kind != Option {
			continue
		}
		v := m.Surface.Vol(in.Strike, in.Expiry)
		if !(v >= 0 && v <= 50) {
			return RiskArrays{}, inputError(fmt.Sprintf("instrument %d", i), "vol", v, "in [0, 50]")
		}
		vols[i] = v
	}
	return build(m, grid, instruments, vols), nil
}

// BuildRiskArrays is NewRiskArrays for trusted input: it panics with the
// *InputError NewRiskArrays would return.
func BuildRiskArrays(m Market, grid Grid, instruments []Instrument) RiskArrays {
	ra, err := NewRiskArrays(m, grid, instruments)
	if err != nil {
		panic(err)
	}
	return ra
}

func build(m Market, grid Grid, instruments []Instrument, vols []float64) RiskArrays {
	grid.Scenarios = slices.Clone(grid.Scenarios)
	sc, p, s0 := grid.Scenarios, grid.Params, m.Spot
	ns, n := len(sc), len(instruments)
	ra := RiskArrays{
		grid:     grid,
		spot:     s0,
		ns:       ns,
		loss:     make([]float64, n*ns),
		value:    make([]float64, n),
		delta:    make([]float64, n),
		option:   make([]bool, n),
		invCover: make([]float64, ns),
	}
	for s, x := range sc {
		ra.invCover[s] = 1 / x.Cover
	}
	var spots [MaxScenarios]float64
	for s, x := range sc {
		spots[s] = s0 * (1 + x.PriceMove)
	}
	for i, in := range instruments {
		row := ra.loss[i*ns : (i+1)*ns]
		if in.Kind != Option {
			for s, x := range sc {
				row[s] = -x.Cover * s0 * x.PriceMove
			}
			ra.delta[i] = 1
			if in.Kind == Spot {
				ra.value[i] = s0
			}
			continue
		}
		o := bs.Option{Type: in.Type, Spot: s0, Strike: in.Strike, T: in.Expiry, Rate: m.Rate, Vol: vols[i]}
		g := o.Greeks()
		ra.value[i], ra.delta[i], ra.option[i] = g.Price, g.Delta, true
		w := p.TermWeight(in.Expiry)
		for s, x := range sc {
			o.Spot = spots[s]
			o.Vol = vols[i] * max(1+x.VolShock*w, MinVolFactor)
			row[s] = x.Cover * (g.Price - o.Price())
		}
	}
	return ra
}

// Len returns the number of instruments.
func (ra RiskArrays) Len() int { return len(ra.value) }

// Grid returns a copy of the grid the arrays were built on.
func (ra RiskArrays) Grid() Grid {
	g := ra.grid
	g.Scenarios = slices.Clone(g.Scenarios)
	return g
}

// Spot returns the spot the arrays were built at.
func (ra RiskArrays) Spot() float64 { return ra.spot }

// Loss returns the cover-weighted loss of one unit long of instrument i in
// scenario s. It panics if i or s is out of range.
func (ra RiskArrays) Loss(i, s int) float64 {
	if s < 0 || s >= ra.ns {
		panic(fmt.Sprintf("margin: scenario %d out of range [0, %d)", s, ra.ns))
	}
	return ra.loss[i*ra.ns+s]
}

// Value returns instrument i's current value per unit: the option premium,
// spot for the underlying, 0 for a future.
func (ra RiskArrays) Value(i int) float64 { return ra.value[i] }

// Delta returns instrument i's delta to spot per unit (1 for a future or the
// underlying).
func (ra RiskArrays) Delta(i int) float64 { return ra.delta[i] }
