package evm

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

const testChain = "devnet"

// testKey is the funded account of go-ethereum's own test suites.
var (
	testKey, _ = crypto.HexToECDSA("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291")
	testAddr   = crypto.PubkeyToAddress(testKey.PublicKey)
	recipient  = common.HexToAddress("0x00000000000000000000000000000000c0ffee")
	simChainID = big.NewInt(1337) // the simulated backend's chain ID
)

// testSim is a simulated chain with testAddr funded, also served over IPC
// (the simulated client hides its raw RPC client, which txpool_status
// needs).
type testSim struct {
	*simulated.Backend
	IPC string      // the node's IPC path
	RPC *rpc.Client // connected to IPC
}

// newSim starts a testSim; it is closed when the test ends.
func newSim(t *testing.T, opts ...func(*node.Config, *ethconfig.Config)) *testSim {
	t.Helper()
	dir, err := os.MkdirTemp("", "evm") // short: a socket path has a length limit
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ipc := filepath.Join(dir, "node.ipc")
	opts = append(opts, func(nc *node.Config, _ *ethconfig.Config) { nc.IPCPath = ipc })
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	sim := simulated.NewBackend(types.GenesisAlloc{testAddr: {Balance: new(big.Int).Mul(eth, big.NewInt(1000))}}, opts...)
	t.Cleanup(func() { sim.Close() })
	rc, err := rpc.Dial(ipc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Close)
	return &testSim{Backend: sim, IPC: ipc, RPC: rc}
}

// sendTransfer sends an EIP-1559 transfer of 1 wei from testAddr.
func sendTransfer(t *testing.T, sim *testSim, nonce uint64, feeCap, tip *big.Int) {
	t.Helper()
	tx := types.MustSignNewTx(testKey, types.LatestSignerForChainID(simChainID), &types.DynamicFeeTx{
		ChainID: simChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &recipient, Value: big.NewInt(1),
	})
	if err := sim.Client().SendTransaction(context.Background(), tx); err != nil {
		t.Fatalf("send transaction %d: %v", nonce, err)
	}
}

// commitWhenPending waits until the simulated node's pool has n pending
// transactions, then seals a block. The pool promotes new transactions on
// its own goroutine; sealing before that would leave some out.
func commitWhenPending(t *testing.T, sim *testSim, n uint64) {
	t.Helper()
	checkFor(t, 5*time.Second, time.Millisecond, func() error {
		var st txpoolStatus
		if err := sim.RPC.CallContext(context.Background(), &st, "txpool_status"); err != nil {
			return err
		}
		if uint64(st.Pending) != n {
			return fmt.Errorf("pool has %d pending transactions, want %d", st.Pending, n)
		}
		return nil
	})
	sim.Commit()
}

// header reads block n of the simulated chain.
func header(t *testing.T, c Client, n uint64) *types.Header {
	t.Helper()
	h, err := c.HeaderByNumber(context.Background(), new(big.Int).SetUint64(n))
	if err != nil {
		t.Fatalf("header %d: %v", n, err)
	}
	return h
}

// startCollector runs a collector with test defaults (fast backoff, fast
// polling, a Memory sink) until the test ends, checking then that Run
// returns promptly.
func startCollector(t *testing.T, opts Options) *collect.Memory {
	t.Helper()
	mem := &collect.Memory{}
	opts.Chain = testChain
	opts.Sink = mem
	if opts.Backoff == (collect.Backoff{}) {
		opts.Backoff = collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond}
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 20 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v after cancel, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return within 5s of cancel")
		}
	})
	return mem
}

// testWriter sends log lines to t.Log, so they show with -v or on failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// checkFor calls f every sleep until it returns nil, failing the test with
// f's last error after total.
func checkFor(t *testing.T, total, sleep time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(total)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(sleep)
	}
}

// at returns the observation time of block h's values.
func at(h *types.Header) time.Time { return time.Unix(int64(h.Time), 0).UTC() }

// values returns the observations of kind made for block time t.
func values(mem *collect.Memory, kind string, t time.Time) []decimal.Decimal {
	var out []decimal.Decimal
	for _, o := range mem.Kind(kind) {
		if o.At.Equal(t) {
			out = append(out, o.Value)
		}
	}
	return out
}

// value returns the single observation of kind for block h.
func value(mem *collect.Memory, kind string, h *types.Header) (decimal.Decimal, error) {
	v := values(mem, kind, at(h))
	if len(v) != 1 {
		return decimal.Decimal{}, fmt.Errorf("block %d: %d %s observations, want 1", h.Number, len(v), kind)
	}
	return v[0], nil
}

// waitBlock waits until the collector has reported block h as read: its
// reorg_depth (every trusted block carries one) or its rpc_disagreement
// (a disputed block) at the block's time, and a collector_up 1.
func waitBlock(t *testing.T, mem *collect.Memory, h *types.Header) {
	t.Helper()
	checkFor(t, 10*time.Second, 5*time.Millisecond, func() error {
		if len(values(mem, KindReorgDepth, at(h))) == 0 && len(values(mem, collect.KindRPCDisagreement, at(h))) == 0 {
			return fmt.Errorf("block %d (%s) not reported yet", h.Number, h.Hash())
		}
		for _, o := range mem.Kind(collect.KindCollectorUp) {
			if o.Value.Equal(decimal.NewFromInt(1)) {
				return nil
			}
		}
		return fmt.Errorf("block %d reported without a collector_up 1", h.Number)
	})
}

func gwei(wei *big.Int) decimal.Decimal { return decimal.NewFromBigInt(wei, -9) }
