// Package service is the engine's runtime: it reads signed network-health
// signals from NATS, keeps each chain's state, recomputes the markets of a
// chain whenever its signals change (and at every heartbeat, so staleness
// tightens parameters even when collectors fall silent), and publishes each
// market's signed parameter update:
//
//   - on subject risk.params.<market>, for live subscribers, published
//     through JetStream so that the stream RISK_PARAMS stores it,
//     deduplicated by message id <market>.<seq>; an update the stream does
//     not acknowledge is published again with the same id for up to a
//     minute (a cluster electing a stream leader can miss one);
//   - in the key-value bucket risk_params, key <market>, so a subscriber
//     that starts late reads the last value at once. The bucket is written
//     off the path to the wire, lags the subject by at most 50 ms, and is
//     only ever replaced by an update of higher seq.
//
// One goroutine owns all mutable state (chain states, governor states,
// sequence numbers); NATS callbacks only hand messages to it through a
// bounded channel. Signals arriving in a burst are applied together and the
// affected markets evaluated once, so a flood cannot queue unbounded work.
//
// # Replicas
//
// Several engines may share one NATS system. They elect a leader through a
// lease in the bucket risk_leader (package lease); only the leader
// publishes, and every update carries the Infrarisk-Replica and
// Infrarisk-Term headers. Followers apply the same signals, so their chain
// states are warm, and watch the leader's updates. A replica that becomes
// leader takes over every market: it reads the stored governor state and
// raises it to the newest update it saw on the wire or in the bucket (the
// stored state may lag a publish), and reserves a new block of sequence
// numbers above every earlier one. A clean Stop resigns the lease for an
// immediate handover; a crash hands over once the lease expires.
//
// Sequence numbers are a fencing token. They are reserved in blocks of
// 1,000 by compare-and-set on the key <market>.seq of the bucket
// risk_engine before they are used, so blocks never overlap and a new
// leader's numbers lie above all of its predecessors': a consumer that has
// seen the new leader refuses whatever a deposed leader, paused past its
// lease, still sends, and the deposed leader's next reservation fails. A
// restart resumes above the reserved block, so sequence numbers never go
// backwards. A restarted engine has heard no signals yet, so every watched
// kind reads as missing and its first updates are conservative.
package service
