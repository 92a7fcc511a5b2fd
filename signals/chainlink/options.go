package chainlink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// PriceSource is a reference price for a feed, in the feed's quote unit
// (USD for ETH / USD). It must be safe for concurrent use.
type PriceSource interface {
	Price(ctx context.Context) (decimal.Decimal, error)
}

// PriceSourceFunc adapts a function to a PriceSource.
type PriceSourceFunc func(ctx context.Context) (decimal.Decimal, error)

// Price calls f.
func (f PriceSourceFunc) Price(ctx context.Context) (decimal.Decimal, error) { return f(ctx) }

// Feed is one Chainlink price feed (an AggregatorV3Interface proxy).
type Feed struct {
	// Name identifies the feed in logs and errors ("eth-usd").
	Name    string
	Address common.Address
	// Heartbeat is the feed's published maximum time between updates; an
	// older answer is logged as a warning.
	Heartbeat time.Duration
	// Reference, if set, is a second feed of the same pair the answer is
	// compared with for oracle_deviation.
	Reference *common.Address
	// ReferenceSource, if set, is the reference price instead. At most one
	// of Reference and ReferenceSource may be set.
	ReferenceSource PriceSource
}

// Options configure a Collector. Chain, Caller, Sink and at least one feed
// or a sequencer are required; New fills every other zero field from
// DefaultOptions.
type Options struct {
	// Chain names the chain in every observation ("arbitrum").
	Chain string
	// Caller makes the eth_calls: *ethclient.Client or the simulated
	// backend's client.
	Caller bind.ContractCaller
	Feeds  []Feed
	// Sequencer, if set, is the L2 sequencer uptime feed of Chain.
	Sequencer *common.Address
	// PollInterval is the time between polls; 10 s by default.
	PollInterval time.Duration
	// Timeout bounds one poll, retries included; 5 s by default.
	Timeout time.Duration
	// Backoff is the wait between tries of a read failing in transport.
	Backoff collect.Backoff
	// Sink receives each poll's observations.
	Sink collect.Sink
	// Logger receives warnings and failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock ages are measured and observations stamped with;
	// nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns the defaults New applies to zero fields.
func DefaultOptions() Options {
	return Options{
		PollInterval: 10 * time.Second,
		Timeout:      5 * time.Second,
		// Short enough that several tries fit in one poll.
		Backoff: collect.Backoff{Base: 100 * time.Millisecond, Max: 2 * time.Second},
	}
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.PollInterval == 0 {
		o.PollInterval = d.PollInterval
	}
	if o.Timeout == 0 {
		o.Timeout = d.Timeout
	}
	if o.Backoff == (collect.Backoff{}) {
		o.Backoff = d.Backoff
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func (o Options) validate() error {
	var errs []error
	if !wire.ValidName(o.Chain) {
		errs = append(errs, fmt.Errorf("chainlink: chain %q is not a valid signal name", o.Chain))
	}
	if o.Caller == nil {
		errs = append(errs, errors.New("chainlink: no caller"))
	}
	if o.Sink == nil {
		errs = append(errs, errors.New("chainlink: no sink"))
	}
	if len(o.Feeds) == 0 && o.Sequencer == nil {
		errs = append(errs, errors.New("chainlink: no feeds and no sequencer feed"))
	}
	names := map[string]bool{}
	for i, f := range o.Feeds {
		switch {
		case f.Name == "":
			errs = append(errs, fmt.Errorf("chainlink: feed %d has no name", i))
		case names[f.Name]:
			errs = append(errs, fmt.Errorf("chainlink: feed name %q repeated", f.Name))
		}
		names[f.Name] = true
		if f.Heartbeat <= 0 {
			errs = append(errs, fmt.Errorf("chainlink: feed %q has no heartbeat", f.Name))
		}
		if f.Reference != nil && f.ReferenceSource != nil {
			errs = append(errs, fmt.Errorf("chainlink: feed %q has both a reference feed and a reference source", f.Name))
		}
	}
	if o.PollInterval < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("chainlink: negative duration"))
	}
	return errors.Join(errs...)
}
