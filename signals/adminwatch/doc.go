// Package adminwatch watches contracts for administrative changes (a
// proxy upgraded, an admin or owner replaced, a role granted, a sensitive
// setter called) and emits admin_event, the number of such changes within
// a recent window, as a collect.Observation on every poll.
//
// # What counts
//
// On the watched contracts (Options.Contracts), logs whose first topic is
// one of:
//
//   - Upgraded(address indexed implementation) and
//     AdminChanged(address previousAdmin, address newAdmin), the proxy
//     events of EIP-1967 (https://eips.ethereum.org/EIPS/eip-1967);
//   - OwnershipTransferred(address indexed previousOwner, address indexed newOwner),
//     of OpenZeppelin's Ownable;
//   - RoleGranted(bytes32 indexed role, address indexed account, address indexed sender),
//     of OpenZeppelin's AccessControl;
//
// the topic being the Keccak-256 hash of the event's signature (Solidity
// ABI specification). Besides logs, a transaction sent directly to a
// watched contract whose input starts with one of Options.Selectors (the
// first four bytes of the Keccak-256 hash of a function's signature, as
// setOracle(address) → 0x7adbf973) counts too, whether or not it
// succeeded: an attempt is worth a look. Calls made through another
// contract (a multisig, a timelock) are not seen this way; their events
// are.
//
// # Polling
//
// Every Options.PollInterval the collector reads the head and scans the
// blocks it has not scanned yet, in ranges of at most Options.MaxRange
// blocks: eth_getLogs for the events and, when selectors are configured,
// every block's transactions. The first poll starts after the head it sees
// unless Options.StartBlock says where to start (to cover the window after
// a restart). A range is recorded only once all its reads succeed, so a
// failed poll is resumed by the next.
//
// # admin_event
//
// Each poll emits admin_event = the number of recorded events whose
// block time lies within Options.Window (1 h by default) before the clock
// (Options.Now): it is above 0 while an event is recent and returns to 0
// once the window has passed. Acknowledge(n) drops the events of blocks up
// to n, for an operator who has looked at them. Every event is logged as a
// warning with its contract, name, block, transaction and arguments.
// A poll that could not scan emits collector_up 0 and no admin_event.
//
// Events of blocks later removed by a reorg stay counted until they
// expire or are acknowledged: for a risk signal, a false alarm is the
// safer error.
package adminwatch
