package backtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/market"
)

// batchSize is how many steps the engine hands the runs at once.
const batchSize = 512

// NoPoolRun names the third run of a market with a pool: the aware
// parameters issued as if the market had no pool (its pool: unset, so no
// slippage model sets its bonus or caps its close factor), while its
// liquidations still sell into the pool.
const NoPoolRun = "aware-no-pool"

// Run replays an incident through the engine and the book: the calling
// goroutine drives the engine (it owns the pipeline), and each run
// (static, aware, and for a market with a pool aware-no-pool) marks and
// liquidates its own copy of the book on a goroutine of its own, a batch
// of steps at a time. Every goroutine it starts has ended when it returns.
// It stops early, with ctx's error, when ctx ends.
func Run(ctx context.Context, inc Incident, opts Options) (Result, error) {
	if err := opts.validate(); err != nil {
		return Result{}, err
	}
	if len(inc.Prices) == 0 || inc.Signals == nil {
		return Result{}, fmt.Errorf("%w: incident %q has no prices or no signals", ErrIncident, inc.Name)
	}
	f, mc, native, err := configure(opts.Config, inc, opts.Market, opts.NativeUSD)
	if err != nil {
		return Result{}, err
	}
	static, err := StaticParams(mc, native, inc.Start)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		Incident: inc.Name, Market: mc.Name, Chain: mc.Chain, Pool: mc.Pool, Start: inc.Start, End: inc.End,
		Static: static,
	}
	first := inc.Prices[0].Price
	if opts.Book != nil {
		res.Book = *opts.Book
	} else {
		res.Book, err = GenerateBook(opts.Seed, opts.Accounts, first, mc, static)
		if err != nil {
			return Result{}, err
		}
		res.Generated, res.Seed = true, opts.Seed
	}
	h := flatten(res.Book, first)
	res.Instruments = len(h.instruments)

	var sims []*simulation
	if opts.Params != Aware {
		sims = append(sims, newSimulation("static", static, static, h, mc.Surface, opts.Threshold))
	}
	if opts.Params != Static {
		sims = append(sims, newSimulation("aware", nil, static, h, mc.Surface, opts.Threshold))
	}
	withPool := mc.Pool != "" && opts.Params != Static
	if withPool {
		s := newSimulation(NoPoolRun, nil, static, h, mc.Surface, opts.Threshold)
		s.noPool = true
		sims = append(sims, s)
	}
	for _, s := range sims {
		s.l2, s.gasUnits, s.nativeUSD, s.timeline = mc.L2, mc.Liquidation.LiquidationGas, opts.NativeUSD, opts.Timeline
		s.pool, s.poolFee = mc.Pool != "", mc.Liquidation.Liquidity.Fee
	}

	eng, err := newEngine(f, mc, inc, static, opts, withPool)
	if err != nil {
		return Result{}, err
	}
	errs := make([]error, len(sims))
	chans := make([]chan []step, len(sims))
	var wg sync.WaitGroup
	for k, s := range sims {
		chans[k] = make(chan []step, 4)
		wg.Go(func() {
			for batch := range chans[k] {
				if errs[k] != nil {
					continue // drain, so the engine never blocks
				}
				for i := range batch {
					if errs[k] = s.step(&batch[i]); errs[k] != nil {
						break
					}
				}
			}
		})
	}
	runErr := eng.run(ctx, func(batch []step) {
		for _, c := range chans {
			c <- batch
		}
	})
	for _, c := range chans {
		close(c)
	}
	wg.Wait()
	if err := errors.Join(append([]error{runErr}, errs...)...); err != nil {
		return Result{}, err
	}

	res.Steps, res.Signals, res.Rejected, res.Timeline = eng.steps, eng.accepted, eng.rejections(), eng.points
	for k, s := range sims {
		s.finish()
		res.Runs = append(res.Runs, s.res)
		for i := range res.Timeline {
			res.Timeline[i].Runs[k] = s.points[i]
		}
	}
	return res, nil
}

// configure returns the configuration the engine runs with, the replayed
// market and the gas-token price. With native zero, the incident's market
// chain is configured at the incident's first price. The incident's venues
// join the configuration's (one of the same name must be the same venue),
// and the incident's pool becomes the market's pool:, replacing any the
// configuration names: the incident's signals are what the replay knows of
// the market's pool.
func configure(f config.File, inc Incident, name string, native float64) (config.File, market.Config, float64, error) {
	if native == 0 {
		native = inc.Prices[0].Price
	}
	f.Chains = slices.Clone(f.Chains)
	for i := range f.Chains {
		if f.Chains[i].Name == inc.Chain {
			f.Chains[i].NativeUSD = native
		}
	}
	f.Venues = slices.Clone(f.Venues)
	for _, v := range inc.Venues {
		i := slices.IndexFunc(f.Venues, func(w config.Venue) bool { return w.Name == v.Name })
		switch {
		case i < 0:
			f.Venues = append(f.Venues, v)
		case f.Venues[i] != v:
			return config.File{}, market.Config{}, 0, fmt.Errorf("%w: incident %s: venue %+v differs from the configuration's %+v",
				ErrIncident, inc.Name, v, f.Venues[i])
		}
	}
	mc, err := pickMarket(f, name, inc.Chain)
	if err != nil || inc.Pool == "" || mc.Pool == inc.Pool {
		return f, mc, native, err
	}
	f.Markets = slices.Clone(f.Markets)
	for i := range f.Markets {
		if f.Markets[i].Name == mc.Name {
			f.Markets[i].Pool = inc.Pool
		}
	}
	if mc, err = pickMarket(f, mc.Name, inc.Chain); err != nil {
		return config.File{}, market.Config{}, 0, fmt.Errorf("%w: incident %s: pool %s: %w", ErrIncident, inc.Name, inc.Pool, err)
	}
	return f, mc, native, nil
}

// ErrMarket is returned when no market fits the incident.
var ErrMarket = errors.New("backtest: no market")

// pickMarket returns the named market, or the first on the chain.
func pickMarket(f config.File, name, chain string) (market.Config, error) {
	ms, err := f.MarketConfigs()
	if err != nil {
		return market.Config{}, err
	}
	for _, m := range ms {
		switch {
		case name == "" && m.Chain == chain:
			return m, nil
		case name != "" && m.Name == name:
			if m.Chain != chain {
				return market.Config{}, fmt.Errorf("%w: market %s is on chain %s, the incident's signals on %s", ErrMarket, name, m.Chain, chain)
			}
			return m, nil
		}
	}
	if name != "" {
		return market.Config{}, fmt.Errorf("%w: market %q is not in the configuration", ErrMarket, name)
	}
	return market.Config{}, fmt.Errorf("%w: the configuration has no market on chain %q", ErrMarket, chain)
}

// progressEvery is how much incident time passes between progress calls,
// as a share of the whole.
const progressEvery = 0.002

func reportProgress(fn func(float64), inc Incident, at time.Time, last *float64) {
	if fn == nil {
		return
	}
	span := inc.End.Sub(inc.Start)
	done := 1.0
	if span > 0 {
		done = float64(at.Sub(inc.Start)) / float64(span)
	}
	if done-*last >= progressEvery || done >= 1 {
		*last = done
		fn(done)
	}
}
