package evm

import (
	"fmt"
	"testing"
	"time"
)

// A chain of tip blocks is forked at block forkAt and a longer side chain
// committed: the collector must report the number of replaced blocks as
// reorg_depth, keep reporting it, and drop back to 0 once ReorgMemory of
// block time has passed.
func TestReorgDepthIsTheNumberOfReplacedBlocks(t *testing.T) {
	tests := []struct {
		tip, forkAt, side uint64
		poll              bool
	}{
		{tip: 5, forkAt: 4, side: 2},
		{tip: 8, forkAt: 5, side: 4},
		{tip: 5, forkAt: 4, side: 2, poll: true},
		{tip: 8, forkAt: 5, side: 4, poll: true},
	}
	for _, tc := range tests {
		want := tc.tip - tc.forkAt
		how := "subscribed"
		if tc.poll {
			how = "polled"
		}
		t.Run(fmt.Sprintf("depth %d %s", want, how), func(t *testing.T) {
			sim := newSim(t)
			cl := sim.Client()
			var c Client = cl
			if tc.poll {
				c = noSubscriptions{Client: cl}
			}
			mem := startCollector(t, Options{Endpoints: []Endpoint{{Name: "sim", Client: c}}, ReorgMemory: 10 * time.Minute})
			for range tc.tip {
				sim.Commit()
			}
			old := header(t, cl, tc.tip)
			replaced := header(t, cl, tc.forkAt+1)
			waitBlock(t, mem, old)

			if err := sim.Fork(header(t, cl, tc.forkAt).Hash()); err != nil {
				t.Fatal(err)
			}
			for range tc.side {
				sim.Commit()
			}
			newTip := header(t, cl, tc.forkAt+tc.side)
			if header(t, cl, tc.forkAt+1).Hash() == replaced.Hash() {
				t.Fatal("the side chain did not replace the old one")
			}
			waitBlock(t, mem, newTip)

			newChain := 0
			for _, o := range mem.Kind(KindReorgDepth) {
				switch {
				case !o.At.After(at(old)) && !o.Value.IsZero():
					t.Errorf("reorg_depth %s at %v, before the reorg", o.Value, o.At)
				case o.At.After(at(old)):
					newChain++
					if o.Value.IntPart() != int64(want) {
						t.Errorf("reorg_depth %s at %v on the new chain, want %d", o.Value, o.At, want)
					}
				}
			}
			if newChain == 0 {
				t.Error("no reorg_depth on the new chain")
			}
			if got, err := value(mem, KindReorgDepth, newTip); err != nil || got.IntPart() != int64(want) {
				t.Errorf("new tip: reorg_depth %s (%v), want %d", got, err, want)
			}

			if err := sim.AdjustTime(11 * time.Minute); err != nil {
				t.Fatal(err)
			}
			later := header(t, cl, tc.forkAt+tc.side+1)
			waitBlock(t, mem, later)
			if got, err := value(mem, KindReorgDepth, later); err != nil || !got.IsZero() {
				t.Errorf("11 minutes after the reorg: reorg_depth %s (%v), want 0", got, err)
			}
		})
	}
}
