package backtest

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/infrarisk/infrarisk/engine/config"
)

// Options configure a backtest. Flags of `infrarisk backtest` map onto
// them one to one.
type Options struct {
	// Config is the engine's configuration (engine/config).
	Config config.File
	// Market names the market to replay; empty picks the configuration's
	// first market on the incident's chain.
	Market string
	// Book is the accounts; nil generates Accounts accounts from Seed (see
	// GenerateBook).
	Book     *Book
	Accounts int
	Seed     uint64
	// Params picks the runs. For a market with a pool, Both and Aware
	// add the aware-no-pool run (see NoPoolRun).
	Params Which
	// Step, if positive, steps the clock by that much from the incident's
	// start; zero steps through the union of the signal and price times.
	Step time.Duration
	// Threshold is the relative move of the oracle price from the last
	// revaluation beyond which the book's margins are rebuilt (they are
	// rebuilt whenever the parameters change, too). See valuer.
	Threshold float64
	// NativeUSD is the chain's gas-token price. Zero takes it from the
	// incident, whose underlying (ETH) is the gas token of the configured
	// chains: the engine's chain is configured at the first price (its
	// native_usd is static) and the liquidator pays its gas at the price of
	// the moment.
	NativeUSD float64
	// Timeline keeps one Point per step in the Result.
	Timeline bool
	// Progress, if set, is called now and then with the share of the
	// incident's time done, from the goroutine that called Run.
	Progress func(done float64)
}

// DefaultThreshold is the default revaluation threshold: 0.1% of the
// price. A rebuild takes one Black–Scholes price per instrument and
// scenario; a 1-minute step of a 60%-vol underlying moves it 0.08% (one
// standard deviation), so most steps of a quiet price reuse the margins.
// Margins kept over a 0.1% move are off by at most their sensitivity bound
// times the move: at most 1.3% of the margin held over the recorded
// incidents (each run reports its largest, MarginErrorBound), and the
// decision to liquidate is always taken on the exact margin (see
// simulation.scan).
const DefaultThreshold = 0.001

// DefaultOptions returns the defaults: 500 accounts from seed 1, both
// runs, the union of the data's times, the default threshold and the
// incident's gas-token price, with a timeline. Config must still be set.
func DefaultOptions() Options {
	return Options{Accounts: 500, Seed: 1, Params: Both, Threshold: DefaultThreshold, Timeline: true}
}

// ErrOptions is wrapped by every error in Options.
var ErrOptions = errors.New("backtest: invalid options")

func (o Options) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrOptions, fmt.Sprintf(format, args...))
	}
	if _, err := o.Config.MarketConfigs(); err != nil {
		return fmt.Errorf("%w: %w", ErrOptions, err)
	}
	if o.Book == nil && (o.Accounts <= 0 || o.Accounts > 1_000_000) {
		return bad("accounts %d must be in [1, 1000000]", o.Accounts)
	}
	if o.Book != nil {
		if err := o.Book.Validate(); err != nil {
			return err
		}
	}
	if o.Params > Aware {
		return bad("params %v", o.Params)
	}
	if o.Step < 0 {
		return bad("step %s is negative", o.Step)
	}
	if !(o.Threshold >= 0 && o.Threshold <= 0.05) {
		return bad("threshold %g must be in [0, 0.05]", o.Threshold)
	}
	if !(o.NativeUSD >= 0) || math.IsInf(o.NativeUSD, 0) {
		return bad("native price %g must be zero or positive", o.NativeUSD)
	}
	return nil
}
