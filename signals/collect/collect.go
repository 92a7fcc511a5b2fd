// Package collect holds what every collector shares: the Observation a
// collector makes, the Sink it hands observations to, retry with backoff,
// and the collector_up heartbeat.
//
// A collector reads one source of network health (an execution node, a
// beacon node, an oracle feed) and emits observations; it never emits a
// value it could not read. The sink signs and publishes them (see
// PublisherSink) or, in tests, records them (Memory).
package collect

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// Observation is one value of one kind of network health on one chain, as a
// collector read it.
type Observation struct {
	Chain string
	Kind  string
	Value decimal.Decimal
	// At is when the value was observed (or, for block data, the block's
	// timestamp).
	At time.Time
}

// String formats the observation for logs and test failures.
func (o Observation) String() string {
	return fmt.Sprintf("%s/%s=%s@%s", o.Chain, o.Kind, o.Value, o.At.UTC().Format(time.RFC3339))
}

// Sink receives what collectors observe. Emit hands over observations made
// together (one block's, one poll's); a sink may publish them as one signed
// batch. Emit must be safe for concurrent use.
type Sink interface {
	Emit(ctx context.Context, obs []Observation) error
}

// SinkFunc adapts a function to a Sink.
type SinkFunc func(ctx context.Context, obs []Observation) error

// Emit calls f.
func (f SinkFunc) Emit(ctx context.Context, obs []Observation) error { return f(ctx, obs) }

// PublisherSink signs and publishes observations with a wire.Publisher:
// those of one chain in one Emit go out as signed batches of up to
// wire.MaxBatchLen signals, in order, so that one signature covers them.
type PublisherSink struct {
	P *wire.Publisher
}

// Emit publishes obs; it stops at the first error.
func (s PublisherSink) Emit(ctx context.Context, obs []Observation) error {
	byChain := map[string][]wire.Item{}
	var chains []string
	for _, o := range obs {
		if _, seen := byChain[o.Chain]; !seen {
			chains = append(chains, o.Chain)
		}
		byChain[o.Chain] = append(byChain[o.Chain], wire.Item{Kind: o.Kind, Value: o.Value, ObservedAt: o.At})
	}
	for _, chain := range chains {
		items := byChain[chain]
		for len(items) > 0 {
			n := min(len(items), wire.MaxBatchLen)
			if err := s.P.PublishBatch(ctx, chain, items[:n]); err != nil {
				return err
			}
			items = items[n:]
		}
	}
	return nil
}

// Memory is a Sink that keeps every observation, for tests and for the
// CLI's dry run. Its zero value is ready to use.
type Memory struct {
	mu  sync.Mutex
	obs []Observation
}

// Emit appends obs.
func (m *Memory) Emit(_ context.Context, obs []Observation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.obs = append(m.obs, obs...)
	return nil
}

// All returns a copy of everything emitted so far, in order.
func (m *Memory) All() []Observation {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Observation(nil), m.obs...)
}

// Kind returns, in order, the observations of one kind.
func (m *Memory) Kind(kind string) []Observation {
	var out []Observation
	for _, o := range m.All() {
		if o.Kind == kind {
			out = append(out, o)
		}
	}
	return out
}

// Last returns the latest observation of the kind, and whether there was
// one.
func (m *Memory) Last(kind string) (Observation, bool) {
	k := m.Kind(kind)
	if len(k) == 0 {
		return Observation{}, false
	}
	return k[len(k)-1], true
}

// Backoff is an exponential backoff with full jitter: the n-th wait
// (counting from 0) is uniform in [0, min(Max, Base·2ⁿ)].
type Backoff struct {
	Base, Max time.Duration
}

// DefaultBackoff waits up to 250 ms, then 500 ms, ... up to 30 s.
var DefaultBackoff = Backoff{Base: 250 * time.Millisecond, Max: 30 * time.Second}

// Wait returns the n-th wait, drawn with rng.
func (b Backoff) Wait(n int, rng *rand.Rand) time.Duration {
	limit := b.Max
	if n < 62 {
		if d := b.Base << n; d > 0 && d < b.Max {
			limit = d
		}
	}
	if limit <= 0 {
		return 0
	}
	return time.Duration(rng.Int64N(int64(limit) + 1))
}

// ErrPermanent marks an error that retrying cannot fix; Retry returns it at
// once.
var ErrPermanent = errors.New("collect: permanent error")

// Retry calls f until it succeeds, returns an error wrapping ErrPermanent,
// or ctx ends, waiting between attempts as b says. onError, if not nil, sees
// every failed attempt (to log it or count it). It returns nil on success
// and otherwise the last error.
func Retry(ctx context.Context, b Backoff, onError func(attempt int, err error), f func(ctx context.Context) error) error {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x696e667261))
	for attempt := 0; ; attempt++ {
		err := f(ctx)
		if err == nil {
			return nil
		}
		if onError != nil {
			onError(attempt, err)
		}
		if errors.Is(err, ErrPermanent) {
			return err
		}
		t := time.NewTimer(b.Wait(attempt, rng))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-t.C:
		}
	}
}

// Kinds the collectors publish about themselves and their sources.
const (
	KindCollectorUp     = "collector_up"
	KindRPCDisagreement = "rpc_disagreement"
)

// Up returns the collector_up observation: 1 when the collector's last read
// succeeded, 0 when it failed.
func Up(chain string, ok bool, at time.Time) Observation {
	v := decimal.Zero
	if ok {
		v = decimal.NewFromInt(1)
	}
	return Observation{Chain: chain, Kind: KindCollectorUp, Value: v, At: at}
}

// PollLoop runs poll at once and then every interval, handing each poll's
// observations to sink, until ctx ends; it then returns nil. A failed poll
// (which still returns what it could read, collector_up 0 among it) and a
// sink error are logged, not returned: a collector keeps going.
func PollLoop(ctx context.Context, interval time.Duration, poll func(context.Context) ([]Observation, error), sink Sink, log *slog.Logger) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		obs, err := poll(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			log.Warn("poll failed", "err", err)
		}
		if err := sink.Emit(ctx, obs); err != nil {
			log.Error("emit failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
