// Package settlement models how long a liquidation or settlement can be
// delayed by the chain it has to land on, and the probability that it does
// not land inside the horizon a venue can tolerate.
//
// The delay D is a sum of independent parts, each a fixed shift plus, where
// the chain's recovery time is uncertain, an exponential wait:
//
//	D = Σᵢ shiftᵢ + Σᵢ Expᵢ(θᵢ)
//
// Congestion (EIP-1559). A liquidator acts only when the gas cost fits the
// reward: the base fee b must be at or below the budget B = bonus × size /
// (gas units × native price) − tip. The base fee moves by a factor
// 1 + (u − ½)/4 per block for block fullness u, so at most 1/8 per block.
// While the demand surge that pushed the fee above budget lasts (an
// exponential time T with mean τ), the fee keeps rising at
// r↑ = ln(1 + (u − ½)/4)/Δ per second; once it ends, blocks drain at fullness
// u_d and the fee falls at r↓ = −ln(1 + (u_d − ½)/4)/Δ. So, for b > B,
//
//	D_congestion = Δ + ln(b/B)/r↓ + T·(1 + max(r↑, 0)/r↓)
//	τ = SurgeMean · clamp((u − ½)/½) · clamp(ln(b/B)/ln 2)
//
// and D_congestion = Δ (the next block) when b ≤ B. The surge weight grows
// with fullness and with how far the fee is above budget, so a fee a hair
// over budget does not wait out a whole surge.
//
// Finality. With finality lost (as the stress package decides it: a long
// finality lag or participation below 2/3), a settlement that needs finality waits for
// recovery: an exponential with mean max(FinalityRecoveryMean, time lost so
// far), so a long outage is never assumed nearly over. A reorg of depth d
// adds d blocks of confirmations.
//
// Sequencer. While an L2's sequencer is down nothing lands: the remaining
// outage is exponential with mean max(SequencerOutageMean, time down so
// far), followed by the grace period in which the venue still holds
// liquidations back; within the grace period after a recovery, what is left
// of it.
//
// Oracle. A liquidation is triggered by the oracle's price, so an oracle
// older than its heartbeat triggers it late by the excess age, plus any
// delay the protocol builds in (MakerDAO's OSM holds prices for an hour).
//
// Outputs: quantiles of D, p_fail = P(D > MaxDelay), and the effective
// liquidation horizon H_eff = min(H_base + quantile_q(D), MaxHorizon).
//
// Adding the parts (rather than taking the longest) is conservative: a
// sequencer outage and a stale oracle partly overlap in time. The sum of
// exponentials is hypoexponential; its survival function is computed in
// closed form (see Delay.Survival).
//
// What it ignores: priority-fee auctions (a liquidator can outbid the
// mempool backlog, so pending_txs is not a delay here), correlation between
// the parts, and the chance that a landed settlement is reorganised away
// (the reorg shift covers the confirmations, not the loss).
package settlement
