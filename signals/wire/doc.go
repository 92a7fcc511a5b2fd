// Package wire is the contract between the collectors that observe chain
// health and the engine that turns it into margin parameters: the signal
// message, its strict decoder, its Ed25519 signature and the verifier that
// decides which signals the engine believes.
//
// A collector publishes with a Publisher, which signs every signal and
// numbers it. The engine subscribes to SubjectAll, decodes each message
// with Decode and accepts it only if a Verifier does; the kinds and their
// ranges come from the engine, through VerifierOptions.CheckValue.
//
// # Message
//
// Every observation is one JSON message on the NATS subject
// infra.signal.<chain>.<kind> (see Subject; SubjectAll matches them all):
//
//	{"v":1,"source":"eth-collector-1","chain":"ethereum","kind":"base_fee_gwei",
//	 "value":"182.5","observed_at":"2020-03-12T10:00:00Z","seq":1234,"sig":"<base64>"}
//
// The fields, all required except sig:
//
//   - v: the schema version, 1. A message with another integer version is
//     rejected as bad_version.
//   - source: the collector, ^[A-Za-z0-9_.-]{1,128}$. The verifier looks
//     its public key up by this name.
//   - chain and kind: ^[a-z0-9_-]{1,64}$, and the same as in the subject.
//     The engine, not this package, says which kinds exist and what range
//     of values each accepts.
//   - value: a decimal, written as a string ("182.5") or a JSON number
//     (182.5), following the JSON number grammar either way (no NaN, no
//     Inf, no leading "+" or "."), at most 64 bytes both as written and in
//     canonical form (so 1e64, whose canonical form has 65 digits, is
//     refused), with a decimal exponent within ±64. It is kept exactly, not
//     as a float.
//   - observed_at: when the collector observed the value, RFC 3339 with an
//     optional fraction of a second and a required zone ("Z" or ±hh:mm).
//     It is held in UTC.
//   - seq: an unsigned 64-bit integer that increases strictly with every
//     message of the source. Gaps are fine. A Publisher starts at the Unix
//     time in nanoseconds, so a restarted collector continues above its
//     old seqs. Such seqs are above 2^53: a reader in a language whose
//     JSON numbers are doubles must read seq as an integer.
//   - sig: the standard base64 (with padding) of the 64-byte Ed25519
//     signature of the signing bytes below. Left out when unsigned.
//
// Decode rejects a message larger than 4 KiB, anything that is not exactly
// one JSON object, and an unknown, repeated, missing or null field.
//
// # Signing bytes
//
// The signature covers canonical bytes built from the decoded fields, so it
// does not depend on how the JSON was written (field order, spacing,
// escapes, a value as string or number, trailing zeros, the zone of the
// time). They are the UTF-8 of seven lines joined by "\n", with no final
// newline:
//
//	infrarisk-signal-v1
//	<source>
//	<chain>
//	<kind>
//	<value in canonical decimal form: no exponent, no trailing fractional zeros, "-" only if negative>
//	<observed_at in UTC, RFC 3339 with the fraction's trailing zeros removed, ending in "Z">
//	<seq in decimal>
//
// For the example above:
//
//	infrarisk-signal-v1
//	eth-collector-1
//	ethereum
//	base_fee_gwei
//	182.5
//	2020-03-12T10:00:00Z
//	1234
//
// A value written "182.50" or 1.825e2 signs the same bytes as "182.5", and
// an observed_at of "2020-03-12T11:00:00+01:00" the same as
// "2020-03-12T10:00:00Z". No field can hold a newline, so the lines cannot
// be confused. The first line separates these signatures from any other
// use of the key and names the version of the scheme.
//
// signals/wire/testdata/signed.good.json holds this example signed by the
// demo key of the package example (seed: 32 bytes of 0x42; public key
// UAQVF6GRTN4R2JCFGJBOCXZOVNWLPT72PNVF5UYAS6LA4BUYQHNRFBIE), for checking
// an implementation in another language.
//
// Keys are nkeys (Ed25519): a collector holds a seed, the engine a map
// from source to public key ("U…" for a user key); see package keys.
//
// # Batches
//
// A collector that observes several kinds at once (a block's base fee, gas
// use and interval) may send them as one batch on infra.signal.<chain>.batch
// (see BatchSubject and Publisher.PublishBatch), under one signature:
//
//	{"v":1,"source":"eth-collector-1","chain":"ethereum","signals":[
//	 {"kind":"base_fee_gwei","value":"182.5","observed_at":"2020-03-12T10:00:00Z","seq":1234},
//	 {"kind":"gas_used_ratio","value":"0.97","observed_at":"2020-03-12T10:00:00Z","seq":1235}],
//	 "sig":"<base64>"}
//
// 1 to 256 signals, at most 64 KiB, seqs strictly increasing; each signal
// has exactly kind, value, observed_at and seq, read as in a lone signal.
// The signature covers
//
//	infrarisk-batch-v1\n<source>\n<chain>\n<n>
//
// followed by "\n<kind>\n<value>\n<observed_at>\n<seq>" for each signal,
// fields written as in a lone signal's signing bytes. The engine checks
// the subject, source and signature once for the batch (a failure rejects
// every signal of it, for that reason), and kind, range, time and seq for
// each signal on its own. Ed25519 verification is most of the cost of
// taking in a signal; a batch of n pays it once.
//
// # Rejections
//
// Decode and Verify return a *RejectError; errors.Is(err, ErrRejected)
// holds for all of them. Its Reason is a stable, lower-case metric label:
//
//   - malformed: Decode refused the message (bad JSON, fields, names,
//     value, time, seq or sig encoding, or too large).
//   - bad_version: v is not 1.
//   - subject_mismatch: the subject is not infra.signal.<chain>.<kind> of
//     the message.
//   - unknown_kind: the engine does not know the kind.
//   - out_of_range: the engine's range check refused the value.
//   - future: observed_at is more than MaxFutureSkew (default 5 s) after
//     the engine's clock.
//   - stale: observed_at is more than MaxAge (default 10 min) before it.
//   - unknown_source: no trusted key for the source.
//   - unsigned: the source has a trusted key but the message carries no
//     signature.
//   - bad_signature: the signature does not verify under the source's key.
//   - replay: seq is not above the last seq accepted from the source.
//
// Verify checks in that order, after the well-formedness Decode ensures,
// and only a signal that passes everything advances its source's seq, so
// a rejected signal can neither move the seq forward nor block the next
// good one. Unsigned signals pass only with AllowUnsigned, only from a
// source that has no trusted key, and only for local experiments.
package wire
