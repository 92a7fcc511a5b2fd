// Package service is the engine's runtime: it reads signed network-health
// signals from NATS, keeps each chain's state, recomputes the markets of a
// chain whenever its signals change (and at every heartbeat, so staleness
// tightens parameters even when collectors fall silent), and publishes each
// market's signed parameter update:
//
//   - on core NATS, subject risk.params.<market>, for live subscribers;
//   - in the JetStream stream RISK_PARAMS, which captures those subjects,
//     deduplicated by message id <market>.<seq>, for history;
//   - in the key-value bucket risk_params, key <market>, so a subscriber
//     that starts late reads the last value at once. The bucket is written
//     off the path to the wire and lags the subject by at most 50 ms.
//
// One goroutine owns all mutable state (chain states, governor states,
// sequence numbers); NATS callbacks only hand messages to it through a
// bounded channel. Signals arriving in a burst are applied together and the
// affected markets evaluated once, so a flood cannot queue unbounded work.
//
// Sequence numbers are reserved in blocks of 1,000 in the bucket risk_engine
// before they are used, with the governor state stored alongside within
// 50 ms of each publish; a restart resumes above the reserved block, so
// sequence numbers never go backwards, and loosening stays bounded. A restarted engine has heard no signals yet, so every
// watched kind reads as missing and its first updates are conservative.
package service
