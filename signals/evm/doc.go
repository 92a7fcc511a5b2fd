// Package evm collects execution-layer health of one EVM chain from one or
// more JSON-RPC endpoints and emits it as collect.Observations, one batch
// per new canonical head.
//
// # Heads
//
// Heads come from the first endpoint (the primary): by eth_subscribe
// newHeads where the endpoint supports it, else by polling
// eth_getBlockByNumber("latest") every Options.PollInterval. A plain HTTP
// endpoint (rpc.ErrNotificationsUnsupported) is polled for good; a
// subscription that fails for another reason is replaced by polling and
// tried again a minute later. When the head jumps by several blocks the
// blocks in between are processed in order, at most MaxBackfill of them.
// A head the collector already holds (a repeated notification, or the node
// rewinding to a known block) is skipped.
//
// # Observations
//
// Each processed block yields, with At set to the block's timestamp
// (collector_up excepted: it is about the collector, so it carries the wall
// clock, like every other collector's, and never arrives out of order
// behind theirs):
//
//   - base_fee_gwei: the header's base fee (EIP-1559), exactly, in gwei.
//     For a block before London (no base fee) it is the median effective
//     gas price of the block's transactions (MedianGasPriceGwei); an empty
//     block before London yields none.
//   - gas_used_ratio: gasUsed / gasLimit, rounded to 6 places.
//   - block_interval_s: the block's timestamp minus its parent's.
//   - pending_txs: the "pending" count of txpool_status, for the newest
//     block of a batch only (it is a snapshot of the node's pool, not a
//     property of older blocks). An endpoint that answers "method not
//     found" is logged once and not asked again.
//   - reorg_depth: the depth of the most recent reorg whose revealing block
//     lies within Options.ReorgMemory of block time, else 0 (see
//     ReorgTracker).
//   - rpc_disagreement: with two or more endpoints, 0 when at least
//     Options.Quorum of them return the same hash for the block number,
//     else 1, and then none of the values above: a block the endpoints
//     disagree on is not trusted.
//   - collector_up: with every block, 1 if all its reads succeeded, 0 if
//     txpool_status failed (the block's other values are still emitted);
//     and 0 for each failed read of a head,
//     a header or a block body, which is retried with collect.Retry until
//     it succeeds. A value that could not be read is never emitted.
//
// # Quorum
//
// With two or more endpoints every block number is read from each of them
// (eth_getBlockByNumber). An endpoint that does not have the block yet is
// asked again for up to LagWait before its answer counts against the
// quorum. The block's other reads (parent, body, reorg walk) go to an
// endpoint that voted with the majority, the primary when it did. Blocks
// the endpoints disagree on are not added to the reorg tracker.
//
// Run owns all state; Emit is called from Run's goroutines only, so the
// sink must be safe for concurrent use (collect.Sink requires it).
package evm
