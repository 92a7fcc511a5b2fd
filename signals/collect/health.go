package collect

import (
	"context"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Health merges the collector_up of several collectors of one chain, which
// the engine holds as one kind, into one honest series:
//
//   - its value is 1 only while every collector's last report was 1, so a
//     failing oracle read is not hidden by a healthy block read a moment
//     later;
//   - its times never go backwards, so that a collector that stamped its
//     report a little before another's published it is not refused by the
//     engine as out of order (each report is moved up to the last time
//     sent, at most the time the two collectors raced by).
//
// Observations of other kinds pass through unchanged, in the order the
// collectors emit them. A collector that has not reported yet does not
// count.
type Health struct {
	next Sink

	mu     sync.Mutex
	status map[string]bool
	last   time.Time
}

// NewHealth returns a Health that hands everything on to next.
func NewHealth(next Sink) *Health {
	return &Health{next: next, status: map[string]bool{}}
}

// For returns the sink the named collector emits to.
func (h *Health) For(name string) Sink {
	return SinkFunc(func(ctx context.Context, obs []Observation) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		out := make([]Observation, len(obs))
		for i, o := range obs {
			if o.Kind == KindCollectorUp {
				h.status[name] = o.Value.Equal(decimal.NewFromInt(1))
				o = Up(o.Chain, h.allUp(), o.At)
				if o.At.Before(h.last) {
					o.At = h.last
				}
				h.last = o.At
			}
			out[i] = o
		}
		// Under the lock, so the next sink sees collector_up in time order.
		return h.next.Emit(ctx, out)
	})
}

func (h *Health) allUp() bool {
	for _, up := range h.status {
		if !up {
			return false
		}
	}
	return true
}
