// Package liquidation turns a market's stress, settlement delay and stressed
// volatility into the margin and liquidation parameters a venue publishes:
// scan range, vol shocks, effective horizon, margin multipliers,
// liquidation bonus, close factor, grace period, pause flags and a regime,
// each with the reasons that moved it.
//
// With s the stress index, σ₀ and σₛ the base and stressed ATM vols, H₀ and
// H_eff the base and effective horizons, p the probability that a
// liquidation fails inside the horizon:
//
//	scan range     R = R₀ · (σₛ/σ₀) · √(H_eff/H₀)
//	vol shocks     up = up₀·(1 + kᵥ·s),  down = down₀·(1 + kᵥ·s)
//	maintenance    m = 1 + k_p·p
//	initial        i = m · i₀ · (1 + kᵢ·s)
//	bonus          β = clamp(gas(b̂)/size + slip₀·(1 + k_slip·s), β_min, β_max)
//	               b̂ = b·(1 + (u − ½)/4)^N, the fee after N blocks at fullness u
//	close factor   c = c₀ + (1 − c₀)·min(1, p/p_full)
//
// The scan range follows the square-root-of-time rule: a liquidation that
// takes H_eff instead of H₀ leaves the position exposed √(H_eff/H₀) times as
// long in standard deviations.
//
// Grace period after a sequencer or finality recovery. A flat hour (the
// Chainlink and Aave v3 convention) is too long after a five-minute blip and
// lets positions rot after a violent move: Aave v3.7 removed its sentinel
// citing positions worsening while liquidations were blocked. Here the grace
// grows with the outage (users had no access for that long) and shrinks as
// the price moved during it, measured in scan ranges (the venue's solvency
// is at stake):
//
//	grace = clamp(g_ratio · outage / max(1, |move|/R), g_min, g_max)
//
// and accounts below DeepUnderwater health stay liquidatable throughout.
//
// Flags: new positions pause from a stress index of PauseNewAt on, or while
// the oracle is unusable; liquidations pause only while nothing can land (an L2
// sequencer down) or the oracle is unusable (older than OracleUnusable
// heartbeats, deviating more than OracleUnusableDeviation, or RPC endpoints
// disagreeing), never for congestion alone, where a late liquidation beats
// none.
//
// Halt is proposed while liquidations cannot land; the governor turns the
// stress index and Halt into a regime with hysteresis and bounds how fast any
// parameter loosens.
package liquidation
