package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
	"github.com/infrarisk/infrarisk/signals/collect"
)

// Kinds this collector emits, besides collect.KindCollectorUp.
const (
	KindOutflowRatio = "bridge_outflow_ratio"
	KindPaused       = "bridge_paused"
)

// MaxBackfill is the most blocks of one poll that get observations: the
// newest ones. The events of older blocks of the same poll still count in
// the window; their blocks are skipped with a log line.
const MaxBackfill = 64

// ratioPlaces is the precision of bridge_outflow_ratio, rounded half away
// from zero (decimal.DivRound).
const ratioPlaces = 6

var one = decimal.NewFromInt(1)

// Collector follows bridge vaults' events. Create it with New and start it
// with Run; Poll may also be called on its own, from one goroutine at a
// time.
type Collector struct {
	opts   Options
	log    *slog.Logger
	vault  *vault.BridgeVault
	dec    decoder
	addrs  []common.Address
	byAddr map[common.Address]int

	// Owned by Poll.
	started bool
	next    uint64        // the next block to read
	state   []bridgeState // by index in Options.Bridges
}

// bridgeState is what the collector knows of one vault.
type bridgeState struct {
	paused bool
	// flows are the deposits and withdrawals of the blocks read so far
	// that are still within the window, in block order.
	flows []event
}

// New checks the options and builds a collector; nothing is read until
// Run or Poll.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.Bridges = slices.Clone(opts.Bridges)
	v := vault.NewBridgeVault()
	c := &Collector{
		opts:   opts,
		log:    opts.Logger.With("collector", "bridge"),
		vault:  v,
		dec:    newDecoder(v),
		byAddr: map[common.Address]int{},
		state:  make([]bridgeState, len(opts.Bridges)),
	}
	for i, b := range opts.Bridges {
		c.addrs = append(c.addrs, b.Address)
		c.byAddr[b.Address] = i
	}
	return c, nil
}

// Run polls at once and then every PollInterval, handing each poll's
// observations to the sink, until ctx ends; it then returns nil. Failed
// reads and sink errors are logged, not returned.
func (c *Collector) Run(ctx context.Context) error {
	return collect.PollLoop(ctx, c.opts.PollInterval, c.Poll, c.opts.Sink, c.log)
}

// Poll reads the blocks since the last poll within Timeout and returns,
// for each of them (the newest MaxBackfill at most; the head alone at the
// first poll), every bridge's bridge_outflow_ratio and bridge_paused, then
// every bridge's collector_up 1. When a read fails it returns collector_up
// 0 for every bridge and the error, and the next poll reads the same
// blocks again.
func (c *Collector) Poll(ctx context.Context) ([]collect.Observation, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	s, err := c.read(ctx)
	if err != nil {
		return c.up(false), err
	}
	var obs []collect.Observation
	if s != nil {
		obs = c.apply(s)
	}
	return append(obs, c.up(true)...), nil
}

// up is every bridge's collector_up, stamped with the clock.
func (c *Collector) up(ok bool) []collect.Observation {
	now := c.opts.Now()
	obs := make([]collect.Observation, len(c.opts.Bridges))
	for i, b := range c.opts.Bridges {
		obs[i] = collect.Up(b.Name, ok, now)
	}
	return obs
}

// scan is what one poll read: the events of blocks from to head, and the
// vaults' state at head.
type scan struct {
	head   *types.Header
	from   uint64
	events []event
	locked []*big.Int // totalLocked() at head, by bridge
	paused []bool     // paused() at head, by bridge; first poll only
	emit   []uint64   // the blocks that get observations, in order
	times  map[uint64]time.Time
}

// read reads the blocks from the next one to the head; it returns nil when
// there is none. Nothing is recorded: a failed read leaves the collector
// as it was.
func (c *Collector) read(ctx context.Context) (*scan, error) {
	head, err := retry(ctx, c, "head", func(ctx context.Context) (*types.Header, error) {
		return c.opts.Client.HeaderByNumber(ctx, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("bridge: head: %w", err)
	}
	n := head.Number.Uint64()
	s := &scan{head: head, from: c.next, times: map[uint64]time.Time{n: headerTime(head)}}
	if c.started && s.from > n {
		return nil, nil
	}
	if !c.started {
		if s.from, err = c.windowStart(ctx, head); err != nil {
			return nil, err
		}
	}
	if s.events, err = c.events(ctx, s.from, n, s.times); err != nil {
		return nil, err
	}
	if s.locked, s.paused, err = c.vaultState(ctx, head.Number, !c.started); err != nil {
		return nil, err
	}
	s.emit = c.blocksToEmit(s.from, n)
	for _, b := range s.emit {
		if _, err := c.blockTime(ctx, b, s.times); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// blocksToEmit lists the blocks from from to head that get observations:
// the head alone at the first poll (the blocks before it are the window's
// history), else all of them up to MaxBackfill.
func (c *Collector) blocksToEmit(from, head uint64) []uint64 {
	if !c.started {
		return []uint64{head}
	}
	if head-from >= MaxBackfill {
		c.log.Warn("too many new blocks; skipping the oldest", "from", from, "to", head-MaxBackfill)
		from = head - MaxBackfill + 1
	}
	var out []uint64
	for b := from; b <= head; b++ {
		out = append(out, b)
	}
	return out
}

// apply records what a poll read and returns the observations of its
// blocks.
func (c *Collector) apply(s *scan) []collect.Observation {
	first := !c.started
	for _, e := range s.events {
		if e.flow() {
			c.state[e.bridge].flows = append(c.state[e.bridge].flows, e)
		}
	}
	if first {
		for i, b := range c.opts.Bridges {
			c.state[i].paused = s.paused[i]
			c.log.Info("bridge state", "bridge", b.Name, "block", s.head.Number, "paused", s.paused[i],
				"locked", units(s.locked[i], b.Decimals), "flows_in_window", len(c.state[i].flows))
		}
	}
	var obs []collect.Observation
	k := 0 // the next event whose pause state is to be applied
	for _, b := range s.emit {
		for ; k < len(s.events) && s.events[k].block <= b; k++ {
			// At the first poll, paused() at the head already holds the
			// window's pauses.
			c.record(s.events[k], !first)
		}
		at := s.times[b]
		for i, br := range c.opts.Bridges {
			obs = append(obs,
				collect.Observation{Chain: br.Name, Kind: KindOutflowRatio, Value: c.outflow(i, b, at, s.locked[i]), At: at},
				collect.Observation{Chain: br.Name, Kind: KindPaused, Value: status(c.state[i].paused), At: at},
			)
		}
	}
	c.prune(s.times[s.head.Number.Uint64()])
	c.started, c.next = true, s.head.Number.Uint64()+1
	return obs
}

// record logs an event and, with pauses, applies a Paused or Unpaused to
// its bridge's state.
func (c *Collector) record(e event, pauses bool) {
	b := c.opts.Bridges[e.bridge]
	args := []any{"bridge", b.Name, "event", e.kind.String(), "block", e.block, "tx", e.tx.Hex(), "account", e.account.Hex()}
	switch e.kind {
	case paused:
		if pauses {
			c.state[e.bridge].paused = true
			c.log.Warn("bridge paused", args...)
		}
	case unpaused:
		if pauses {
			c.state[e.bridge].paused = false
			c.log.Info("bridge unpaused", args...)
		}
	default:
		c.log.Debug("bridge flow", append(args, "amount", units(e.amount, b.Decimals))...)
	}
}

// outflow is bridge i's bridge_outflow_ratio at block b, of time at, given
// its totalLocked() at the head of the poll: W / (L + W), where W is what
// was withdrawn in the blocks up to b less than Window before at, and L
// what was locked after block b (the head's totalLocked with the
// deposits and withdrawals of the blocks after b undone).
func (c *Collector) outflow(i int, b uint64, at time.Time, lockedAtHead *big.Int) decimal.Decimal {
	locked := new(big.Int).Set(lockedAtHead)
	out := new(big.Int)
	for _, f := range c.state[i].flows {
		switch {
		case f.block > b && f.kind == deposited:
			locked.Sub(locked, f.amount)
		case f.block > b:
			locked.Add(locked, f.amount)
		case f.kind == withdrawn && at.Sub(f.time) < c.opts.Window:
			out.Add(out, f.amount)
		}
	}
	return outflowRatio(out, locked)
}

// outflowRatio is withdrawn / (locked + withdrawn), to ratioPlaces places
// and within [0, 1]; 0 when nothing was locked nor withdrawn.
func outflowRatio(withdrawn, locked *big.Int) decimal.Decimal {
	w := decimal.NewFromBigInt(withdrawn, 0)
	total := w.Add(decimal.NewFromBigInt(locked, 0))
	if !w.IsPositive() || !total.IsPositive() {
		return decimal.Zero
	}
	r := w.DivRound(total, ratioPlaces)
	if r.GreaterThan(one) {
		return one
	}
	return r
}

// prune drops the flows that have left the window ending at head time.
func (c *Collector) prune(head time.Time) {
	for i := range c.state {
		c.state[i].flows = slices.DeleteFunc(c.state[i].flows, func(f event) bool {
			return head.Sub(f.time) >= c.opts.Window
		})
	}
}

// status is a 0/1 value.
func status(on bool) decimal.Decimal {
	if on {
		return one
	}
	return decimal.Zero
}
