package evm

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

const gweiWei = 1_000_000_000

func dialLegacy(t *testing.T, n *legacyNode) Endpoint {
	t.Helper()
	ep, err := Dial(t.Context(), n.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ep.Close)
	return ep
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Over plain HTTP (no subscriptions) the head jumps from block 0 to 3;
// blocks 1-3 are filled in, in order. Before London the base fee is the
// median gas price, and an empty block has none.
func TestPreLondonBlocksOverHTTP(t *testing.T) {
	blocks := legacyChain([][]int64{
		{},
		{10 * gweiWei, 20 * gweiWei, 40 * gweiWei},
		{},
		{100 * gweiWei, 10 * gweiWei, 30 * gweiWei, 15 * gweiWei},
	}, []uint64{0, 13, 17, 14})
	node := startLegacyNode(t, blocks, 7)
	mem := startCollector(t, Options{Endpoints: []Endpoint{dialLegacy(t, node)}})
	h := func(i int) *types.Header { return blocks[i].Header() }
	waitBlock(t, mem, h(0))
	node.height.Store(3)
	waitBlock(t, mem, h(3))

	tests := []struct {
		block                             int
		baseFee, ratio, interval, pending string // "" = no observation
	}{
		{0, "", "0", "", "7"},
		{1, "20", "0.007875", "13", ""}, // 63000/8e6 gas
		{2, "", "0", "17", ""},
		{3, "22.5", "0.0105", "14", "7"}, // median of 10, 15, 30, 100; 84000/8e6 gas
	}
	for _, tc := range tests {
		for kind, want := range map[string]string{
			KindBaseFeeGwei: tc.baseFee, KindGasUsedRatio: tc.ratio, KindBlockIntervalS: tc.interval, KindPendingTxs: tc.pending,
		} {
			got := values(mem, kind, at(h(tc.block)))
			switch {
			case want == "" && len(got) != 0:
				t.Errorf("block %d: %s %v, want none", tc.block, kind, got)
			case want != "" && (len(got) != 1 || !got[0].Equal(dec(want))):
				t.Errorf("block %d: %s %v, want %s", tc.block, kind, got, want)
			}
		}
	}
	// The blocks are from 2020; collector_up speaks of the collector now.
	for _, o := range mem.Kind(collect.KindCollectorUp) {
		if time.Since(o.At) > time.Minute {
			t.Errorf("collector_up dated %v, the block's time: it carries the wall clock", o.At)
		}
	}
	var last time.Time
	for _, o := range mem.Kind(KindReorgDepth) {
		if o.At.Before(last) {
			t.Errorf("block at %v reported after one at %v", o.At, last)
		}
		last = o.At
	}
}

func TestHeadJumpIsFilledInUpToMaxBackfill(t *testing.T) {
	const top = 100
	blocks := legacyChain(make([][]int64, top+1), fill(top+1, 12))
	node := startLegacyNode(t, blocks, -1)
	mem := startCollector(t, Options{Endpoints: []Endpoint{dialLegacy(t, node)}})
	waitBlock(t, mem, blocks[0].Header())
	node.height.Store(top)
	waitBlock(t, mem, blocks[top].Header())

	first := top - MaxBackfill + 1
	for i, b := range blocks {
		n := len(values(mem, KindGasUsedRatio, at(b.Header())))
		want := 0
		if i == 0 || i >= first {
			want = 1
		}
		if n != want {
			t.Errorf("block %d reported %d times, want %d", i, n, want)
		}
	}
}

func fill(n int, v uint64) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// While the node fails, the collector reports collector_up 0 and no
// values; once it answers again, the collector carries on by itself.
func TestFailedReadsReportCollectorDownUntilTheNodeIsBack(t *testing.T) {
	blocks := legacyChain(make([][]int64, 3), fill(3, 12))
	node := startLegacyNode(t, blocks, -1)
	mem := startCollector(t, Options{Endpoints: []Endpoint{dialLegacy(t, node)}})
	waitBlock(t, mem, blocks[0].Header())

	node.down.Store(true)
	node.height.Store(1)
	checkFor(t, 5*time.Second, 5*time.Millisecond, func() error {
		for _, o := range mem.Kind(collect.KindCollectorUp) {
			if o.Value.IsZero() {
				return nil
			}
		}
		return fmt.Errorf("no collector_up 0 while the node is down")
	})
	if got := values(mem, KindGasUsedRatio, at(blocks[1].Header())); len(got) != 0 {
		t.Errorf("block 1 reported while the node was down: %v", got)
	}
	for _, o := range mem.Kind(collect.KindCollectorUp) {
		if o.Value.IsZero() && time.Since(o.At) > time.Minute {
			t.Errorf("collector_up 0 dated %v: a failure is dated when it happened", o.At)
		}
	}

	node.height.Store(2)
	node.down.Store(false)
	waitBlock(t, mem, blocks[2].Header())
	if _, err := value(mem, KindGasUsedRatio, blocks[1].Header()); err != nil {
		t.Errorf("block 1 not filled in after the outage: %v", err)
	}
}

// A second endpoint that gets block 1 a little later than the primary is
// waited for; one that never gets block 2 counts as disagreeing.
func TestLaggingEndpointIsWaitedForBriefly(t *testing.T) {
	blocks := legacyChain(make([][]int64, 3), fill(3, 12))
	primary, lagging := startLegacyNode(t, blocks, -1), startLegacyNode(t, blocks, -1)
	mem := startCollector(t, Options{Endpoints: []Endpoint{dialLegacy(t, primary), dialLegacy(t, lagging)}})
	waitBlock(t, mem, blocks[0].Header())

	primary.height.Store(1)
	time.AfterFunc(300*time.Millisecond, func() { lagging.height.Store(1) })
	waitBlock(t, mem, blocks[1].Header())
	if got, err := value(mem, collect.KindRPCDisagreement, blocks[1].Header()); err != nil || !got.IsZero() {
		t.Errorf("block 1, 300 ms late on one endpoint: rpc_disagreement %s (%v), want 0", got, err)
	}
	if _, err := value(mem, KindGasUsedRatio, blocks[1].Header()); err != nil {
		t.Errorf("block 1: %v", err)
	}

	start := time.Now()
	primary.height.Store(2)
	waitBlock(t, mem, blocks[2].Header())
	if waited := time.Since(start); waited < LagWait/2 {
		t.Errorf("block 2 judged after %v; the lagging endpoint was not waited for", waited)
	}
	if got, err := value(mem, collect.KindRPCDisagreement, blocks[2].Header()); err != nil || !got.Equal(decimal.NewFromInt(1)) {
		t.Errorf("block 2, missing on one endpoint: rpc_disagreement %s (%v), want 1", got, err)
	}
	if got := values(mem, KindGasUsedRatio, at(blocks[2].Header())); len(got) != 0 {
		t.Errorf("block 2 values emitted without a quorum: %v", got)
	}
}
