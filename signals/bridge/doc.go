// Package bridge watches bridge vaults, the contracts that hold the
// backing of bridged (wrapped) assets, and emits how much of the backing
// recently left and whether the bridge is paused, as collect.Observations,
// one batch per poll.
//
// # Venues
//
// Each configured Bridge has a Name ("arb-bridge-weth"), and its
// observations carry that name in Observation.Chain, not the name of the
// chain the vault lives on: the engine treats a bridge as a venue of its
// own, with its own signal namespace (infra.signal.arb-bridge-weth.<kind>),
// so that a market can depend on the bridge of its wrapped asset as it
// depends on a chain. The Name must therefore be a valid signal name and
// differ from every chain's. One Collector watches the bridges of one
// chain, all read through Options.Client.
//
// # Events read
//
// On the vaults' addresses, logs whose first topic is one of:
//
//   - Deposited(address indexed from, uint256 amount) and
//     Withdrawn(address indexed to, uint256 amount): backing locked and
//     released;
//   - Paused(address account) and Unpaused(address account), of
//     OpenZeppelin's Pausable, which most bridge contracts inherit;
//
// and the views totalLocked() (the backing held) and paused(). A vault
// that emits other events needs its own decoder: a bridge whose deposits or
// withdrawals this collector does not see reads as having no outflow. A
// log with a watched topic that does not decode is logged and skipped.
//
// # Polling
//
// Every Options.PollInterval (12 s by default) the collector reads the
// head and the events of the blocks it has not read yet, with eth_getLogs
// in ranges of at most Options.MaxRange blocks, and totalLocked() at the
// head. Its first poll reads the window's history: the events of every
// block less than Options.Window before the head (found by binary search
// over the headers), and paused() at the head. It then emits one batch of
// observations for each block read (At = the block's timestamp), the
// newest MaxBackfill blocks at most; at the first poll, for the head alone.
// A poll is recorded only once all its reads succeed, so a failed poll is
// read again by the next.
//
// # Observations
//
// For every bridge and every block b emitted:
//
//   - bridge_outflow_ratio = W / (L + W), rounded to 6 places, in [0, 1],
//     and 0 when L + W is 0 (nothing was locked), where W is the sum of
//     the Withdrawn amounts of the blocks up to b whose time is less than
//     Options.Window (1 h by default) before b's, and L is the backing
//     locked after block b: totalLocked() at the head, with the deposits
//     and withdrawals of the blocks after b undone.
//   - bridge_paused = 1 after a Paused event, 0 after an Unpaused event;
//     before the first event seen, paused() at the head of the first poll.
//   - collector_up, after every poll, for every bridge: 1 when every read
//     succeeded, else 0 (and Run logs the error). It is about the
//     collector, not a block, so it is stamped with the clock
//     (Options.Now). A poll whose reads failed emits collector_up 0 alone:
//     a value that could not be read is never emitted.
//
// Why W / (L + W): with D the deposits within the window, the backing
// locked at the window's start was L + W − D, so L + W is that backing
// plus what was deposited since: everything the vault held within the
// window. The ratio is the share of it that left: 0 while
// nothing is withdrawn, 1 when the vault was drained, whatever was
// deposited. Dividing by the backing at the window's start alone
// (L + W − D) agrees when nothing was deposited within the window, but
// misses the drain of backing deposited within it (a vault filled and
// emptied within the hour reads 0 against nothing locked at the start)
// and can exceed 1 when backing deposited in the window leaves in it.
// Amounts are compared in the vault's base units; the bridged asset's
// Decimals only scale the amounts logged.
//
// Deposits and withdrawals are logged at debug level, pauses as warnings.
// Events of blocks later removed by a reorg stay counted until they leave
// the window, and totalLocked() is read at the head's number: a reorg can
// skew the ratio until then.
package bridge
