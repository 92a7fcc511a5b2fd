package proof_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/proof"
)

func TestNewRequiresClient(t *testing.T) {
	if _, err := proof.New(proof.Options{}); err == nil {
		t.Fatal("New accepted Options without a Client")
	}
}

func TestReadSlotsReturnsProvenValuesAtEachBlock(t *testing.T) {
	c := newChain(t)
	ctx := context.Background()
	r, err := proof.New(proof.Options{Client: c.rpc})
	if err != nil {
		t.Fatal(err)
	}
	// The contract's mapping entry and array element are found where the
	// EVM's KECCAK256 put them in initCode.
	slots := []common.Hash{
		{}, common.BigToHash(big.NewInt(1)), untouchedSlot,
		proof.MappingSlot(mappingKey, mappingSlot),
		proof.ArraySlot(arraySlot, arrayIndex),
	}
	words := []common.Hash{slot0Word, slot1Word, {}, mappingWord, arrayWord}
	zero := make([]common.Hash, len(slots))
	finalized, err := c.client.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber)))
	if err != nil {
		t.Fatal(err)
	}
	wordsIfDeployed := func(number int64) []common.Hash {
		if number >= 1 {
			return words
		}
		return zero
	}

	tests := []struct {
		name  string
		block *big.Int
		want  []common.Hash
		// number is the block the read resolves to.
		number int64
	}{
		{"before deployment", big.NewInt(0), zero, 0},
		{"deployment block", big.NewInt(1), words, 1},
		{"later block", big.NewInt(2), words, 2},
		{"latest", nil, words, 2},
		{"finalized", big.NewInt(int64(rpc.FinalizedBlockNumber)), wordsIfDeployed(finalized.Number.Int64()), finalized.Number.Int64()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, header, err := r.ReadSlots(ctx, c.contract, slots, tt.block)
			if err != nil {
				t.Fatal(err)
			}
			if want := c.header(t, tt.number); header.Hash() != want.Hash() {
				t.Fatalf("verified against header %s (block %s), want %s (block %d)", header.Hash(), header.Number, want.Hash(), tt.number)
			}
			for i := range slots {
				if got[i] != tt.want[i] {
					t.Errorf("slot %s: got %s, want %s", slots[i], got[i], tt.want[i])
				}
				// eth_getStorageAt reads the same state without proofs.
				raw, err := c.client.StorageAt(ctx, c.contract, slots[i], header.Number)
				if err != nil {
					t.Fatal(err)
				}
				if common.BytesToHash(raw) != got[i] {
					t.Errorf("slot %s: proven %s, eth_getStorageAt %x", slots[i], got[i], raw)
				}
			}
		})
	}
}

func TestReadReturnsProvenBalanceAtEachBlock(t *testing.T) {
	c := newChain(t)
	ctx := context.Background()
	r, err := proof.New(proof.Options{Client: c.rpc, Headers: c.client})
	if err != nil {
		t.Fatal(err)
	}
	for block, want := range []*big.Int{new(big.Int), sentBlock1, new(big.Int).Add(sentBlock1, sentBlock2)} {
		res, err := r.Read(ctx, c.funded, nil, big.NewInt(int64(block)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Account.Exists != (block > 0) || res.Account.Balance.Cmp(want) != 0 {
			t.Errorf("block %d: got %+v, want balance %s", block, res.Account, want)
		}
		got, err := c.client.BalanceAt(ctx, c.funded, big.NewInt(int64(block)))
		if err != nil {
			t.Fatal(err)
		}
		if got.Cmp(res.Account.Balance) != 0 {
			t.Errorf("block %d: proven %s, eth_getBalance %s", block, res.Account.Balance, got)
		}
	}
}

func TestReadRejectsTamperingEndpoint(t *testing.T) {
	c := newChain(t)
	ctx := context.Background()
	slots := []common.Hash{{}, common.BigToHash(big.NewInt(1))}
	header1 := c.header(t, 1)

	onMethod := func(method string, edit func(params []json.RawMessage)) func(string, []json.RawMessage) []json.RawMessage {
		return func(m string, params []json.RawMessage) []json.RawMessage {
			if m == method {
				edit(params)
			}
			return params
		}
	}
	onResult := func(method string, edit func(m map[string]any)) func(string, json.RawMessage) json.RawMessage {
		return func(m string, result json.RawMessage) json.RawMessage {
			if m != method {
				return result
			}
			return editJSON(t, result, edit)
		}
	}
	tests := []struct {
		name string
		rw   rewrite
		// proofErr is whether the error must wrap ErrProof; a refused
		// call must not.
		proofErr bool
	}{
		{"forged balance", rewrite{response: onResult("eth_getProof", func(m map[string]any) {
			m["balance"] = "0x1"
		})}, true},
		{"forged storage value", rewrite{response: onResult("eth_getProof", func(m map[string]any) {
			m["storageProof"].([]any)[1].(map[string]any)["value"] = "0x6"
		})}, true},
		{"changed byte in a proof node", rewrite{response: onResult("eth_getProof", func(m map[string]any) {
			nodes := m["accountProof"].([]any)
			nodes[0] = flipByte(t, nodes[0].(string))
		})}, true},
		{"proof of another account", rewrite{request: onMethod("eth_getProof", func(p []json.RawMessage) {
			p[0] = mustJSON(t, c.funded)
		})}, true},
		{"proofs of other slots", rewrite{request: onMethod("eth_getProof", func(p []json.RawMessage) {
			p[1] = mustJSON(t, []string{slots[1].Hex(), slots[1].Hex()})
		})}, true},
		{"proof of fewer slots", rewrite{request: onMethod("eth_getProof", func(p []json.RawMessage) {
			p[1] = mustJSON(t, []string{slots[0].Hex()})
		})}, true},
		{"proof at another block", rewrite{request: onMethod("eth_getProof", func(p []json.RawMessage) {
			p[2] = mustJSON(t, hexutil.EncodeUint64(1))
		})}, true},
		{"header of another block", rewrite{request: onMethod("eth_getBlockByNumber", func(p []json.RawMessage) {
			p[0] = mustJSON(t, hexutil.EncodeUint64(1))
		})}, true},
		{"header with another state root", rewrite{response: onResult("eth_getBlockByNumber", func(m map[string]any) {
			m["stateRoot"] = header1.Root.Hex()
		})}, true},
		{"eth_getProof refused", rewrite{refuse: "eth_getProof"}, false},
		{"header refused", rewrite{refuse: "eth_getBlockByNumber"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := proof.New(proof.Options{Client: endpoint(t, c.rpc, tt.rw)})
			if err != nil {
				t.Fatal(err)
			}
			values, header, err := r.ReadSlots(ctx, c.contract, slots, big.NewInt(2))
			if err == nil {
				t.Fatalf("accepted %v at block %s", values, header.Number)
			}
			if errors.Is(err, proof.ErrProof) != tt.proofErr {
				t.Fatalf("got %v; wraps ErrProof: %t, want %t", err, errors.Is(err, proof.ErrProof), tt.proofErr)
			}
		})
	}
}

func TestReadThroughHonestEndpointPasses(t *testing.T) {
	// The forwarding endpoint of TestReadRejectsTamperingEndpoint,
	// rewriting nothing, serves reads that pass.
	c := newChain(t)
	r, err := proof.New(proof.Options{Client: endpoint(t, c.rpc, rewrite{})})
	if err != nil {
		t.Fatal(err)
	}
	values, header, err := r.ReadSlots(context.Background(), c.contract, []common.Hash{{}, common.BigToHash(big.NewInt(1))}, big.NewInt(2))
	if err != nil {
		t.Fatal(err)
	}
	if values[0] != slot0Word || values[1] != slot1Word || header.Hash() != c.header(t, 2).Hash() {
		t.Fatalf("got %v at %s", values, header.Hash())
	}
}
