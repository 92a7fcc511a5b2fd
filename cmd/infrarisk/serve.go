package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/dashboard"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/keys"
)

const serveHelp = `Usage: infrarisk serve [flags]

Runs the engine: reads signed signals on infra.signal.<chain>.<kind>, publishes
signed parameters on risk.params.<market> (also kept in the JetStream stream
RISK_PARAMS and the key-value bucket risk_params), and serves HTTP.

Without --nats it starts an embedded NATS server (JetStream on, store under
--data-dir) that other processes can connect to at --listen.

Several engines may run against one NATS system (--nats): they elect a leader
through a lease in the bucket risk_leader, only the leader publishes, and a
follower takes over within about --lease + --lease/6 of the leader's last
renewal. Give each a --replica-id and the same engine key (or list the
others' public keys with --peer-keys). On a cluster, --js-replicas 3
replicates the stream and the buckets.

Flags:
`

// serveOptions are the flags of serve, one field each.
type serveOptions struct {
	config, listen, dataDir, httpAddr string
	nats                              natsFlags
	engineKey, trusted                string
	insecureAcceptUnsigned, quiet     bool
	replay                            string
	speed                             float64
	replicaID, peerKeys               string
	lease                             time.Duration
	jsReplicas                        int
	backtest                          string
	history                           time.Duration
}

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o serveOptions
	fs.StringVar(&o.config, "config", "engine/config/example.yaml", "engine configuration file")
	o.nats.register(fs, "", "external NATS server or cluster URL (default: start an embedded server)")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:4222", "embedded NATS server address")
	fs.StringVar(&o.dataDir, "data-dir", "data", "embedded NATS server's JetStream store")
	fs.StringVar(&o.httpAddr, "http", "127.0.0.1:8080", "HTTP address for the dashboard (/), /v1/snapshot, /v1/params/{market}, /v1/margin, /healthz, /metrics (empty: none)")
	fs.StringVar(&o.engineKey, "engine-key", "", "engine signing seed file (default: <data-dir>/engine.seed, created if missing)")
	fs.StringVar(&o.trusted, "trusted-keys", "", "YAML file of trusted signal sources and their public keys")
	fs.BoolVar(&o.insecureAcceptUnsigned, "insecure-accept-unsigned", false, "accept unsigned signals (local experiments only)")
	fs.BoolVar(&o.quiet, "quiet", false, "do not print a line per parameter change")
	fs.StringVar(&o.replay, "replay", "", "replay a recorded signal file (time,chain,kind,value) into the engine, on the file's clock")
	fs.Float64Var(&o.speed, "speed", 600, "with --replay: seconds of the file per second of wall time")
	fs.StringVar(&o.replicaID, "replica-id", "", "this engine's name among replicas sharing the NATS system (default: <hostname>-<pid>)")
	fs.DurationVar(&o.lease, "lease", 3*time.Second, "leadership lease; every replica must use the same")
	fs.StringVar(&o.peerKeys, "peer-keys", "", "comma-separated public keys of other replicas' engine keys, if they differ from this one's")
	fs.IntVar(&o.jsReplicas, "js-replicas", 1, "JetStream replicas of the stream and the buckets (3 on a cluster)")
	fs.StringVar(&o.backtest, "backtest", "", "backtest output folder for the dashboard's /backtest page (make backtest writes backtest-out)")
	fs.DurationVar(&o.history, "history", 6*time.Hour, "how far back the dashboard's charts reach")
	fs.Usage = func() { io.WriteString(stderr, serveHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, o, stdout, log); err != nil {
		fmt.Fprintf(stderr, "infrarisk serve: %v\n", err)
		return exitError
	}
	return exitOK
}

func serve(ctx context.Context, o serveOptions, stdout io.Writer, log *slog.Logger) error {
	cfg, err := config.Load(o.config)
	if err != nil {
		return err
	}
	opts := service.Options{Config: cfg, NATSURL: o.nats.url, Logger: log, AllowUnsigned: o.insecureAcceptUnsigned,
		ReplicaID: o.replicaID, Lease: o.lease, Replicas: o.jsReplicas}
	for _, k := range strings.Split(o.peerKeys, ",") {
		if k = strings.TrimSpace(k); k != "" {
			opts.PeerKeys = append(opts.PeerKeys, k)
		}
	}
	if o.nats.url == "" {
		host, port, err := splitHostPort(o.listen)
		if err != nil {
			return err
		}
		opts.Listen = embedded.Options{Host: host, Port: port, StoreDir: filepath.Join(o.dataDir, "jetstream")}
	}
	if opts.NATSOptions, err = o.nats.options(); err != nil {
		return err
	}
	if opts.EngineKey, err = engineKey(o, log); err != nil {
		return err
	}
	if o.trusted != "" {
		if opts.Trusted, err = keys.LoadTrusted(o.trusted); err != nil {
			return err
		}
	}
	if !o.quiet {
		opts.OnUpdate = changePrinter(stdout)
	}
	var player *replayer
	if o.replay != "" {
		if player, err = newReplayer(o.replay, o.speed); err != nil {
			return err
		}
		player.configure(&opts)
	}
	svc, err := service.New(opts)
	if err != nil {
		return err
	}
	if err := svc.Start(ctx); err != nil {
		return err
	}
	if player != nil {
		go player.play(ctx, svc.Conn(), log)
	}
	var httpSrv *http.Server
	var dash *dashboard.Dashboard
	if o.httpAddr != "" {
		if dash, err = startDashboard(ctx, svc, cfg, opts, o, log); err != nil {
			svc.Stop(context.Background())
			return err
		}
		httpSrv = svc.NewHTTPServer(o.httpAddr, dash.Handler())
		go func() {
			if err := httpSrv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("http server", "err", err)
			}
		}()
	}
	log.Info("serving", "nats", svc.ClientURL(), "http", o.httpAddr)
	<-ctx.Done()
	log.Info("shutting down")
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if httpSrv != nil {
		dash.Stop() // ends the event streams, which never go idle
		httpSrv.Shutdown(stopCtx)
	}
	return svc.Stop(stopCtx)
}

// startDashboard starts the live page's server side on the engine's own
// connection.
func startDashboard(ctx context.Context, svc *service.Service, cfg config.File, opts service.Options, o serveOptions, log *slog.Logger) (*dashboard.Dashboard, error) {
	pub, err := keys.PublicKey(opts.EngineKey)
	if err != nil {
		return nil, err
	}
	var markets []string
	for _, m := range cfg.Markets {
		markets = append(markets, m.Name)
	}
	dash, err := dashboard.New(dashboard.Options{
		Conn: svc.Conn(), Engine: svc, EngineKeys: append([]string{pub}, opts.PeerKeys...), Markets: markets,
		History: o.history, BacktestDir: o.backtest, Logger: log,
	})
	if err != nil {
		return nil, err
	}
	if err := dash.Start(ctx); err != nil {
		return nil, err
	}
	return dash, nil
}

// engineKey loads the engine's signing seed, creating one under the data
// folder on first use when no file is named.
func engineKey(o serveOptions, log *slog.Logger) (nkeys.KeyPair, error) {
	path := o.engineKey
	if path == "" {
		path = filepath.Join(o.dataDir, "engine.seed")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			seed, public, err := keys.New()
			if err != nil {
				return nil, err
			}
			if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
				return nil, err
			}
			if err := keys.WriteSeedFile(path, seed); err != nil {
				return nil, err
			}
			log.Info("created the engine's signing key", "file", path, "public", public)
		}
	}
	return keys.LoadSeedFile(path)
}

// splitHostPort reads host:port for the embedded server.
func splitHostPort(addr string) (string, int, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("--listen %q: %w", addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return "", 0, fmt.Errorf("--listen %q: port: %w", addr, err)
	}
	return host, port, nil
}

// changePrinter prints one line per market update whose regime, flags or
// governed parameters changed: time, market, regime, what changed, the
// main reason.
func changePrinter(w io.Writer) func(update.Update, market.Update) {
	return func(u update.Update, m market.Update) {
		if !m.Decision.Changed && len(m.Decision.Reasons) == 0 {
			return
		}
		var changes []string
		for _, r := range u.Reasons {
			if r.Before != "" && r.Before != r.After {
				changes = append(changes, fmt.Sprintf("%s %s→%s", r.Param, r.Before, r.After))
			}
		}
		if len(changes) == 0 {
			return
		}
		main := ""
		if len(m.Stress.Reasons) > 0 {
			main = m.Stress.Reasons[0].Text
		}
		fmt.Fprintf(w, "%s %-16s %-9s %s | %s\n", u.IssuedAt.Format("15:04:05"), u.Market, u.Regime, strings.Join(changes, " "), main)
	}
}
