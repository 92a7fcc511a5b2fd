// Package update is the parameter-update message: what the engine publishes
// for a market every time it evaluates it, signed, and what a margin system
// verifies and applies.
//
// The engine builds a message from a market.Update (FromMarket), signs it
// (Sign) and publishes its wire form (Encode) on Subject(market). A consumer
// checks it (Verify) and uses it while it is fresh (Fresh).
//
// # The message
//
// One JSON object, written as here (with line breaks added):
//
//	{"flags":{"halt":false,"liquidations_paused":false,"new_positions_paused":true},
//	 "issued_at":"2020-03-12T12:00:00Z",
//	 "key_id":"UDVEU3DD4KOFECV66VIHWEZOYX4ZKR3WV27L464SIIPOU2IUI3JCYSJF",
//	 "market":"ETH-OPTIONS",
//	 "params":{"close_factor":"0.7500","deep_underwater_health":"0.9500","grace_period_s":"2339",
//	   "initial_multiplier":"2.1000","liquidation_bonus":"0.0693","liquidation_horizon_s":"7214",
//	   "maintenance_multiplier":"1.2500","p_fail":"0.0123","scan_range":"0.2747",
//	   "vol_shock_down":"0.3200","vol_shock_up":"0.4800"},
//	 "reasons":[{"after":"0.2747","before":"0.1503","param":"scan_range",
//	   "text":"scan_range: 0.15025 → 0.2746065525845759 (proposed 0.2746065525845759): tightened",
//	   "why":"tightened"}],
//	 "regime":"stressed","seq":42,"sig":"w6oUCVFF…1G7kDQ==","stress_index":"0.612","v":1,
//	 "valid_until":"2020-03-12T12:01:00Z"}
//
// Every member is required, none other is allowed, and none may be null:
//
//	v             schema version: 1
//	market        the market: 1 to 64 bytes of printable ASCII without space,
//	              '.', '*' or '>', so that risk.params.<market> is a subject
//	seq           per market, strictly increasing, 1 to 2^53−1 (so that a
//	              reader holding numbers as doubles reads it exactly); the
//	              engine persists it across restarts
//	issued_at     when the parameters were computed: RFC 3339 in UTC, with
//	              fractional seconds only if non-zero and no trailing zeros
//	valid_until   issued_at plus the engine's validity, in the same form and
//	              after issued_at; from then on the update is stale
//	regime        the governor's regime: normal, elevated, stressed or halted
//	params        every parameter of the table below, as a decimal string
//	flags         new_positions_paused, liquidations_paused and halt, booleans
//	stress_index  the chain's stress index, 0 to 1, 3 places, rounded up
//	reasons       why the parameters are what they are (below)
//	key_id        the signer's nkeys public key (an Ed25519 key)
//	sig           the Ed25519 signature, standard padded base64
//
// # Parameters and rounding
//
// Parameters are decimal strings, never JSON numbers, so that every reader
// gets exactly the published value. Each has a fixed number of places,
// always written out ("0.1500", not "0.15"), and is rounded from the
// computed value in the conservative direction, the one that protects the
// venue, so that rounding never makes a published parameter less safe than
// the model's:
//
//	parameter               meaning                                    places  rounding
//	scan_range              price scan range, fraction of spot         4       up
//	vol_shock_up            relative upward vol shock                  4       up
//	vol_shock_down          relative downward vol shock                4       up
//	liquidation_horizon_s   effective liquidation horizon, seconds     0       up
//	maintenance_multiplier  maintenance margin multiplier              4       up
//	initial_multiplier      initial margin multiplier                  4       up
//	liquidation_bonus       liquidation bonus, fraction                4       up
//	close_factor            share of a position liquidated at once     4       up
//	grace_period_s          grace after an outage, seconds             0       down
//	deep_underwater_health  health below which accounts stay
//	                        liquidatable while liquidations pause      4       up
//	p_fail                  probability a liquidation fails in time    4       up
//
// Up is towards +∞ (a computed 0.150250 is published as "0.1503", and a
// failure probability of 1e-9 as "0.0001", not as none), down towards −∞ (a
// grace of 2339.9 s is "2339": a shorter grace leaves positions
// unliquidatable for less time). A computed float is taken as its shortest
// decimal representation, so 0.15 is "0.1500"; read back as a float, a
// published value is never on the unsafe side of the computed one. The
// governor's before and after values in the reasons are written the same
// way.
//
// # Reasons
//
// Each reason has five string members: param, before, after, why and text.
// They come most important first, in a fixed order:
//
//  1. the regime, if it changed or a step down was held: param "regime",
//     before and after the regime names;
//  2. every governed parameter that changed, was clamped or was held, in
//     the governor's configured order, before and after written as in
//     params (a clamped parameter can have two entries);
//  3. every governed flag that changed or was held, before and after
//     "true" or "false";
//  4. the stress findings, most severe first: param "", why "stress";
//  5. the liquidation model's findings: param the parameter concerned (or
//     ""), why "model";
//  6. notes on model results used despite a warning: param "", why "note".
//
// For 1 to 3, why is the governor's (tightened, loosened, "loosened (bounded
// step)", "loosening held (min delay)", "clamped to min", "clamped to max";
// raised, "hard halt", lowered, "lowering held (min hold)") and text its
// log line. For 4 to 6, before and after are "". A list is at most 64
// entries: past that, the first 63 are kept and the 64th has why
// "truncated" and the text "N more reasons left out". A text is at most 256
// bytes (longer ones end in "…"), the other members at most 64.
//
// # Signing
//
// The signature is Ed25519, by an nkeys key pair, over the signing bytes:
//
//	infrarisk/risk.params/v1 + "\n" + canonical JSON of the message without "sig"
//
// Canonical JSON is RFC 8785 (the JSON Canonicalization Scheme) restricted
// to what a message holds, strings, booleans and integers below 2^53:
// members sorted by name in every object, no white space, strings escaped
// only where JSON must (the quote, the backslash and control characters,
// as \b \f \n \r \t or \u00xx in lower-case hex; everything else, U+2028
// and U+2029 included, as UTF-8), integers in plain decimal. The wire form
// is the same canonical JSON with "sig" in its sorted place.
//
// Verify decodes the message and re-encodes it without "sig"; a consumer in
// another language removes "sig" from the parsed object and canonicalizes it
// with any RFC 8785 library. Either way white space, member order and
// escaping added on the way do not matter, and a change to any value does.
//
// The context line keeps the signature from being valid for anything else
// the key may sign. Still, keep the key for parameter updates: not as a NATS
// login key, for instance, which signs nonces the server chooses.
//
// # Consuming
//
// A margin system takes a message for a market only if
//
//  1. Verify accepts it: well formed (Decode), signed by a key it trusts,
//     with a signature that matches; errors wrap ErrMalformed,
//     ErrUntrustedKey or ErrBadSignature respectively;
//  2. its seq is above the last one it applied for the market: an old
//     message replayed is still validly signed;
//  3. it is Fresh by the consumer's clock.
//
// With no fresh update a consumer falls back to its own conservative set.
// This package publishes none: what is safe while the engine is silent is
// the venue's decision (typically its tightest configured parameters, new
// positions paused).
//
// # Limits
//
// A message is at most MaxSize (64 KiB), has at most MaxReasons reasons,
// texts of at most MaxText bytes and other strings of at most MaxField.
// Decode rejects anything else that breaks the contract: invalid UTF-8 or
// JSON, a member missing, unknown, null, repeated (in any object) or of the
// wrong kind, a decimal not written with exactly its places (an exponent, a
// sign, a missing or an extra digit), a time not in its one written form.
// Sign and Encode refuse to produce such a message.
package update
