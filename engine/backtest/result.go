package backtest

import (
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
)

// Result is a backtest's outcome.
type Result struct {
	Incident, Market, Chain string
	// Pool is the pool the market's liquidations sell into, empty for a
	// market without one.
	Pool       string
	Start, End time.Time
	Steps      int
	// Book is the book the runs started from (generated or given);
	// Generated says it was drawn from Seed.
	Book        Book
	Generated   bool
	Seed        uint64
	Instruments int
	// Signals counts the signals accepted by the engine; Rejected the
	// others, by reason.
	Signals  int
	Rejected []Rejection
	// Static is the static parameter set (see StaticParams).
	Static *ParamSet
	// Runs are the runs made, in the order static, aware, aware-no-pool
	// (the last for a market with a pool).
	Runs []RunResult
	// Timeline has one point per step when Options.Timeline is set.
	Timeline []Point
}

// Rejection counts the signals the engine rejected for one reason.
type Rejection struct {
	Reason string
	Count  int
}

// RunResult is one run's outcome. Money is in USD.
type RunResult struct {
	// Params is "static", "aware" or "aware-no-pool" (NoPoolRun).
	Params string
	// BadDebt is BadDebtRealized, the shortfalls of the liquidations that
	// landed, plus BadDebtOpen, what the accounts still open owe at the
	// last price (negative equity the run ended without liquidating).
	BadDebt, BadDebtRealized, BadDebtOpen float64
	// Liquidations counts those that landed, Unfair those of them the true
	// price would not have triggered, Waited those that landed after the
	// step they were triggered in.
	Liquidations, Unfair, Waited int
	// BonusPaid is what the liquidators were paid: the traders' cost of
	// being liquidated (the part their equity did not cover is in BadDebt).
	BonusPaid float64
	// SlippageLoss is what the liquidations' sales into the market's pool
	// lost to its price impact, and SlippageUncovered the part of it their
	// bonuses did not cover, which is in BadDebt (zero without a pool).
	SlippageLoss, SlippageUncovered float64
	// Blocked counts, per cause, the steps a triggered account waited.
	Blocked Blocked
	// AverageMargin and PeakMargin are the book's maintenance margin held
	// at the oracle price, averaged over time and at its largest.
	AverageMargin, PeakMargin float64
	// Regime is the time spent in each regime of the parameters in force,
	// indexed by governor.Regime (the static set is always normal).
	Regime [4]time.Duration
	// Revaluations counts the rebuilds of the book's margins, and
	// MarginErrorBound is the largest bound, relative to the margin held,
	// on the error of the margins kept between rebuilds (see valuer.bound).
	Revaluations     int
	MarginErrorBound float64
	// Log lists the liquidations that landed, in order.
	Log []Liquidation
}

// Blocked counts account-steps a triggered liquidation waited, by cause.
type Blocked struct {
	// Halt and Paused are the venue's (the aware parameters'): a halt, or
	// a pause or grace period for an account not deeply underwater.
	Halt, Paused int
	// Sequencer and Gas are the infrastructure's: an L2 sequencer down,
	// a base fee above the liquidator's gas budget.
	Sequencer, Gas int
}

// Liquidation is one liquidation that landed.
type Liquidation struct {
	// At is when it landed, Triggered when the account first fell below
	// its maintenance margin at the oracle price.
	At, Triggered time.Time
	Account       string
	// Oracle and Price are the oracle's and the true price when it landed.
	Oracle, Price float64
	// Fraction of the account closed, delta Notional closed, Bonus paid
	// to the liquidator, and Shortfall the account could not cover (with
	// a pool, plus the Slippage of its sale beyond the bonus).
	Fraction, Notional, Bonus, Shortfall float64
	// Slippage is what selling Notional into the market's pool lost to its
	// price impact (zero without a pool).
	Slippage float64
	Unfair   bool
}

// Point is one step of the timeline.
type Point struct {
	At            time.Time
	Price, Oracle float64
	BaseFee       float64
	SequencerUp   bool
	// PoolDepth is the market's pool's depth in USD as the market reads it
	// (zero without a pool).
	PoolDepth float64
	// Regime and Stress are the engine's at the step.
	Regime governor.Regime
	Stress float64
	// Runs are the runs' figures, in the order of Result.Runs.
	Runs [3]RunPoint
}

// RunPoint is one run's figures at a step.
type RunPoint struct {
	// Margin is the maintenance margin held, BadDebt the realized bad debt
	// so far, Liquidations and Unfair the counts so far, Pending the
	// accounts waiting to be liquidated.
	Margin, BadDebt               float64
	Liquidations, Unfair, Pending int
}
