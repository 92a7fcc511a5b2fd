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

// Run replays an incident through the engine and the book: the calling
// goroutine drives the engine (it owns the pipeline), and each run
// (static, aware) marks and liquidates its own copy of the book on a
// goroutine of its own, a batch of steps at a time. Every goroutine it
// starts has ended when it returns. It stops early, with ctx's error,
// when ctx ends.
func Run(ctx context.Context, inc Incident, opts Options) (Result, error) {
	if err := opts.validate(); err != nil {
		return Result{}, err
	}
	if len(inc.Prices) == 0 || inc.Signals == nil {
		return Result{}, fmt.Errorf("%w: incident %q has no prices or no signals", ErrIncident, inc.Name)
	}
	f, native := engineConfig(opts.Config, inc, opts.NativeUSD)
	mc, err := pickMarket(f, opts.Market, inc.Chain)
	if err != nil {
		return Result{}, err
	}
	static, err := StaticParams(mc, native, inc.Start)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		Incident: inc.Name, Market: mc.Name, Chain: mc.Chain, Start: inc.Start, End: inc.End,
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
	for _, s := range sims {
		s.l2, s.gasUnits, s.nativeUSD, s.timeline = mc.L2, mc.Liquidation.LiquidationGas, opts.NativeUSD, opts.Timeline
	}

	eng, err := newEngine(f, mc, inc, static, opts)
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

// engineConfig returns the configuration the engine runs with and the
// gas-token price: with native zero, the incident's market chain is
// configured at the incident's first price.
func engineConfig(f config.File, inc Incident, native float64) (config.File, float64) {
	if native == 0 {
		native = inc.Prices[0].Price
	}
	f.Chains = slices.Clone(f.Chains)
	for i := range f.Chains {
		if f.Chains[i].Name == inc.Chain {
			f.Chains[i].NativeUSD = native
		}
	}
	return f, native
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
