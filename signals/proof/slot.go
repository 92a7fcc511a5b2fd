package proof

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The slots of Solidity's storage layout ("Layout of State Variables in
// Storage", Solidity documentation): for a mapping declared at slot p, the
// value of key k is at
//
//	keccak256(pad32(k) ‖ pad32(p))
//
// and element i of a dynamic array declared at slot p, for elements of one
// full slot each, is at
//
//	keccak256(pad32(p)) + i   (mod 2²⁵⁶)
//
// where pad32 left-pads a value type to 32 bytes.

// MappingSlot returns the slot of mapping[key] for a mapping declared at
// slot; key is the key left-padded to 32 bytes (common.BytesToHash of an
// address or integer).
func MappingSlot(key, slot common.Hash) common.Hash {
	return crypto.Keccak256Hash(key.Bytes(), slot.Bytes())
}

// ArraySlot returns the slot of element index of a dynamic array declared
// at slot whose elements take one full slot each.
func ArraySlot(slot common.Hash, index uint64) common.Hash {
	base := new(big.Int).SetBytes(crypto.Keccak256(slot.Bytes()))
	base.Add(base, new(big.Int).SetUint64(index))
	return common.BigToHash(base)
}
