// Package client is what a margin system links to follow a market's
// parameter updates from the engine, and to fall back to its own
// conservative parameters whenever it has no valid, fresh update.
//
// A Client reads the market's last update from the key-value bucket
// risk_params at Start, so a margin system that starts late has parameters
// at once, then follows the updates the engine publishes on core NATS,
// subject risk.params.<market>. Current returns what to use now:
//
//	the last accepted update   while now < its valid_until
//	Options.Fallback           otherwise (Params.Fallback true, Params.Why
//	                           saying why: no update yet, or the engine
//	                           silent since the last one expired)
//
// The fallback is decided when Current is called, by the client's clock:
// a lost connection, a stopped engine and a stopped Client all end in the
// fallback set once the last update expires, with nothing having to notice.
//
// # Missed messages
//
// Core NATS redelivers nothing: messages dropped because the client fell
// behind (Stats.Dropped) and those published while its connection was down
// never come. Every Options.ResyncEvery the client checks whether either
// happened since the last check and, if so, resyncs: it reads the market's
// update from the bucket again and judges it like any message
// (Stats.Resyncs). A stored update newer than the current one is taken; an
// older or tampered one is rejected and changes nothing. A read that fails
// is tried again at the next check. The engine stores an update just after
// publishing it, so one dropped in the instant before a resync may not be
// stored yet; the engine's next update, at the latest its heartbeat, then
// brings the client up to date.
//
// # Acceptance
//
// A message, from the bucket or the subject, is accepted only if, in this
// order (the first failure is what Stats counts):
//
//  1. update.Verify accepts it: well formed (else Malformed), signed by one
//     of Options.EngineKeys (else UntrustedKey) with a matching signature
//     (else BadSignature);
//  2. it is for Options.Market (else WrongMarket);
//  3. its seq is above the last accepted one (else Replayed; the last
//     accepted message itself again is a harmless Duplicate, which happens
//     when the bucket and the subject both deliver it at Start or a
//     resync);
//  4. it is still fresh by the client's clock (else Expired).
//
// A rejected message changes nothing that Current returns. An old update
// replayed is still validly signed, which is why order is checked: once a
// seq is accepted, nothing at or below it is taken again.
//
// The engine keeps its sequence across restarts. An engine started afresh
// on an empty data folder begins again at 1: a running Client rejects its
// updates as Replayed, falls back once the last accepted one expires, and
// follows the new sequence when it is built again with New.
//
// # Concurrency
//
// A Client is safe for concurrent use. One goroutine, started by Start and
// ended by Stop, owns the acceptance state; Current reads an immutable
// snapshot of it and never blocks on NATS.
package client
