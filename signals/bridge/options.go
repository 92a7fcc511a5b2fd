package bridge

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Client reads headers and logs and makes eth_calls: *ethclient.Client
// and the simulated backend's client satisfy it.
type Client interface {
	ethereum.ChainReader
	ethereum.LogFilterer
	bind.ContractCaller
}

// Bridge is one bridge vault: the contract holding the backing of one
// wrapped asset.
type Bridge struct {
	// Name is the venue the bridge's observations are published under, in
	// Observation.Chain ("arb-bridge-weth"); it must be a valid signal name.
	Name    string
	Address common.Address
	// Decimals is the bridged asset's: amounts are logged in its units.
	Decimals uint8
}

// Options configure a Collector. Client, Sink and at least one bridge are
// required; New fills every other zero field from DefaultOptions.
type Options struct {
	// Client reads the chain all the bridges live on.
	Client  Client
	Bridges []Bridge
	// Window is how far back, in block time, bridge_outflow_ratio counts
	// withdrawals; 1 h by default.
	Window time.Duration
	// PollInterval is the time between polls; 12 s (one Ethereum slot) by
	// default.
	PollInterval time.Duration
	// MaxRange is the most blocks one eth_getLogs asks for; 1000 by
	// default (many providers refuse larger ranges).
	MaxRange uint64
	// Timeout bounds one poll, retries included; 10 s by default.
	Timeout time.Duration
	// Backoff is the wait between tries of a read failing in transport.
	Backoff collect.Backoff
	// Sink receives each poll's observations.
	Sink collect.Sink
	// Logger receives the bridges' events and the failures; nil means
	// slog.Default().
	Logger *slog.Logger
	// Now is the clock collector_up is stamped with; nil means time.Now.
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
		errs = append(errs, errors.New("bridge: no client"))
	}
	if o.Sink == nil {
		errs = append(errs, errors.New("bridge: no sink"))
	}
	if len(o.Bridges) == 0 {
		errs = append(errs, errors.New("bridge: no bridges"))
	}
	names := map[string]bool{}
	addrs := map[common.Address]bool{}
	for i, b := range o.Bridges {
		switch {
		case !wire.ValidName(b.Name):
			errs = append(errs, fmt.Errorf("bridge: bridge %d: name %q is not a valid signal name", i, b.Name))
		case names[b.Name]:
			errs = append(errs, fmt.Errorf("bridge: bridge name %q repeated", b.Name))
		}
		names[b.Name] = true
		switch {
		case b.Address == (common.Address{}):
			errs = append(errs, fmt.Errorf("bridge: bridge %q has no address", b.Name))
		case addrs[b.Address]:
			errs = append(errs, fmt.Errorf("bridge: bridge %q: address %s repeated", b.Name, b.Address.Hex()))
		}
		addrs[b.Address] = true
	}
	if o.Window < 0 || o.PollInterval < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("bridge: negative duration"))
	}
	return errors.Join(errs...)
}
