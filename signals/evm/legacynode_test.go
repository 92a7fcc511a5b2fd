package evm

import (
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/ethereum/go-ethereum/trie"
)

// legacyChain builds a chain of blocks from before London (no base fee):
// block i holds one legacy transfer per gas price in prices[i] (wei), and
// comes intervals[i] seconds after its parent.
func legacyChain(prices [][]int64, intervals []uint64) []*types.Block {
	var (
		blocks []*types.Block
		parent *types.Header
		nonce  uint64
	)
	for i, ps := range prices {
		h := &types.Header{
			Number: big.NewInt(int64(i)), Time: 1_600_000_000, GasLimit: 8_000_000,
			Difficulty: big.NewInt(131072), GasUsed: 21000 * uint64(len(ps)),
		}
		if parent != nil {
			h.ParentHash, h.Time = parent.Hash(), parent.Time+intervals[i]
		}
		var txs []*types.Transaction
		for _, p := range ps {
			txs = append(txs, types.MustSignNewTx(testKey, types.HomesteadSigner{}, &types.LegacyTx{
				Nonce: nonce, GasPrice: big.NewInt(p), Gas: 21000, To: &recipient, Value: big.NewInt(1),
			}))
			nonce++
		}
		b := types.NewBlock(h, &types.Body{Transactions: txs}, nil, trie.NewStackTrie(nil))
		blocks = append(blocks, b)
		parent = b.Header()
	}
	return blocks
}

// legacyNode serves blocks over HTTP with go-ethereum's JSON-RPC server,
// answering eth_getBlockByNumber, eth_getBlockByHash and (if pending is
// not negative) txpool_status in go-ethereum's wire format. It has the
// blocks up to height; "latest" is block height.
type legacyNode struct {
	blocks  []*types.Block
	height  atomic.Uint64
	down    atomic.Bool // answer every request with HTTP 503
	pending int64
	URL     string
}

func startLegacyNode(t *testing.T, blocks []*types.Block, pending int64) *legacyNode {
	t.Helper()
	n := &legacyNode{blocks: blocks, pending: pending}
	srv := rpc.NewServer()
	if err := srv.RegisterName("eth", legacyEth{n}); err != nil {
		t.Fatal(err)
	}
	if pending >= 0 {
		if err := srv.RegisterName("txpool", legacyTxpool{n}); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.down.Load() {
			http.Error(w, "node restarting", http.StatusServiceUnavailable)
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		ts.Close()
		srv.Stop()
	})
	n.URL = ts.URL
	return n
}

type legacyEth struct{ n *legacyNode }

func (e legacyEth) GetBlockByNumber(num rpc.BlockNumber, full bool) (map[string]any, error) {
	h := e.n.height.Load()
	if num >= 0 {
		if uint64(num) > h {
			return nil, nil
		}
		h = uint64(num)
	}
	return rpcBlock(e.n.blocks[h], full)
}

func (e legacyEth) GetBlockByHash(hash common.Hash, full bool) (map[string]any, error) {
	for _, b := range e.n.blocks[:e.n.height.Load()+1] {
		if b.Hash() == hash {
			return rpcBlock(b, full)
		}
	}
	return nil, nil
}

type legacyTxpool struct{ n *legacyNode }

func (p legacyTxpool) Status() map[string]hexutil.Uint {
	return map[string]hexutil.Uint{"pending": hexutil.Uint(p.n.pending), "queued": 0}
}

// rpcBlock is a block as eth_getBlockBy* returns it: the header's fields,
// the transactions (objects if full, else hashes), uncles and size.
func rpcBlock(b *types.Block, full bool) (map[string]any, error) {
	m, err := jsonObject(b.Header())
	if err != nil {
		return nil, err
	}
	txs := []any{}
	for i, tx := range b.Transactions() {
		if !full {
			txs = append(txs, tx.Hash())
			continue
		}
		o, err := jsonObject(tx)
		if err != nil {
			return nil, err
		}
		o["blockHash"], o["blockNumber"] = b.Hash(), (*hexutil.Big)(b.Number())
		o["from"], o["transactionIndex"] = testAddr, hexutil.Uint64(i)
		txs = append(txs, o)
	}
	m["transactions"], m["uncles"], m["size"] = txs, []common.Hash{}, hexutil.Uint64(b.Size())
	return m, nil
}

func jsonObject(v any) (map[string]any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}
