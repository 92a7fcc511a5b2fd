package chainlink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts"
	"github.com/infrarisk/infrarisk/signals/collect"
)

// Kinds this collector emits, besides collect.KindCollectorUp.
const (
	KindOracleAge          = "oracle_age_s"
	KindOracleDeviation    = "oracle_deviation"
	KindSequencerUp        = "sequencer_up"
	KindSequencerStatusAge = "sequencer_status_age_s"
)

// sequencerFeedName names the uptime feed in logs and errors.
const sequencerFeedName = "sequencer"

// Collector polls Chainlink feeds. Create it with New and start it with
// Run; Poll may also be called on its own, from one goroutine at a time.
type Collector struct {
	opts Options
	log  *slog.Logger
	agg  *contracts.AggregatorV3Interface

	mu  sync.Mutex
	dec map[common.Address]uint8 // decimals() of the feeds read so far
}

// New checks the options and builds a collector; nothing is read until
// Run or Poll.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.Feeds = append([]Feed(nil), opts.Feeds...)
	return &Collector{
		opts: opts,
		log:  opts.Logger.With("collector", "chainlink", "chain", opts.Chain),
		agg:  contracts.NewAggregatorV3Interface(),
		dec:  map[common.Address]uint8{},
	}, nil
}

// Run polls at once and then every PollInterval, handing each poll's
// observations to the sink, until ctx ends; it then returns nil. Failed
// reads and sink errors are logged, not returned.
func (c *Collector) Run(ctx context.Context) error {
	return collect.PollLoop(ctx, c.opts.PollInterval, c.Poll, c.opts.Sink, c.log)
}

// Poll reads every feed once, within Timeout, and returns the observations
// (collector_up last) and the errors of the reads that failed, joined.
func (c *Collector) Poll(ctx context.Context) ([]collect.Observation, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	now := c.opts.Now()
	var obs []collect.Observation
	var errs []error
	reads := roundReads{}
	if len(c.opts.Feeds) > 0 {
		o, err := c.pollFeeds(ctx, now, reads)
		obs, errs = append(obs, o...), append(errs, err)
	}
	if c.opts.Sequencer != nil {
		o, err := c.pollSequencer(ctx, now, reads)
		obs, errs = append(obs, o...), append(errs, err)
	}
	err := errors.Join(errs...)
	return append(obs, collect.Up(c.opts.Chain, err == nil, now)), err
}

// worst is the largest value of one kind over the feeds, and the feed it
// came from; complete is false once a feed's value is missing.
type worst struct {
	value    decimal.Decimal
	feed     string
	seen     bool
	complete bool
}

func (w *worst) add(feed string, v decimal.Decimal) {
	if !w.seen || v.GreaterThan(w.value) {
		w.value, w.feed = v, feed
	}
	w.seen = true
}

// pollFeeds reads every price feed and returns the largest age and the
// largest deviation, each only if every feed contributing to it was read.
func (c *Collector) pollFeeds(ctx context.Context, now time.Time, reads roundReads) ([]collect.Observation, error) {
	age := worst{complete: true}
	dev := worst{complete: true}
	var errs []error
	for _, f := range c.opts.Feeds {
		hasRef := f.Reference != nil || f.ReferenceSource != nil
		price, a, err := c.readFeed(ctx, f, now, reads)
		if err != nil {
			errs = append(errs, err)
			age.complete = false
			dev.complete = dev.complete && !hasRef
			continue
		}
		age.add(f.Name, a)
		if !hasRef {
			continue
		}
		ref, err := c.reference(ctx, f, reads)
		if err != nil {
			errs = append(errs, err)
			dev.complete = false
			continue
		}
		dev.add(f.Name, deviation(price, ref))
	}
	var obs []collect.Observation
	for _, w := range []struct {
		kind string
		w    worst
	}{{KindOracleAge, age}, {KindOracleDeviation, dev}} {
		if !w.w.seen || !w.w.complete {
			continue
		}
		obs = append(obs, collect.Observation{Chain: c.opts.Chain, Kind: w.kind, Value: w.w.value, At: now})
		if len(c.opts.Feeds) > 1 {
			c.log.Info("worst feed", "kind", w.kind, "feed", w.w.feed, "value", w.w.value)
		}
	}
	return obs, errors.Join(errs...)
}

// readFeed reads one feed's latest round and returns its price, scaled by
// its decimals, and the age of its answer.
func (c *Collector) readFeed(ctx context.Context, f Feed, now time.Time, reads roundReads) (decimal.Decimal, decimal.Decimal, error) {
	r, err := c.price(ctx, f.Name, f.Address, reads)
	if err != nil {
		return decimal.Decimal{}, decimal.Decimal{}, err
	}
	age, future := seconds(now, r.updatedAt)
	switch {
	case future:
		c.log.Warn("oracle updatedAt is in the future", "feed", f.Name, "address", f.Address.Hex(), "updated_at", r.updatedAt.UTC(), "now", now.UTC())
	case now.Sub(r.updatedAt) > f.Heartbeat:
		c.log.Warn("oracle answer older than its heartbeat", "feed", f.Name, "address", f.Address.Hex(), "age_s", age, "heartbeat", f.Heartbeat)
	}
	d, err := c.decimals(ctx, f.Address)
	if err != nil {
		return decimal.Decimal{}, decimal.Decimal{}, fmt.Errorf("chainlink: feed %s: %w", f.Name, err)
	}
	return scaled(r.answer, d), age, nil
}

// price reads and checks a price feed's latest round.
func (c *Collector) price(ctx context.Context, name string, addr common.Address, reads roundReads) (round, error) {
	out, err := c.latest(ctx, addr, reads)
	if err != nil {
		return round{}, fmt.Errorf("chainlink: feed %s: %w", name, err)
	}
	return checkPrice(name, out)
}

// reference reads a feed's reference price.
func (c *Collector) reference(ctx context.Context, f Feed, reads roundReads) (decimal.Decimal, error) {
	var ref decimal.Decimal
	if f.ReferenceSource != nil {
		p, err := f.ReferenceSource.Price(ctx)
		if err != nil {
			return decimal.Decimal{}, fmt.Errorf("chainlink: reference of feed %s: %w", f.Name, err)
		}
		ref = p
	} else {
		name := f.Name + " reference"
		r, err := c.price(ctx, name, *f.Reference, reads)
		if err != nil {
			return decimal.Decimal{}, err
		}
		d, err := c.decimals(ctx, *f.Reference)
		if err != nil {
			return decimal.Decimal{}, fmt.Errorf("chainlink: feed %s: %w", name, err)
		}
		ref = scaled(r.answer, d)
	}
	if !ref.IsPositive() {
		return decimal.Decimal{}, fmt.Errorf("chainlink: reference of feed %s: price %s is not positive", f.Name, ref)
	}
	return ref, nil
}

// pollSequencer reads the uptime feed.
func (c *Collector) pollSequencer(ctx context.Context, now time.Time, reads roundReads) ([]collect.Observation, error) {
	addr := *c.opts.Sequencer
	out, err := c.latest(ctx, addr, reads)
	if err != nil {
		return nil, fmt.Errorf("chainlink: feed %s: %w", sequencerFeedName, err)
	}
	r, up, err := checkStatus(sequencerFeedName, out)
	if err != nil {
		return nil, err
	}
	age, future := seconds(now, r.startedAt)
	if future {
		c.log.Warn("sequencer status change is in the future", "address", addr.Hex(), "started_at", r.startedAt.UTC(), "now", now.UTC())
	}
	v := decimal.Zero
	if up {
		v = decimal.NewFromInt(1)
	}
	return []collect.Observation{
		{Chain: c.opts.Chain, Kind: KindSequencerUp, Value: v, At: now},
		{Chain: c.opts.Chain, Kind: KindSequencerStatusAge, Value: age, At: now},
	}, nil
}
