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
//     when the bucket and the subject both deliver it at Start);
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
