package proof_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"

	"github.com/infrarisk/infrarisk/signals/proof"
)

func TestCheckAcceptsHonestResponses(t *testing.T) {
	c := newChain(t)
	header := c.header(t, 2)
	slots := contractSlots()
	words := contractWords()

	got, err := proof.Check(header, c.getProof(t, c.contract, slots, 2))
	if err != nil {
		t.Fatal(err)
	}
	if got.Address != c.contract || !got.Account.Exists || len(got.Storage) != len(slots) {
		t.Fatalf("got %+v", got)
	}
	for i, s := range got.Storage {
		if s.Key != slots[i] || s.Value != words[i] {
			t.Errorf("storage %d: got %s=%s, want %s=%s", i, s.Key, s.Value, slots[i], words[i])
		}
	}

	got, err = proof.Check(header, c.getProof(t, c.funded, nil, 2))
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(sentBlock1, sentBlock2); got.Account.Balance.Cmp(want) != 0 {
		t.Errorf("funded balance %s, want %s", got.Account.Balance, want)
	}

	// go-ethereum answers for an absent account with a zero storage hash
	// and code hash; the proof of absence covers them and its slots.
	got, err = proof.Check(header, c.getProof(t, c.absent, []common.Hash{{}}, 2))
	if err != nil {
		t.Fatal(err)
	}
	if got.Account.Exists || got.Storage[0].Value != (common.Hash{}) {
		t.Fatalf("absent account: got %+v", got)
	}
}

func TestCheckRejectsTamperedResponses(t *testing.T) {
	c := newChain(t)
	slots := []common.Hash{{}, common.BigToHash(big.NewInt(1)), untouchedSlot}
	contract := c.getProof(t, c.contract, slots, 2)
	funded := c.getProof(t, c.funded, nil, 2)
	absent := c.getProof(t, c.absent, []common.Hash{{}}, 2)
	header1, header2 := c.header(t, 1), c.header(t, 2)

	tests := []struct {
		name   string
		res    *gethclient.AccountResult
		header *types.Header
		tamper func(r *gethclient.AccountResult)
	}{
		{"storage value changed", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[1].Value = big.NewInt(6)
		}},
		{"untouched slot claimed non-zero", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[2].Value = big.NewInt(1)
		}},
		{"storage value missing", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[0].Value = nil
		}},
		{"balance changed", contract, header2, func(r *gethclient.AccountResult) {
			r.Balance = big.NewInt(1)
		}},
		{"balance of the block before", funded, header2, func(r *gethclient.AccountResult) {
			r.Balance = new(big.Int).Set(sentBlock1)
		}},
		{"nonce changed", contract, header2, func(r *gethclient.AccountResult) {
			r.Nonce++
		}},
		{"storage hash changed", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageHash = types.EmptyRootHash
		}},
		{"code hash changed", contract, header2, func(r *gethclient.AccountResult) {
			r.CodeHash = types.EmptyCodeHash
		}},
		{"byte of the account proof's root node changed", contract, header2, func(r *gethclient.AccountResult) {
			r.AccountProof[0] = flipByte(t, r.AccountProof[0])
		}},
		{"byte of the account proof's leaf changed", contract, header2, func(r *gethclient.AccountResult) {
			last := len(r.AccountProof) - 1
			r.AccountProof[last] = flipByte(t, r.AccountProof[last])
		}},
		{"account proof's root node dropped", contract, header2, func(r *gethclient.AccountResult) {
			r.AccountProof = r.AccountProof[1:]
		}},
		{"account proof's leaf dropped", contract, header2, func(r *gethclient.AccountResult) {
			r.AccountProof = r.AccountProof[:len(r.AccountProof)-1]
		}},
		{"account proof node not hex", contract, header2, func(r *gethclient.AccountResult) {
			r.AccountProof[0] = "0xzz"
		}},
		{"byte of a storage proof node changed", contract, header2, func(r *gethclient.AccountResult) {
			p := r.StorageProof[1].Proof
			p[len(p)-1] = flipByte(t, p[len(p)-1])
		}},
		{"storage proof node dropped", contract, header2, func(r *gethclient.AccountResult) {
			p := r.StorageProof[1].Proof
			r.StorageProof[1].Proof = p[:len(p)-1]
		}},
		{"storage proof relabelled as another slot", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[0].Key = r.StorageProof[1].Key
		}},
		{"storage key not hex", contract, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[0].Key = "0xslot"
		}},
		{"checked against the previous block's root", funded, header1, func(*gethclient.AccountResult) {}},
		{"absent account claimed funded", absent, header2, func(r *gethclient.AccountResult) {
			r.Balance = big.NewInt(1)
		}},
		{"absent account claimed to hold a word", absent, header2, func(r *gethclient.AccountResult) {
			r.StorageProof[0].Value = big.NewInt(1)
		}},
		{"proof of absence for a funded account", funded, header2, func(r *gethclient.AccountResult) {
			r.AccountProof = absent.AccountProof
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Untampered, the response passes against its own block, so
			// the failure below is the tampering's.
			if _, err := proof.Check(header2, tt.res); err != nil {
				t.Fatalf("untampered: %v", err)
			}
			res := cloneResult(tt.res)
			tt.tamper(res)
			_, err := proof.Check(tt.header, res)
			if !errors.Is(err, proof.ErrProof) {
				t.Fatalf("got %v, want ErrProof", err)
			}
			if !strings.HasPrefix(err.Error(), "proof: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func cloneResult(r *gethclient.AccountResult) *gethclient.AccountResult {
	out := *r
	out.AccountProof = append([]string(nil), r.AccountProof...)
	if r.Balance != nil {
		out.Balance = new(big.Int).Set(r.Balance)
	}
	out.StorageProof = make([]gethclient.StorageResult, len(r.StorageProof))
	for i, s := range r.StorageProof {
		out.StorageProof[i] = gethclient.StorageResult{Key: s.Key, Value: new(big.Int).Set(s.Value), Proof: append([]string(nil), s.Proof...)}
	}
	return &out
}

// flipByte returns the hex node with its middle byte inverted.
func flipByte(t *testing.T, node string) string {
	t.Helper()
	b, err := hexutil.Decode(node)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	return hexutil.Encode(b)
}
