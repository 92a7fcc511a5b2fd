// Package backtest replays an incident, recorded or synthetic, through the
// engine with a simulated clock, against a book of option accounts, and
// compares static margin and liquidation parameters with the
// infrastructure-aware ones the engine issues: bad debt, liquidations,
// unfair liquidations, margin held and time in each regime.
//
// # The engine's path
//
// The code from "signal accepted" to "parameters issued" is the production
// one, engine/pipeline, as `infrarisk serve` runs it: each recorded row
// becomes a wire.Signal (source "backtest", a rising seq) folded in with
// Pipeline.Observe (a row the pipeline rejects is counted by reason, never
// fatal); at each step the market is evaluated with Pipeline.Evaluate and
// the governor state kept with SetGovernor, as the service does once it
// publishes. Like serve --replay, every kind's time to live is raised to
// twice the data's spacing, so that 10-minute bars are not read stale
// between rows. No NATS is involved.
//
// Steps are the union of the signal and price times, in order, or a fixed
// Options.Step from the start. At each step the engine observes the signals
// up to it and evaluates the market; then every run marks its book.
//
// # Venues
//
// A DEX pool or a bridge is a venue with a signal namespace of its own:
// its rows carry the venue's name as their chain (engine/config). An
// incident whose signals describe a venue declares it in its folder's
// venues.yaml (ReadVenues): the venues, with the fields of the
// configuration's venues:, and the pool its market sells its collateral
// into. Run adds the venues to the configuration it runs with (a venue of
// the same name already configured must be the same venue) and makes the
// pool the replayed market's pool:, replacing any the configuration names,
// since the incident's signals are all the replay knows of it. Without a
// venues.yaml the configuration is used as it is; a market whose
// configured pool the incident carries no signals of reads it as empty
// (stale and missing kinds read conservative), in its parameters and in
// its sales alike.
//
// # The book
//
// Accounts hold cash and positions (calls, puts, futures, spot) over one
// shared table of distinct instruments; each instrument is priced once per
// price, not once per account. Options are valued by Black–Scholes at a zero
// rate on the market's base surface, quoted around the price (as the
// engine's what-if does), and held at constant time to expiry: the book
// rolls them continuously into the same strike and tenor, so a year-long
// run keeps its options, and their time decay is not in the P&L. A book is
// given as JSON (see Book) or drawn from a seed (see GenerateBook).
//
// # Margins
//
// Each run margins its book as the engine's what-if margins a portfolio:
// risk arrays on the parameters' scenario grid and surface at the ORACLE
// price, the price the venue sees, maintenance scaled by the parameters'
// maintenance multiplier. The aware run applies each step's update; the
// static run applies StaticParams, the engine's own parameters for a healthy
// chain, frozen, so that infrastructure awareness is the only difference.
//
// Margins are rebuilt when the oracle price has moved more than
// Options.Threshold from the last rebuild or the margin parameters changed;
// in between an account's margin is the one at the reference price, off by
// at most a bound K·|S − S₀| derived per account from per-instrument slope
// bounds (valuer.bound). That bound lists every account that may be below
// its margin, and the decision for each listed one is taken on its exact
// margin at the oracle price, so the threshold changes no liquidation; it
// only approximates the margin held, within the bound reported as
// RunResult.MarginErrorBound.
//
// # Liquidations
//
// An account whose equity at the oracle price falls below its maintenance
// margin is triggered, and waits until its liquidation can land:
//
//   - the venue allows it: no halt, and while liquidations are paused or
//     within the grace period after an outage's recovery, only accounts
//     whose health is below the deep-underwater threshold (the aware run;
//     the static run never pauses);
//   - the sequencer is up (L2 markets), as recorded in the signals;
//   - the liquidator is paid for its gas: bonus × notional closed exceeds
//     gas units × base fee × gas-token price, the settlement model's budget
//     (settlement.GasBudgetGwei), at the recorded base fee;
//   - the oracle triggers it: a stale or lagging oracle can show an account
//     healthy while it is not, and the liquidation waits for the oracle.
//
// It lands at the true price of the step it lands in, closing the close
// factor of every position, or all of them when the account's health is
// below the deep-underwater threshold or its equity cannot pay the bonus.
// Health is equity over the maintenance margin of the healthy (static)
// parameters, as Aave's health factor is measured against fixed
// thresholds: stress surcharges on the margin do not make an account deeply
// underwater. The liquidator takes the positions at their marks and a bonus
// on the net delta notional it takes over; a full close that the account's
// equity cannot pay for leaves bad debt,
//
//	shortfall = max(0, bonus·notional − equity at the true price),
//
// as on Aave, where the liquidator is paid out of the collateral and the
// debt it does not cover goes bad. An account still open at the end with
// negative equity adds its deficit to the bad debt. A liquidation is unfair
// when the oracle differs from the true price and the account, at the true
// price, is not below its maintenance margin.
//
// # Selling into a pool
//
// When the market has a pool, every run's liquidations sell what they
// close into it: the pool is reality, whatever the parameters knew of it.
// A liquidation of delta notional n (at the true price, the pool's mid)
// sold into a constant-product pool of depth y (its quote reserve, the
// pool's pool_liquidity as the market reads it at that step: while stale
// or missing, none) with the configured fee f loses
//
//	slippage = n·s(n),   s(n) = 1 − (1−f) / (1 + (1−f)·n/y)
//
// (liquidity.FromDepth(y, 1, f).SlippageOfQuoteSize(n)): selling $10,000
// into $200,000 at 0.3% loses 1 − 0.997·200,000/209,970 = 5.03%. The
// bonus is what pays the liquidator for that loss; what the bonus does not
// cover is the venue's, bad debt on a partial close as on a full one:
//
//	shortfall += max(0, slippage − bonus·n).
//
// So the bonus decides who bears a thin pool's price impact: up to the
// bonus the liquidated account, out of its equity, beyond it the venue.
// The simulation charges the pool's price impact and its fee, not
// sandwiches, and each sale meets the recorded depth, not the depth the
// run's own earlier sales left.
//
// # The runs
//
// Options.Params picks static, aware or both. For a market with a pool
// the aware parameters are issued a second time at every step, for the
// same market with its pool unset (a market of its own in the pipeline,
// named with the suffix /aware-no-pool, with its own governor state), and
// a third run, aware-no-pool, applies them: the same engine without the
// slippage model, which would otherwise raise the bonus toward the pool's
// slippage and cap the close factor at what the pool takes, while its
// liquidations still sell into the pool. Comparing aware with
// aware-no-pool isolates what the slippage model saves; both go in
// summary.csv, one row per run, and in the printed summary.
//
// # Concurrency
//
// Run's goroutine owns the pipeline; each run owns its copy of the book on
// a goroutine of its own and takes the steps in batches, so a run marks its
// book while the engine evaluates the next steps. Results do not depend on
// scheduling: every run is sequential over the steps and sums in account
// order, so the same inputs and seed give the same outputs byte for byte.
//
// # What it ignores
//
//   - Option quotes: the incidents carry none, so options are marked on the
//     configured base surface; a crash's vol spike is not in the marks, which
//     understates short options' losses in both runs alike.
//   - Traders: nobody adds collateral after a margin call or opens
//     positions; initial margin is not used.
//   - Market impact of the liquidations themselves, beyond the bonus,
//     except for a market with a pool (above); sandwiches of the sales.
//   - Time decay (above), funding and basis.
package backtest
