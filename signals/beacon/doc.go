// Package beacon is the consensus-layer collector: it polls a beacon node
// over the standard Beacon Node HTTP API
// (https://ethereum.github.io/beacon-APIs/) and emits, per poll, how far
// finality lags the head, how much of the stake attests, how many of a
// watched set of validators are live, and whether the read worked.
//
// # Signals
//
// Every observation carries Options.Chain and, as At, the wall-clock time
// (Options.Now) at which its value was read.
//
// finality_lag_epochs is head epoch − finalized epoch:
//
//	head epoch = data.header.message.slot of GET /eth/v1/beacon/headers/head ÷ SLOTS_PER_EPOCH (integer division)
//	finalized  = data.finalized.epoch of GET /eth/v1/beacon/states/head/finality_checkpoints
//
// A healthy chain justifies the epoch it is in at that epoch's end and so
// finalizes the one before, which puts the lag at 2. Each epoch without
// finality adds one.
//
// participation_rate is the share of active stake whose attestations voted
// for the right target, in 0..1. It is read from the first of two sources
// the node serves, found on the first poll and then kept:
//
//  1. Lighthouse's GET /lighthouse/validator_inclusion/{epoch}/global
//     (Lighthouse book, "Validator Inclusion APIs"), asked for epoch =
//     head epoch − 1, the latest epoch whose end-of-epoch state exists
//     (Lighthouse answers 404 for a later one). Its "previous" epoch is
//     head epoch − 2, the latest whose target votes can no longer be
//     included, so the value is final.
//  2. The standard POST /eth/v1/validator/liveness/{epoch} over
//     Options.ParticipationSample, for epoch = head epoch − 1. Liveness
//     is the node's own best-effort view; a large random sample estimates
//     participation.
//
// From each:
//
//	participation_rate = previous_epoch_target_attesting_gwei / current_epoch_active_gwei   (1)
//	participation_rate = sample validators with is_live true / sample size                 (2)
//
// A source answering 404, 405 or 501 is taken as not served and the next
// is tried. When neither is served (or Lighthouse's is not and no sample is
// configured) no participation_rate is emitted at all, and this is logged
// once: there is no default.
//
// validator_uptime is the share of Options.Validators that the node saw
// live in head epoch − 1, by POST /eth/v1/validator/liveness/{epoch}. It is
// not emitted when Options.Validators is empty.
//
// collector_up is 1 when every read of the poll succeeded, 0 otherwise.
//
// Shares are rounded half away from zero to RatePlaces decimal places.
//
// # Failures
//
// A poll first asks GET /eth/v1/node/syncing. A syncing node's head is not
// current, so the poll emits collector_up 0 and nothing else, and returns
// an error wrapping ErrSyncing.
//
// A failed head or finality read means no chain value at all; a failed
// participation or uptime read drops only that value. Either way the
// poll's collector_up is 0 and the failure is logged and returned. A value
// is never replaced by a default or a previous reading.
//
// A response other than 200 is an *APIError carrying the message of the
// API's error body ({"code":404,"message":"State not found"}). A body that
// is not the JSON the API specifies, or lacks a field, is an error wrapping
// ErrMalformed. Numbers the API writes as decimal strings must be decimal
// strings. Transport errors (refused connections, resets, a request
// exceeding Options.Timeout) are retried with collect.Retry and
// Options.Backoff, up to Options.Attempts tries; API errors and malformed
// bodies are not retried.
package beacon
