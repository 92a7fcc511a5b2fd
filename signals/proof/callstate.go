package proof

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"
)

// provenState is the state of one block that a call may read: what the
// proofs fetched so far prove against header.Root, code checked against
// the proven code hashes, and block hashes linked to header by their
// parent hashes.
type provenState struct {
	header   *types.Header
	accounts map[common.Address]Account
	slots    map[common.Address]map[common.Hash]common.Hash
	codes    map[common.Hash][]byte
	// hashes holds the hash of every block from oldest to the header's
	// parent.
	hashes map[uint64]common.Hash
	oldest uint64
}

func newProvenState(header *types.Header) *provenState {
	st := &provenState{
		header:   header,
		accounts: map[common.Address]Account{},
		slots:    map[common.Address]map[common.Hash]common.Hash{},
		codes:    map[common.Hash][]byte{},
		hashes:   map[uint64]common.Hash{},
	}
	if n := header.Number.Uint64(); n > 0 {
		st.oldest = n - 1
		st.hashes[st.oldest] = header.ParentHash
	}
	return st
}

// add records what p proves.
func (st *provenState) add(p Proven) {
	st.accounts[p.Address] = p.Account
	if len(p.Storage) == 0 {
		return
	}
	slots := st.slots[p.Address]
	if slots == nil {
		slots = map[common.Hash]common.Hash{}
		st.slots[p.Address] = slots
	}
	for _, s := range p.Storage {
		slots[s.Key] = s.Value
	}
}

// storageKnown reports whether slot of addr is proven: listed in a proof,
// or zero because the account is proven absent or without storage.
func (st *provenState) storageKnown(addr common.Address, slot common.Hash) (common.Hash, bool) {
	acc, ok := st.accounts[addr]
	if ok && (!acc.Exists || acc.StorageRoot == types.EmptyRootHash) {
		return common.Hash{}, true
	}
	v, ok := st.slots[addr][slot]
	return v, ok
}

func (st *provenState) countSlots() int {
	n := 0
	for _, s := range st.slots {
		n += len(s)
	}
	return n
}

// needs is what a round of proving must add to a provenState: accounts,
// each with the slots wanted (possibly none), and the hash of every block
// from hashesFrom to the header's parent when hashes is set.
type needs struct {
	accounts   map[common.Address]map[common.Hash]struct{}
	hashes     bool
	hashesFrom uint64
}

func newNeeds() needs {
	return needs{accounts: map[common.Address]map[common.Hash]struct{}{}}
}

func (n needs) account(addr common.Address) {
	if _, ok := n.accounts[addr]; !ok {
		n.accounts[addr] = map[common.Hash]struct{}{}
	}
}

func (n needs) slot(addr common.Address, slot common.Hash) {
	n.account(addr)
	n.accounts[addr][slot] = struct{}{}
}

// list adds the accounts and slots of an access list.
func (n needs) list(al types.AccessList) {
	for _, t := range al {
		n.account(t.Address)
		for _, s := range t.StorageKeys {
			n.slot(t.Address, s)
		}
	}
}

func (n *needs) blockHash(number uint64) {
	if !n.hashes || number < n.hashesFrom {
		n.hashes, n.hashesFrom = true, number
	}
}

func (n needs) empty() bool {
	return len(n.accounts) == 0 && !n.hashes
}

// String names what is needed, for errors.
func (n needs) String() string {
	var parts []string
	addrs := make([]common.Address, 0, len(n.accounts))
	for a := range n.accounts {
		addrs = append(addrs, a)
	}
	slices.SortFunc(addrs, func(a, b common.Address) int { return a.Cmp(b) })
	for _, a := range addrs {
		slots := n.accounts[a]
		if len(slots) == 0 {
			parts = append(parts, "account "+a.Hex())
			continue
		}
		keys := make([]string, 0, len(slots))
		for s := range slots {
			keys = append(keys, s.Hex())
		}
		slices.Sort(keys)
		parts = append(parts, fmt.Sprintf("slots %s of %s", strings.Join(keys, ", "), a.Hex()))
	}
	if n.hashes {
		parts = append(parts, fmt.Sprintf("block hashes from block %d", n.hashesFrom))
	}
	return strings.Join(parts, "; ")
}

// provenReader serves a provenState to go-ethereum's state.StateDB (it
// implements state.Reader) and to the EVM's BLOCKHASH, and records every
// read that the state does not prove in missing. An unproven account
// reads as absent, an unproven slot as zero and an unproven block hash as
// zero, so execution can go on to find further reads; its result is
// discarded unless missing stays empty.
type provenReader struct {
	st *provenState

	mu      sync.Mutex
	missing needs
}

var _ state.Reader = (*provenReader)(nil)

func newProvenReader(st *provenState) *provenReader {
	return &provenReader{st: st, missing: newNeeds()}
}

// Account implements state.Reader.
func (r *provenReader) Account(addr common.Address) (*types.StateAccount, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	acc, ok := r.st.accounts[addr]
	if !ok {
		r.missing.account(addr)
		return nil, nil
	}
	if !acc.Exists {
		return nil, nil
	}
	return &types.StateAccount{
		Nonce:    acc.Nonce,
		Balance:  uint256.MustFromBig(acc.Balance),
		Root:     acc.StorageRoot,
		CodeHash: acc.CodeHash.Bytes(),
	}, nil
}

// Storage implements state.Reader.
func (r *provenReader) Storage(addr common.Address, slot common.Hash) (common.Hash, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.st.storageKnown(addr, slot)
	if !ok {
		r.missing.slot(addr, slot)
	}
	return v, nil
}

// Code implements state.Reader.
func (r *provenReader) Code(addr common.Address, codeHash common.Hash) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	if codeHash == types.EmptyCodeHash {
		return nil
	}
	code, ok := r.st.codes[codeHash]
	if !ok {
		// Proving the account again fetches its code.
		r.missing.account(addr)
	}
	return code
}

// CodeSize implements state.Reader.
func (r *provenReader) CodeSize(addr common.Address, codeHash common.Hash) int {
	return len(r.Code(addr, codeHash))
}

// Has implements state.Reader.
func (r *provenReader) Has(addr common.Address, codeHash common.Hash) bool {
	return len(r.Code(addr, codeHash)) > 0
}

// blockHash is the EVM's GetHash: the hash of block number, which
// BLOCKHASH only asks for within the 256 blocks before the header.
func (r *provenReader) blockHash(number uint64) common.Hash {
	r.mu.Lock()
	defer r.mu.Unlock()
	h, ok := r.st.hashes[number]
	if !ok {
		r.missing.blockHash(number)
	}
	return h
}

func (r *provenReader) needs() needs {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.missing
}
