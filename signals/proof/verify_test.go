package proof_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"

	"github.com/infrarisk/infrarisk/signals/proof"
)

func (c *chain) getProof(t *testing.T, addr common.Address, slots []common.Hash, block int64) *gethclient.AccountResult {
	t.Helper()
	keys := make([]string, len(slots))
	for i, s := range slots {
		keys[i] = s.Hex()
	}
	res, err := gethclient.New(c.rpc).GetProof(context.Background(), addr, keys, big.NewInt(block))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestVerifyAccountProvesAccountState(t *testing.T) {
	c := newChain(t)
	contractCode := crypto.Keccak256Hash(runtimeCode)
	tests := []struct {
		name  string
		addr  common.Address
		block int64
		want  proof.Account
	}{
		// EIP-161: a contract account starts with nonce 1.
		{"contract", c.contract, 2, proof.Account{Exists: true, Nonce: 1, Balance: new(big.Int), CodeHash: contractCode}},
		{"funded account after block 1", c.funded, 1, proof.Account{
			Exists: true, Balance: sentBlock1, StorageRoot: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}},
		{"funded account after block 2", c.funded, 2, proof.Account{
			Exists: true, Balance: new(big.Int).Add(sentBlock1, sentBlock2), StorageRoot: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}},
		{"sender after three transactions", c.sender, 2, proof.Account{
			Exists: true, Nonce: 3, Balance: c.senderBalance[2], StorageRoot: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}},
		{"contract before its deployment", c.contract, 0, proof.Account{
			Balance: new(big.Int), StorageRoot: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}},
		{"never touched account", c.absent, 2, proof.Account{
			Balance: new(big.Int), StorageRoot: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.getProof(t, tt.addr, nil, tt.block)
			got, err := proof.VerifyAccount(c.header(t, tt.block).Root, tt.addr, res.AccountProof)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if tt.name == "contract" {
				// Its storage root is whatever the trie of the words it
				// stored hashes to; it must not be the empty one.
				if got.StorageRoot == types.EmptyRootHash {
					t.Fatal("contract storage root is empty")
				}
				want.StorageRoot = got.StorageRoot
			}
			if got.Exists != want.Exists || got.Nonce != want.Nonce || got.Balance.Cmp(want.Balance) != 0 ||
				got.StorageRoot != want.StorageRoot || got.CodeHash != want.CodeHash {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestVerifyStorageProvesWordsAndMatchesGetStorageAt(t *testing.T) {
	c := newChain(t)
	ctx := context.Background()
	root := c.header(t, 2).Root
	slots := contractSlots()
	words := contractWords()

	res := c.getProof(t, c.contract, slots, 2)
	acc, err := proof.VerifyAccount(root, c.contract, res.AccountProof)
	if err != nil {
		t.Fatal(err)
	}
	for i, slot := range slots {
		got, err := proof.VerifyStorage(acc.StorageRoot, slot, res.StorageProof[i].Proof)
		if err != nil {
			t.Fatalf("slot %s: %v", slot, err)
		}
		if got != words[i] {
			t.Errorf("slot %s: proven %s, stored %s", slot, got, words[i])
		}
		// eth_getStorageAt reads the same state without proofs.
		raw, err := c.client.StorageAt(ctx, c.contract, slot, big.NewInt(2))
		if err != nil {
			t.Fatal(err)
		}
		if common.BytesToHash(raw) != got {
			t.Errorf("slot %s: proven %s, eth_getStorageAt %x", slot, got, raw)
		}
	}
	if len(res.StorageProof[2].Proof) == 0 {
		t.Error("the untouched slot's zero comes without a proof of absence")
	}
}

func TestVerifyStorageOfAccountWithoutStorageIsZero(t *testing.T) {
	got, err := proof.VerifyStorage(types.EmptyRootHash, common.Hash{}, nil)
	if err != nil || got != (common.Hash{}) {
		t.Fatalf("got %s, %v; want zero", got, err)
	}
}
