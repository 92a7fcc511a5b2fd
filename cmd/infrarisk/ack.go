package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// ackKind is the kind of an operator's signed acknowledgement of admin
// events; its value is the last block acknowledged. It travels on
// ackSubject, not on the signal subjects: it is an instruction to the
// collector, not an observation for the engine.
const ackKind = "admin_ack"

// ackSubject is where the admin-event collector of a chain takes
// acknowledgements, by request-reply.
func ackSubject(chain string) string { return "infra.ack.admin." + chain }

const ackHelp = `Usage: infrarisk ack-admin --chain NAME --block N --key FILE [flags]

Acknowledges the admin changes (ownership, upgrade, admin, role changes and
watched calls) seen on a chain up to and including block N: the chain's
collector stops counting them in admin_event, and the engine stops treating
them as stress. The acknowledgement is signed with --key; the collector
accepts it only from a source listed in its --ack-keys file, and answers.

Flags:
`

func runAckAdmin(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ack-admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	chain := fs.String("chain", "", "chain whose admin events to acknowledge")
	block := fs.Int64("block", -1, "last block acknowledged")
	keyFile := fs.String("key", "", "operator seed file (infrarisk keys new)")
	source := fs.String("source", "operator", "source name to sign as (as listed in the collector's --ack-keys)")
	timeout := fs.Duration("timeout", 5*time.Second, "how long to wait for the collector's answer")
	var nf natsFlags
	nf.register(fs, nats.DefaultURL, "NATS server of the collector")
	fs.Usage = func() { io.WriteString(stderr, ackHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch {
	case !wire.ValidName(*chain):
		fmt.Fprintf(stderr, "infrarisk ack-admin: --chain %q is not a chain name\n", *chain)
		return exitUsage
	case *block < 0:
		fmt.Fprintln(stderr, "infrarisk ack-admin: --block N is required")
		return exitUsage
	case *keyFile == "":
		fmt.Fprintln(stderr, "infrarisk ack-admin: --key is required")
		return exitUsage
	}
	reply, err := ackAdmin(context.Background(), nf, *keyFile, *source, *chain, *block, *timeout)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk ack-admin: %v\n", err)
		return exitError
	}
	fmt.Fprintln(stdout, reply)
	return exitOK
}

func ackAdmin(ctx context.Context, nf natsFlags, keyFile, source, chain string, block int64, timeout time.Duration) (string, error) {
	seed, err := keys.LoadSeedFile(keyFile)
	if err != nil {
		return "", err
	}
	s := wire.Signal{V: wire.Version, Source: source, Chain: chain, Kind: ackKind, Value: decimal.NewFromInt(block),
		ObservedAt: time.Now().UTC(), Seq: uint64(time.Now().UnixNano())}
	if err := wire.Sign(&s, seed); err != nil {
		return "", err
	}
	data, err := wire.Encode(s)
	if err != nil {
		return "", err
	}
	opts, err := nf.options()
	if err != nil {
		return "", err
	}
	nc, err := nats.Connect(nf.url, opts...)
	if err != nil {
		return "", fmt.Errorf("connecting to %s: %w", nf.url, err)
	}
	defer nc.Close()
	msg, err := nc.Request(ackSubject(chain), data, timeout)
	if err != nil {
		return "", fmt.Errorf("no answer from the %s collector on %s: %w", chain, ackSubject(chain), err)
	}
	if text := string(msg.Data); len(text) > 6 && text[:6] == "error:" {
		return "", errors.New(text[7:])
	}
	return string(msg.Data), nil
}

// ackAcceptor is the collector's side: it checks each acknowledgement
// (signed by a trusted operator, for this chain, not replayed) and passes
// the block to acknowledge.
type ackAcceptor struct {
	chain       string
	verifier    *wire.Verifier
	acknowledge func(block uint64)
	log         *slog.Logger
}

func newAckAcceptor(chain, trustedFile string, acknowledge func(uint64), log *slog.Logger) (*ackAcceptor, error) {
	trusted, err := keys.LoadTrusted(trustedFile)
	if err != nil {
		return nil, fmt.Errorf("--ack-keys: %w", err)
	}
	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: trusted, CheckValue: func(kind string, x float64) error {
		if kind != ackKind {
			return fmt.Errorf("%w: %q is not %s", wire.ErrUnknownKind, kind, ackKind)
		}
		if x < 0 || x != float64(int64(x)) {
			return fmt.Errorf("block %g is not a block number", x)
		}
		return nil
	}})
	if err != nil {
		return nil, err
	}
	return &ackAcceptor{chain: chain, verifier: v, acknowledge: acknowledge, log: log}, nil
}

// handle answers one acknowledgement request.
func (a *ackAcceptor) handle(msg *nats.Msg) {
	answer := func(text string) {
		if msg.Reply != "" {
			msg.Respond([]byte(text))
		}
	}
	s, err := wire.Decode(msg.Data)
	if err == nil {
		err = a.verifier.Verify(s, "", time.Now())
	}
	if err == nil && s.Chain != a.chain {
		err = fmt.Errorf("acknowledgement for chain %q sent to the %q collector", s.Chain, a.chain)
	}
	if err != nil {
		a.log.Warn("admin acknowledgement refused", "err", err)
		answer("error: " + err.Error())
		return
	}
	block := uint64(s.Value.IntPart())
	a.acknowledge(block)
	a.log.Info("admin events acknowledged", "up_to_block", block, "by", s.Source)
	answer(fmt.Sprintf("%s: admin events up to block %d acknowledged", a.chain, block))
}
