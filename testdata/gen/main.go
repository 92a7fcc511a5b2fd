// Command gen builds the incident series under testdata/incidents, from the
// raw public series they come from (run by `make testdata`):
//
//	go run ./testdata/gen -src DIR -out testdata/incidents
//
// and the seeded synthetic scenarios:
//
//	go run ./testdata/gen -synthetic -seed S -out testdata/incidents
//
// DIR holds the raw files named in each incident's README. Every
// transformation is written out here and in the README; figures that are
// reconstructed rather than recorded are labelled as such in both, and
// synthetic folders are named synthetic-* and state their seed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

// incident builds one folder under out from the raw files under src.
type incident struct {
	name  string
	build func(src, out string) error
}

// incidents are the folders built from the raw series, in order.
var incidents = []incident{
	{"black-thursday-2020", func(src, out string) error {
		return blackThursday(filepath.Join(src, "black-thursday-2020"), out)
	}},
	{"beacon-finality-2023-05", beaconFinality},
	{"arbitrum-sequencer-2023-12", arbitrumSequencer},
	{"calm-2023-q4", calmQ4},
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", "", "folder of the raw public series (see each incident's README)")
	out := fs.String("out", "testdata/incidents", "where to write the incident folders")
	synth := fs.Bool("synthetic", false, "write the synthetic scenarios (synthetic-*) instead")
	seed := fs.Uint64("seed", 1, "seed of the synthetic scenarios")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *synth {
		if err := writeSynthetic(*out, *seed); err != nil {
			fmt.Fprintln(stderr, "gen:", err)
			return 1
		}
		return 0
	}
	if *src == "" {
		fmt.Fprintln(stderr, "gen: -src DIR is required (the folder that holds black-thursday-2020/, "+
			"finality-2023-05/, oracle/ and prices/), or -synthetic -seed S")
		return 2
	}
	for _, in := range incidents {
		if err := in.build(*src, filepath.Join(*out, in.name)); err != nil {
			fmt.Fprintf(stderr, "gen: %s: %v\n", in.name, err)
			return 1
		}
	}
	return 0
}
