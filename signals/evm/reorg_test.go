package evm

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// chainOf builds n headers on top of parent (a genesis if nil), told apart
// from other chains by tag, 12 s apart.
func chainOf(parent *types.Header, tag string, n int) []*types.Header {
	var out []*types.Header
	for range n {
		h := &types.Header{Number: big.NewInt(0), Time: 1_700_000_000, Extra: []byte(tag)}
		if parent != nil {
			h.ParentHash = parent.Hash()
			h.Number = new(big.Int).Add(parent.Number, big.NewInt(1))
			h.Time = parent.Time + 12
		}
		out = append(out, h)
		parent = h
	}
	return out
}

// lookup serves headers by hash from the given chains.
func lookup(chains ...[]*types.Header) (HeaderByHash, *int) {
	byHash := map[common.Hash]*types.Header{}
	for _, c := range chains {
		for _, h := range c {
			byHash[h.Hash()] = h
		}
	}
	calls := 0
	return func(_ context.Context, hash common.Hash) (*types.Header, error) {
		calls++
		h, ok := byHash[hash]
		if !ok {
			return nil, errors.New("not found")
		}
		return h, nil
	}, &calls
}

func TestReorgTrackerMeasuresReplacedBlocks(t *testing.T) {
	a := chainOf(nil, "a", 9) // a[i] is block i
	tests := []struct {
		name   string
		held   []*types.Header // added first, in order
		side   []*types.Header // the new chain, served by hash
		head   *types.Header
		want   int
		walked int // headers read by hash
		holdsA []int
		dropsA []int
	}{
		{name: "next block", held: a[:6], head: a[6], want: 0},
		{name: "same block again", held: a[:6], head: a[5], want: 0, holdsA: []int{5}},
		{name: "rewind to a held block is not a reorg", held: a[:6], head: a[3], want: 0, holdsA: []int{4, 5}},
		{name: "tip replaced at its height", held: a[:6], side: chainOf(a[4], "b", 1), want: 1, dropsA: []int{5}, holdsA: []int{4}},
		{name: "three replaced by a longer chain", held: a[:9], side: chainOf(a[5], "b", 4), want: 3, walked: 3, dropsA: []int{6, 7, 8}, holdsA: []int{5}},
		{name: "new head below the old tip", held: a[:6], side: chainOf(a[2], "b", 2), want: 3, walked: 1, dropsA: []int{3, 4, 5}},
		{name: "first block joins without a reorg", head: a[7], want: 0, holdsA: []int{7}},
		{name: "block after a gap joins without a reorg", held: a[:3], head: a[7], want: 0, holdsA: []int{2, 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := NewReorgTracker(128, 10*time.Minute)
			byHash, calls := lookup(a, tc.side)
			for _, h := range tc.held {
				if d, err := tr.Add(t.Context(), h, byHash); err != nil || d != 0 {
					t.Fatalf("adding the old chain at %d: depth %d, %v", h.Number, d, err)
				}
			}
			*calls = 0
			head := tc.head
			if head == nil {
				head = tc.side[len(tc.side)-1]
			}
			got, err := tr.Add(t.Context(), head, byHash)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("depth %d, want %d", got, tc.want)
			}
			if *calls != tc.walked {
				t.Errorf("read %d headers by hash, want %d", *calls, tc.walked)
			}
			if !tr.Holds(head.Number.Uint64(), head.Hash()) {
				t.Error("new head not held")
			}
			for _, h := range tc.side {
				if !tr.Holds(h.Number.Uint64(), h.Hash()) {
					t.Errorf("new chain's block %d not held", h.Number)
				}
			}
			for _, n := range tc.holdsA {
				if !tr.Holds(uint64(n), a[n].Hash()) {
					t.Errorf("old block %d dropped, want held", n)
				}
			}
			for _, n := range tc.dropsA {
				if tr.Holds(uint64(n), a[n].Hash()) {
					t.Errorf("replaced block %d still held", n)
				}
			}
		})
	}
}

func TestReorgDeeperThanTheWindowCountsTheWindow(t *testing.T) {
	a := chainOf(nil, "a", 20)
	b := chainOf(a[2], "b", 17) // replaces a[3..19]
	tr := NewReorgTracker(4, time.Hour)
	byHash, calls := lookup(a, b)
	for _, h := range a {
		tr.Add(t.Context(), h, byHash)
	}
	*calls = 0
	got, err := tr.Add(t.Context(), b[len(b)-1], byHash)
	if err != nil || got != 4 {
		t.Errorf("depth %d, %v; want 4, the window", got, err)
	}
	if *calls > 4 {
		t.Errorf("walked %d headers, want at most the window (4)", *calls)
	}
	for _, h := range b[len(b)-4:] {
		if !tr.Holds(h.Number.Uint64(), h.Hash()) {
			t.Errorf("new block %d not held", h.Number)
		}
	}
}

func TestReorgTrackerUnchangedWhenTheWalkFails(t *testing.T) {
	a := chainOf(nil, "a", 6)
	b := chainOf(a[2], "b", 4)
	tr := NewReorgTracker(128, time.Hour)
	byHash, _ := lookup(a) // the new chain's parents cannot be read
	for _, h := range a {
		tr.Add(t.Context(), h, byHash)
	}
	if _, err := tr.Add(t.Context(), b[3], byHash); err == nil {
		t.Fatal("Add succeeded without the new chain's parents")
	}
	if !tr.Holds(5, a[5].Hash()) || tr.Holds(6, b[3].Hash()) {
		t.Error("failed Add changed what the tracker holds")
	}
	if d := tr.Recent(time.Unix(int64(b[3].Time), 0)); d != 0 {
		t.Errorf("failed Add left a reorg of depth %d", d)
	}
}

func TestRecentReorgIsRememberedForItsMemory(t *testing.T) {
	a := chainOf(nil, "a", 6)
	b := chainOf(a[3], "b", 2) // replaces a[4], a[5]
	tr := NewReorgTracker(128, 10*time.Minute)
	byHash, _ := lookup(a, b)
	for _, h := range a {
		tr.Add(t.Context(), h, byHash)
	}
	if d, _ := tr.Add(t.Context(), b[1], byHash); d != 2 {
		t.Fatalf("depth %d, want 2", d)
	}
	revealed := time.Unix(int64(b[1].Time), 0)
	for _, tc := range []struct {
		after time.Duration
		want  int
	}{{0, 2}, {12 * time.Second, 2}, {10 * time.Minute, 2}, {10*time.Minute + time.Second, 0}} {
		if got := tr.Recent(revealed.Add(tc.after)); got != tc.want {
			t.Errorf("Recent %v after the reorg = %d, want %d", tc.after, got, tc.want)
		}
	}
	// A later, shallower reorg replaces the remembered depth.
	c := chainOf(b[1], "c", 1)
	tr.Add(t.Context(), c[0], byHash)
	d := chainOf(b[1], "d", 1) // replaces c[0]
	byHash, _ = lookup(a, b, c, d)
	if got, _ := tr.Add(t.Context(), d[0], byHash); got != 1 {
		t.Fatalf("second reorg depth %d, want 1", got)
	}
	if got := tr.Recent(time.Unix(int64(d[0].Time), 0)); got != 1 {
		t.Errorf("Recent after the second reorg = %d, want 1", got)
	}
}
