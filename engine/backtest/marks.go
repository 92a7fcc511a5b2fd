package backtest

import (
	"math"

	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/svi"
)

// marks holds every instrument's value per unit at one price, each priced
// once for the whole book: options by Black–Scholes at a zero rate on
// a surface quoted around the price (as the engine's what-if margins them),
// spot and futures at the price itself (a future's entry is in cash).
//
// Options are held at constant time to expiry: the book rolls each one
// continuously into the same strike at the same tenor, so a run keeps its
// book's shape from the first step to the last and a year-long run does not
// see its options expire. The roll's cost, the options' time decay, is
// therefore not in the P&L; over the incidents (a day to some weeks) it is
// small next to the moves they replay.
type marks struct {
	price float64
	value []float64
}

func priceMarks(instruments []margin.Instrument, surface []svi.Slice, price float64, m *marks) {
	m.price = price
	m.value = resize(m.value, len(instruments))
	vol := market.SurfaceVol{Forward: price, Slices: surface}
	for i, in := range instruments {
		if in.Kind != margin.Option {
			m.value[i] = price
			continue
		}
		m.value[i] = bs.Option{Type: in.Type, Spot: price, Strike: in.Strike, T: in.Expiry, Vol: vol.Vol(in.Strike, in.Expiry)}.Price()
	}
}

// equity is cash plus the holdings at the marks.
func (m *marks) equity(cash float64, hold []margin.Holding) float64 {
	e := cash
	for _, h := range hold {
		e += h.Quantity * m.value[h.Instrument]
	}
	return e
}

// lazyMarks prices instruments at one price as they are asked for, each
// once: at the true price of a step only the instruments of the accounts
// being liquidated are needed.
type lazyMarks struct {
	instruments []margin.Instrument
	surface     []svi.Slice
	price       float64
	value       []float64
	delta       []float64
	stamp       []uint64
	epoch       uint64
}

// reset moves the marks to price, forgetting every value.
func (m *lazyMarks) reset(price float64) {
	m.price = price
	m.epoch++
	if len(m.stamp) != len(m.instruments) {
		m.value = make([]float64, len(m.instruments))
		m.delta = make([]float64, len(m.instruments))
		m.stamp = make([]uint64, len(m.instruments))
	}
}

func (m *lazyMarks) get(i int) (value, delta float64) {
	if m.stamp[i] != m.epoch {
		in := m.instruments[i]
		if in.Kind != margin.Option {
			m.value[i], m.delta[i] = m.price, 1
		} else {
			vol := market.SurfaceVol{Forward: m.price, Slices: m.surface}.Vol(in.Strike, in.Expiry)
			g := bs.Option{Type: in.Type, Spot: m.price, Strike: in.Strike, T: in.Expiry, Vol: vol}.Greeks()
			m.value[i], m.delta[i] = g.Price, g.Delta
		}
		m.stamp[i] = m.epoch
	}
	return m.value[i], m.delta[i]
}

// equity is cash plus the holdings at the marks.
func (m *lazyMarks) equity(cash float64, hold []margin.Holding) float64 {
	e := cash
	for _, h := range hold {
		v, _ := m.get(h.Instrument)
		e += h.Quantity * v
	}
	return e
}

// notional is the net delta notional of the share f of the holdings,
// f·|Σ qᵢ·Δᵢ|·S: the exposure a liquidator taking them over as a block must
// hedge, and what its bonus is paid on. Legs that offset (spot against a
// short future) transfer no exposure and earn no bonus. The marks must
// carry deltas.
func (m *lazyMarks) notional(hold []margin.Holding, f float64) float64 {
	n := 0.0
	for _, h := range hold {
		_, d := m.get(h.Instrument)
		n += h.Quantity * d
	}
	return f * math.Abs(n) * m.price
}

// grossNotional bounds notional from above without pricing anything:
// |Δ| ≤ 1 at a zero rate.
func grossNotional(hold []margin.Holding, f, price float64) float64 {
	n := 0.0
	for _, h := range hold {
		n += math.Abs(h.Quantity)
	}
	return f * n * price
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}
