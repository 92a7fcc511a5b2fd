// Package market computes one market's parameters from its chain's state:
// the data path between the signal state and the wire,
//
//	netstate.State ─► stress ─► stressed skew ─► liquidation (settlement inside)
//	              ─► governor ─► Update
//
// Evaluate is a pure function of the market's configuration, the inputs at
// one time and the governor's previous state, so the live engine and the
// backtester run the same code with different clocks.
//
// The governor holds the margin parameters (scan range, vol shocks, horizon,
// multipliers, bonus, close factor) and the new-positions pause: they
// tighten at once and loosen in bounded steps. Three outputs pass straight
// through because they follow events rather than levels: the grace period
// (set by the outage that just ended), the liquidation pause and the halt
// (nothing can land now, or the oracle is unusable now); the governor's halted
// regime still follows the halt.
//
// Margin uses the stressed scenario grid nested over the healthy one
// (margin.Grid.Nest): a grid whose price points scale with the scan range is
// not monotone on its own (a short butterfly can need less at a wider range),
// and the nesting guarantees that a stressed margin is never below the
// healthy one.
package market
