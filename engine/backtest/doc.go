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
//   - Market impact of the liquidations themselves, beyond the bonus.
//   - Time decay (above), funding and basis.
package backtest
