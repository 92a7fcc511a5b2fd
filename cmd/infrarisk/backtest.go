package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/infrarisk/infrarisk/engine/backtest"
	"github.com/infrarisk/infrarisk/engine/config"
)

const backtestHelp = `Usage: infrarisk backtest --incident DIR [flags]

Replays an incident folder (signals.csv and prices.csv, as under
testdata/incidents) through the engine on the incident's clock, against a
book of accounts: once with static parameters (the engine's own for a
healthy chain, frozen) and once with the infrastructure-aware parameters it
issues at each step. A liquidation lands only when the recorded
infrastructure allows it (sequencer up, gas inside the liquidator's bonus,
an oracle that shows the account under water), at the price of the moment.

An incident whose folder has a venues.yaml names the pool its market sells
collateral into: every liquidation then sells into that pool's recorded
depth and loses its price impact, and a third run, aware-no-pool, shows the
aware parameters without the slippage model.

The book is --book FILE, JSON as in engine/backtest's README, or --accounts
accounts drawn from --seed. The summary goes to stdout; summary.csv,
timeline.csv, liquidations.csv, book.json, price.svg, margin.svg and
bad_debt.svg go to --out. The same inputs and seed give the same bytes.

Flags:
`

// backtestOptions are the flags of backtest, one field each.
type backtestOptions struct {
	incident, book, out, config, market, params string
	accounts                                    int
	seed                                        uint64
	step                                        time.Duration
	nativeUSD                                   float64
	progress                                    bool
}

func runBacktest(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o backtestOptions
	def := backtest.DefaultOptions()
	fs.StringVar(&o.incident, "incident", "", "incident folder with signals.csv and prices.csv (required)")
	fs.StringVar(&o.book, "book", "", "book of accounts, JSON (default: drawn from --seed)")
	fs.IntVar(&o.accounts, "accounts", def.Accounts, "accounts to draw when no --book is given")
	fs.Uint64Var(&o.seed, "seed", def.Seed, "seed of the drawn book")
	fs.StringVar(&o.params, "params", "both", "parameter sets to run: static, aware or both")
	fs.StringVar(&o.out, "out", "", "output folder (default backtest-out/<incident folder's name>)")
	fs.StringVar(&o.config, "config", "engine/config/example.yaml", "engine configuration file")
	fs.StringVar(&o.market, "market", "", "market to replay (default: the configuration's first on the incident's chain)")
	fs.DurationVar(&o.step, "step", 0, "fixed clock step, like 1m (default: every signal and price time)")
	fs.Float64Var(&o.nativeUSD, "native-usd", 0, "gas-token price in USD (default: the incident's own price)")
	fs.BoolVar(&o.progress, "progress", false, "draw a progress bar on stderr even when it is not a terminal")
	fs.Usage = func() { io.WriteString(stderr, backtestHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usage := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "infrarisk backtest: "+format+"\n", args...)
		return exitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	which, err := backtest.ParseWhich(o.params)
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument %q (the incident is --incident DIR)", fs.Arg(0))
	case o.incident == "":
		return usage("--incident DIR is required (a folder with signals.csv and prices.csv, as under testdata/incidents)")
	case err != nil:
		return usage("--params %q: want static, aware or both", o.params)
	case o.book != "" && (set["accounts"] || set["seed"]):
		return usage("give --book FILE or --accounts/--seed, not both")
	case o.accounts <= 0:
		return usage("--accounts %d must be positive", o.accounts)
	case o.step < 0 || o.nativeUSD < 0:
		return usage("--step and --native-usd must not be negative")
	}
	for _, f := range []string{filepath.Join(o.incident, "signals.csv"), filepath.Join(o.incident, "prices.csv"), o.config, o.book} {
		if f == "" {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			return usage("%v", err)
		}
	}

	opts := def
	opts.Market, opts.Accounts, opts.Seed, opts.Params, opts.Step, opts.NativeUSD = o.market, o.accounts, o.seed, which, o.step, o.nativeUSD
	if opts.Config, err = config.Load(o.config); err != nil {
		fmt.Fprintf(stderr, "infrarisk backtest: %v\n", err)
		return exitError
	}
	if o.book != "" {
		b, err := readBook(o.book)
		if err != nil {
			fmt.Fprintf(stderr, "infrarisk backtest: %s: %v\n", o.book, err)
			return exitError
		}
		opts.Book = &b
	}
	inc, err := backtest.LoadIncident(o.incident)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk backtest: %v\n", err)
		return exitError
	}
	bar := o.progress || isTerminal(stderr)
	if bar {
		opts.Progress = progressBar(stderr, inc.Name)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := backtest.Run(ctx, inc, opts)
	if bar {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk backtest: %v\n", err)
		return exitError
	}
	if err := res.WriteSummary(stdout); err != nil {
		fmt.Fprintf(stderr, "infrarisk backtest: %v\n", err)
		return exitError
	}
	out := o.out
	if out == "" {
		out = filepath.Join("backtest-out", inc.Name)
	}
	names, err := res.WriteOutputs(out)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk backtest: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stderr, "wrote %s to %s\n", strings.Join(names, ", "), out)
	return exitOK
}

func readBook(path string) (backtest.Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return backtest.Book{}, err
	}
	defer f.Close()
	return backtest.ReadBook(f)
}

// isTerminal reports that w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar draws a bar on w, redrawn in place at each whole percent.
func progressBar(w io.Writer, label string) func(float64) {
	const width = 30
	last := -1
	return func(done float64) {
		pct := min(max(int(done*100), 0), 100)
		if pct == last {
			return
		}
		last = pct
		n := pct * width / 100
		fmt.Fprintf(w, "\r%s [%s%s] %3d%%", label, strings.Repeat("#", n), strings.Repeat(".", width-n), pct)
	}
}
