// Package proof reads contract storage and account state from an execution
// node without trusting it: every value comes with an EIP-1186
// (eth_getProof) Merkle-Patricia proof, checked against the state root of
// a block header, so a lying or broken RPC endpoint can withhold a value
// but cannot change one.
//
// # Contract
//
// The state of a block is the account trie whose root is the header's
// stateRoot (Ethereum Yellow Paper, section 4.1 and appendix D). The trie
// maps keccak256(address) to the RLP of the account
//
//	[nonce, balance, storageRoot, codeHash]
//
// (types.StateAccount), and each account's storage trie, rooted at its
// storageRoot, maps keccak256(slot) to the RLP of the slot's 32-byte word
// with its leading zero bytes removed. A proof is the list of trie nodes
// on the path from the root to the key; each node is found by its
// keccak256 hash, starting at the root, so changing, dropping or
// reordering any node, or asking against another root, breaks the chain
// of hashes. A path that ends before the key proves that the key is not
// in the trie: an absent account (nonce 0, balance 0, no code, no storage)
// or a slot holding zero.
//
// VerifyAccount and VerifyStorage check one proof each. Check checks a
// whole eth_getProof response against a header: every value the response
// states (balance, nonce, storageHash, codeHash, each storage value) must
// equal what its proofs prove. Reader fetches a header and a proof for the
// same block and returns only proven values. Caller executes contract
// calls over proven state (see Verified calls).
//
// Any disagreement between a response and its proofs, or between a proof
// and the root, is an error wrapping ErrProof; a collector must treat it
// as a failed read (never fall back to the unproven value) and may count
// it against the endpoint. Transport errors do not wrap ErrProof.
//
// # Verified calls
//
// Caller makes contract calls (eth_call) without trusting the node's
// answer: it executes each call in go-ethereum's EVM, as go-ethereum
// executes an eth_call, over a state that holds only what is proven
// against the header: accounts and slots proven by eth_getProof, code
// whose keccak256 is the proven code hash, and block hashes linked to the
// header through parent hashes. The node's eth_createAccessList says what
// to prove, but only as a hint: the state records every account, slot,
// code and block hash the execution reads, and a read that nothing proves
// is proven and the call executed again, up to a bound of rounds after
// which the call fails with ErrProof. A node can therefore make a verified
// call fail, never change its answer. With CompareWithNode the node's own
// eth_call is asked too, and an answer differing from the verified one
// fails with ErrProof: the node is lying or broken. Every read of one call
// names the block by hash (EIP-1898), so a block replacing it at its
// number cannot mix two states into one answer.
//
// Local execution is only as right as its rules: the chain configuration
// must be that of the chain served (Caller checks its chain ID against
// eth_chainId), and a call that reaches what go-ethereum's EVM does not
// have, such as an L2's own precompiles, cannot be verified this way.
//
// A proof is only as good as the header it is checked against: Reader
// and Caller check the state root of the header their Headers source
// returns.
// Take headers from a source agreed across endpoints (compare
// header.Hash() between them) to stop one endpoint from serving a
// consistent but fictitious header and state together.
package proof
