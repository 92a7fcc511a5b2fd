package proof

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethdb/memorydb"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/ethereum/go-ethereum/trie"
)

// ErrProof is wrapped by every error that means a response does not prove
// what it claims: a proof that does not lead from the root to the key, a
// node that is not well formed, or a stated value that differs from the
// proven one.
var ErrProof = errors.New("proof: verification failed")

// Account is an account as the state trie holds it.
type Account struct {
	// Exists is false when the proof shows that the trie has no entry
	// for the address. The other fields then describe an empty account:
	// nonce 0, balance 0, types.EmptyRootHash and types.EmptyCodeHash.
	Exists      bool
	Nonce       uint64
	Balance     *big.Int
	StorageRoot common.Hash
	CodeHash    common.Hash
}

// absentAccount is what a proof of absence proves.
func absentAccount() Account {
	return Account{
		Balance:     new(big.Int),
		StorageRoot: types.EmptyRootHash,
		CodeHash:    types.EmptyCodeHash,
	}
}

// VerifyAccount checks accountProof (the hex-encoded trie nodes of an
// eth_getProof response) against stateRoot and returns the account it
// proves for addr, or an absent account if it proves that there is none.
func VerifyAccount(stateRoot common.Hash, addr common.Address, accountProof []string) (Account, error) {
	value, err := verify(stateRoot, crypto.Keccak256(addr.Bytes()), accountProof)
	if err != nil {
		return Account{}, fmt.Errorf("%w: account %s: %w", ErrProof, addr, err)
	}
	if value == nil {
		return absentAccount(), nil
	}
	var acc types.StateAccount
	if err := rlp.DecodeBytes(value, &acc); err != nil {
		return Account{}, fmt.Errorf("%w: account %s: decode: %w", ErrProof, addr, err)
	}
	if len(acc.CodeHash) != common.HashLength {
		return Account{}, fmt.Errorf("%w: account %s: code hash of %d bytes", ErrProof, addr, len(acc.CodeHash))
	}
	balance := new(big.Int)
	if acc.Balance != nil {
		balance = acc.Balance.ToBig()
	}
	return Account{
		Exists:      true,
		Nonce:       acc.Nonce,
		Balance:     balance,
		StorageRoot: acc.Root,
		CodeHash:    common.BytesToHash(acc.CodeHash),
	}, nil
}

// VerifyStorage checks a storage proof against an account's storage root
// and returns the 32-byte word it proves for slot: zero if the proof shows
// that the slot is not in the trie. An account without storage has the
// root types.EmptyRootHash, which proves every slot zero on its own;
// proof is then not read.
func VerifyStorage(storageRoot common.Hash, slot common.Hash, proof []string) (common.Hash, error) {
	if storageRoot == types.EmptyRootHash {
		return common.Hash{}, nil
	}
	value, err := verify(storageRoot, crypto.Keccak256(slot.Bytes()), proof)
	if err != nil {
		return common.Hash{}, fmt.Errorf("%w: slot %s: %w", ErrProof, slot, err)
	}
	if value == nil {
		return common.Hash{}, nil
	}
	var word []byte
	if err := rlp.DecodeBytes(value, &word); err != nil {
		return common.Hash{}, fmt.Errorf("%w: slot %s: decode: %w", ErrProof, slot, err)
	}
	if len(word) > common.HashLength {
		return common.Hash{}, fmt.Errorf("%w: slot %s: value of %d bytes", ErrProof, slot, len(word))
	}
	return common.BytesToHash(word), nil
}

// verify walks proof from root to key (already hashed) and returns the
// value at key, or nil if the proof shows that key is absent.
func verify(root common.Hash, key []byte, proof []string) ([]byte, error) {
	db := memorydb.New()
	for i, enc := range proof {
		node, err := hexutil.Decode(enc)
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		if err := db.Put(crypto.Keccak256(node), node); err != nil {
			return nil, err
		}
	}
	return trie.VerifyProof(root, key, db)
}
