package client

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/update"
)

// TestNewRejectsOptionsThatCannotWork: each broken option is named in the
// error, which wraps ErrInvalidOptions.
func TestNewRejectsOptionsThatCannotWork(t *testing.T) {
	kp := newKey(t)
	seed, _ := kp.Seed()
	curve, err := nkeys.CreateCurveKeys()
	if err != nil {
		t.Fatal(err)
	}
	curvePub := publicKey(t, curve)
	good := func() Options {
		return Options{Conn: &nats.Conn{}, Market: testMarket, EngineKeys: []string{publicKey(t, kp)}, Fallback: maps.Clone(venueFallback)}
	}
	without := func(name string) map[string]decimal.Decimal {
		f := maps.Clone(venueFallback)
		delete(f, name)
		return f
	}
	cases := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no connection", func(o *Options) { o.Conn = nil }, "no NATS connection"},
		{"no market", func(o *Options) { o.Market = "" }, `market: ""`},
		{"market with a dot", func(o *Options) { o.Market = "ETH.OPTIONS" }, "byte 3"},
		{"market with a wildcard", func(o *Options) { o.Market = "ETH-*" }, "byte 4"},
		{"market with a space", func(o *Options) { o.Market = "ETH OPTIONS" }, "byte 3"},
		{"market too long", func(o *Options) { o.Market = strings.Repeat("M", 65) }, "1 to 64 bytes"},
		{"no keys", func(o *Options) { o.EngineKeys = nil }, "no engine keys"},
		{"a seed for a key", func(o *Options) { o.EngineKeys = []string{string(seed)} }, "a seed where a public key belongs"},
		{"not a key", func(o *Options) { o.EngineKeys = []string{"UNOTAKEY"} }, "engine key"},
		{"a curve key", func(o *Options) { o.EngineKeys = []string{curvePub} }, "cannot sign"},
		{"no fallback", func(o *Options) { o.Fallback = nil }, "fallback lacks close_factor, deep_underwater_health"},
		{"fallback missing one", func(o *Options) { o.Fallback = without("p_fail") }, "fallback lacks p_fail ("},
		{"fallback with a typo", func(o *Options) { o.Fallback["scan_rnge"] = d("1") }, `"scan_rnge", which is not a parameter`},
		{"unknown flag", func(o *Options) { o.FallbackFlags = map[string]bool{"paused": true} }, `"paused", which is not a flag`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(&o)
			_, err := New(o)
			if !errors.Is(err, ErrInvalidOptions) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want ErrInvalidOptions mentioning %q", err, tc.want)
			}
			if strings.Contains(tc.name, "seed") && err != nil && strings.Contains(err.Error(), string(seed)) {
				t.Error("the error repeats the seed")
			}
		})
	}
	if _, err := New(good()); err != nil {
		t.Errorf("good options: %v", err)
	}
}

// TestOptionsAreCopied: changing the caller's fallback map after New
// changes nothing the client hands out.
func TestOptionsAreCopied(t *testing.T) {
	fallback := maps.Clone(venueFallback)
	flags := map[string]bool{"halt": false}
	c, err := New(Options{Conn: &nats.Conn{}, Market: testMarket, EngineKeys: []string{publicKey(t, newKey(t))},
		Fallback: fallback, FallbackFlags: flags})
	if err != nil {
		t.Fatal(err)
	}
	fallback["scan_range"] = d("0.0001")
	flags["halt"] = true
	p := c.Current()
	if !p.Values["scan_range"].Equal(venueFallback["scan_range"]) || p.Flags["halt"] {
		t.Errorf("after the caller changed its maps: scan_range %s, halt %t", p.Values["scan_range"], p.Flags["halt"])
	}
}

// TestLifecycle: a client starts on a server where no engine has run (no
// bucket: fallback, no error), once only; Stop is idempotent, closes
// Updates and leaves no subscription; a stopped client does not start
// again.
func TestLifecycle(t *testing.T) {
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	opts := Options{Conn: nc, Market: testMarket, EngineKeys: []string{publicKey(t, newKey(t))}, Fallback: venueFallback, Logger: discard}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatalf("start without an engine's bucket: %v", err)
	}
	if p := <-c.Updates(); !p.Fallback || p.Why != WhyNoUpdate {
		t.Errorf("first update: %+v", p)
	}
	if n := interest(t, srv, nc); n != 1 {
		t.Errorf("%d subscriptions to the market's subject while running", n)
	}
	if err := c.Start(ctx); !errors.Is(err, ErrStarted) {
		t.Errorf("second Start: %v", err)
	}
	c.Stop()
	c.Stop()
	if _, open := <-c.Updates(); open {
		t.Error("Updates open after Stop")
	}
	if err := c.Start(ctx); !errors.Is(err, ErrStopped) {
		t.Errorf("Start after Stop: %v", err)
	}
	if n := interest(t, srv, nc); n != 0 {
		t.Errorf("%d subscriptions to the market's subject left after Stop", n)
	}
	if p := c.Current(); !p.Fallback {
		t.Errorf("stopped client without an update: %+v", p)
	}

	never, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	never.Stop()
	if _, open := <-never.Updates(); open {
		t.Error("Updates open after Stop without Start")
	}
}

// TestStartFailsWithoutJetStream: a server without JetStream cannot be
// the engine's; Start says so and leaves no subscription behind.
func TestStartFailsWithoutJetStream(t *testing.T) {
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("server not ready")
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	c, err := New(Options{Conn: nc, Market: testMarket, EngineKeys: []string{publicKey(t, newKey(t))}, Fallback: venueFallback, Logger: discard})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Start(ctx); err == nil || !strings.Contains(err.Error(), Bucket) {
		t.Errorf("Start without JetStream: %v", err)
	}
	if n := interest(t, srv, nc); n != 0 {
		t.Errorf("%d subscriptions to the market's subject left after a failed Start", n)
	}
}

// interest counts the server's subscriptions that a message on the market's
// subject would reach, once nc's unsubscriptions have arrived.
func interest(t *testing.T, srv *server.Server, nc *nats.Conn) int {
	t.Helper()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	subs, err := srv.Subsz(&server.SubszOptions{Subscriptions: true, Test: update.Subject(testMarket)})
	if err != nil {
		t.Fatal(err)
	}
	return len(subs.Subs)
}
