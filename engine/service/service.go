package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/lease"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/pipeline"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// Names of the JetStream stream and buckets.
const (
	StreamName  = "RISK_PARAMS"
	ParamsKV    = "risk_params"
	StateKV     = "risk_engine"
	paramsWild  = "risk.params.>"
	inboxBuffer = 1 << 16
	maxBatch    = 4096
)

// Options configure a Service. Config and EngineKey are required.
type Options struct {
	Config config.File
	// NATSURL is an external server or cluster; empty starts an embedded
	// server at Listen with its store in DataDir.
	NATSURL     string
	NATSOptions []nats.Option
	Listen      embedded.Options
	// EngineKey signs the updates.
	EngineKey nkeys.KeyPair
	// Trusted maps signal sources to their public keys; AllowUnsigned
	// accepts unsigned signals (local experiments only; logged loudly).
	Trusted       map[string]string
	AllowUnsigned bool
	// Now is the clock; nil means time.Now. A replay passes the clock of
	// the data.
	Now func() time.Time
	// MinTTL, if set, raises every signal kind's time to live to at least
	// this: for replays of data coarser than live collectors publish.
	MinTTL time.Duration
	Logger *slog.Logger
	// OnUpdate, if set, is called from the owner goroutine after each
	// publish (the CLI prints a line per change with it).
	OnUpdate func(u update.Update, m market.Update)

	// ReplicaID names this engine among replicas sharing one NATS system;
	// empty means <hostname>-<pid>. Replicas elect one leader, which alone
	// publishes; the others follow the same signals and take over when the
	// leader's lease lapses.
	ReplicaID string
	// Lease is the leadership lease (lease.DefaultTTL when zero): a
	// follower takes over within about Lease + Lease/6 of the leader's
	// last renewal. Every replica must use the same.
	Lease time.Duration
	// PeerKeys are the public keys of other replicas' engine keys, if they
	// sign with keys of their own; replicas that share EngineKey need none.
	// A replica reads its predecessor's last update to continue from it.
	PeerKeys []string
	// Replicas is the JetStream replication factor of the stream and the
	// buckets: 1 on a single server (the default), 3 on a cluster.
	Replicas int
}

// Service is the running engine. Create it with New, then Start and Stop.
type Service struct {
	opts     Options
	log      *slog.Logger
	verifier *wire.Verifier
	metrics  *metrics

	srv    *server.Server
	nc     *nats.Conn
	js     jetstream.JetStream
	params jetstream.KeyValue
	state  jetstream.KeyValue
	sub    *nats.Subscription
	inbox  chan *nats.Msg
	// ordered holds each message's result slot in arrival order.
	ordered chan chan checked
	snap    chan chan Snapshot
	views   chan func()
	writes  chan write

	// Owned by the loop goroutine after Start.
	pipe     *pipeline.Pipeline
	seq      map[string]uint64
	ceiling  map[string]uint64 // stored sequence reservation per market
	seqRev   map[string]uint64 // revision of each reservation we wrote or read
	last     map[string]market.Update
	lastWire map[string][]byte
	seen     map[string]seen
	// rejectedAt is when a signal of each chain and kind was last
	// rejected (at most 64 kinds a chain: a rejected signal's names are
	// the sender's).
	rejectedAt map[string]map[string]time.Time
	rejections map[string]float64 // by reason, for snapshots
	leading    bool
	term       uint64

	elector *lease.Elector
	// stopElector stops the campaign alone: tests play a paused leader.
	stopElector context.CancelFunc
	// pretend, set by tests, replaces the lease's word.
	pretend    atomic.Pointer[func() (uint64, bool)]
	engineKeys map[string]bool
	observed   chan *nats.Msg
	obsSub     *nats.Subscription // while following
	retries    chan *nats.Msg

	started time.Time
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// New validates the options and builds a service; nothing runs until Start.
func New(opts Options) (*Service, error) {
	pipe, err := pipeline.New(opts.Config, opts.MinTTL)
	if err != nil {
		return nil, err
	}
	if opts.EngineKey == nil {
		return nil, errors.New("service: no engine key to sign updates with")
	}
	signer, err := keys.Signer(opts.EngineKey)
	if err != nil {
		return nil, fmt.Errorf("service: engine key: %w", err)
	}
	opts.EngineKey = signer
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.ReplicaID == "" {
		host, _ := os.Hostname()
		opts.ReplicaID = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if opts.Replicas == 0 {
		opts.Replicas = 1
	}
	if opts.Replicas < 1 || opts.Replicas > 5 {
		return nil, fmt.Errorf("service: %d JetStream replicas: want 1 to 5", opts.Replicas)
	}
	own, err := keys.PublicKey(signer)
	if err != nil {
		return nil, fmt.Errorf("service: engine key: %w", err)
	}
	engineKeys := map[string]bool{own: true}
	for _, k := range opts.PeerKeys {
		if _, err := nkeys.FromPublicKey(k); err != nil {
			return nil, fmt.Errorf("service: peer key %q: %w", k, err)
		}
		engineKeys[k] = true
	}
	s := &Service{
		opts: opts, log: opts.Logger, pipe: pipe,
		seq:      map[string]uint64{},
		ceiling:  map[string]uint64{},
		seqRev:   map[string]uint64{},
		last:     map[string]market.Update{},
		lastWire: map[string][]byte{},
		seen:     map[string]seen{},

		rejectedAt: map[string]map[string]time.Time{},
		rejections: map[string]float64{},
		observed:   make(chan *nats.Msg, 1024),
		retries:    make(chan *nats.Msg, ackBuffer),
		inbox:      make(chan *nats.Msg, inboxBuffer),
		ordered:    make(chan chan checked, 4096),
		snap:       make(chan chan Snapshot),
		views:      make(chan func()),
		writes:     make(chan write, 1024),
		metrics:    newMetrics(),

		engineKeys: engineKeys,
	}
	s.verifier, err = wire.NewVerifier(wire.VerifierOptions{
		Trusted:       opts.Trusted,
		AllowUnsigned: opts.AllowUnsigned,
		CheckValue:    checkValue,
	})
	if err != nil {
		return nil, fmt.Errorf("service: %w", err)
	}
	if opts.AllowUnsigned {
		s.log.Warn("ACCEPTING UNSIGNED SIGNALS: anyone who can publish to NATS can move parameters; for local experiments only")
	}
	return s, nil
}

// checkValue is the signal contract's kind and range check, from the
// models' registry.
func checkValue(kind string, v float64) error {
	k, ok := netstate.Lookup(kind)
	if !ok {
		return fmt.Errorf("%w: %q", wire.ErrUnknownKind, kind)
	}
	return k.Check(v)
}

// Start connects (starting the embedded server if no URL is given), sets up
// the stream and buckets and starts the loop and the campaign for the
// lease; the engine publishes once it leads.
func (s *Service) Start(ctx context.Context) error {
	url := s.opts.NATSURL
	if url == "" {
		srv, err := embedded.Start(s.opts.Listen)
		if err != nil {
			return err
		}
		s.srv, url = srv, srv.ClientURL()
	}
	nc, err := nats.Connect(url, append([]nats.Option{nats.Name("infrarisk-engine")}, s.opts.NATSOptions...)...)
	if err != nil {
		s.shutdownServer()
		return fmt.Errorf("service: connecting to %s: %w", url, err)
	}
	s.nc = nc
	if err := s.setupJetStream(ctx); err != nil {
		s.close()
		return err
	}
	leaseKV, err := lease.Bucket(ctx, s.js, LeaseKV, s.opts.Lease, s.opts.Replicas)
	if err != nil {
		s.close()
		return err
	}
	s.elector, err = lease.New(lease.Options{KV: leaseKV, Key: leaseKey, ID: s.opts.ReplicaID, TTL: s.opts.Lease, Logger: s.log})
	if err != nil {
		s.close()
		return err
	}
	if err := s.follow(); err != nil {
		s.close()
		return err
	}
	if err := s.serveRequests(); err != nil {
		s.close()
		return err
	}
	s.sub, err = nc.ChanSubscribe(wire.SubjectAll, s.inbox)
	if err != nil {
		s.close()
		return fmt.Errorf("service: subscribing to %s: %w", wire.SubjectAll, err)
	}
	sub := s.sub
	s.metrics.registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "infrarisk_signal_backlog",
			Help: "Signal messages received and not yet applied: waiting for a checker or for the owner goroutine.",
		}, func() float64 { return float64(len(s.inbox) + len(s.ordered)) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "infrarisk_signals_dropped_total",
			Help: "Signal messages the NATS client dropped because the engine's inbox was full (slow consumer).",
		}, func() float64 {
			n, _ := sub.Dropped()
			return float64(n)
		}),
	)
	s.started = s.opts.Now()
	loopCtx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	electCtx, stopElector := context.WithCancel(loopCtx)
	s.stopElector = stopElector
	s.wg.Add(5)
	go func() {
		defer s.wg.Done()
		s.elector.Run(electCtx)
	}()
	go func() {
		defer s.wg.Done()
		s.confirm(loopCtx)
	}()
	go func() {
		defer s.wg.Done()
		s.check(loopCtx)
	}()
	go func() {
		defer s.wg.Done()
		defer close(s.writes) // the loop is the only sender
		s.loop(loopCtx)
	}()
	go func() {
		defer s.wg.Done()
		s.persist()
	}()
	s.log.Info("engine started", "nats", url, "markets", len(s.pipe.Markets()), "replica", s.opts.ReplicaID)
	return nil
}

// ClientURL is the URL of the NATS server the engine uses.
func (s *Service) ClientURL() string { return s.nc.ConnectedUrl() }

// Conn is the engine's NATS connection.
func (s *Service) Conn() *nats.Conn { return s.nc }

// Stop stops the loop, drains the connection and shuts the embedded server
// down. It returns ctx's error if that ends first.
func (s *Service) Stop(ctx context.Context) error {
	if s.sub != nil {
		s.sub.Unsubscribe()
	}
	if s.cancel != nil {
		s.cancel()
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.elector != nil {
		// Hand over at once rather than after the lease.
		if err := s.elector.Resign(ctx); err != nil {
			s.log.Warn("resigning the lease", "err", err)
		}
	}
	s.close()
	return nil
}

// halt stops the engine as a crash would: no resignation, no flush of
// what is in flight, the connection closed under it. For tests of
// failover.
func (s *Service) halt() {
	if s.cancel != nil {
		s.cancel()
	}
	s.nc.Close()
	s.wg.Wait()
	s.shutdownServer()
}

func (s *Service) close() {
	if s.nc != nil {
		s.nc.Close()
	}
	s.shutdownServer()
}

func (s *Service) shutdownServer() {
	if s.srv != nil {
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
	}
}

func (s *Service) setupJetStream(ctx context.Context) error {
	js, err := jetstream.New(s.nc, jetstream.WithPublishAsyncTimeout(storeTimeout), jetstream.WithPublishAsyncMaxPending(ackBuffer),
		jetstream.WithPublishAsyncErrHandler(s.failed))
	if err != nil {
		return fmt.Errorf("service: %w", err)
	}
	s.js = js
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:              StreamName,
		Subjects:          []string{paramsWild},
		MaxMsgsPerSubject: 10000,
		Duplicates:        2 * time.Minute,
		Replicas:          s.opts.Replicas,
	}); err != nil {
		return fmt.Errorf("service: stream %s: %w", StreamName, err)
	}
	if s.params, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: ParamsKV, History: 1, Replicas: s.opts.Replicas}); err != nil {
		return fmt.Errorf("service: bucket %s: %w", ParamsKV, err)
	}
	if s.state, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: StateKV, History: 1, Replicas: s.opts.Replicas}); err != nil {
		return fmt.Errorf("service: bucket %s: %w", StateKV, err)
	}
	return nil
}
