package evm

import (
	"bytes"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/rpc"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// Transactions whose fee cap is below the base fee wait in the pool as
// pending (they are next in nonce order) but are never sealed: the pending
// count must reach the collector with the next block.
func TestPendingTxsComeFromTxpoolStatus(t *testing.T) {
	sim := newSim(t)
	ep, err := Dial(t.Context(), sim.IPC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ep.Close)
	mem := startCollector(t, Options{Endpoints: []Endpoint{ep}})
	zero := header(t, sim.Client(), 0)
	waitBlock(t, mem, zero)
	if got, err := value(mem, KindPendingTxs, zero); err != nil || !got.IsZero() {
		t.Errorf("block 0: pending_txs %s (%v), want 0", got, err)
	}

	// 0.001 gwei: go-ethereum's default minimum tip, far below the ~1 gwei
	// base fee.
	low := big.NewInt(1e6)
	for nonce := range uint64(3) {
		sendTransfer(t, sim, nonce, low, low)
	}
	commitWhenPending(t, sim, 3)
	one := header(t, sim.Client(), 1)
	if one.GasUsed != 0 {
		t.Fatalf("block 1 used %d gas; the underpriced transactions were sealed", one.GasUsed)
	}
	waitBlock(t, mem, one)
	if got, err := value(mem, KindPendingTxs, one); err != nil || !got.Equal(decimal.NewFromInt(3)) {
		t.Errorf("block 1: pending_txs %s (%v), want 3", got, err)
	}
}

// A node without the txpool namespace answers "method not found"; the
// collector asks once, keeps reporting everything else, and stays up.
func TestTxpoolNotServedIsAskedOnce(t *testing.T) {
	var asked atomic.Int32
	srv := rpc.NewServer() // a go-ethereum JSON-RPC server with no txpool namespace
	t.Cleanup(srv.Stop)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body), "txpool_status") {
			asked.Add(1)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	noTxpool, err := rpc.DialContext(t.Context(), ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(noTxpool.Close)

	sim := newSim(t)
	cl := sim.Client()
	mem := startCollector(t, Options{Endpoints: []Endpoint{{Name: "sim", Client: cl, RPC: noTxpool}}})
	waitBlock(t, mem, header(t, cl, 0))
	for range 3 {
		sim.Commit()
	}
	waitBlock(t, mem, header(t, cl, 3))

	if n := asked.Load(); n != 1 {
		t.Errorf("txpool_status asked %d times, want once", n)
	}
	if got := mem.Kind(KindPendingTxs); len(got) != 0 {
		t.Errorf("pending_txs emitted without txpool_status: %v", got)
	}
	if got := len(mem.Kind(KindBaseFeeGwei)); got != 4 {
		t.Errorf("%d base fees for blocks 0-3, want 4", got)
	}
	for _, o := range mem.Kind(collect.KindCollectorUp) {
		if !o.Value.Equal(decimal.NewFromInt(1)) {
			t.Errorf("collector_up %s at %v: a missing method is not a failed read", o.Value, o.At)
		}
	}
}
