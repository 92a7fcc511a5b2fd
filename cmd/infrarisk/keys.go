package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/infrarisk/infrarisk/signals/keys"
)

const keysHelp = `Usage:
  infrarisk keys new --out FILE     write a new Ed25519 (nkeys) seed to FILE (mode 0600) and print its public key
  infrarisk keys inspect FILE       print the public key of a seed file

A collector signs its signals with its seed; the engine trusts the public key
listed for that source in its --trusted-keys file:

  sources:
    eth-collector-1: UABC...

The engine signs its parameter updates with its own seed (serve --engine-key);
margin systems trust that public key (the key_id of every update).
`

func runKeys(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := stderr
		if len(args) > 0 {
			w = stdout
		}
		io.WriteString(w, keysHelp)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	switch args[0] {
	case "new":
		fs := flag.NewFlagSet("keys new", flag.ContinueOnError)
		fs.SetOutput(stderr)
		out := fs.String("out", "", "seed file to write (must not exist)")
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if *out == "" {
			fmt.Fprintln(stderr, "infrarisk keys new: --out FILE is required")
			return exitUsage
		}
		seed, public, err := keys.New()
		if err == nil {
			err = keys.WriteSeedFile(*out, seed)
		}
		if err != nil {
			fmt.Fprintf(stderr, "infrarisk keys new: %v\n", err)
			return exitError
		}
		fmt.Fprintln(stdout, public)
		return exitOK
	case "inspect":
		if len(args) != 2 {
			fmt.Fprintln(stderr, "infrarisk keys inspect: give one seed file")
			return exitUsage
		}
		kp, err := keys.LoadSeedFile(args[1])
		if err == nil {
			var public string
			if public, err = keys.PublicKey(kp); err == nil {
				fmt.Fprintln(stdout, public)
				return exitOK
			}
		}
		fmt.Fprintf(stderr, "infrarisk keys inspect: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stderr, "infrarisk keys: unknown subcommand %q\n\n%s", args[0], keysHelp)
	return exitUsage
}
