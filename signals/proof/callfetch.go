package proof

import (
	"context"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// maxBatch bounds the calls sent in one JSON-RPC batch; providers cap
// batches (commonly at 100 or 1000 calls).
const maxBatch = 50

// blockArg names the header's block by hash (EIP-1898), so that every
// read of a call is of that block even if another one takes its number.
func blockArg(header *types.Header) map[string]any {
	return map[string]any{"blockHash": header.Hash()}
}

// prove adds to st what want names and st does not yet prove: the
// account proofs and storage proofs (eth_getProof), the code of every
// proven contract (eth_getCode, checked against its proven code hash) and
// the hashes of earlier blocks (headers linked to st.header by their
// parent hashes). Anything that does not verify is an error wrapping
// ErrProof.
func (c *Caller) prove(ctx context.Context, st *provenState, want needs) error {
	if err := c.proveAccounts(ctx, st, want); err != nil {
		return err
	}
	if err := c.fetchCode(ctx, st); err != nil {
		return err
	}
	if want.hashes && want.hashesFrom < st.oldest {
		return c.linkHeaders(ctx, st, want.hashesFrom)
	}
	return nil
}

// proofRequest is one eth_getProof to make.
type proofRequest struct {
	addr  common.Address
	slots []common.Hash
}

func (c *Caller) proveAccounts(ctx context.Context, st *provenState, want needs) error {
	var reqs []proofRequest
	for addr, wanted := range want.accounts {
		var slots []common.Hash
		for s := range wanted {
			if _, ok := st.storageKnown(addr, s); !ok {
				slots = append(slots, s)
			}
		}
		if _, ok := st.accounts[addr]; ok && len(slots) == 0 {
			continue
		}
		slices.SortFunc(slots, func(a, b common.Hash) int { return a.Cmp(b) })
		reqs = append(reqs, proofRequest{addr, slots})
	}
	slices.SortFunc(reqs, func(a, b proofRequest) int { return a.addr.Cmp(b.addr) })
	results := make([]proofResponse, len(reqs))
	elems := make([]rpc.BatchElem, len(reqs))
	for i, req := range reqs {
		keys := make([]string, len(req.slots))
		for j, s := range req.slots {
			keys[j] = s.Hex()
		}
		elems[i] = rpc.BatchElem{Method: "eth_getProof", Args: []any{req.addr, keys, blockArg(st.header)}, Result: &results[i]}
	}
	if err := c.batch(ctx, elems, func(i int) string {
		return fmt.Sprintf("eth_getProof %s at block %s", reqs[i].addr, st.header.Number)
	}); err != nil {
		return err
	}
	for i, req := range reqs {
		proven, err := checkRequested(st.header, req.addr, req.slots, results[i].accountResult())
		if err != nil {
			return err
		}
		st.add(proven)
	}
	return nil
}

// fetchCode gives st the code of every proven contract, from the cache
// or eth_getCode, and checks it against the proven code hash.
func (c *Caller) fetchCode(ctx context.Context, st *provenState) error {
	var addrs []common.Address
	wanted := map[common.Hash]bool{}
	for addr, acc := range st.accounts {
		hash := acc.CodeHash
		if _, ok := st.codes[hash]; ok || hash == types.EmptyCodeHash || wanted[hash] {
			continue
		}
		if code, ok := c.codes.get(hash); ok {
			st.codes[hash] = code
			continue
		}
		wanted[hash] = true
		addrs = append(addrs, addr)
	}
	slices.SortFunc(addrs, func(a, b common.Address) int { return a.Cmp(b) })
	codes := make([]hexutil.Bytes, len(addrs))
	elems := make([]rpc.BatchElem, len(addrs))
	for i, addr := range addrs {
		elems[i] = rpc.BatchElem{Method: "eth_getCode", Args: []any{addr, blockArg(st.header)}, Result: &codes[i]}
	}
	if err := c.batch(ctx, elems, func(i int) string {
		return fmt.Sprintf("eth_getCode %s at block %s", addrs[i], st.header.Number)
	}); err != nil {
		return err
	}
	for i, addr := range addrs {
		want := st.accounts[addr].CodeHash
		if got := crypto.Keccak256Hash(codes[i]); got != want {
			return fmt.Errorf("%w: code of %s at block %s: keccak256 is %s, proven code hash %s",
				ErrProof, addr, st.header.Number, got, want)
		}
		st.codes[want] = codes[i]
		c.codes.put(want, codes[i])
	}
	return nil
}

// linkHeaders proves the hashes of the blocks from `from` to st.oldest
// by fetching the headers above them and checking that each hashes to
// the parent hash of the one after it, starting from st.header.
func (c *Caller) linkHeaders(ctx context.Context, st *provenState, from uint64) error {
	// The hash of block n is proven by the header of block n+1.
	numbers := make([]uint64, 0, st.oldest-from)
	for n := st.oldest; n > from; n-- {
		numbers = append(numbers, n)
	}
	headers := make([]*types.Header, len(numbers))
	elems := make([]rpc.BatchElem, len(numbers))
	for i, n := range numbers {
		elems[i] = rpc.BatchElem{Method: "eth_getBlockByNumber", Args: []any{hexutil.EncodeUint64(n), false}, Result: &headers[i]}
	}
	if err := c.batch(ctx, elems, func(i int) string {
		return fmt.Sprintf("header of block %d", numbers[i])
	}); err != nil {
		return err
	}
	for i, n := range numbers {
		h := headers[i]
		if h == nil {
			return fmt.Errorf("proof: no header for block %d", n)
		}
		if h.Hash() != st.hashes[n] {
			return fmt.Errorf("%w: header of block %d hashes to %s, the next block's parent hash is %s",
				ErrProof, n, h.Hash(), st.hashes[n])
		}
		st.hashes[n-1] = h.ParentHash
		st.oldest = n - 1
	}
	return nil
}

// batch sends elems in batches of at most maxBatch and returns the first
// error, named by name(i).
func (c *Caller) batch(ctx context.Context, elems []rpc.BatchElem, name func(i int) string) error {
	for start := 0; start < len(elems); start += maxBatch {
		part := elems[start:min(start+maxBatch, len(elems))]
		if err := c.rpc.BatchCallContext(ctx, part); err != nil {
			return fmt.Errorf("proof: %s: %w", name(start), err)
		}
		for i, e := range part {
			if e.Error != nil {
				return fmt.Errorf("proof: %s: %w", name(start+i), e.Error)
			}
		}
	}
	return nil
}

// proofResponse is an eth_getProof response as it is on the wire.
type proofResponse struct {
	Address      common.Address `json:"address"`
	AccountProof []string       `json:"accountProof"`
	Balance      *hexutil.Big   `json:"balance"`
	CodeHash     common.Hash    `json:"codeHash"`
	Nonce        hexutil.Uint64 `json:"nonce"`
	StorageHash  common.Hash    `json:"storageHash"`
	StorageProof []struct {
		Key   string       `json:"key"`
		Value *hexutil.Big `json:"value"`
		Proof []string     `json:"proof"`
	} `json:"storageProof"`
}

func (p *proofResponse) accountResult() *gethclient.AccountResult {
	res := &gethclient.AccountResult{
		Address:      p.Address,
		AccountProof: p.AccountProof,
		Balance:      p.Balance.ToInt(),
		CodeHash:     p.CodeHash,
		Nonce:        uint64(p.Nonce),
		StorageHash:  p.StorageHash,
	}
	for _, s := range p.StorageProof {
		res.StorageProof = append(res.StorageProof, gethclient.StorageResult{Key: s.Key, Value: s.Value.ToInt(), Proof: s.Proof})
	}
	return res
}
