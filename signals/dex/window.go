package dex

import (
	"time"

	"github.com/shopspring/decimal"
)

// depthSample is a pool's depth from at until the next change (until is
// zero while it is the current depth).
type depthSample struct {
	at, until time.Time
	depth     decimal.Decimal
}

// peakWindow gives the largest depth a pool had at any time within a
// sliding window. It keeps the samples no later sample exceeds, so their
// depths decrease and their ends increase from front to back: the front
// is the peak once the samples that ended before the window are dropped.
type peakWindow struct {
	s []depthSample
}

// add records that the depth is d from at on.
func (w *peakWindow) add(at time.Time, d decimal.Decimal) {
	if n := len(w.s); n > 0 {
		w.s[n-1].until = at
	}
	for n := len(w.s); n > 0 && w.s[n-1].depth.LessThanOrEqual(d); n = len(w.s) {
		w.s = w.s[:n-1]
	}
	w.s = append(w.s, depthSample{at: at, depth: d})
}

// peak is the largest depth in effect at some time in (t − window, t],
// and false before the first add. t must not go backwards between calls:
// samples that ended by t − window are dropped for good.
func (w *peakWindow) peak(t time.Time, window time.Duration) (decimal.Decimal, bool) {
	start := t.Add(-window)
	for len(w.s) > 1 && !w.s[0].until.After(start) {
		w.s = w.s[1:]
	}
	if len(w.s) == 0 {
		return decimal.Decimal{}, false
	}
	return w.s[0].depth, true
}

// swapCount is what one block's swaps of a pool were.
type swapCount struct {
	at           time.Time
	swaps        int
	victims      int // sandwiched swaps
	liquidations int // sandwiched swaps involving a liquidator
}

// swapWindow sums the swap counts of the blocks within a sliding window.
type swapWindow struct {
	blocks []swapCount
	sum    swapCount
}

// add records a block's counts.
func (w *swapWindow) add(c swapCount) {
	w.blocks = append(w.blocks, c)
	w.sum.swaps += c.swaps
	w.sum.victims += c.victims
	w.sum.liquidations += c.liquidations
}

// total sums the blocks of times in (t − window, t]. t must not go
// backwards between calls: older blocks are dropped for good.
func (w *swapWindow) total(t time.Time, window time.Duration) swapCount {
	start := t.Add(-window)
	for len(w.blocks) > 0 && !w.blocks[0].at.After(start) {
		c := w.blocks[0]
		w.sum.swaps -= c.swaps
		w.sum.victims -= c.victims
		w.sum.liquidations -= c.liquidations
		w.blocks = w.blocks[1:]
	}
	return w.sum
}
