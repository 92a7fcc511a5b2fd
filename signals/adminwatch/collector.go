package adminwatch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// KindAdminEvent is the kind this collector emits, besides
// collect.KindCollectorUp.
const KindAdminEvent = "admin_event"

// Collector watches contracts for administrative changes. Create it with
// New and start it with Run; Poll may also be called on its own, from one
// goroutine at a time. Acknowledge may be called at any time.
type Collector struct {
	opts    Options
	log     *slog.Logger
	watched map[common.Address]bool

	// Owned by Poll.
	started bool
	next    uint64 // the next block to scan

	mu     sync.Mutex
	events []Event // recorded, within the window as of the last poll
	acked  uint64  // events of blocks up to this one are dropped
}

// New checks the options and builds a collector; nothing is read until
// Run or Poll.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.Contracts = slices.Clone(opts.Contracts)
	opts.Selectors = slices.Clone(opts.Selectors)
	c := &Collector{
		opts:    opts,
		log:     opts.Logger.With("collector", "adminwatch", "chain", opts.Chain),
		watched: map[common.Address]bool{},
	}
	for _, a := range opts.Contracts {
		c.watched[a] = true
	}
	return c, nil
}

// Run polls at once and then every PollInterval, handing each poll's
// observations to the sink, until ctx ends; it then returns nil. Failed
// reads and sink errors are logged, not returned.
func (c *Collector) Run(ctx context.Context) error {
	return collect.PollLoop(ctx, c.opts.PollInterval, c.Poll, c.opts.Sink, c.log)
}

// Poll scans the blocks up to the head within Timeout and returns
// admin_event and collector_up, or collector_up 0 alone and the error when
// the scan failed.
func (c *Collector) Poll(ctx context.Context) ([]collect.Observation, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	err := c.scan(ctx)
	now := c.opts.Now()
	if err != nil {
		return []collect.Observation{collect.Up(c.opts.Chain, false, now)}, err
	}
	n := c.count(now)
	return []collect.Observation{
		{Chain: c.opts.Chain, Kind: KindAdminEvent, Value: decimal.NewFromInt(int64(n)), At: now},
		collect.Up(c.opts.Chain, true, now),
	}, nil
}

// Acknowledge drops the events of blocks up to and including upToBlock,
// those recorded and those a scan behind that block has still to find.
func (c *Collector) Acknowledge(upToBlock uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.acked = max(c.acked, upToBlock)
	before := len(c.events)
	c.events = slices.DeleteFunc(c.events, func(e Event) bool { return e.Block <= upToBlock })
	c.log.Info("admin events acknowledged", "up_to_block", upToBlock, "dropped", before-len(c.events))
}

// count drops the events older than the window and counts the rest.
func (c *Collector) count(now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = slices.DeleteFunc(c.events, func(e Event) bool { return now.Sub(e.Time) >= c.opts.Window })
	return len(c.events)
}

// found is an event as a scan found it, with its arguments for the log.
type found struct {
	Event
	args []any
}

// record logs and adds the events of a scanned range, but those
// acknowledged.
func (c *Collector) record(evs []found) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range evs {
		c.log.Warn("admin event", append([]any{
			"contract", e.Contract.Hex(), "event", e.Name, "block", e.Block, "tx", e.TxHash,
		}, e.args...)...)
		if e.Block > c.acked {
			c.events = append(c.events, e.Event)
		}
	}
}

// scan scans from the next block to the head, range by range.
func (c *Collector) scan(ctx context.Context) error {
	h, err := retry(ctx, c, func(ctx context.Context) (*types.Header, error) { return c.opts.Client.HeaderByNumber(ctx, nil) })
	if err != nil {
		return fmt.Errorf("adminwatch: head: %w", err)
	}
	head := h.Number.Uint64()
	if !c.started {
		c.next = c.opts.StartBlock
		if c.next == 0 {
			c.next = head + 1
		}
		c.started = true
	}
	for c.next <= head {
		to := min(head, c.next+c.opts.MaxRange-1)
		evs, err := c.scanRange(ctx, c.next, to)
		if err != nil {
			return fmt.Errorf("adminwatch: blocks %d to %d: %w", c.next, to, err)
		}
		c.record(evs)
		c.next = to + 1
	}
	return nil
}

// scanRange finds the events and selector calls of blocks from to to.
func (c *Collector) scanRange(ctx context.Context, from, to uint64) ([]found, error) {
	q := ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from),
		ToBlock:   new(big.Int).SetUint64(to),
		Addresses: c.opts.Contracts,
		Topics:    topics(),
	}
	logs, err := retry(ctx, c, func(ctx context.Context) ([]types.Log, error) { return c.opts.Client.FilterLogs(ctx, q) })
	if err != nil {
		return nil, fmt.Errorf("eth_getLogs: %w", err)
	}
	var evs []found
	times := map[uint64]time.Time{}
	for _, l := range logs {
		if l.Removed || len(l.Topics) == 0 || !c.watched[l.Address] {
			continue
		}
		we, ok := eventByTopic(l.Topics[0])
		if !ok {
			continue
		}
		at, err := c.blockTime(ctx, l, times)
		if err != nil {
			return nil, err
		}
		evs = append(evs, found{
			Event: Event{Contract: l.Address, Name: we.name, Block: l.BlockNumber, Time: at, TxHash: l.TxHash},
			args:  we.args(l),
		})
	}
	if len(c.opts.Selectors) == 0 {
		return evs, nil
	}
	for n := from; n <= to; n++ {
		calls, err := c.selectorCalls(ctx, n)
		if err != nil {
			return nil, err
		}
		evs = append(evs, calls...)
	}
	return evs, nil
}

// blockTime is the time of a log's block: from the log when the node
// fills blockTimestamp in, else from the block's header.
func (c *Collector) blockTime(ctx context.Context, l types.Log, times map[uint64]time.Time) (time.Time, error) {
	if l.BlockTimestamp != 0 {
		return time.Unix(int64(l.BlockTimestamp), 0), nil
	}
	if t, ok := times[l.BlockNumber]; ok {
		return t, nil
	}
	h, err := retry(ctx, c, func(ctx context.Context) (*types.Header, error) {
		return c.opts.Client.HeaderByHash(ctx, l.BlockHash)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("header %d: %w", l.BlockNumber, err)
	}
	t := time.Unix(int64(h.Time), 0)
	times[l.BlockNumber] = t
	return t, nil
}

// selectorCalls finds the transactions of block n sent to a watched
// contract with a configured selector.
func (c *Collector) selectorCalls(ctx context.Context, n uint64) ([]found, error) {
	b, err := retry(ctx, c, func(ctx context.Context) (*types.Block, error) {
		return c.opts.Client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
	})
	if err != nil {
		return nil, fmt.Errorf("block %d: %w", n, err)
	}
	var evs []found
	for _, tx := range b.Transactions() {
		to := tx.To()
		if to == nil || !c.watched[*to] || len(tx.Data()) < 4 {
			continue
		}
		for _, s := range c.opts.Selectors {
			if !bytes.Equal(tx.Data()[:4], s.ID[:]) {
				continue
			}
			args := []any{"selector", fmt.Sprintf("%#x", s.ID)}
			if from, err := types.Sender(types.LatestSignerForChainID(tx.ChainId()), tx); err == nil {
				args = append(args, "from", from.Hex())
			}
			evs = append(evs, found{
				Event: Event{Contract: *to, Name: s.Name, Block: n, Time: time.Unix(int64(b.Time()), 0), TxHash: tx.Hash()},
				args:  args,
			})
		}
	}
	return evs, nil
}

// retry calls f until it succeeds or ctx ends, waiting as Backoff says.
func retry[T any](ctx context.Context, c *Collector, f func(ctx context.Context) (T, error)) (T, error) {
	var out T
	err := collect.Retry(ctx, c.opts.Backoff, func(attempt int, err error) {
		c.log.Debug("read failed", "attempt", attempt, "err", err)
	}, func(ctx context.Context) error {
		v, err := f(ctx)
		if err != nil {
			return err
		}
		out = v
		return nil
	})
	return out, err
}

// Events returns the events admin_event counted at the last poll, less
// those acknowledged since, in the order they were found.
func (c *Collector) Events() []Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.events)
}
