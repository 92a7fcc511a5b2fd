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
// same block and returns only proven values.
//
// Any disagreement between a response and its proofs, or between a proof
// and the root, is an error wrapping ErrProof; a collector must treat it
// as a failed read (never fall back to the unproven value) and may count
// it against the endpoint. Transport errors do not wrap ErrProof.
//
// A proof is only as good as the header it is checked against: Reader
// checks the state root of the header its Options.Headers source returns.
// Take headers from a source agreed across endpoints (compare
// header.Hash() between them) to stop one endpoint from serving a
// consistent but fictitious header and state together.
package proof
