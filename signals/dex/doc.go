// Package dex follows Uniswap v2 constant-product pools block by block
// and emits, for each, its depth, how much of it was withdrawn recently
// and how often its swaps are sandwiched, as collect.Observations.
//
// # Venues
//
// Each configured pool is a venue: its observations carry the pool's name
// as their Chain ("uni-weth-usdc"), so they are published under
// infra.signal.<pool name>.<kind> and the engine holds every pool's
// signals in a namespace of its own, apart from the chain the pool lives
// on. A pool name must therefore be a valid signal name, unique among the
// pools.
//
// # Pools
//
// A pool is a Uniswap v2 pair, or a fork keeping its interface and events
// (https://github.com/Uniswap/v2-core). Its token0 is the base asset and
// its token1 the quote asset, unless Pool.QuoteIsToken0 (a pair orders its
// tokens by address). The collector reads getReserves() once, when it
// starts following a pool, and from then on the pair's Sync(uint112
// reserve0, uint112 reserve1) events, which a pair emits every time its
// reserves change, and its Swap(address indexed sender, uint256 amount0In,
// uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address
// indexed to) events.
//
// # Observations
//
// For every block with an event of a pool, and for the head of every poll
// that found a new block (so that a quiet pool reports too), the
// collector emits, with At set to the block's time t and the window
// (t − Options.Window, t] (Window is 1 h by default):
//
//   - pool_liquidity: the quote reserve in quote units (scaled by
//     Pool.QuoteDecimals), rounded to 6 places, ≥ 0. For a constant-product
//     pool x·y = k, the quote paid out for a sale of base that moves the
//     price by a small fraction f is about y·f/2: the quote reserve y is
//     the depth near the mid price, the measure the engine's liquidity
//     model takes.
//   - pool_liquidity_drop: max(0, 1 − depth / peak), rounded to 6 places,
//     in [0, 1], where peak is the largest depth the pool had at any time
//     within the window (the depth in effect when the window opened
//     included): the fraction withdrawn over the window.
//   - sandwich_rate: victims / swaps, rounded to 6 places, in [0, 1]: the
//     pool's sandwiched swaps (see below) over all its swaps, front-runs
//     and back-runs included, in the blocks of the window; 0 without
//     swaps. A block holding a front-run, one victim and a back-run gives
//     1/3 = 0.333333.
//   - liquidation_sandwiched: the number of those sandwiched swaps that
//     involve a known liquidator (Pool.Liquidators): the transaction's
//     sender, the Swap event's sender or its to.
//   - collector_up, one per pool, stamped with Options.Now: 1 when every
//     read of the poll succeeded, else 0, the error being returned by Poll
//     and logged by Run.
//
// A block's observations of a pool come after the block's events: the
// reserves of its last Sync, its swaps counted.
//
// # Sandwiches
//
// Swaps are compared within one block of one pool, in log-index order.
// A swap's direction is the pool's net change in token0 (amount0In −
// amount0Out): positive is token0 for token1, negative token1 for token0,
// zero none; its trader is its transaction's sender (from). Swap V is
// sandwiched when an earlier swap A and a later swap B of the same block
// have one trader, other than V's, with A in V's direction and B in the
// opposite one: the front-run buys what the victim buys and the back-run
// sells it back. A swap without a direction is never a victim, a
// front-run or a back-run. Each victim counts once, however many
// sandwiches enclose it; several victims may share one sandwich. Every
// sandwiched swap is logged as a warning with its transaction, the
// attacker's and the front-run and back-run transactions.
//
// Traders are transactions' senders rather than the Swap event's sender,
// which for most swaps is a router everyone trades through. The senders
// of a pool's swaps are read (eth_getTransactionByBlockHashAndIndex) in
// blocks where the pool has at least three swaps; a swap whose sender
// cannot be recovered from its signature is never taken for a front-run
// or a back-run. An attacker sending its front-run and back-run from two
// accounts is not seen.
//
// # Reading
//
// Every Options.PollInterval the collector reads the head and the blocks
// it has not read yet, in ranges of at most Options.MaxRange blocks: one
// eth_getLogs for the pools' Sync and Swap events, the headers of blocks
// whose logs lack their time, and the transactions above. The first poll
// starts at the head it sees unless Options.StartBlock says where to
// start; a pool's reserves are read at the block before the first it is
// followed from. Reads failing in transport are retried until the poll's
// Options.Timeout. A range is applied only once all its reads succeed, so
// a failed poll is resumed by the next. A pool whose reserves cannot be
// read (no contract at its address, a revert) or whose events cannot be
// decoded is down for the poll and its reserves are read again by the
// next one; the other pools go on.
//
// Blocks later removed by a reorg stay counted until they leave the
// window.
package dex
