package beacon

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// Options configure a Collector. Chain, BaseURL and Sink are required;
// New fills every other zero field from DefaultOptions.
type Options struct {
	// Chain names the chain in every observation, as the engine knows it
	// ("ethereum").
	Chain string
	// BaseURL is the beacon node's HTTP API root, e.g.
	// "http://localhost:5052".
	BaseURL string
	// HTTPClient makes the requests; nil means a new http.Client with the
	// default transport. Its own Timeout, if any, applies on top of
	// Timeout.
	HTTPClient *http.Client
	// Validators is the watched set whose validator_uptime is reported;
	// empty means no validator_uptime.
	Validators []uint64
	// ParticipationSample is the set of validator indices whose liveness
	// estimates participation_rate when the node does not serve
	// Lighthouse's validator inclusion API. Empty disables that fallback.
	ParticipationSample []uint64
	// SlotsPerEpoch is the network's SLOTS_PER_EPOCH: 32 on Ethereum
	// mainnet, 16 on Gnosis.
	SlotsPerEpoch uint64
	// PollInterval is the time between polls; one slot (12 s) by default.
	PollInterval time.Duration
	// Timeout bounds each HTTP request; 5 s by default.
	Timeout time.Duration
	// Attempts is how many times a request failing in transport is tried
	// within one poll; 3 by default.
	Attempts int
	// Backoff is the wait between those tries.
	Backoff collect.Backoff
	// Sink receives each poll's observations.
	Sink collect.Sink
	// Logger receives failures; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock that stamps observations; nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns the defaults New applies to zero fields.
func DefaultOptions() Options {
	return Options{
		SlotsPerEpoch: 32,
		PollInterval:  12 * time.Second,
		Timeout:       5 * time.Second,
		Attempts:      3,
		// Short enough that three tries fit in one 12 s poll.
		Backoff: collect.Backoff{Base: 200 * time.Millisecond, Max: 2 * time.Second},
	}
}

// chainName is the chain grammar of the signal wire format.
var chainName = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.SlotsPerEpoch == 0 {
		o.SlotsPerEpoch = d.SlotsPerEpoch
	}
	if o.PollInterval == 0 {
		o.PollInterval = d.PollInterval
	}
	if o.Timeout == 0 {
		o.Timeout = d.Timeout
	}
	if o.Attempts == 0 {
		o.Attempts = d.Attempts
	}
	if o.Backoff == (collect.Backoff{}) {
		o.Backoff = d.Backoff
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	return o
}

// validate reports the first thing wrong with o, after defaults.
func (o Options) validate() error {
	if !chainName.MatchString(o.Chain) {
		return fmt.Errorf("beacon: chain %q: want 1 to 64 of a-z, 0-9, _ and -", o.Chain)
	}
	u, err := url.Parse(o.BaseURL)
	if err != nil {
		return fmt.Errorf("beacon: base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("beacon: base URL %q: want http:// or https:// and a host", o.BaseURL)
	}
	if o.Sink == nil {
		return errors.New("beacon: no sink")
	}
	if o.PollInterval < 0 || o.Timeout < 0 {
		return fmt.Errorf("beacon: negative poll interval %v or timeout %v", o.PollInterval, o.Timeout)
	}
	if o.Attempts < 0 {
		return fmt.Errorf("beacon: negative attempts %d", o.Attempts)
	}
	if o.Backoff.Base < 0 || o.Backoff.Max < 0 {
		return fmt.Errorf("beacon: negative backoff %+v", o.Backoff)
	}
	if err := distinct("validators", o.Validators); err != nil {
		return err
	}
	return distinct("participation sample", o.ParticipationSample)
}

// distinct rejects a repeated index, which would count one validator twice
// in a share.
func distinct(what string, indices []uint64) error {
	seen := make(map[uint64]bool, len(indices))
	for _, i := range indices {
		if seen[i] {
			return fmt.Errorf("beacon: %s: validator %d listed twice", what, i)
		}
		seen[i] = true
	}
	return nil
}
