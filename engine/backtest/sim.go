package backtest

import (
	"math"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/svi"
)

// step is what every run sees at one time: the prices, the recorded
// infrastructure and, for the aware runs, the parameters the engine issued.
type step struct {
	at            time.Time
	price, oracle float64
	// baseFee (gwei) and sequencerUp are the last recorded values of the
	// market's chain (a chain without a sequencer reads as up).
	baseFee     float64
	sequencerUp bool
	// poolDepth is the depth (USD) of the pool the market's liquidations
	// sell into, as the market reads it; zero for a market without one.
	poolDepth float64
	// aware is the market's issued set; noPool the set issued for it
	// without its pool (nil unless the aware-no-pool run is made).
	aware, noPool *ParamSet
	regime        governor.Regime
	stress        float64
}

// account is one account as a run holds it.
type account struct {
	cash float64
	hold []margin.Holding
	// maint and bound are the maintenance margin and its sensitivity at
	// the valuer's reference price; equity is at the last scanned oracle
	// price.
	maint, bound, equity float64
	// checked: since the last scan, the account's margin at the oracle
	// price has been computed exactly; triggered: it was below it, and
	// has been since the time since (a triggered account waits to be
	// liquidated); deep: its health is below the deep-underwater threshold.
	checked, triggered, deep bool
	since                    time.Time
	open                     bool
}

// simulation is one run over the book: its own accounts, margins and
// liquidation log. One goroutine owns it.
type simulation struct {
	// fixed is the static set, or nil for the aware runs, which take each
	// step's parameters: the market's, or with noPool those issued for it
	// without its pool.
	fixed  *ParamSet
	noPool bool
	// pool: liquidations sell into the market's pool, whose fee is poolFee
	// (see land).
	pool    bool
	poolFee float64
	// healthy margins accounts for their health: the static set's valuer
	// (the run's own, for the static run).
	healthy     *valuer
	l2          bool
	gasUnits    float64
	nativeUSD   float64 // 0: the price of the moment
	base        []svi.Slice
	instruments []margin.Instrument
	ids         []string
	accounts    []account
	val         valuer
	timeline    bool

	oracleMarks       marks
	trueMarks         lazyMarks
	trueAt            time.Time
	lastOracle        float64
	rescan            bool
	pending           []int
	held, sensitivity float64

	// Running results.
	res      RunResult
	points   []RunPoint
	prev     *step
	prevHeld float64
	prevReg  governor.Regime
	lastGap  time.Duration
	weighted float64
	weight   time.Duration
}

// newSimulation returns a run of the book h under fixed parameters, or
// under each step's aware parameters when fixed is nil; healthy is the
// static set, against which accounts' health is measured.
func newSimulation(name string, fixed, healthy *ParamSet, h holdings, base []svi.Slice, threshold float64) *simulation {
	s := &simulation{
		fixed: fixed, base: base,
		instruments: h.instruments, ids: h.ids,
		accounts: make([]account, len(h.ids)),
		val:      valuer{instruments: h.instruments, threshold: threshold},
		res:      RunResult{Params: name},
	}
	s.trueMarks = lazyMarks{instruments: h.instruments, surface: base}
	s.healthy = &s.val
	if fixed != healthy {
		s.healthy = &valuer{instruments: h.instruments, params: healthy}
	}
	for i := range s.accounts {
		s.accounts[i] = account{cash: h.cash[i], hold: append([]margin.Holding(nil), h.hold[i]...), open: true}
	}
	return s
}

// step marks the book at one step: margins rebuilt if stale, every account
// checked against its maintenance at the oracle price if anything moved,
// then the waiting liquidations tried.
func (s *simulation) step(st *step) error {
	p := s.fixed
	switch {
	case p != nil:
	case s.noPool:
		p = st.noPool
	default:
		p = st.aware
	}
	s.weighPrevious(st)
	rebuilt := false
	if s.val.stale(p, st.oracle) {
		if err := s.val.rebuild(p, st.oracle); err != nil {
			return err
		}
		for i := range s.accounts {
			a := &s.accounts[i]
			if a.open {
				a.maint = s.val.maintenance(s.val.arrays, a.hold)
				a.bound = s.val.bound(a.hold)
			}
		}
		rebuilt = true
	}
	if rebuilt || s.rescan || st.oracle != s.lastOracle {
		s.scan(st)
	}
	if err := s.liquidate(st, p); err != nil {
		return err
	}
	s.record(st, p)
	return nil
}

// scan marks every open account at the oracle price and lists those that
// may be below their maintenance margin: below the margin at the reference
// price plus its bound on how far the price has moved since, so that every
// account below its exact margin is listed (liquidate checks them exactly).
func (s *simulation) scan(st *step) {
	priceMarks(s.instruments, s.base, st.oracle, &s.oracleMarks)
	s.pending = s.pending[:0]
	s.held, s.sensitivity = 0, 0
	move := math.Abs(st.oracle - s.val.ref)
	for i := range s.accounts {
		a := &s.accounts[i]
		if !a.open {
			continue
		}
		a.equity = s.oracleMarks.equity(a.cash, a.hold)
		a.checked = false
		if a.equity < a.maint+a.bound*move {
			s.pending = append(s.pending, i)
		} else {
			a.triggered = false
		}
		s.held += a.maint
		s.sensitivity += a.bound
	}
	s.lastOracle, s.rescan = st.oracle, false
}

// check decides, on the exact margin at the oracle price, whether a listed
// account is below its maintenance margin, and if so how deep.
func (s *simulation) check(st *step, p *ParamSet, a *account) error {
	a.checked = true
	ra, err := s.val.at(st.oracle)
	if err != nil {
		return err
	}
	if !(a.equity < s.val.maintenance(ra, a.hold)) {
		a.triggered = false
		return nil
	}
	if !a.triggered {
		a.triggered, a.since = true, st.at
	}
	a.deep, err = s.isDeep(a, st.oracle, p.DeepUnderwater)
	return err
}

// weighPrevious weighs the previous step by the time to this one: averages
// and regime times are over time, not steps.
func (s *simulation) weighPrevious(st *step) {
	if s.prev != nil {
		s.lastGap = st.at.Sub(s.prev.at)
		s.weigh(s.lastGap)
	}
}

func (s *simulation) weigh(w time.Duration) {
	s.weighted += s.prevHeld * w.Hours()
	s.weight += w
	s.res.Regime[s.prevReg] += w
}

// record keeps the step's figures.
func (s *simulation) record(st *step, p *ParamSet) {
	held := s.held
	if held > 0 {
		s.res.MarginErrorBound = max(s.res.MarginErrorBound, s.sensitivity*math.Abs(st.oracle-s.val.ref)/held)
	}
	s.res.PeakMargin = max(s.res.PeakMargin, held)
	s.prev, s.prevHeld, s.prevReg = st, held, p.Regime
	if s.timeline {
		s.points = append(s.points, RunPoint{
			Margin: held, BadDebt: s.res.BadDebtRealized,
			Liquidations: s.res.Liquidations, Unfair: s.res.Unfair, Pending: s.waiting(),
		})
	}
}

func (s *simulation) waiting() int {
	n := 0
	for _, i := range s.pending {
		if a := &s.accounts[i]; a.open && a.triggered {
			n++
		}
	}
	return n
}

// finish weighs the last step like the one before it, and books what the
// accounts still open owe at the last true price.
func (s *simulation) finish() {
	if s.prev == nil {
		return
	}
	last := s.prev
	s.weigh(s.lastGap)
	if s.weight > 0 {
		s.res.AverageMargin = s.weighted / s.weight.Hours()
	} else {
		s.res.AverageMargin = s.prevHeld
	}
	s.trueMarks.reset(last.price)
	for i := range s.accounts {
		a := &s.accounts[i]
		if a.open {
			s.res.BadDebtOpen += max(-s.trueMarks.equity(a.cash, a.hold), 0)
		}
	}
	s.res.BadDebt = s.res.BadDebtRealized + s.res.BadDebtOpen
	s.res.Revaluations = s.val.rebuilds
}
