// Package mockaggregator is the generated binding of MockAggregatorV3, a
// Chainlink AggregatorV3Interface price feed whose rounds a test writes
// (see MockAggregatorV3.sol). Regenerate it from the parent package.
package mockaggregator
