package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/infrarisk/infrarisk/engine/batch"
)

const priceHelp = `Usage: infrarisk price [flags] < options.csv > priced.csv

Reads CSV with the header type,spot,strike,t,rate,div,vol[,price] (any column
order; other columns are carried through) and writes every row followed by
model_price,delta,gamma,vega,theta,rho and, with a price column, iv.

  type    call or put            t      years to expiry
  rate    continuously compounded div    dividend or borrow yield, likewise
  vol     annualised; may be empty on a row that gives a price
  price   a market price to invert to an implied vol

Greeks: vega per 1.00 of vol, theta per year, rho per 1.00 of rate. A row
without a vol takes its greeks at its implied vol. A malformed row stops the
run with an error naming its line; a price no vol can reach leaves iv empty
and is reported on stderr (or stops the run with -strict).

Flags:
`

func runPrice(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("price", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts batch.Options
	fs.BoolVar(&opts.Strict, "strict", false, "stop at the first price that has no implied vol")
	fs.IntVar(&opts.Workers, "workers", 0, "parallel workers (0: one per CPU)")
	maxWarnings := fs.Int("max-warnings", 10, "rows without an implied vol to report one by one on stderr")
	fs.Usage = func() {
		io.WriteString(stderr, priceHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "infrarisk price: unexpected argument %q (input comes on stdin)\n", fs.Arg(0))
		return exitUsage
	}
	warned := 0
	opts.Warn = func(line int, err error) {
		if warned < *maxWarnings {
			fmt.Fprintf(stderr, "infrarisk price: line %d: no implied vol: %v\n", line, err)
		}
		warned++
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := batch.Price(ctx, stdin, stdout, opts)
	if st.NoImplied > 0 {
		fmt.Fprintf(stderr, "infrarisk price: %d of %d rows have no implied vol (iv left empty)\n", st.NoImplied, st.Rows)
	}
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk price: %v\n", err)
		return exitError
	}
	return exitOK
}
