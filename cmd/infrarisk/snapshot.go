package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
)

const snapshotHelp = `Usage: infrarisk snapshot [--market M] [--json] [--nats URL]

Asks a running engine (by default the one 'make run' starts) for what it knows
now: every chain's signals with their age and freshness, and every market's
parameters, regime and reasons.

Flags:
`

func runSnapshot(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("snapshot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf natsFlags
	nf.register(fs, nats.DefaultURL, "NATS server of the engine")
	only := fs.String("market", "", "show one market")
	asJSON := fs.Bool("json", false, "print the raw JSON")
	fs.Usage = func() { io.WriteString(stderr, snapshotHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	data, err := request(nf, service.SnapshotSubject, nil)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk snapshot: %v\n", err)
		return exitError
	}
	if *asJSON {
		stdout.Write(data)
		fmt.Fprintln(stdout)
		return exitOK
	}
	var snap service.Snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		fmt.Fprintf(stderr, "infrarisk snapshot: %v\n", err)
		return exitError
	}
	if *only != "" {
		if _, ok := snap.Markets[*only]; !ok {
			fmt.Fprintf(stderr, "infrarisk snapshot: no market %q (have %s)\n", *only, strings.Join(sortedKeys(snap.Markets), ", "))
			return exitError
		}
	}
	renderSnapshot(stdout, snap, *only)
	return exitOK
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// renderSnapshot prints a snapshot as tables a trader can read.
func renderSnapshot(w io.Writer, snap service.Snapshot, only string) {
	fmt.Fprintf(w, "engine time %s\n", snap.At.Format(time.RFC3339))
	for _, chain := range sortedKeys(snap.Chains) {
		fmt.Fprintf(w, "\nchain %s\n", chain)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  signal\tvalue\tfreshness\tage")
		for _, r := range snap.Chains[chain] {
			fmt.Fprintf(tw, "  %s\t%.6g\t%s\t%s\n", r.Kind, r.Value, r.Freshness, (time.Duration(r.AgeS * float64(time.Second))).Round(time.Second))
		}
		tw.Flush()
	}
	for _, name := range sortedKeys(snap.Markets) {
		if only != "" && name != only {
			continue
		}
		u, err := update.Decode(snap.Markets[name])
		if err != nil {
			fmt.Fprintf(w, "\nmarket %s: %v\n", name, err)
			continue
		}
		fmt.Fprintf(w, "\nmarket %s  regime %s  stress %s  seq %d  valid until %s\n", name, u.Regime, u.StressIndex, u.Seq, u.ValidUntil.Format(time.RFC3339))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, p := range sortedKeys(u.Params) {
			fmt.Fprintf(tw, "  %s\t%s\n", p, u.Params[p])
		}
		for _, f := range sortedKeys(u.Flags) {
			fmt.Fprintf(tw, "  %s\t%v\n", f, u.Flags[f])
		}
		tw.Flush()
		if len(u.Reasons) > 0 {
			fmt.Fprintln(w, "  reasons:")
			for i, r := range u.Reasons {
				if i == 8 {
					fmt.Fprintf(w, "    … %d more (--json shows all)\n", len(u.Reasons)-i)
					break
				}
				fmt.Fprintf(w, "    - %s\n", r.Text)
			}
		}
	}
}

// request sends one NATS request and returns the reply, or the error the
// engine answered with.
func request(nf natsFlags, subject string, body []byte) ([]byte, error) {
	url := nf.url
	opts, err := nf.options()
	if err != nil {
		return nil, err
	}
	nc, err := nats.Connect(url, append(opts, nats.Timeout(3*time.Second))...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (is the engine running? make run starts one)", url, err)
	}
	defer nc.Close()
	msg, err := nc.Request(subject, body, 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("%s on %s: %w", subject, url, err)
	}
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(msg.Data, &e) == nil && e.Error != "" {
		return nil, errors.New(e.Error)
	}
	return msg.Data, nil
}

const marginHelp = `Usage: infrarisk margin --portfolio FILE [--what-if kind=value ...] [--json] [--nats URL]

Asks a running engine for a portfolio's margin now, optionally with signals
overridden, e.g. --what-if base_fee_gwei=500 --what-if finality_lag_epochs=10.
FILE is JSON:

  {"market": "ETH-OPTIONS", "spot": "3200",
   "positions": [{"type": "put", "strike": "2800", "expiry_days": 30, "quantity": "-10"},
                 {"type": "future", "quantity": "1"}]}

Flags:
`

type whatIfs map[string]string

func (w whatIfs) String() string { return fmt.Sprint(map[string]string(w)) }
func (w whatIfs) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" || v == "" {
		return fmt.Errorf("%q is not kind=value", s)
	}
	w[k] = v
	return nil
}

func runMargin(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("margin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf natsFlags
	nf.register(fs, nats.DefaultURL, "NATS server of the engine")
	portfolio := fs.String("portfolio", "", "portfolio JSON file")
	asJSON := fs.Bool("json", false, "print the raw JSON")
	overrides := whatIfs{}
	fs.Var(overrides, "what-if", "override a signal now: kind=value (repeatable)")
	fs.Usage = func() { io.WriteString(stderr, marginHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *portfolio == "" {
		fmt.Fprintln(stderr, "infrarisk margin: --portfolio FILE is required")
		return exitUsage
	}
	data, err := os.ReadFile(*portfolio)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk margin: %v\n", err)
		return exitError
	}
	var req service.WhatIfRequest
	if err := json.Unmarshal(data, &req); err != nil {
		fmt.Fprintf(stderr, "infrarisk margin: %s: %v\n", *portfolio, err)
		return exitError
	}
	if len(overrides) > 0 {
		req.Overrides = overrides
	}
	body, _ := json.Marshal(req)
	reply, err := request(nf, service.WhatIfSubject, body)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk margin: %v\n", err)
		return exitError
	}
	if *asJSON {
		stdout.Write(reply)
		fmt.Fprintln(stdout)
		return exitOK
	}
	var resp service.WhatIfResponse
	if err := json.Unmarshal(reply, &resp); err != nil {
		fmt.Fprintf(stderr, "infrarisk margin: %v\n", err)
		return exitError
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "market\t%s (regime %s)\n", resp.Market, resp.Regime)
	if len(resp.Overrides) > 0 {
		fmt.Fprintf(tw, "what-if\t%s\n", whatIfs(resp.Overrides))
	}
	fmt.Fprintf(tw, "maintenance margin\t%s\n", resp.Maintenance)
	fmt.Fprintf(tw, "initial margin\t%s\n", resp.Initial)
	fmt.Fprintf(tw, "worst scenario\tspot %s%%, vol %s%%: loss %s\n", percent(resp.Worst.PriceMove), percent(resp.Worst.VolShock), resp.Worst.Loss)
	for _, c := range sortedKeys(resp.Charges) {
		fmt.Fprintf(tw, "contingency %s\t%s\n", c, resp.Charges[c])
	}
	fmt.Fprintf(tw, "scan range\t%s\n", resp.Params["scan_range"])
	fmt.Fprintf(tw, "liquidation horizon\t%s s\n", resp.Params["liquidation_horizon_s"])
	tw.Flush()
	return exitOK
}

// percent writes a decimal fraction as a signed percentage: "-0.1797" → "-17.97".
func percent(fraction string) string {
	d, err := decimal.NewFromString(fraction)
	if err != nil {
		return fraction
	}
	p := d.Shift(2).StringFixed(2)
	if d.IsPositive() {
		p = "+" + p
	}
	return p
}
