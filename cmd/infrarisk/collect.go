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
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/signals/adminwatch"
	"github.com/infrarisk/infrarisk/signals/beacon"
	"github.com/infrarisk/infrarisk/signals/bridge"
	"github.com/infrarisk/infrarisk/signals/chainlink"
	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/dex"
	"github.com/infrarisk/infrarisk/signals/evm"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const collectHelp = `Usage: infrarisk collect --chain NAME --rpc URL [--rpc URL ...] [flags]

Runs the collectors of one chain and publishes what they observe as signed
signals (batches on infra.signal.<chain>.batch) to the engine's NATS:

  execution layer (every --rpc; heads by subscription or polling):
      base_fee_gwei, gas_used_ratio, block_interval_s, pending_txs,
      reorg_depth, and rpc_disagreement with two or more --rpc (a block the
      endpoints disagree on is not published)
  consensus layer (--beacon): finality_lag_epochs, participation_rate,
      validator_uptime (--validators)
  oracles and sequencer (--feeds): oracle_age_s, oracle_deviation,
      sequencer_up, sequencer_status_age_s
  admin changes (--feeds admin section): admin_event
  DEX pools (--feeds pools section), each under its own name as the chain:
      pool_liquidity, pool_liquidity_drop, sandwich_rate,
      liquidation_sandwiched
  bridges (--feeds bridges section), each under its own name as the chain:
      bridge_outflow_ratio, bridge_paused
  and collector_up from each collector (and each pool and bridge).

--verify-proofs reads the feeds without trusting the node: each call runs in a
local EVM over account and storage state proven (EIP-1186) against the block
header, so a lying node can fail a read, which is reported as
rpc_disagreement 1 and publishes no value, but cannot change one. With two or
more --rpc, block hashes must also reach --quorum.

A value that could not be read is never published: the collector reports
collector_up 0 instead. The engine must trust the signing key: list the public
key (infrarisk keys inspect FILE) under --source in its --trusted-keys file.
--dry-run prints the observations instead of publishing them.

Flags:
`

// collectOptions are the flags of collect, one field each.
type collectOptions struct {
	chain, source, keyFile, beaconURL, feeds string
	ackKeys                                  string
	rpcs                                     stringList
	validators                               string
	quorum                                   int
	nats                                     natsFlags
	dryRun, verifyProofs                     bool
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runCollect(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("collect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o collectOptions
	fs.StringVar(&o.chain, "chain", "", "chain name as the engine knows it (ethereum, arbitrum, ...)")
	fs.Var(&o.rpcs, "rpc", "execution-node JSON-RPC URL (http, ws or IPC path); repeat for a quorum")
	fs.IntVar(&o.quorum, "quorum", 0, "endpoints that must agree on a block hash (default: a strict majority)")
	fs.StringVar(&o.beaconURL, "beacon", "", "beacon-node HTTP API URL")
	fs.StringVar(&o.validators, "validators", "", "validator indices for validator_uptime, comma-separated")
	fs.StringVar(&o.feeds, "feeds", "", "YAML file of oracle feeds, the sequencer uptime feed and watched admin contracts")
	fs.StringVar(&o.ackKeys, "ack-keys", "", "trusted operators' keys (same format as the engine's --trusted-keys) whose infrarisk ack-admin the admin collector accepts")
	fs.StringVar(&o.keyFile, "key", "", "seed file to sign with (infrarisk keys new)")
	fs.StringVar(&o.source, "source", "", "source name to sign as (default <chain>-collector)")
	o.nats.register(fs, nats.DefaultURL, "NATS server of the engine")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print observations instead of publishing them")
	fs.BoolVar(&o.verifyProofs, "verify-proofs", false, "read the feeds by executing their calls locally over state proven (eth_getProof) against the block header; a failed proof is reported as rpc_disagreement and its value is not published")
	fs.Usage = func() { io.WriteString(stderr, collectHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := o.check(fs.NArg()); err != nil {
		fmt.Fprintf(stderr, "infrarisk collect: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := collectRun(ctx, o, stdout, log); err != nil {
		fmt.Fprintf(stderr, "infrarisk collect: %v\n", err)
		return exitError
	}
	return exitOK
}

func (o *collectOptions) check(extra int) error {
	switch {
	case extra > 0:
		return errors.New("no positional arguments")
	case !wire.ValidName(o.chain):
		return fmt.Errorf("--chain %q: want a name such as ethereum (lower case, digits, - and _)", o.chain)
	case len(o.rpcs) == 0 && o.beaconURL == "":
		return errors.New("nothing to collect: give --rpc (and --feeds) or --beacon")
	case o.feeds != "" && len(o.rpcs) == 0:
		return errors.New("--feeds needs an --rpc to read the feeds through")
	case o.ackKeys != "" && o.dryRun:
		return errors.New("--ack-keys needs NATS: it does not go with --dry-run")
	case o.verifyProofs && o.feeds == "":
		return errors.New("--verify-proofs applies to the --feeds reads: give --feeds")
	case o.keyFile == "" && !o.dryRun:
		return errors.New("--key is required to sign (or --dry-run)")
	case o.quorum < 0 || o.quorum > len(o.rpcs):
		return fmt.Errorf("--quorum %d: between 1 and the number of --rpc (%d)", o.quorum, len(o.rpcs))
	}
	if o.source == "" {
		o.source = o.chain + "-collector"
	}
	if !wire.ValidSource(o.source) {
		return fmt.Errorf("--source %q: want letters, digits, '.', '-' or '_'", o.source)
	}
	return nil
}

// collectRun starts every collector the options ask for and waits until
// ctx ends or one of them fails for good.
func collectRun(ctx context.Context, o collectOptions, stdout io.Writer, log *slog.Logger) error {
	out, conn, err := collectSink(o, stdout)
	if err != nil {
		return err
	}
	if conn != nil {
		defer conn.Drain()
	}
	// One collector_up for the chain: up while every collector is.
	health := collect.NewHealth(out)
	var plan collectPlan
	if o.feeds != "" {
		if plan, err = loadFeeds(o.feeds); err != nil {
			return err
		}
	}
	validators, err := indices(o.validators)
	if err != nil {
		return fmt.Errorf("--validators: %w", err)
	}
	var runs []func(context.Context) error
	var endpoints []evm.Endpoint
	defer func() {
		for _, e := range endpoints {
			e.Close()
		}
	}()
	for _, url := range o.rpcs {
		e, err := evm.Dial(ctx, url)
		if err != nil {
			return fmt.Errorf("--rpc %s: %w", url, err)
		}
		endpoints = append(endpoints, e)
	}
	if len(endpoints) > 0 {
		opts := evm.DefaultOptions()
		opts.Chain, opts.Endpoints, opts.Quorum, opts.Sink, opts.Logger = o.chain, endpoints, o.quorum, health.For("evm"), log.With("collector", "evm")
		c, err := evm.New(opts)
		if err != nil {
			return err
		}
		runs = append(runs, c.Run)
	}
	if o.beaconURL != "" {
		opts := beacon.Options{Chain: o.chain, BaseURL: o.beaconURL, Validators: validators, ParticipationSample: validators, Sink: health.For("beacon"), Logger: log.With("collector", "beacon")}
		c, err := beacon.New(opts)
		if err != nil {
			return err
		}
		runs = append(runs, c.Run)
	}
	if len(plan.feeds) > 0 || plan.sequencer != nil {
		client, ok := endpoints[0].Client.(bind.ContractCaller)
		if !ok {
			return errors.New("the first --rpc endpoint cannot make contract calls")
		}
		if o.verifyProofs {
			if client, err = verifiedCaller(ctx, endpoints[0], o.chain, health.For("proof")); err != nil {
				return err
			}
		}
		opts := chainlink.Options{Chain: o.chain, Caller: client, Feeds: plan.feeds, Sequencer: plan.sequencer, PollInterval: plan.poll, Sink: health.For("chainlink"), Logger: log.With("collector", "chainlink")}
		c, err := chainlink.New(opts)
		if err != nil {
			return err
		}
		runs = append(runs, c.Run)
	}
	if len(plan.contracts) > 0 {
		client, ok := endpoints[0].Client.(adminwatch.Client)
		if !ok {
			return errors.New("the first --rpc endpoint cannot read logs")
		}
		opts := adminwatch.Options{Chain: o.chain, Client: client, Contracts: plan.contracts, Selectors: plan.selectors, Window: plan.window, PollInterval: plan.poll, Sink: health.For("adminwatch"), Logger: log.With("collector", "adminwatch")}
		c, err := adminwatch.New(opts)
		if err != nil {
			return err
		}
		runs = append(runs, c.Run)
		if o.ackKeys != "" {
			acc, err := newAckAcceptor(o.chain, o.ackKeys, c.Acknowledge, log.With("collector", "adminwatch"))
			if err != nil {
				return err
			}
			sub, err := conn.Subscribe(ackSubject(o.chain), acc.handle)
			if err != nil {
				return err
			}
			defer sub.Unsubscribe()
		}
	}
	if len(plan.pools) > 0 || len(plan.bridges) > 0 {
		if len(endpoints) == 0 {
			return errors.New("pools and bridges need an --rpc endpoint")
		}
		// Each venue is its own chain for the engine, with its own
		// collector_up: they go to the sink directly, not through the
		// chain's merged health.
		if len(plan.pools) > 0 {
			client, ok := endpoints[0].Client.(dex.Client)
			if !ok {
				return errors.New("the first --rpc endpoint cannot read logs and call contracts")
			}
			c, err := dex.New(dex.Options{Client: client, Pools: plan.pools, Window: plan.venueWindow, PollInterval: plan.poll,
				Sink: out, Logger: log.With("collector", "dex")})
			if err != nil {
				return err
			}
			runs = append(runs, c.Run)
		}
		if len(plan.bridges) > 0 {
			client, ok := endpoints[0].Client.(bridge.Client)
			if !ok {
				return errors.New("the first --rpc endpoint cannot read logs and call contracts")
			}
			c, err := bridge.New(bridge.Options{Client: client, Bridges: plan.bridges, Window: plan.venueWindow, PollInterval: plan.poll,
				Sink: out, Logger: log.With("collector", "bridge")})
			if err != nil {
				return err
			}
			runs = append(runs, c.Run)
		}
	}
	log.Info("collecting", "chain", o.chain, "source", o.source, "collectors", len(runs), "rpc", len(endpoints), "dry_run", o.dryRun)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, len(runs))
	for _, run := range runs {
		wg.Go(func() {
			if err := run(ctx); err != nil {
				errs <- err
				cancel()
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs // nil when every collector stopped because ctx ended
}

// collectSink publishes signed batches over NATS, or prints observations
// for --dry-run (and returns no connection).
func collectSink(o collectOptions, stdout io.Writer) (collect.Sink, *nats.Conn, error) {
	if o.dryRun {
		var mu sync.Mutex
		return collect.SinkFunc(func(_ context.Context, obs []collect.Observation) error {
			mu.Lock()
			defer mu.Unlock()
			for _, ob := range obs {
				fmt.Fprintln(stdout, ob)
			}
			return nil
		}), nil, nil
	}
	seed, err := keys.LoadSeedFile(o.keyFile)
	if err != nil {
		return nil, nil, fmt.Errorf("--key: %w", err)
	}
	signer, err := keys.Signer(seed)
	if err != nil {
		return nil, nil, fmt.Errorf("--key: %w", err)
	}
	natsOpts, err := o.nats.options()
	if err != nil {
		return nil, nil, err
	}
	nc, err := nats.Connect(o.nats.url, append([]nats.Option{nats.Name("infrarisk-collect-" + o.chain)}, natsOpts...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to %s: %w", o.nats.url, err)
	}
	return collect.PublisherSink{P: wire.NewPublisher(nc, o.source, signer)}, nc, nil
}

// indices reads a comma-separated list of validator indices.
func indices(s string) ([]uint64, error) {
	if s == "" {
		return nil, nil
	}
	var out []uint64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a validator index", f)
		}
		out = append(out, v)
	}
	return out, nil
}
