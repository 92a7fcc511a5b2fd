package evm

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// HeaderByHash reads one header of the chain by its hash; a Client's
// HeaderByHash method is one.
type HeaderByHash func(ctx context.Context, hash common.Hash) (*types.Header, error)

// ReorgTracker holds the recent canonical chain (number → hash) and
// measures reorgs against it. Its zero value is not usable; make one with
// NewReorgTracker. It is not safe for concurrent use.
//
// When a block arrives whose parent hash differs from the hash held for
// the number below it, Add walks back along the new chain by parent hash
// until it meets a block it holds: the common ancestor. The depth of the
// reorg is the number of held blocks above the ancestor, the blocks of the
// old chain that are no longer canonical (for a new head at or below the
// old tip, that includes the old blocks above the new head).
type ReorgTracker struct {
	window int
	memory time.Duration
	held   map[uint64]common.Hash

	lastDepth int
	lastAt    time.Time
}

// NewReorgTracker returns a tracker that holds the last window blocks and
// whose Recent remembers a reorg for memory of block time. It panics if
// window < 1.
func NewReorgTracker(window int, memory time.Duration) *ReorgTracker {
	if window < 1 {
		panic("evm: reorg window must be at least 1")
	}
	return &ReorgTracker{window: window, memory: memory, held: make(map[uint64]common.Hash, window+1)}
}

// Holds reports whether the tracker holds hash as the canonical block at
// number.
func (t *ReorgTracker) Holds(number uint64, hash common.Hash) bool {
	h, ok := t.held[number]
	return ok && h == hash
}

// Add records head as the canonical block at its height and returns the
// depth of the reorg it reveals, 0 if none. Parents it does not hold are
// read with byHash. A block with no held block below it (the first, or
// one after a gap) joins without a reorg. If the walk does not meet a held
// block within the window, every held block counts as replaced. On error
// the tracker is unchanged.
func (t *ReorgTracker) Add(ctx context.Context, head *types.Header, byHash HeaderByHash) (int, error) {
	n := head.Number.Uint64()
	if t.Holds(n, head.Hash()) {
		return 0, nil
	}
	chain := []*types.Header{head}
	joined := false // whether the new chain meets a held block (or a gap)
	var ancestor uint64
	for cur := head; ; {
		num := cur.Number.Uint64()
		if num == 0 || len(chain) > t.window {
			break
		}
		if h, ok := t.held[num-1]; !ok || h == cur.ParentHash {
			joined, ancestor = true, num-1
			break
		}
		parent, err := byHash(ctx, cur.ParentHash)
		if err != nil {
			return 0, fmt.Errorf("evm: reorg walk from block %d: parent %s: %w", n, cur.ParentHash, err)
		}
		if parent == nil || parent.Hash() != cur.ParentHash || parent.Number.Uint64() != num-1 {
			return 0, fmt.Errorf("evm: reorg walk from block %d: wrong parent for %s", n, cur.ParentHash)
		}
		chain = append(chain, parent)
		cur = parent
	}

	depth := 0
	for num := range t.held {
		if !joined || num > ancestor {
			delete(t.held, num)
			depth++
		}
	}
	for _, h := range chain {
		t.held[h.Number.Uint64()] = h.Hash()
	}
	if n >= uint64(t.window) {
		for num := range t.held {
			if num <= n-uint64(t.window) {
				delete(t.held, num)
			}
		}
	}
	if depth > 0 {
		t.lastDepth, t.lastAt = depth, blockTime(head)
	}
	return depth, nil
}

// Recent returns the depth of the most recent reorg if the block that
// revealed it is no more than the tracker's memory older than at, else 0.
func (t *ReorgTracker) Recent(at time.Time) int {
	if t.lastDepth == 0 || at.Sub(t.lastAt) > t.memory {
		return 0
	}
	return t.lastDepth
}

// blockTime is a header's timestamp as a time in UTC.
func blockTime(h *types.Header) time.Time {
	return time.Unix(int64(h.Time), 0).UTC()
}
