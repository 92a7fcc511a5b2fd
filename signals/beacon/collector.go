package beacon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// Kinds of signal this collector emits, besides collect.KindCollectorUp.
const (
	KindFinalityLag     = "finality_lag_epochs"
	KindParticipation   = "participation_rate"
	KindValidatorUptime = "validator_uptime"
)

// Collector polls one beacon node. Create it with New; Run polls until its
// context ends. Poll is safe for concurrent use, though Run never overlaps
// polls.
type Collector struct {
	opts Options
	log  *slog.Logger

	mu  sync.Mutex
	src source // guarded by mu
}

// New fills defaults into opts, validates them and returns a collector.
// Nothing is read until Poll or Run.
func New(opts Options) (*Collector, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	return &Collector{
		opts: opts,
		log:  opts.Logger.With("chain", opts.Chain, "node", opts.BaseURL),
	}, nil
}

// Run polls at once and then every PollInterval, handing each poll's
// observations to the sink, until ctx ends; it then returns ctx.Err().
// Failed polls and sink errors are logged, not returned.
func (c *Collector) Run(ctx context.Context) error {
	t := time.NewTicker(c.opts.PollInterval)
	defer t.Stop()
	for {
		obs, _ := c.Poll(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := c.opts.Sink.Emit(ctx, obs); err != nil {
			c.log.Warn("beacon: sink", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Poll reads the node once and returns the observations to emit, the
// collector_up observation last. A failure is logged and returned; the
// observations then hold collector_up 0 and whatever values were read
// (none when the node is syncing or its head or finality could not be
// read).
func (c *Collector) Poll(ctx context.Context) ([]collect.Observation, error) {
	obs, err := c.read(ctx)
	if err != nil && ctx.Err() == nil {
		c.log.Warn("beacon: poll failed", "err", err)
	}
	return append(obs, collect.Up(c.opts.Chain, err == nil, c.opts.Now())), err
}

// read makes the reads of one poll.
func (c *Collector) read(ctx context.Context) ([]collect.Observation, error) {
	status, err := c.syncing(ctx)
	if err != nil {
		return nil, err
	}
	if status.syncing {
		return nil, fmt.Errorf("%w: head slot %d, %d slots to go", ErrSyncing, status.headSlot, status.syncDistance)
	}

	slot, err := c.headSlot(ctx)
	if err != nil {
		return nil, err
	}
	finalized, err := c.finalizedEpoch(ctx)
	if err != nil {
		return nil, err
	}
	at := c.opts.Now()
	headEpoch := slot / c.opts.SlotsPerEpoch
	if finalized > headEpoch {
		return nil, fmt.Errorf("beacon: finalized epoch %d is after head epoch %d (slot %d)", finalized, headEpoch, slot)
	}
	obs := []collect.Observation{c.observe(KindFinalityLag, decimal.NewFromUint64(headEpoch-finalized), at)}

	var errs []error
	rate, ok, err := c.participation(ctx, headEpoch)
	if err != nil {
		errs = append(errs, err)
	} else if ok {
		obs = append(obs, c.observe(KindParticipation, rate, c.opts.Now()))
	}
	if len(c.opts.Validators) > 0 && headEpoch >= 1 {
		up, err := c.liveShare(ctx, headEpoch-1, c.opts.Validators)
		if err != nil {
			errs = append(errs, err)
		} else {
			obs = append(obs, c.observe(KindValidatorUptime, up, c.opts.Now()))
		}
	}
	return obs, errors.Join(errs...)
}

func (c *Collector) observe(kind string, v decimal.Decimal, at time.Time) collect.Observation {
	return collect.Observation{Chain: c.opts.Chain, Kind: kind, Value: v, At: at}
}
