// Command infrarisk is the infrastructure-aware options risk engine's single
// binary. Each subcommand parses its own flags and calls into the packages.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// command is one subcommand: it gets its arguments and the process's
// streams, and returns the exit code.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"price":     {"price options from CSV on stdin: prices, greeks, implied vols", runPrice},
	"demo":      {"show the option math at work: a smile, crash jumps, an SVI fit", runDemo},
	"backtest":  {"replay an incident: static versus infrastructure-aware parameters, bad debt avoided", runBacktest},
	"ack-admin": {"acknowledge a chain's admin changes up to a block, signed, to its collector", runAckAdmin},
	"collect":   {"run collectors on a chain's nodes and publish their signed signals", runCollect},
	"serve":     {"run the engine: signals in over NATS, signed parameters out, HTTP", runServe},
	"keys":      {"make or inspect Ed25519 signing keys for collectors and the engine", runKeys},
	"replay":    {"publish a recorded signal file to a running engine, signed, compressed in time", runReplay},
	"sweep":     {"the models over a grid of signal values: p_fail, H_eff, parameters, stressed smiles (CSV)", runSweep},
	"snapshot":  {"what a running engine knows now: signals, parameters, reasons", runSnapshot},
	"margin":    {"a portfolio's margin now from a running engine, with optional what-if signals", runMargin},
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the work failed
	exitUsage = 2 // the command line is wrong
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run([]string{"-h"}, stdin, stdout, stdout)
			}
		}
		usage(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "infrarisk: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("infrarisk: an infrastructure-aware options risk engine.\n\nUsage:\n  infrarisk <command> [flags]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-9s %s\n", n, commands[n].summary)
	}
	b.WriteString("  help      this list; 'infrarisk help <command>' for a command's flags\n")
	io.WriteString(w, b.String())
}
