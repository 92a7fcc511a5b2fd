package backtest

import (
	"github.com/infrarisk/infrarisk/models/liquidity"
	"github.com/infrarisk/infrarisk/models/settlement"
)

// liquidate tries every waiting liquidation. One lands when the venue's
// parameters allow it (no halt; while liquidations are paused or within
// a grace period, only below the deep-underwater health) and the
// infrastructure does: the sequencer is up on an L2, and the liquidator's
// bonus on what it closes pays for its gas,
//
//	bonus · notional > gas units · base fee · native price,
//
// that is, the base fee is under settlement.GasBudgetGwei. It lands at
// the true price of the step.
func (s *simulation) liquidate(st *step, p *ParamSet) error {
	for _, i := range s.pending {
		a := &s.accounts[i]
		if !a.open {
			continue
		}
		if !a.checked {
			if err := s.check(st, p, a); err != nil {
				return err
			}
		}
		if !a.triggered {
			continue
		}
		deep := a.deep
		switch {
		case p.Halt:
			s.res.Blocked.Halt++
			continue
		case (p.Paused || p.Grace) && !deep:
			s.res.Blocked.Paused++
			continue
		case s.l2 && !st.sequencerUp:
			s.res.Blocked.Sequencer++
			continue
		}
		f := p.CloseFactor
		if deep {
			f = 1
		}
		native := s.nativeUSD
		if native == 0 {
			native = st.price
		}
		// Most accounts a fee blocks are blocked on their gross size alone.
		if !(st.baseFee < settlement.GasBudgetGwei(p.Bonus, grossNotional(a.hold, f, st.price), s.gasUnits, native, 0)) {
			s.res.Blocked.Gas++
			continue
		}
		if !s.trueAt.Equal(st.at) {
			s.trueMarks.reset(st.price)
			s.trueAt = st.at
		}
		n := s.trueMarks.notional(a.hold, f)
		if !(st.baseFee < settlement.GasBudgetGwei(p.Bonus, n, s.gasUnits, native, 0)) {
			s.res.Blocked.Gas++
			continue
		}
		if err := s.land(st, p, i, f, n); err != nil {
			return err
		}
	}
	return nil
}

// deep reports that an account's health, its equity over its maintenance
// margin under the healthy parameters, both at the oracle price, is below
// the deep-underwater threshold. Health is measured against what the
// positions need on a healthy chain, as Aave's health factor is against
// fixed thresholds: the aware parameters' surcharges for a chain that may
// not land a liquidation in time do not make an account deeply underwater.
func (s *simulation) isDeep(a *account, oracle, threshold float64) (bool, error) {
	v := s.healthy
	if v.params.sameMargin(s.val.params) {
		v = &s.val // the aware parameters of a healthy chain
	}
	ra, err := v.at(oracle)
	if err != nil {
		return false, err
	}
	m := v.maintenance(ra, a.hold)
	return a.equity < threshold*m || m <= 0 && a.equity < 0, nil
}

// land closes the share f of account i at the step's true price. The
// liquidator takes the positions at their marks and the bonus on their
// delta notional n. A full close (deep underwater, or an account that
// cannot pay the bonus out of its equity) ends the account; what its
// equity does not cover is bad debt:
//
//	shortfall = max(0, bonus·n − equity at the true price).
//
// A market with a pool sells what it closes into the pool: the sale of n
// loses s(n)·n to the pool's price impact (saleLoss), which the bonus is
// there to pay for. What the bonus does not cover is the venue's, bad debt
// on any close, partial or full:
//
//	shortfall += max(0, s(n)·n − bonus·n).
//
// The liquidation is unfair when the oracle differs from the true price and
// the account is not below its maintenance margin at the true price.
func (s *simulation) land(st *step, p *ParamSet, i int, f, n float64) error {
	a := &s.accounts[i]
	equity := s.trueMarks.equity(a.cash, a.hold)
	ra, err := s.val.at(st.price)
	if err != nil {
		return err
	}
	unfair := st.oracle != st.price && equity >= s.val.maintenance(ra, a.hold)
	if f < 1 && equity-p.Bonus*n <= 0 {
		// The account cannot pay for a partial close: close it all (a
		// larger notional only widens the liquidator's gas budget).
		f, n = 1, s.trueMarks.notional(a.hold, 1)
	}
	bonus := p.Bonus * n
	ev := Liquidation{
		At: st.at, Triggered: a.since, Account: s.ids[i], Oracle: st.oracle, Price: st.price,
		Fraction: f, Notional: n, Bonus: bonus, Unfair: unfair,
	}
	uncovered := 0.0
	if s.pool {
		ev.Slippage = saleLoss(st.poolDepth, s.poolFee, n)
		uncovered = max(ev.Slippage-bonus, 0)
		s.res.SlippageLoss += ev.Slippage
		s.res.SlippageUncovered += uncovered
	}
	s.held -= a.maint
	s.sensitivity -= a.bound
	if f == 1 {
		ev.Shortfall = max(bonus-equity, 0) + uncovered
		a.cash, a.hold, a.open = max(equity-bonus, 0), nil, false
		a.maint, a.bound = 0, 0
	} else {
		ev.Shortfall = uncovered
		closed := f * (equity - a.cash)
		a.cash += closed - bonus
		for j := range a.hold {
			a.hold[j].Quantity *= 1 - f
		}
		// Margin is positively homogeneous in the quantities.
		a.maint *= 1 - f
		a.bound *= 1 - f
	}
	s.res.BadDebtRealized += ev.Shortfall
	s.held += a.maint
	s.sensitivity += a.bound
	a.triggered = false
	s.rescan = true
	s.res.Liquidations++
	s.res.BonusPaid += bonus
	if unfair {
		s.res.Unfair++
	}
	if st.at.After(ev.Triggered) {
		s.res.Waited++
	}
	s.res.Log = append(s.res.Log, ev)
	return nil
}

// saleLoss is what selling n (USD at the true price) into a constant-product
// pool of depth USD on its quote side, with fee, loses to its price impact,
// the fee included (liquidity.Pool.SlippageOfQuoteSize):
//
//	n · (1 − (1−fee) / (1 + (1−fee)·n/depth))
//
// A pool without depth (stale or missing, read as empty) loses everything.
func saleLoss(depth, fee, n float64) float64 {
	return n * liquidity.FromDepth(depth, 1, fee).SlippageOfQuoteSize(n)
}
