package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/replay"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// replaySource is the source name replayed signals are signed under.
const replaySource = "replay"

// replayer plays a signal file into an engine in this process, on the
// file's clock, signed with a key made for the run.
type replayer struct {
	rows  []replay.Row
	clock replay.Clock
	key   nkeys.KeyPair
}

func newReplayer(path string, speed float64) (*replayer, error) {
	if !(speed > 0) {
		return nil, fmt.Errorf("--speed %g must be positive", speed)
	}
	rows, err := readReplay(path)
	if err != nil {
		return nil, err
	}
	user, err := nkeys.CreateUser()
	if err != nil {
		return nil, err
	}
	kp, err := keys.Signer(user)
	if err != nil {
		return nil, err
	}
	return &replayer{rows: rows, key: kp, clock: replay.Clock{Start: rows[0].At, Speed: speed}}, nil
}

func readReplay(path string) ([]replay.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := replay.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// configure puts the engine on the file's clock, trusts the run's key, and
// stretches signal lifetimes to twice the file's spacing, so that a 10-minute
// bar is not stale before the next one.
func (r *replayer) configure(opts *service.Options) {
	r.clock.Wall = time.Now()
	opts.Now = func() time.Time { return r.clock.Now(time.Now()) }
	public, _ := r.key.PublicKey()
	trusted := map[string]string{replaySource: public}
	for k, v := range opts.Trusted {
		trusted[k] = v
	}
	opts.Trusted = trusted
	opts.MinTTL = 2 * spacing(r.rows)
}

// spacing is the longest gap between successive rows of the same kind.
func spacing(rows []replay.Row) time.Duration {
	last := map[string]time.Time{}
	var gap time.Duration
	for _, r := range rows {
		key := r.Chain + "/" + r.Kind
		if t, ok := last[key]; ok {
			gap = max(gap, r.At.Sub(t))
		}
		last[key] = r.At
	}
	return gap
}

func (r *replayer) play(ctx context.Context, nc *nats.Conn, log *slog.Logger) {
	pub := wire.NewPublisher(nc, replaySource, r.key)
	first, last := r.rows[0].At, r.rows[len(r.rows)-1].At
	log.Info("replaying", "from", first, "to", last, "rows", len(r.rows), "speed", r.clock.Speed,
		"takes", (time.Duration(float64(last.Sub(first)) / r.clock.Speed)).Round(time.Second))
	err := replay.Play(ctx, r.rows, r.clock, func(row replay.Row) error {
		return pub.Publish(ctx, row.Chain, row.Kind, row.Value, row.At)
	}, nil)
	switch {
	case errors.Is(err, context.Canceled):
	case err != nil:
		log.Error("replay stopped", "err", err)
	default:
		log.Info("replay finished; the engine keeps serving until Ctrl-C")
	}
}

const replayHelp = `Usage: infrarisk replay [flags] FILE

Publishes a recorded signal file (CSV: time,chain,kind,value, as under
testdata/incidents) to a running engine over NATS, signed, compressed in time
by --speed. Observation times are moved to now, so the engine on its own clock
accepts them; to replay on the file's clock, use serve --replay instead.

The engine must trust the key: list its public key (infrarisk keys inspect
FILE) under the source name --source in the engine's --trusted-keys file.

Flags:
`

func runReplay(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf natsFlags
	nf.register(fs, nats.DefaultURL, "NATS server of the engine")
	speed := fs.Float64("speed", 600, "seconds of the file per second of wall time")
	keyFile := fs.String("key", "", "seed file to sign with (infrarisk keys new)")
	source := fs.String("source", replaySource, "source name to sign as")
	fs.Usage = func() { io.WriteString(stderr, replayHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 1 || *keyFile == "" {
		fmt.Fprintln(stderr, "infrarisk replay: give one FILE and --key SEEDFILE")
		return exitUsage
	}
	if !(*speed > 0) {
		fmt.Fprintf(stderr, "infrarisk replay: --speed %g must be positive\n", *speed)
		return exitUsage
	}
	rows, err := readReplay(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk replay: %v\n", err)
		return exitError
	}
	kp, err := keys.LoadSeedFile(*keyFile)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk replay: %v\n", err)
		return exitError
	}
	natsOpts, err := nf.options()
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk replay: %v\n", err)
		return exitUsage
	}
	nc, err := nats.Connect(nf.url, natsOpts...)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk replay: %s: %v\n", nf.url, err)
		return exitError
	}
	defer nc.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pub := wire.NewPublisher(nc, *source, kp)
	clock := replay.Clock{Start: rows[0].At, Wall: time.Now(), Speed: *speed}
	err = replay.Play(ctx, rows, clock, func(r replay.Row) error {
		return pub.Publish(ctx, r.Chain, r.Kind, r.Value, clock.WallAt(r.At))
	}, func(done, total int) {
		if done%100 == 0 || done == total {
			fmt.Fprintf(stdout, "\rreplayed %d/%d signals", done, total)
		}
	})
	fmt.Fprintln(stdout)
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "infrarisk replay: %v\n", err)
		return exitError
	}
	return exitOK
}
