package evm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// Signal kinds this collector emits besides collect's collector_up and
// rpc_disagreement.
const (
	KindBaseFeeGwei    = "base_fee_gwei"
	KindGasUsedRatio   = "gas_used_ratio"
	KindBlockIntervalS = "block_interval_s"
	KindPendingTxs     = "pending_txs"
	KindReorgDepth     = "reorg_depth"
)

// Collector follows one chain. Create it with New and start it with Run.
type Collector struct {
	opts    Options
	log     *slog.Logger
	running atomic.Bool

	// Owned by Run's main goroutine.
	reorgs  *ReorgTracker
	started bool          // whether any block was processed
	cursor  uint64        // number of the last block processed
	prev    *types.Header // last block processed and trusted
	txpool  txpool
}

// New checks opts, fills in defaults and returns a collector ready to Run.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	c := &Collector{
		opts:   opts,
		log:    opts.Logger.With("collector", "evm", "chain", opts.Chain),
		reorgs: NewReorgTracker(ReorgWindow, opts.ReorgMemory),
	}
	for _, ep := range opts.Endpoints {
		if ep.RPC != nil {
			c.txpool = txpool{endpoint: ep, timeout: opts.Timeout, log: c.log}
			break
		}
	}
	return c, nil
}

// Run follows the chain until ctx ends, then returns nil once every
// goroutine it started has stopped. Read failures are logged, reported as
// collector_up 0 and retried; Run returns an error only if the collector
// is already running.
func (c *Collector) Run(ctx context.Context) error {
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("evm: collector already running")
	}
	defer c.running.Store(false)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	heads := make(chan *types.Header, 16)
	wg.Go(func() { c.watch(ctx, heads) })

	for {
		var h *types.Header
		select {
		case <-ctx.Done():
			return nil
		case h = <-heads:
		}
		err := collect.Retry(ctx, c.opts.Backoff, c.readFailed(ctx), func(ctx context.Context) error {
			// While a read keeps failing, a newer head supersedes this one;
			// the blocks in between are filled in from the new one.
			select {
			case newer := <-heads:
				h = newer
			default:
			}
			return c.advance(ctx, h)
		})
		if err != nil && ctx.Err() == nil {
			c.log.Error("giving up on head", "number", h.Number, "hash", h.Hash(), "err", err)
		}
	}
}

// readFailed returns the handler of failed reads made under ctx: it logs
// the failure and reports collector_up 0, unless ctx has ended (a read cut
// short by shutdown is not a failure of the node).
func (c *Collector) readFailed(ctx context.Context) func(attempt int, err error) {
	return func(attempt int, err error) {
		if ctx.Err() != nil {
			return
		}
		c.log.Warn("read failed", "attempt", attempt, "err", err)
		c.emit(ctx, []collect.Observation{collect.Up(c.opts.Chain, false, time.Now())})
	}
}

func (c *Collector) emit(ctx context.Context, obs []collect.Observation) {
	if err := c.opts.Sink.Emit(ctx, obs); err != nil {
		c.log.Error("emit", "err", err)
	}
}

// advance processes head h and the blocks between the last processed one
// and h, in order.
func (c *Collector) advance(ctx context.Context, h *types.Header) error {
	n := h.Number.Uint64()
	if c.reorgs.Holds(n, h.Hash()) {
		return nil
	}
	from := n
	if c.started && n > c.cursor {
		from = c.cursor + 1
	}
	if n-from >= MaxBackfill {
		c.log.Warn("head jumped too far; skipping blocks", "from", from, "to", n-MaxBackfill)
		from = n - MaxBackfill + 1
	}
	for num := from; num <= n; num++ {
		var known *types.Header
		if num == n {
			known = h
		}
		if err := c.block(ctx, num, known, num == n); err != nil {
			return err
		}
	}
	return nil
}

// block reads, checks and emits block num. known, if not nil, is the
// primary's header for num. latest says whether num is the newest block of
// the batch (the one pending_txs goes with).
func (c *Collector) block(ctx context.Context, num uint64, known *types.Header, latest bool) error {
	hdr, ep, agreed, err := c.canonical(ctx, num, known)
	if err != nil {
		return err
	}
	at := blockTime(hdr)
	if !agreed {
		c.emit(ctx, []collect.Observation{
			{Chain: c.opts.Chain, Kind: collect.KindRPCDisagreement, Value: decimal1, At: at},
			collect.Up(c.opts.Chain, true, time.Now()),
		})
		c.started, c.cursor = true, num
		return nil
	}
	if c.reorgs.Holds(num, hdr.Hash()) {
		c.started, c.cursor = true, num
		return nil
	}

	obs, err := c.values(ctx, ep, hdr)
	if err != nil {
		return err
	}
	depth, err := c.reorgs.Add(ctx, hdr, c.headerByHash(ep))
	if err != nil {
		return err
	}
	if depth > 0 {
		c.log.Warn("reorg", "depth", depth, "number", num, "hash", hdr.Hash())
	}
	ok := true
	if latest {
		pending, has, err := c.txpool.pending(ctx)
		switch {
		case err != nil:
			c.log.Warn("txpool_status", "endpoint", c.txpool.endpoint.Name, "err", err)
			ok = false
		case has:
			obs = append(obs, c.obs(KindPendingTxs, decimal.NewFromUint64(pending), at))
		}
	}
	obs = append(obs, c.obs(KindReorgDepth, decimal.NewFromInt(int64(c.reorgs.Recent(at))), at))
	if len(c.opts.Endpoints) > 1 {
		obs = append(obs, c.obs(collect.KindRPCDisagreement, decimal.Zero, at))
	}
	// collector_up is about the collector, not the block: it carries the
	// wall clock, as the other collectors' do, so that a block stamped a
	// few seconds in the past never arrives "out of order" behind them.
	obs = append(obs, collect.Up(c.opts.Chain, ok, time.Now()))
	c.emit(ctx, obs)
	c.started, c.cursor, c.prev = true, num, hdr
	return nil
}

// values reads the per-block values of hdr from ep: everything but
// pending_txs, reorg_depth and the collector's own kinds.
func (c *Collector) values(ctx context.Context, ep Endpoint, hdr *types.Header) ([]collect.Observation, error) {
	at := blockTime(hdr)
	var obs []collect.Observation
	if hdr.BaseFee != nil {
		obs = append(obs, c.obs(KindBaseFeeGwei, decimal.NewFromBigInt(hdr.BaseFee, -9), at))
	} else {
		rctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		b, err := ep.Client.BlockByHash(rctx, hdr.Hash())
		cancel()
		if err != nil {
			return nil, fmt.Errorf("evm: block %d body from %s: %w", hdr.Number, ep.Name, err)
		}
		if v, ok := MedianGasPriceGwei(b.Transactions(), nil); ok {
			obs = append(obs, c.obs(KindBaseFeeGwei, v, at))
		}
	}
	if hdr.GasLimit > 0 {
		ratio := decimal.NewFromUint64(hdr.GasUsed).DivRound(decimal.NewFromUint64(hdr.GasLimit), 6)
		obs = append(obs, c.obs(KindGasUsedRatio, ratio, at))
	}
	if hdr.Number.Sign() > 0 {
		parent := c.prev
		if parent == nil || parent.Hash() != hdr.ParentHash {
			var err error
			if parent, err = c.headerByHash(ep)(ctx, hdr.ParentHash); err != nil {
				return nil, fmt.Errorf("evm: parent of block %d from %s: %w", hdr.Number, ep.Name, err)
			}
		}
		interval := int64(hdr.Time) - int64(parent.Time)
		obs = append(obs, c.obs(KindBlockIntervalS, decimal.NewFromInt(interval), at))
	}
	return obs, nil
}

func (c *Collector) obs(kind string, v decimal.Decimal, at time.Time) collect.Observation {
	return collect.Observation{Chain: c.opts.Chain, Kind: kind, Value: v, At: at}
}

// headerByHash reads headers from ep, each call bounded by the timeout.
func (c *Collector) headerByHash(ep Endpoint) HeaderByHash {
	return func(ctx context.Context, hash common.Hash) (*types.Header, error) {
		ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		defer cancel()
		return ep.Client.HeaderByHash(ctx, hash)
	}
}

// headerByNumber reads block num's header from ep, bounded by the timeout.
func (c *Collector) headerByNumber(ctx context.Context, ep Endpoint, num uint64) (*types.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	return ep.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(num))
}

var decimal1 = decimal.NewFromInt(1)
