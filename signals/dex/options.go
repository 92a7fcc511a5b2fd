package dex

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Client reads blocks, logs and contract state: *ethclient.Client and the
// simulated backend's client satisfy it.
type Client interface {
	ethereum.ChainReader
	ethereum.LogFilterer
	bind.ContractCaller
}

// Pool is one Uniswap v2 pair (or a fork with the same interface and
// events). Its token0 is the base asset and its token1 the quote asset,
// unless QuoteIsToken0.
type Pool struct {
	// Name is the venue the pool's observations are published under, as
	// their Chain ("uni-weth-usdc"); it must be a valid signal name.
	Name    string
	Address common.Address
	// BaseDecimals and QuoteDecimals are the decimals() of the base and
	// the quote token: reserves are scaled by them into units.
	BaseDecimals, QuoteDecimals uint8
	// QuoteIsToken0 says the quote asset is the pair's token0: a pair
	// orders its tokens by address, so the USDC/WETH pair's token0 is
	// USDC.
	QuoteIsToken0 bool
	// Liquidators are known liquidators: accounts that send liquidation
	// transactions, contracts that swap on the pool (the Swap event's
	// sender) and recipients of a swap's output (its to). A sandwiched swap
	// involving one counts in liquidation_sandwiched.
	Liquidators []common.Address
}

// Options configure a Collector. Client, Pools and Sink are required; New
// fills every other zero field from DefaultOptions.
type Options struct {
	Client Client
	Pools  []Pool
	// Window is the span pool_liquidity_drop, sandwich_rate and
	// liquidation_sandwiched are computed over; 1 h by default.
	Window time.Duration
	// PollInterval is the time between polls; 12 s (one Ethereum slot) by
	// default.
	PollInterval time.Duration
	// StartBlock is the first block read; 0 means the head at the first
	// poll. The pools' reserves are read at the block before it, which a
	// node that is not an archive node keeps only for recent blocks.
	StartBlock uint64
	// MaxRange is the most blocks one eth_getLogs asks for; 1000 by
	// default (many providers refuse larger ranges).
	MaxRange uint64
	// Timeout bounds one poll, retries included; 10 s by default.
	Timeout time.Duration
	// Backoff is the wait between tries of a read failing in transport.
	Backoff collect.Backoff
	// Sink receives each poll's observations.
	Sink collect.Sink
	// Logger receives sandwiches and failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock collector_up is stamped with (the other kinds
	// carry their block's time); nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns the defaults New applies to zero fields.
func DefaultOptions() Options {
	d := collect.DefaultScan()
	return Options{
		Window:       time.Hour,
		PollInterval: d.PollInterval,
		MaxRange:     d.MaxRange,
		Timeout:      d.Timeout,
		Backoff:      d.Backoff,
	}
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Window == 0 {
		o.Window = d.Window
	}
	scan := collect.Scan{PollInterval: o.PollInterval, MaxRange: o.MaxRange, Timeout: o.Timeout, Backoff: o.Backoff}.WithDefaults()
	o.PollInterval, o.MaxRange, o.Timeout, o.Backoff = scan.PollInterval, scan.MaxRange, scan.Timeout, scan.Backoff
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
	if o.Client == nil {
		errs = append(errs, errors.New("dex: no client"))
	}
	if o.Sink == nil {
		errs = append(errs, errors.New("dex: no sink"))
	}
	if len(o.Pools) == 0 {
		errs = append(errs, errors.New("dex: no pools"))
	}
	names := map[string]bool{}
	addrs := map[common.Address]bool{}
	for i, p := range o.Pools {
		switch {
		case !wire.ValidName(p.Name):
			errs = append(errs, fmt.Errorf("dex: pool %d: name %q is not a valid signal name", i, p.Name))
		case names[p.Name]:
			errs = append(errs, fmt.Errorf("dex: pool name %q repeated", p.Name))
		}
		names[p.Name] = true
		switch {
		case p.Address == (common.Address{}):
			errs = append(errs, fmt.Errorf("dex: pool %q has no address", p.Name))
		case addrs[p.Address]:
			errs = append(errs, fmt.Errorf("dex: pool %q: address %s repeated", p.Name, p.Address.Hex()))
		}
		addrs[p.Address] = true
	}
	if o.Window < 0 || o.PollInterval < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("dex: negative duration"))
	}
	return errors.Join(errs...)
}

// clonePools copies the pools and their liquidators, so that the caller
// may reuse its slices.
func clonePools(ps []Pool) []Pool {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Liquidators = slices.Clone(out[i].Liquidators)
	}
	return out
}
