package backtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sort"
	"time"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/pipeline"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/replay"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Source is the source name the backtest's signals carry.
const Source = "backtest"

// engine drives the production state path, engine/pipeline, on the
// incident's clock: at each step it observes the signals up to the step,
// evaluates the market, keeps the governor state the update was issued
// with (as the service does once it publishes), and hands the runs the
// step. It also keeps the recorded infrastructure the liquidator faces.
type engine struct {
	pipe   *pipeline.Pipeline
	mc     market.Config
	inc    Incident
	static *ParamSet
	opts   Options
	warmup time.Duration

	seq      uint64
	accepted int
	rejected map[string]int
	baseFee  float64
	seqUp    bool

	// aware issues the market's parameters; noPool, for a market with a
	// pool when asked for, issues them for the same market without its
	// pool (the aware-no-pool run's).
	aware  issuer
	noPool *issuer

	steps  int
	points []Point
}

// issuer keeps what the engine issued for one market configuration: the
// last parameter set, the grid it was built on, and the outage its grace
// period counts from.
type issuer struct {
	mc         market.Config
	last       *ParamSet
	lastMargin margin.Params
	lastGrid   margin.Grid
	haveGrid   bool
	outage     bool
	recovered  time.Time
	recovery   bool
}

// noPoolSuffix names the pipeline's market of the aware-no-pool run, so
// that its governor and outage state are kept apart from the market's.
const noPoolSuffix = "/" + NoPoolRun

func newEngine(f config.File, mc market.Config, inc Incident, static *ParamSet, opts Options, noPool bool) (*engine, error) {
	// Like serve --replay: every kind lives at least twice the data's
	// spacing, so that coarse bars are not read stale between rows.
	pipe, err := pipeline.New(f, 2*inc.Spacing)
	if err != nil {
		return nil, err
	}
	e := &engine{
		pipe: pipe, mc: mc, inc: inc, static: static, opts: opts, warmup: time.Duration(f.Warmup),
		rejected: map[string]int{}, seqUp: true, aware: issuer{mc: mc},
	}
	if noPool {
		blind := mc
		blind.Name, blind.Pool = mc.Name+noPoolSuffix, ""
		e.noPool = &issuer{mc: blind}
	}
	return e, nil
}

// run steps through the incident and emits the steps in batches; emit may
// keep the batches, which run never touches again.
func (e *engine) run(ctx context.Context, emit func([]step)) error {
	next, stop := iter.Pull(e.inc.Signals)
	defer stop()
	row, more := next()
	prices := e.inc.Prices
	pi := -1
	batch := make([]step, 0, batchSize)
	var progress float64
	for t := e.inc.Start; ; {
		for more && !row.At.After(t) {
			e.observe(row)
			row, more = next()
		}
		for pi+1 < len(prices) && !prices[pi+1].At.After(t) {
			pi++
		}
		st, err := e.evaluate(t, prices[max(pi, 0)])
		if err != nil {
			return err
		}
		batch = append(batch, st)
		if len(batch) == batchSize {
			if err := ctx.Err(); err != nil {
				return err
			}
			emit(batch)
			batch = make([]step, 0, batchSize)
			reportProgress(e.opts.Progress, e.inc, t, &progress)
		}
		if e.opts.Step > 0 {
			if t = t.Add(e.opts.Step); t.After(e.inc.End) {
				break
			}
			continue
		}
		nt, have := time.Time{}, false
		if more {
			nt, have = row.At, true
		}
		if pi+1 < len(prices) && (!have || prices[pi+1].At.Before(nt)) {
			nt, have = prices[pi+1].At, true
		}
		if !have {
			break
		}
		t = nt
	}
	if len(batch) > 0 {
		emit(batch)
	}
	reportProgress(e.opts.Progress, e.inc, e.inc.End, &progress)
	return nil
}

// observe hands one recorded row to the pipeline as a signal; a rejected
// one is counted and changes nothing.
func (e *engine) observe(row replay.Row) {
	e.seq++
	sig := wire.Signal{
		V: wire.Version, Source: Source, Chain: row.Chain, Kind: row.Kind,
		Value: row.Value, ObservedAt: row.At, Seq: e.seq,
	}
	if err := e.pipe.Observe(sig, nil); err != nil {
		reason := "malformed"
		var re *wire.RejectError
		if errors.As(err, &re) {
			reason = string(re.Reason)
		}
		e.rejected[reason]++
		return
	}
	e.accepted++
	if row.Chain != e.mc.Chain {
		return
	}
	switch row.Kind {
	case "base_fee_gwei":
		e.baseFee = sig.Float()
	case "sequencer_up":
		e.seqUp = sig.Float() != 0
	}
}

// evaluate issues the market's parameters at t. While the market warms up
// (its chain has not reported every watched kind yet), the engine issues
// nothing and the aware run keeps what it had: the static set before the
// first update, as a consumer keeps its own set until the engine speaks.
func (e *engine) evaluate(t time.Time, p Price) (step, error) {
	st := step{
		at: t, price: p.Price, oracle: p.Oracle, baseFee: e.baseFee,
		sequencerUp: !e.mc.L2 || e.seqUp, aware: e.aware.current(e.static),
	}
	if e.noPool != nil {
		st.noPool = e.noPool.current(e.static)
	}
	if e.mc.Pool != "" {
		st.poolDepth = e.poolDepth(t)
	}
	if !e.pipe.Warming(e.mc, t, e.inc.Start, e.warmup) {
		mu, err := e.issue(&e.aware, t)
		if err != nil {
			return step{}, err
		}
		st.aware, st.regime, st.stress = e.aware.last, mu.Regime, mu.Stress.Index
		if e.noPool != nil {
			if _, err := e.issue(e.noPool, t); err != nil {
				return step{}, err
			}
			st.noPool = e.noPool.last
		}
	}
	e.steps++
	if e.opts.Timeline {
		e.points = append(e.points, Point{
			At: t, Price: p.Price, Oracle: p.Oracle, BaseFee: st.baseFee, SequencerUp: st.sequencerUp,
			PoolDepth: st.poolDepth, Regime: st.regime, Stress: st.stress,
		})
	}
	return st, nil
}

// issue evaluates an issuer's market at t, keeps the governor state the
// update was issued with, and makes its parameters the issuer's last.
func (e *engine) issue(is *issuer, t time.Time) (market.Update, error) {
	mu, next, _, err := e.pipe.Evaluate(is.mc, t)
	if err != nil {
		return market.Update{}, fmt.Errorf("backtest: engine at %s: %w", t.Format(time.RFC3339), err)
	}
	e.pipe.SetGovernor(is.mc.Name, next)
	mp := mu.MarginParams(is.mc)
	if !is.haveGrid || mp != is.lastMargin {
		is.lastGrid, is.lastMargin, is.haveGrid = mu.Grid(is.mc), mp, true
	}
	is.last = awareParams(mu, mp, is.lastGrid, is.grace(mu, t))
	return mu, nil
}

// current is the issuer's last parameter set, or the static one before
// its first: a consumer keeps its own set until the engine speaks.
func (is *issuer) current(static *ParamSet) *ParamSet {
	if is.last == nil {
		return static
	}
	return is.last
}

// grace reports that t falls within the grace period the update sets,
// counted from the first evaluation that no longer saw the outage (the
// sequencer down or finality lost) the one before it saw.
func (is *issuer) grace(mu market.Update, t time.Time) bool {
	c := mu.Stress.Conditions
	outage := c.SequencerDown || c.FinalityLost
	if is.outage && !outage {
		is.recovered, is.recovery = t, true
	}
	is.outage = outage
	return is.recovery && !outage && t.Sub(is.recovered) < mu.Grace
}

// poolDepth is the depth of the market's pool at t, in USD, as the market
// reads it (market's poolOf): the pool's last pool_liquidity while fresh,
// its conservative value (no depth) once stale or before its first.
func (e *engine) poolDepth(t time.Time) float64 {
	st, _ := e.pipe.State(e.mc.Pool)
	return st.Read(netstate.PoolLiquidity, t).Value
}

func (e *engine) rejections() []Rejection {
	out := make([]Rejection, 0, len(e.rejected))
	for r, n := range e.rejected {
		out = append(out, Rejection{Reason: r, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Reason < out[j].Reason })
	return out
}
