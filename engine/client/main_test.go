package client

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestMain fails the package when a goroutine outlives the tests: every
// client's loop, engine and server must end before Run returns. Fuzzing
// starts goroutines of its own (a signal handler), so it is not checked.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	if fuzz := flag.Lookup("test.fuzz"); code == 0 && (fuzz == nil || fuzz.Value.String() == "") {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			fmt.Fprintf(os.Stderr, "%d goroutines leaked:\n%s\n", n-before, buf[:runtime.Stack(buf, true)])
			code = 1
		}
	}
	os.Exit(code)
}

const testMarket = "ETH-OPTIONS"

// quietConfig publishes only when signals arrive: its heartbeat is an hour,
// so a test decides when the engine speaks.
const quietConfig = `
heartbeat: 1h
validity: 1h
chains: [{name: ethereum, layer: l1, native_usd: 3200}]
markets:
  - name: ETH-OPTIONS
    chain: ethereum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
      - {t: 0.2493, a: 0.03, b: 0.15, rho: -0.35, m: 0.03, sigma: 0.25}
`

// beatingConfig republishes every second, each update valid for three: a
// live engine keeps its market fresh with two seconds to spare.
const beatingConfig = `
heartbeat: 1s
validity: 3s
chains: [{name: ethereum, layer: l1, native_usd: 3200}]
markets:
  - name: ETH-OPTIONS
    chain: ethereum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
      - {t: 0.2493, a: 0.03, b: 0.15, rho: -0.35, m: 0.03, sigma: 0.25}
`

// healthy are the signals of a calm chain, every kind an L1 watches (the
// engine publishes a market only once it has heard every kind);
// congested is a base-fee spike with full blocks and a stale oracle.
var (
	healthy = map[string]string{
		"base_fee_gwei": "20", "gas_used_ratio": "0.5", "block_interval_s": "12", "participation_rate": "0.99",
		"finality_lag_epochs": "2", "oracle_age_s": "60", "oracle_deviation": "0.001", "collector_up": "1",
	}
	congested = map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99", "oracle_age_s": "9000"}
)

// venueFallback is a made-up conservative set: wider and higher than
// anything the engine publishes for a calm market.
var venueFallback = map[string]decimal.Decimal{
	"scan_range": d("0.5000"), "vol_shock_up": d("1.0000"), "vol_shock_down": d("0.6000"),
	"liquidation_horizon_s": d("86400"), "maintenance_multiplier": d("2.0000"), "initial_multiplier": d("3.0000"),
	"liquidation_bonus": d("0.1500"), "close_factor": d("1.0000"), "grace_period_s": d("0"),
	"deep_underwater_health": d("1.0000"), "p_fail": d("0.5000"),
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// rig is an engine in this process on its own embedded NATS server, which
// outlives the engine so that a test can silence the engine and keep the
// client connected.
type rig struct {
	t         *testing.T
	srv       *server.Server
	nc        *nats.Conn
	engine    *service.Service
	engineKey nkeys.KeyPair
	signals   *wire.Publisher
	raw       *nats.Subscription // every message on the market's subject
	stopOnce  sync.Once
}

func newRig(t *testing.T, cfgText string) *rig {
	t.Helper()
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	cfg, err := config.Parse([]byte(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, srv: srv, engineKey: newKey(t)}
	collector := newKey(t)
	svc, err := service.New(service.Options{
		Config: cfg, NATSURL: srv.ClientURL(), EngineKey: r.engineKey,
		Trusted: map[string]string{"eth-collector-1": publicKey(t, collector)}, Logger: discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	r.engine = svc
	t.Cleanup(r.stopEngine)
	if r.nc, err = nats.Connect(srv.ClientURL()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.nc.Close)
	if r.raw, err = r.nc.SubscribeSync(update.Subject(testMarket)); err != nil {
		t.Fatal(err)
	}
	r.signals = wire.NewPublisher(r.nc, "eth-collector-1", collector)
	return r
}

// stopEngine silences the engine; the server keeps running.
func (r *rig) stopEngine() {
	r.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.engine.Stop(ctx); err != nil {
			r.t.Error(err)
		}
	})
}

func (r *rig) signal(values map[string]string) {
	r.t.Helper()
	now := time.Now()
	for kind, v := range values {
		if err := r.signals.Publish(context.Background(), "ethereum", kind, d(v), now); err != nil {
			r.t.Fatal(err)
		}
	}
}

// settle waits for the engine's updates on the subject to stop for a
// while (the quiet engine speaks only after signals) and returns the last
// one, raw and decoded, checking that each verifies.
func (r *rig) settle() ([]byte, update.Update) {
	r.t.Helper()
	const quiet = 400 * time.Millisecond
	var data []byte
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msg, err := r.raw.NextMsg(quiet)
		if err != nil {
			if data == nil {
				continue
			}
			return data, r.verify(data)
		}
		r.verify(msg.Data)
		data = msg.Data
	}
	r.t.Fatal("the engine did not publish, or did not stop publishing, within 10 s")
	return nil, update.Update{}
}

func (r *rig) verify(data []byte) update.Update {
	r.t.Helper()
	u, err := update.Verify(data, map[string]bool{publicKey(r.t, r.engineKey): true})
	if err != nil {
		r.t.Fatalf("the engine's own update does not verify: %v", err)
	}
	return u
}

// publish puts data on the market's subject, as anyone on the server may.
func (r *rig) publish(data []byte) {
	r.t.Helper()
	if err := r.nc.Publish(update.Subject(testMarket), data); err != nil {
		r.t.Fatal(err)
	}
	if err := r.nc.Flush(); err != nil {
		r.t.Fatal(err)
	}
}

// storedSeq is the seq of the market's update in the engine's bucket, 0 if
// none.
func (r *rig) storedSeq() uint64 {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	js, err := jetstream.New(r.nc)
	if err != nil {
		r.t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, Bucket)
	if err != nil {
		r.t.Fatal(err)
	}
	e, err := kv.Get(ctx, testMarket)
	if err != nil {
		return 0
	}
	return r.verify(e.Value()).Seq
}

// client starts a margin system's client on its own connection, with edit
// applied to the options first.
func (r *rig) client(edit func(*Options)) *Client {
	r.t.Helper()
	nc, err := nats.Connect(r.srv.ClientURL())
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(nc.Close)
	opts := Options{
		Conn: nc, Market: testMarket, EngineKeys: []string{publicKey(r.t, r.engineKey)},
		Fallback: venueFallback, Logger: discard,
	}
	if edit != nil {
		edit(&opts)
	}
	c, err := New(opts)
	if err != nil {
		r.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(c.Stop)
	return c
}

// checkFor polls f every sleep until it returns nil, failing the test with
// its last error after total.
func checkFor(t *testing.T, total, sleep time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(total)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(sleep)
	}
}

// following waits until c's current update is seq.
func following(t *testing.T, c *Client, seq uint64) {
	t.Helper()
	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		if p := c.Current(); p.Fallback || p.Seq != seq {
			return fmt.Errorf("client at seq %d (fallback %t: %s), engine at %d", p.Seq, p.Fallback, p.Why, seq)
		}
		return nil
	})
}

// sameParams reports whether two Params are the same update, or the same
// fallback.
func sameParams(a, b Params) bool {
	if a.Fallback != b.Fallback || a.Seq != b.Seq || a.Why != b.Why || len(a.Values) != len(b.Values) {
		return false
	}
	if (a.Update == nil) != (b.Update == nil) || a.Update != nil && !bytes.Equal(a.Update.Sig, b.Update.Sig) {
		return false
	}
	for name, v := range a.Values {
		if w, ok := b.Values[name]; !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func newKey(t testing.TB) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func publicKey(t testing.TB, kp nkeys.KeyPair) string {
	t.Helper()
	pub, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

// resign changes a real update with edit and signs it with kp, as someone
// holding kp could.
func resign(t testing.TB, u update.Update, kp nkeys.KeyPair, edit func(*update.Update)) []byte {
	t.Helper()
	u.Params = maps.Clone(u.Params)
	edit(&u)
	if err := update.Sign(&u, kp); err != nil {
		t.Fatal(err)
	}
	data, err := update.Encode(u)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
