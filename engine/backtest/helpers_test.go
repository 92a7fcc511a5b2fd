package backtest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/signals/replay"
)

// TestMain fails the package when a goroutine outlives the tests: every
// run's goroutine must end before Run returns.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	if code == 0 {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			fmt.Fprintf(os.Stderr, "%d goroutines leaked:\n%s\n", n-before, buf[:runtime.Stack(buf, true)])
			code = 1
		}
	}
	os.Exit(code)
}

// exampleConfig is the repository's example configuration: ETH-OPTIONS on
// ethereum (L1) and ETH-OPTIONS-ARB on arbitrum (L2).
func exampleConfig(tb testing.TB) config.File {
	tb.Helper()
	f, err := config.Load("../config/example.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// incident reads a committed incident folder.
func incident(tb testing.TB, name string) Incident {
	tb.Helper()
	inc, err := LoadIncident("../../testdata/incidents/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return inc
}

var t0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// minute returns the time of step i of a hand-built incident.
func minute(i int) time.Time { return t0.Add(time.Duration(i) * time.Minute) }

// handIncident builds an incident of one-minute steps on chain: at step i
// the true price prices[i][0], the oracle prices[i][1], and a row of each
// kind with its i-th value.
func handIncident(chain string, prices [][2]float64, signals map[string][]string) Incident {
	kinds := make([]string, 0, len(signals))
	for k := range signals {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	var rows []replay.Row
	for i := range prices {
		for _, k := range kinds {
			rows = append(rows, replay.Row{At: minute(i), Chain: chain, Kind: k, Value: decimal.RequireFromString(signals[k][i])})
		}
	}
	ps := make([]Price, len(prices))
	for i, p := range prices {
		ps[i] = Price{At: minute(i), Price: p[0], Oracle: p[1]}
	}
	return NewIncident("hand", rows, ps)
}

// repeat returns n copies of v.
func repeat(v string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// futureAccount is a book of one account "a": collateral USD of cash and
// qty futures entered at 100.
func futureAccount(collateral, qty string) *Book {
	return &Book{Accounts: []Account{{
		ID: "a", CollateralUSD: decimal.RequireFromString(collateral),
		Positions: []Position{{Type: "future", Quantity: decimal.RequireFromString(qty), EntryPrice: decimal.NewFromInt(100)}},
	}}}
}

// runStatic runs a book through an incident with the static parameters
// only, and checks the static set the hand computations rely on: a 2%
// bonus (liquidation.DefaultConfig's floor, which a healthy chain's gas
// does not lift) and a close factor of 0.5.
func runStatic(t *testing.T, inc Incident, book *Book) Result {
	t.Helper()
	opts := DefaultOptions()
	opts.Config, opts.Book, opts.Params = exampleConfig(t), book, Static
	r, err := Run(context.Background(), inc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Static.Bonus != 0.02 || r.Static.CloseFactor != 0.5 {
		t.Fatalf("static bonus %g, close factor %g: the hand computations assume 0.02 and 0.5", r.Static.Bonus, r.Static.CloseFactor)
	}
	return r
}

// outputs returns every file a result writes, by name.
func outputs(t *testing.T, r Result) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, write := range map[string]func(*strings.Builder) error{
		"summary":      func(b *strings.Builder) error { return r.WriteSummary(b) },
		"summary.csv":  func(b *strings.Builder) error { return r.WriteSummaryCSV(b) },
		"timeline.csv": func(b *strings.Builder) error { return r.WriteTimelineCSV(b) },
		"liquidations": func(b *strings.Builder) error { return r.WriteLiquidationsCSV(b) },
	} {
		var b strings.Builder
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out[name] = b.String()
	}
	out["book.json"] = string(r.Book.JSON())
	plots, err := r.Plots()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plots {
		out[p.Name] = string(p.SVG)
	}
	return out
}
