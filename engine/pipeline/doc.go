// Package pipeline is the engine's state between an accepted signal and a
// market's update: each chain's netstate, each market's governor state and
// the outages the chains recovered from. The live engine (engine/service)
// drives it from NATS on the wall clock; the backtester (engine/backtest)
// drives it from recorded signals on the data's clock. Both therefore run
// the same code from "signal accepted" to "parameters issued".
//
// A Pipeline is not safe for concurrent use: one goroutine owns it.
//
// # Recovery
//
// The grace period after an outage depends on how long the outage lasted
// (models/liquidation). A pipeline remembers, per market, whether its
// last evaluation saw the sequencer down or finality lost; when an
// evaluation no longer does, the outage is over: its length (as measured
// up to the last evaluation that saw it, plus the time since) becomes the
// market's Recovery, which the following evaluations pass to the models
// until the longest grace period the market allows has passed.
package pipeline
