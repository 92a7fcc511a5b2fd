package evm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Client reads the chain. *ethclient.Client and the simulated backend's
// client satisfy it.
type Client interface {
	ethereum.ChainReader
}

// Endpoint is one JSON-RPC connection to a node of the chain.
type Endpoint struct {
	// Name identifies the endpoint in logs. Dial sets it to the URL's
	// scheme and host only: API keys often sit in the path.
	Name   string
	Client Client
	// RPC is the same node's raw client, for txpool_status. If nil, New
	// takes it from Client when Client has a Client() *rpc.Client method
	// (as *ethclient.Client has); without one, pending_txs is not read.
	RPC *rpc.Client
}

// Dial connects to the node at rawURL (http, ws or an IPC path).
func Dial(ctx context.Context, rawURL string) (Endpoint, error) {
	name := redactURL(rawURL)
	rc, err := rpc.DialContext(ctx, rawURL)
	if err != nil {
		return Endpoint{}, fmt.Errorf("evm: dial %s: %w", name, err)
	}
	return Endpoint{Name: name, Client: ethclient.NewClient(rc), RPC: rc}, nil
}

// Close closes the endpoint's RPC connection, if it has one.
func (e Endpoint) Close() {
	if e.RPC != nil {
		e.RPC.Close()
	}
}

// redactURL keeps a URL's scheme and host; an IPC path is kept whole.
func redactURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "endpoint"
	}
	if u.Host == "" {
		return u.Path
	}
	return u.Scheme + "://" + u.Host
}

// Options configures a Collector. Zero values take the defaults of
// DefaultOptions.
type Options struct {
	// Chain names the chain in every observation (e.g. "ethereum").
	Chain string
	// Endpoints are the nodes read; the first is the primary, which
	// supplies the heads.
	Endpoints []Endpoint
	// Quorum is how many endpoints must return the same block hash for a
	// block's values to be emitted. It must be a strict majority of the
	// endpoints (so no two hashes can both reach it), and is by default
	// the smallest one: len(Endpoints)/2 + 1.
	Quorum int
	// PollInterval is how often the head is polled when the primary
	// cannot subscribe.
	PollInterval time.Duration
	// ReorgMemory is how long, in block time, reorg_depth keeps reporting
	// the last reorg's depth before it returns to 0.
	ReorgMemory time.Duration
	// Timeout bounds every single RPC call.
	Timeout time.Duration
	// Backoff paces the retries of failed reads.
	Backoff collect.Backoff
	// Sink receives the observations.
	Sink   collect.Sink
	Logger *slog.Logger
}

// Limits that need no tuning per deployment.
const (
	// ReorgWindow is how many recent canonical blocks the collector holds;
	// a reorg deeper than this is reported as this deep.
	ReorgWindow = 128
	// MaxBackfill is how many blocks one head jump is filled in with,
	// counting the head itself; older ones are skipped with a log line.
	MaxBackfill = 64
	// LagWait is how long an endpoint that does not have a block yet is
	// waited for before it counts against the quorum.
	LagWait = time.Second
	// resubscribeAfter is how long a primary whose subscription failed
	// (other than by not supporting subscriptions) is polled before it is
	// asked to subscribe again.
	resubscribeAfter = time.Minute
)

// DefaultOptions returns the defaults New fills in for zero fields.
func DefaultOptions() Options {
	return Options{
		PollInterval: 2 * time.Second,
		ReorgMemory:  10 * time.Minute,
		Timeout:      10 * time.Second,
		Backoff:      collect.DefaultBackoff,
	}
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Quorum == 0 {
		o.Quorum = len(o.Endpoints)/2 + 1
	}
	if o.PollInterval == 0 {
		o.PollInterval = d.PollInterval
	}
	if o.ReorgMemory == 0 {
		o.ReorgMemory = d.ReorgMemory
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
	eps := make([]Endpoint, len(o.Endpoints))
	for i, ep := range o.Endpoints {
		if ep.Name == "" {
			ep.Name = fmt.Sprintf("endpoint-%d", i)
		}
		if ep.RPC == nil {
			if rc, ok := ep.Client.(interface{ Client() *rpc.Client }); ok {
				ep.RPC = rc.Client()
			}
		}
		eps[i] = ep
	}
	o.Endpoints = eps
	return o
}

func (o Options) validate() error {
	var errs []error
	if !wire.ValidName(o.Chain) {
		errs = append(errs, fmt.Errorf("evm: chain %q is not a valid signal name", o.Chain))
	}
	if len(o.Endpoints) == 0 {
		errs = append(errs, errors.New("evm: no endpoints"))
	}
	for i, ep := range o.Endpoints {
		if ep.Client == nil {
			errs = append(errs, fmt.Errorf("evm: endpoint %d (%s) has no client", i, ep.Name))
		}
	}
	if n := len(o.Endpoints); n > 0 && (o.Quorum <= n/2 || o.Quorum > n) {
		errs = append(errs, fmt.Errorf("evm: quorum %d of %d endpoints is not a strict majority", o.Quorum, n))
	}
	if o.PollInterval < 0 || o.ReorgMemory < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("evm: negative duration"))
	}
	if o.Backoff.Base < 0 || o.Backoff.Max <= 0 {
		errs = append(errs, fmt.Errorf("evm: backoff %+v needs a positive Max", o.Backoff))
	}
	if o.Sink == nil {
		errs = append(errs, errors.New("evm: no sink"))
	}
	return errors.Join(errs...)
}
