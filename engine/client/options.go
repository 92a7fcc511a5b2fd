package client

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
)

// Bucket is the key-value bucket where the engine keeps each market's last
// update, under the market's name.
const Bucket = "risk_params"

// ErrInvalidOptions is wrapped by New for options that cannot work.
var ErrInvalidOptions = errors.New("client: invalid options")

// paramNames are the parameters every update carries: the table in the
// update package's documentation. The update package keeps that table to
// itself, so it is listed again here from the same constants; a test checks
// it against what a running engine publishes.
var paramNames = slices.Sorted(slices.Values([]string{
	market.ScanRange, market.VolShockUp, market.VolShockDown, market.HorizonSeconds,
	market.MaintenanceMultiplier, market.InitialMultiplier, market.LiquidationBonus, market.CloseFactor,
	update.GracePeriodSeconds, update.DeepUnderwaterHealth, update.PFail,
}))

// flagNames are the flags every update carries.
var flagNames = slices.Sorted(slices.Values([]string{
	market.NewPositionsPaused, update.LiquidationsPaused, update.Halt,
}))

// ParamNames returns the names of the parameters every update carries,
// sorted: Options.Fallback must give a value for each.
func ParamNames() []string { return slices.Clone(paramNames) }

// FlagNames returns the names of the flags every update carries, sorted.
func FlagNames() []string { return slices.Clone(flagNames) }

// Options configure a Client. Conn, Market, EngineKeys and Fallback are
// required.
type Options struct {
	// Conn is the margin system's connection to the engine's NATS server.
	// The Client subscribes on it and never closes it.
	Conn *nats.Conn
	// Market is the market to follow, as the engine's configuration names
	// it.
	Market string
	// EngineKeys are the public keys (key_id values) of the engines whose
	// updates are accepted.
	EngineKeys []string
	// Fallback is the margin system's own conservative parameter set, used
	// whenever there is no fresh update: one value for each of ParamNames,
	// and no other.
	Fallback map[string]decimal.Decimal
	// FallbackFlags are the flags while falling back, by FlagNames; a flag
	// not given is true (halted, new positions and liquidations paused), so
	// nil means all true. A venue that would rather keep liquidating while
	// the engine is silent sets liquidations_paused to false.
	FallbackFlags map[string]bool
	// Now is the clock that judges freshness; nil means time.Now. It is
	// called from Current's callers and the client's own goroutine at once.
	Now func() time.Time
	// Logger receives rejections and fallbacks; nil means slog.Default().
	Logger *slog.Logger
	// ResyncEvery is how often the client checks whether it may have
	// missed updates: messages dropped because it fell behind, or a
	// reconnection to NATS (what was published while the connection was
	// down never comes). If either happened since the last check, it
	// reads the market's update from the bucket again (Stats.Resyncs).
	// Zero means one second.
	ResyncEvery time.Duration
	// PendingLimit is how many messages may wait for the client before
	// the NATS client drops the next ones (Stats.Dropped), bounding the
	// memory they take; a resync then recovers the latest. Zero means
	// 1024.
	PendingLimit int
}

// withDefaults returns a copy of o with the defaults filled in and the
// caller's maps and slices copied, so that changing them after New changes
// nothing.
func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.ResyncEvery == 0 {
		o.ResyncEvery = defaultResyncEvery
	}
	if o.PendingLimit == 0 {
		o.PendingLimit = defaultPendingLimit
	}
	o.EngineKeys = slices.Clone(o.EngineKeys)
	o.Fallback = maps.Clone(o.Fallback)
	flags := make(map[string]bool, len(flagNames))
	for _, name := range flagNames {
		flags[name] = true
	}
	for name, v := range o.FallbackFlags {
		flags[name] = v
	}
	o.FallbackFlags = flags
	return o
}

// validate reports everything wrong with o at once.
func (o Options) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if o.Conn == nil {
		bad("no NATS connection")
	}
	if err := checkMarket(o.Market); err != nil {
		bad("market: %w", err)
	}
	if len(o.EngineKeys) == 0 {
		bad("no engine keys to trust")
	}
	for _, k := range o.EngineKeys {
		if err := checkKey(k); err != nil {
			bad("engine key %q: %w", abbreviate(k), err)
		}
	}
	if o.ResyncEvery < 0 {
		bad("resync interval %s is negative", o.ResyncEvery)
	}
	if o.PendingLimit < 0 {
		bad("pending limit %d is negative", o.PendingLimit)
	}
	var missing []string
	for _, name := range paramNames {
		if _, ok := o.Fallback[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		bad("fallback lacks %s (it needs every one of %s)", strings.Join(missing, ", "), strings.Join(paramNames, ", "))
	}
	for _, name := range slices.Sorted(maps.Keys(o.Fallback)) {
		if !slices.Contains(paramNames, name) {
			bad("fallback has %q, which is not a parameter of the update", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(o.FallbackFlags)) {
		if !slices.Contains(flagNames, name) {
			bad("fallback flags have %q, which is not a flag of the update (%s)", name, strings.Join(flagNames, ", "))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalidOptions, errors.Join(errs...))
}

// checkMarket applies the update contract's rule for market names: 1 to
// update.MaxField bytes of printable ASCII without space, '.', '*' or '>',
// so that the subject names one market.
func checkMarket(name string) error {
	if name == "" || len(name) > update.MaxField {
		return fmt.Errorf("%q: want 1 to %d bytes", name, update.MaxField)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c > '~' || c == '.' || c == '*' || c == '>' {
			return fmt.Errorf("%q: byte %d is not printable ASCII other than space, '.', '*' and '>'", name, i)
		}
	}
	return nil
}

// checkKey accepts an nkeys public key that can have signed an update.
func checkKey(k string) error {
	if strings.HasPrefix(k, "S") {
		return errors.New("a seed where a public key belongs: give the public key, and treat this seed as leaked")
	}
	if _, err := nkeys.FromPublicKey(k); err != nil {
		return err
	}
	if nkeys.IsValidPublicCurveKey(k) {
		return errors.New("a curve key, which cannot sign")
	}
	return nil
}

// abbreviate keeps a key's start, so that an error never repeats a whole
// secret pasted in the wrong place.
func abbreviate(k string) string {
	if len(k) <= 8 {
		return k
	}
	return k[:8] + "…"
}
