// Package stress reads a chain's network state at a given time into the
// conditions the models use, scores each group of signals from 0 (healthy)
// to 1 (unable to settle), and says which inputs drove each score.
//
// Conditions are the state's readings (stale or missing watched kinds already
// at their conservative values, see netstate) plus what follows from them:
//
//	finality lost  ⇔ finality_lag_epochs ≥ LostLagEpochs or participation < 2/3
//	lost for       = (finality_lag_epochs − NormalLagEpochs) · 384 s
//	sequencer down ⇔ sequencer_up = 0, down for the time since it changed
//
// Scores, each clamped to [0, 1]:
//
//	congestion  max( ln(b/b₀)/ln(b₁/b₀), (Δ − Δ₀)/(Δ₁ − Δ₀) )     b base fee, Δ block interval
//	consensus   max( (L − 2)/ΔL₁, (P₀ − P)/(P₀ − P₁), d/d₁ )        L finality lag, P participation, d reorg depth
//	oracle      max( (A − h)/(2h), (dev − dev₀)/(dev₁ − dev₀) )     A age, h heartbeat
//	l2          1 while the sequencer is down, else 0
//	security    0.5 with an admin event or an RPC disagreement
//
// and the index combines them as independent chances of trouble:
//
//	index = 1 − Π (1 − scoreᵢ)
//
// The index is a summary for regimes and for the crash intensity of the skew
// model; the settlement model works from the conditions themselves.
package stress
