package wire

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"
)

// Publisher signs and publishes the signals of one source. It is safe for
// concurrent use.
type Publisher struct {
	nc     *nats.Conn
	source string
	kp     nkeys.KeyPair

	// mu keeps seq assignment and publication in one order, so that
	// concurrent calls never put a lower seq on the wire after a higher one.
	mu  sync.Mutex
	seq uint64
}

// NewPublisher returns a publisher for the source, signing with kp. Its
// first seq is the current Unix time in nanoseconds and every message
// adds one, so a restarted producer starts above the seqs it used before,
// as long as it published less than one message per nanosecond and the
// clock did not step back.
func NewPublisher(nc *nats.Conn, source string, kp nkeys.KeyPair) *Publisher {
	return &Publisher{nc: nc, source: source, kp: kp, seq: uint64(time.Now().UnixNano())}
}

// Publish signs a signal of the kind on the chain, observed at observedAt,
// and publishes it on Subject(chain, kind). It returns once the message is
// handed to the connection, which sends it asynchronously; a caller that
// needs to know the server has it calls the connection's FlushWithContext.
// An invalid signal is refused and uses no seq.
func (p *Publisher) Publish(ctx context.Context, chain, kind string, value decimal.Decimal, observedAt time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("wire: publishing %s/%s: %w", chain, kind, err)
	}
	s := Signal{V: Version, Source: p.source, Chain: chain, Kind: kind, Value: value, ObservedAt: observedAt.UTC()}
	p.mu.Lock()
	defer p.mu.Unlock()
	s.Seq = p.seq
	if err := Sign(&s, p.kp); err != nil {
		return err
	}
	data, err := Encode(s)
	if err != nil {
		return err
	}
	if err := p.nc.Publish(Subject(chain, kind), data); err != nil {
		return fmt.Errorf("wire: publishing %s/%s: %w", chain, kind, err)
	}
	p.seq++
	return nil
}

// PublishBatch signs the items as one batch of the chain, numbered with
// consecutive seqs, and publishes it on BatchSubject(chain): one signature
// for all of them, which is what lets an engine take tens of thousands of
// signals a second. A single item is published as a plain signal. An
// invalid batch is refused and uses no seq; a batch of more than
// MaxBatchLen items is refused too (split it).
func (p *Publisher) PublishBatch(ctx context.Context, chain string, items []Item) error {
	if len(items) == 1 {
		return p.Publish(ctx, chain, items[0].Kind, items[0].Value, items[0].ObservedAt)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("wire: publishing a batch on %s: %w", chain, err)
	}
	b := Batch{V: Version, Source: p.source, Chain: chain, Signals: make([]Signal, len(items))}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, it := range items {
		b.Signals[i] = Signal{V: Version, Source: p.source, Chain: chain, Kind: it.Kind, Value: it.Value, ObservedAt: it.ObservedAt.UTC(), Seq: p.seq + uint64(i)}
	}
	if err := SignBatch(&b, p.kp); err != nil {
		return err
	}
	data, err := EncodeBatch(b)
	if err != nil {
		return err
	}
	if err := p.nc.Publish(BatchSubject(chain), data); err != nil {
		return fmt.Errorf("wire: publishing a batch on %s: %w", chain, err)
	}
	p.seq += uint64(len(items))
	return nil
}
