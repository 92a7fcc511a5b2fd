package service

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const testConfig = `
heartbeat: 1s
validity: 10s
chains: [{name: ethereum, layer: l1, native_usd: 3200}]
markets:
  - name: ETH-OPTIONS
    chain: ethereum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
      - {t: 0.2493, a: 0.03, b: 0.15, rho: -0.35, m: 0.03, sigma: 0.25}
`

type harness struct {
	t         *testing.T
	svc       *Service
	nc        *nats.Conn
	collector nkeys.KeyPair
	engine    nkeys.KeyPair
	trusted   map[string]bool
}

func start(t *testing.T, dir string, engineKey nkeys.KeyPair, collector nkeys.KeyPair) *harness {
	t.Helper()
	return startWith(t, dir, engineKey, collector, nil)
}

func startWith(t *testing.T, dir string, engineKey nkeys.KeyPair, collector nkeys.KeyPair, now func() time.Time) *harness {
	t.Helper()
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := collector.PublicKey()
	svc, err := New(Options{
		Config: cfg, Listen: embedded.Options{Port: -1, StoreDir: dir},
		EngineKey: engineKey, Trusted: map[string]string{"eth-collector-1": pub},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: now,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(svc.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	enginePub, _ := engineKey.PublicKey()
	h := &harness{t: t, svc: svc, nc: nc, collector: collector, engine: engineKey, trusted: map[string]bool{enginePub: true}}
	t.Cleanup(h.stop)
	return h
}

func (h *harness) stop() {
	if h.nc == nil {
		return
	}
	h.nc.Close()
	h.nc = nil
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.svc.Stop(ctx); err != nil {
		h.t.Error(err)
	}
}

func newKey(t *testing.T) nkeys.KeyPair {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// next waits for the next update on sub that satisfies ok.
func (h *harness) next(sub *nats.Subscription, ok func(update.Update) bool) update.Update {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		msg, err := sub.NextMsg(time.Until(deadline))
		if err != nil {
			h.t.Fatalf("no update: %v", err)
		}
		u, err := update.Verify(msg.Data, h.trusted)
		if err != nil {
			h.t.Fatalf("update does not verify: %v", err)
		}
		if ok(u) {
			return u
		}
	}
	h.t.Fatal("no matching update in time")
	return update.Update{}
}

var healthy = map[string]string{
	"base_fee_gwei": "20", "gas_used_ratio": "0.5", "block_interval_s": "12", "participation_rate": "0.99",
	"finality_lag_epochs": "2", "oracle_age_s": "60", "oracle_deviation": "0.001", "collector_up": "1",
}

func (h *harness) publishAll(p *wire.Publisher, values map[string]string) {
	h.t.Helper()
	now := time.Now()
	for kind, v := range values {
		if err := p.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), now); err != nil {
			h.t.Fatal(err)
		}
	}
}

// TestSignedSignalsInSignedUpdateOut: healthy signals loosen nothing at
// first (the engine starts conservative), a congested chain tightens the
// published scan range, every update verifies, and a subscriber that comes
// late reads the last one from the key-value bucket.
func TestSignedSignalsInSignedUpdateOut(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	sub, err := h.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	if err != nil {
		t.Fatal(err)
	}
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	h.publishAll(p, healthy)
	calm := h.next(sub, func(u update.Update) bool { return u.Regime == "normal" })

	congested := map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99", "oracle_age_s": "9000"}
	h.publishAll(p, congested)
	hot := h.next(sub, func(u update.Update) bool { return u.Regime != "normal" })
	calmRange, _ := calm.Param("scan_range")
	hotRange, _ := hot.Param("scan_range")
	if !hotRange.GreaterThan(calmRange) || hot.Seq <= calm.Seq {
		t.Fatalf("congestion: scan range %s → %s, seq %d → %d", calmRange, hotRange, calm.Seq, hot.Seq)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	js, _ := jetstream.New(h.nc)
	kv, err := js.KeyValue(ctx, ParamsKV)
	if err != nil {
		t.Fatal(err)
	}
	// The bucket is written off the path to the wire, within persistEvery.
	var last update.Update
	for deadline := time.Now().Add(2 * time.Second); ; {
		if e, err := kv.Get(ctx, "ETH-OPTIONS"); err == nil {
			if last, err = update.Verify(e.Value(), h.trusted); err != nil {
				t.Fatal(err)
			}
			if last.Seq >= hot.Seq {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("KV holds seq %d after 2 s, published %d", last.Seq, hot.Seq)
		}
		time.Sleep(10 * time.Millisecond)
	}
	stream, err := js.Stream(ctx, StreamName)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := stream.Info(ctx)
	if info.State.Msgs < 2 {
		t.Errorf("stream holds %d updates", info.State.Msgs)
	}
}

// TestBadSignalsAreRejectedAndCounted: a signal signed by an unknown key
// and a malformed one change nothing and are counted by reason.
func TestBadSignalsAreRejectedAndCounted(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	intruder := wire.NewPublisher(h.nc, "eth-collector-1", newKey(t))
	if err := intruder.Publish(context.Background(), "ethereum", "base_fee_gwei", decimal.NewFromInt(1), time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := h.nc.Publish(wire.Subject("ethereum", "base_fee_gwei"), []byte(`{"v":1,"value":NaN}`)); err != nil {
		t.Fatal(err)
	}
	h.nc.Flush()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		bad := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("bad_signature"))
		malformed := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("malformed"))
		if bad == 1 && malformed == 1 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			snap, err := h.svc.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range snap.Chains["ethereum"] {
				if r.Kind == "base_fee_gwei" && r.Freshness != "missing" {
					t.Errorf("rejected signal changed the state: %+v", r)
				}
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("rejections not counted")
}

// TestRestartContinuesSeqAndNeverLoosens: stop the engine mid-episode and
// start it on the same data folder: the sequence continues and the first
// updates are no looser than the last before the stop.
func TestRestartContinuesSeqAndNeverLoosens(t *testing.T) {
	dir, engineKey, collector := t.TempDir(), newKey(t), newKey(t)
	h := start(t, dir, engineKey, collector)
	sub, _ := h.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	h.publishAll(p, healthy)
	h.publishAll(p, map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99"})
	before := h.next(sub, func(u update.Update) bool { return u.Regime != "normal" })
	h.stop()

	h2 := start(t, dir, engineKey, collector)
	sub2, _ := h2.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	after := h2.next(sub2, func(update.Update) bool { return true })
	if after.Seq <= before.Seq {
		t.Fatalf("seq went from %d to %d across the restart", before.Seq, after.Seq)
	}
	for name, v := range before.Params {
		if name == "grace_period_s" {
			continue // shorter is the conservative direction for grace
		}
		if got, ok := after.Param(name); !ok || got.LessThan(v) {
			t.Errorf("%s loosened across the restart: %s → %s", name, v, got)
		}
	}
}
