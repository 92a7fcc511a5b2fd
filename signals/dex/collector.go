package dex

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/dex/contracts"
)

// Kinds this collector emits, besides collect.KindCollectorUp.
const (
	KindPoolLiquidity         = "pool_liquidity"
	KindPoolLiquidityDrop     = "pool_liquidity_drop"
	KindSandwichRate          = "sandwich_rate"
	KindLiquidationSandwiched = "liquidation_sandwiched"
)

// The topics of the events read: the Keccak-256 hashes of
// Sync(uint112,uint112) and
// Swap(address,uint256,uint256,uint256,uint256,address).
var (
	syncTopic = pairEvent("Sync")
	swapTopic = pairEvent("Swap")
)

func pairEvent(name string) common.Hash {
	return contracts.NewUniswapV2Pair().GetABI().Events[name].ID
}

// Collector follows Uniswap v2 pools block by block. Create it with New
// and start it with Run; Poll may also be called on its own, from one
// goroutine at a time.
type Collector struct {
	opts   Options
	log    *slog.Logger
	pair   *contracts.UniswapV2Pair
	pools  []*poolState
	byAddr map[common.Address]*poolState
	addrs  []common.Address

	// Owned by Poll.
	started bool
	next    uint64 // the next block to read
}

// New checks the options and builds a collector; nothing is read until
// Run or Poll.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.Pools = clonePools(opts.Pools)
	c := &Collector{
		opts:   opts,
		log:    opts.Logger.With("collector", "dex"),
		pair:   contracts.NewUniswapV2Pair(),
		byAddr: map[common.Address]*poolState{},
	}
	for _, p := range opts.Pools {
		s := newPoolState(p, c.log)
		c.pools = append(c.pools, s)
		c.byAddr[p.Address] = s
		c.addrs = append(c.addrs, p.Address)
	}
	return c, nil
}

// Run polls at once and then every PollInterval, handing each poll's
// observations to the sink, until ctx ends; it then returns nil. Failed
// reads and sink errors are logged, not returned.
func (c *Collector) Run(ctx context.Context) error {
	return collect.PollLoop(ctx, c.opts.PollInterval, c.Poll, c.opts.Sink, c.log)
}

// Poll reads the blocks up to the head within Timeout and returns the
// pools' observations, block by block, then each pool's collector_up; and
// the errors of the reads that failed, joined.
func (c *Collector) Poll(ctx context.Context) ([]collect.Observation, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	for _, p := range c.pools {
		p.err = nil
	}
	obs, err := c.scan(ctx)
	now := c.opts.Now()
	errs := []error{err}
	for _, p := range c.pools {
		errs = append(errs, p.err)
		obs = append(obs, collect.Up(p.Name, err == nil && p.err == nil, now))
	}
	return obs, errors.Join(errs...)
}

// scan reads from the next block to the head, range by range, then
// observes at the head the pools that had no event in it, so that a quiet
// pool reports on every poll that finds a new block.
func (c *Collector) scan(ctx context.Context) ([]collect.Observation, error) {
	head, err := retry(ctx, c, func(ctx context.Context) (*types.Header, error) { return c.opts.Client.HeaderByNumber(ctx, nil) })
	if err != nil {
		return nil, fmt.Errorf("dex: head: %w", err)
	}
	n := head.Number.Uint64()
	if !c.started {
		c.next = c.opts.StartBlock
		if c.next == 0 {
			c.next = max(n, 1)
		}
		c.started = true
	}
	var obs []collect.Observation
	for c.next <= n {
		to := min(n, c.next+c.opts.MaxRange-1)
		o, err := c.scanRange(ctx, c.next, to)
		obs = append(obs, o...)
		if err != nil {
			return obs, fmt.Errorf("dex: blocks %d to %d: %w", c.next, to, err)
		}
		c.next = to + 1
	}
	at := time.Unix(int64(head.Time), 0)
	for _, p := range c.pools {
		if p.ready && p.err == nil && p.emitted < n {
			obs = append(obs, p.observe(n, at, c.opts.Window)...)
		}
	}
	return obs, nil
}

// scanRange reads the reserves of the pools not followed yet at the block
// before from, then the pools' events of blocks from to to, and applies
// them block by block. Every read is made before any pool changes, so a
// range that could not be read is read again, whole, by the next poll.
func (c *Collector) scanRange(ctx context.Context, from, to uint64) ([]collect.Observation, error) {
	if err := c.start(ctx, from-1); err != nil {
		return nil, err
	}
	r, err := c.readRange(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var obs []collect.Observation
	for _, p := range c.pools {
		for _, b := range r.blocks[p.Address] {
			o, err := p.apply(c.pair, b, r.senders, c.opts.Window)
			if err != nil {
				// Its reserves are read again before the next range.
				p.err, p.ready = err, false
				break
			}
			obs = append(obs, o...)
		}
	}
	return obs, nil
}

// start reads, at block n, the reserves of the pools not followed yet.
// A pool whose reserves cannot be read is failed for this poll; a failure
// to read block n fails the range.
func (c *Collector) start(ctx context.Context, n uint64) error {
	var pending []*poolState
	for _, p := range c.pools {
		if !p.ready && p.err == nil {
			pending = append(pending, p)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	h, err := retry(ctx, c, func(ctx context.Context) (*types.Header, error) {
		return c.opts.Client.HeaderByNumber(ctx, bigU(n))
	})
	if err != nil {
		return fmt.Errorf("header %d: %w", n, err)
	}
	for _, p := range pending {
		r, err := c.reserves(ctx, p.Address, n)
		if err != nil {
			p.err = fmt.Errorf("dex: pool %s: %w", p.Name, err)
			continue
		}
		p.setReserves(r.Reserve0, r.Reserve1, time.Unix(int64(h.Time), 0))
		p.log.Info("reserves read", "block", n, "base", p.units(p.baseReserve(), false), "quote", p.depth())
	}
	return nil
}
