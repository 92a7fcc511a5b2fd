package proof

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"
)

// Proven is what an eth_getProof response proves against a state root.
type Proven struct {
	Address common.Address
	Account Account
	// Storage holds the proven slots in the order of the response.
	Storage []Slot
}

// Slot is one storage slot and its proven 32-byte word.
type Slot struct {
	Key   common.Hash
	Value common.Hash
}

// Check verifies an eth_getProof response against header.Root: the
// account proof and every storage proof must hold, and every value the
// response states (nonce, balance, storageHash, codeHash, each storage
// value) must equal the proven one. For an absent account a storageHash
// and codeHash of zero are accepted as well as the empty ones, since
// clients differ there (go-ethereum reports zero).
//
// Check proves what the response says about res.Address and the keys it
// lists; a caller must also check that these are the address and slots it
// asked for (Reader does).
func Check(header *types.Header, res *gethclient.AccountResult) (Proven, error) {
	if header == nil || res == nil {
		return Proven{}, errors.New("proof: nil header or response")
	}
	acc, err := VerifyAccount(header.Root, res.Address, res.AccountProof)
	if err != nil {
		return Proven{}, err
	}
	if err := compareAccount(acc, res); err != nil {
		return Proven{}, fmt.Errorf("%w: account %s at block %s: %w", ErrProof, res.Address, header.Number, err)
	}
	storage := make([]Slot, 0, len(res.StorageProof))
	for i, sr := range res.StorageProof {
		key, err := parseStorageKey(sr.Key)
		if err != nil {
			return Proven{}, fmt.Errorf("%w: storage proof %d: %w", ErrProof, i, err)
		}
		value, err := VerifyStorage(acc.StorageRoot, key, sr.Proof)
		if err != nil {
			return Proven{}, err
		}
		if sr.Value == nil || sr.Value.Cmp(value.Big()) != 0 {
			return Proven{}, fmt.Errorf("%w: slot %s of %s: response says %v, proof says %s",
				ErrProof, key, res.Address, sr.Value, value.Big())
		}
		storage = append(storage, Slot{Key: key, Value: value})
	}
	return Proven{Address: res.Address, Account: acc, Storage: storage}, nil
}

// compareAccount returns an error naming the first field of res that is
// not what acc, the proven account, holds.
func compareAccount(acc Account, res *gethclient.AccountResult) error {
	if res.Nonce != acc.Nonce {
		return fmt.Errorf("nonce: response says %d, proof says %d", res.Nonce, acc.Nonce)
	}
	if res.Balance == nil || res.Balance.Cmp(acc.Balance) != 0 {
		return fmt.Errorf("balance: response says %v, proof says %s", res.Balance, acc.Balance)
	}
	if !sameHash(res.StorageHash, acc.StorageRoot, acc.Exists) {
		return fmt.Errorf("storage hash: response says %s, proof says %s", res.StorageHash, acc.StorageRoot)
	}
	if !sameHash(res.CodeHash, acc.CodeHash, acc.Exists) {
		return fmt.Errorf("code hash: response says %s, proof says %s", res.CodeHash, acc.CodeHash)
	}
	return nil
}

// sameHash reports whether a stated hash matches a proven one; for an
// absent account zero stands for the proven empty hash.
func sameHash(stated, proven common.Hash, exists bool) bool {
	return stated == proven || (!exists && stated == common.Hash{})
}

// parseStorageKey reads a storage key as eth_getProof echoes it: a
// 32-byte hash, or a QUANTITY without leading zeros (EIP-1186 leaves the
// form open, and clients differ).
func parseStorageKey(s string) (common.Hash, error) {
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(h)%2 == 1 {
		h = "0" + h
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) > common.HashLength {
		return common.Hash{}, fmt.Errorf("bad storage key %q", s)
	}
	return common.BytesToHash(b), nil
}
