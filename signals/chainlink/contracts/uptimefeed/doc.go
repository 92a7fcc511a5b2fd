// Package uptimefeed is the generated binding of SequencerUptimeFeed, a
// Chainlink-style L2 sequencer uptime feed whose status a test writes (see
// SequencerUptimeFeed.sol). Regenerate it from the parent package.
package uptimefeed
