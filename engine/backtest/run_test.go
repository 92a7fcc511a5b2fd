package backtest

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/pipeline"
	"github.com/infrarisk/infrarisk/signals/replay"
	"github.com/infrarisk/infrarisk/signals/wire"
)

func TestSameSeedSameBytes(t *testing.T) {
	inc := incident(t, "black-thursday-2020")
	opts := DefaultOptions()
	opts.Config, opts.Accounts, opts.Seed = exampleConfig(t), 80, 3
	run := func(o Options) map[string]string {
		r, err := Run(context.Background(), inc, o)
		if err != nil {
			t.Fatal(err)
		}
		return outputs(t, r)
	}
	first, second := run(opts), run(opts)
	for name, want := range first {
		if second[name] != want {
			t.Errorf("%s differs between two runs of the same seed", name)
		}
	}
	if first["liquidations"] == "" || len(first["timeline.csv"]) < 1000 {
		t.Fatalf("outputs too small to compare: %q", first["summary.csv"])
	}
	opts.Seed = 4
	if other := run(opts); other["book.json"] == first["book.json"] || other["summary.csv"] == first["summary.csv"] {
		t.Error("another seed gave the same book or summary")
	}
}

// TestThresholdChangesNoLiquidation: margins kept between revaluations
// only list accounts; each liquidation is decided on the exact margin, so
// rebuilding at every oracle move (threshold 0) gives the same
// liquidations, and margins held within the reported error bound.
func TestThresholdChangesNoLiquidation(t *testing.T) {
	for _, name := range []string{"black-thursday-2020", "synthetic-frozen-oracle"} {
		t.Run(name, func(t *testing.T) {
			inc := incident(t, name)
			opts := DefaultOptions()
			opts.Config, opts.Accounts, opts.Threshold = exampleConfig(t), 200, 0.005
			coarse, err := Run(context.Background(), inc, opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.Threshold = 0
			exact, err := Run(context.Background(), inc, opts)
			if err != nil {
				t.Fatal(err)
			}
			for k := range exact.Runs {
				c, e := coarse.Runs[k], exact.Runs[k]
				if !slices.Equal(c.Log, e.Log) {
					t.Errorf("%s: liquidations differ with threshold 0.005 (%d) and 0 (%d)", e.Params, len(c.Log), len(e.Log))
				}
				if c.Revaluations >= e.Revaluations && e.Params == "static" {
					t.Errorf("%s: %d revaluations with the threshold, %d without: the threshold saved nothing", e.Params, c.Revaluations, e.Revaluations)
				}
				for i, p := range exact.Timeline {
					got, want := coarse.Timeline[i].Runs[k].Margin, p.Runs[k].Margin
					if math.Abs(got-want) > c.MarginErrorBound*want+1e-6 {
						t.Fatalf("%s at %s: margin held %.2f, exact %.2f, beyond the bound %.4g", e.Params, p.At, got, want, c.MarginErrorBound)
					}
				}
				t.Logf("%s: %d revaluations against %d, margin error bound %.4f", e.Params, c.Revaluations, e.Revaluations, c.MarginErrorBound)
			}
		})
	}
}

func TestRejectedSignalsAreCountedNotFatal(t *testing.T) {
	row := func(i int, chain, kind, value string) replay.Row {
		return replay.Row{At: minute(i), Chain: chain, Kind: kind, Value: decimal.RequireFromString(value)}
	}
	rows := []replay.Row{
		row(0, "ethereum", "base_fee_gwei", "10"),
		row(0, "ethereum", "gas_used_ratio", "2"), // out of range
		row(0, "ethereum", "gas_price", "10"),     // not a kind
		row(1, "solana", "base_fee_gwei", "10"),   // not a configured chain
		row(1, "ethereum", "base_fee_gwei", "11"),
		row(1, "ethereum", "oracle_age_s", "-1"), // out of range
	}
	inc := NewIncident("rejects", rows, []Price{{At: minute(0), Price: 100, Oracle: 100}, {At: minute(1), Price: 100, Oracle: 100}})
	opts := DefaultOptions()
	opts.Config, opts.Book = exampleConfig(t), futureAccount("400", "10")
	r, err := Run(context.Background(), inc, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Rejection{
		{string(wire.ReasonOutOfRange), 2},
		{string(pipeline.ReasonUnknownChain), 1},
		{string(wire.ReasonUnknownKind), 1},
	}
	if !slices.Equal(r.Rejected, want) || r.Signals != 2 {
		t.Errorf("accepted %d, rejected %+v; want 2 and %+v", r.Signals, r.Rejected, want)
	}
}

func TestRunStopsWhenContextEnds(t *testing.T) {
	inc := Synthetic(1, 7*24*time.Hour, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := DefaultOptions()
	opts.Config, opts.Accounts = exampleConfig(t), 20
	calls := 0
	opts.Progress = func(float64) {
		calls++
		cancel()
	}
	if _, err := Run(ctx, inc, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("progress called %d times after the cancel, want once", calls)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	inc := incident(t, "black-thursday-2020")
	base := DefaultOptions()
	base.Config = exampleConfig(t)
	for _, c := range []struct {
		name string
		edit func(*Options)
		want error
	}{
		{"no config", func(o *Options) { o.Config.Markets = nil }, ErrOptions},
		{"no accounts", func(o *Options) { o.Accounts = 0 }, ErrOptions},
		{"threshold", func(o *Options) { o.Threshold = 0.5 }, ErrOptions},
		{"negative step", func(o *Options) { o.Step = -time.Minute }, ErrOptions},
		{"empty book", func(o *Options) { o.Book = &Book{} }, ErrBook},
		{"market elsewhere", func(o *Options) { o.Market = "ETH-OPTIONS-ARB" }, ErrMarket},
		{"unknown market", func(o *Options) { o.Market = "BTC" }, ErrMarket},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := base
			c.edit(&o)
			if _, err := Run(context.Background(), inc, o); !errors.Is(err, c.want) {
				t.Errorf("err %v, want %v", err, c.want)
			}
		})
	}
}

func TestFixedStepAndOneRun(t *testing.T) {
	inc := incident(t, "black-thursday-2020")
	opts := DefaultOptions()
	opts.Config, opts.Accounts, opts.Params, opts.Step = exampleConfig(t), 50, Aware, 30*time.Minute
	r, err := Run(context.Background(), inc, opts)
	if err != nil {
		t.Fatal(err)
	}
	// 00:00 to 23:50 every 30 minutes: 00:00 … 23:30.
	if r.Steps != 48 || len(r.Runs) != 1 || r.Runs[0].Params != "aware" {
		t.Errorf("%d steps, runs %d (%s); want 48 steps, the aware run alone", r.Steps, len(r.Runs), r.Runs[0].Params)
	}
	if got := r.Timeline[1].At.Sub(r.Timeline[0].At); got != 30*time.Minute {
		t.Errorf("step %s, want 30m", got)
	}
}
