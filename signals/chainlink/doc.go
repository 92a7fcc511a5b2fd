// Package chainlink collects the health of Chainlink price feeds and of an
// L2 sequencer uptime feed, read through the AggregatorV3Interface with
// eth_call, and emits it as collect.Observations, one batch per poll.
//
// # Observations
//
// Every Options.PollInterval (10 s by default) the collector reads
// latestRoundData of every configured feed and emits, with At set to the
// wall clock (Options.Now):
//
//   - oracle_age_s: now − updatedAt, in seconds, ≥ 0. An updatedAt in the
//     future gives 0 and a warning. An age beyond the feed's Heartbeat is
//     logged as a warning; the value is the age all the same.
//   - oracle_deviation: |p − r| / r, rounded to 18 places, for a feed with
//     a reference, where p is the feed's answer scaled by its decimals()
//     and r the reference price: another feed's answer scaled by its own
//     decimals(), or a PriceSource.
//   - sequencer_up and sequencer_status_age_s, when Options.Sequencer is
//     set: 1 when the uptime feed's answer is 0 (up), 0 when it is 1
//     (down), and now − startedAt, the time since the status last changed
//     (https://docs.chain.link/data-feeds/l2-sequencer-feeds).
//   - collector_up: 1 when every read of the poll succeeded and every round
//     was valid, else 0.
//
// Several markets may share a feed, and one poll may read several feeds:
// the poll emits one oracle_age_s, the largest age, and one
// oracle_deviation, the largest deviation, and logs which feed it was. A
// maximum over only some feeds could understate the worst one, so when a
// feed (or a reference) could not be read, the kind it contributes to is
// not emitted in that poll.
//
// # Invalid rounds
//
// A price round with updatedAt 0, answer ≤ 0 or answeredInRound < roundId
// (the checks consumer contracts apply to latestRoundData; Chainlink's
// Data Feeds documentation, https://docs.chain.link/data-feeds, asks
// consumers to check updatedAt against the feed's heartbeat as well) is
// rejected with an *InvalidRoundError (errors.Is ErrInvalidRound) and
// yields no value. An uptime round with startedAt 0 is invalid too (the
// feed reports 0 for a round that is not valid; it is not "up"), and so is
// an answer other than 0 or 1.
//
// # Failures
//
// Reads failing in transport are retried with collect.Retry until the
// poll's Options.Timeout; a missing contract (bind.ErrNoCode), a revert
// or an undecodable answer is not retried. A failed read is logged and
// reported through collector_up 0; its value is never replaced by a
// default.
package chainlink
