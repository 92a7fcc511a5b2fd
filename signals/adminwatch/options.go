package adminwatch

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Client reads blocks and logs: *ethclient.Client and the simulated
// backend's client satisfy it.
type Client interface {
	ethereum.ChainReader
	ethereum.LogFilterer
}

// Selector is a function whose calls to a watched contract count as
// administrative changes.
type Selector struct {
	// Name is shown in logs, e.g. "setOracle(address)".
	Name string
	// ID is the first four bytes of the calldata.
	ID [4]byte
}

// SelectorOf returns the selector of a function signature written as the
// Solidity ABI specification canonicalises it ("setOracle(address)": no
// spaces, no parameter names): the first four bytes of its Keccak-256 hash.
func SelectorOf(signature string) Selector {
	s := Selector{Name: signature}
	copy(s.ID[:], crypto.Keccak256([]byte(signature)))
	return s
}

// Options configure a Collector. Chain, Client, Contracts and Sink are
// required; New fills every other zero field from DefaultOptions.
type Options struct {
	// Chain names the chain in every observation ("ethereum").
	Chain  string
	Client Client
	// Contracts are the watched contracts (proxies, governors, vaults).
	Contracts []common.Address
	// Selectors are functions whose direct calls count, besides the
	// events.
	Selectors []Selector
	// Window is how long an event counts in admin_event; 1 h by default.
	Window time.Duration
	// PollInterval is the time between polls; 12 s (one Ethereum slot) by
	// default.
	PollInterval time.Duration
	// StartBlock is the first block scanned; 0 means the block after the
	// head at the first poll.
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
	// Logger receives the events and failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock the window is measured by and observations are
	// stamped with; nil means time.Now.
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
	if !wire.ValidName(o.Chain) {
		errs = append(errs, fmt.Errorf("adminwatch: chain %q is not a valid signal name", o.Chain))
	}
	if o.Client == nil {
		errs = append(errs, errors.New("adminwatch: no client"))
	}
	if o.Sink == nil {
		errs = append(errs, errors.New("adminwatch: no sink"))
	}
	if len(o.Contracts) == 0 {
		errs = append(errs, errors.New("adminwatch: no contracts to watch"))
	}
	for i, s := range o.Selectors {
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("adminwatch: selector %d (%#x) has no name", i, s.ID))
		}
	}
	if o.Window < 0 || o.PollInterval < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("adminwatch: negative duration"))
	}
	return errors.Join(errs...)
}
