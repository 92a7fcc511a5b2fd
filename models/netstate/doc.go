// Package netstate holds what the engine knows about a chain's health: the
// latest value of every signal kind, when it was observed, and whether it is
// still fresh. It is a plain value: the engine folds accepted signals into it,
// the backtester builds it from recorded data, and the models read it at a
// time they are given. Nothing here reads a clock.
//
// Every kind has a Spec (unit, valid range, time to live, the direction in
// which it is worse, and a conservative value). Reading a kind at time now
// gives its last value while that value is younger than its TTL. A kind that
// is watched on the chain but stale or never seen reads as its conservative
// value, so that missing information tightens parameters and never loosens
// them; a kind the chain does not have (a sequencer on L1) reads as normal.
//
// Two kinds age on their own between observations: an oracle's age grows
// with the time since it was observed, and a status kind (sequencer_up,
// bridge_paused, collector_up) carries the time its value last changed, so a
// model can ask how long a sequencer has been down. For the sequencer, the
// collector also reports sequencer_status_age_s, the uptime feed's own time
// since the change (its startedAt); while fresh it dates the change, which
// the engine alone would date late after a restart and miss entirely when
// the sequencer flapped between two polls. It is not a watched kind: a
// chain without it falls back to the engine's own record.
package netstate
