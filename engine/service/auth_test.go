package service

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// identity is an nkey user of the server configuration.
type identity struct {
	kp  nkeys.KeyPair
	pub string
}

func newIdentity(t *testing.T) identity {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKey()
	return identity{kp, pub}
}

// connect connects as id, sending every asynchronous error (a permission
// violation) to errs.
func (id identity) connect(t *testing.T, url string, errs chan<- error) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(url, id.option(), nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		select {
		case errs <- err:
		default:
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

func (id identity) option() nats.Option {
	return nats.Nkey(id.pub, func(nonce []byte) ([]byte, error) { return id.kp.Sign(nonce) })
}

func violation(t *testing.T, errs <-chan error, subject string) {
	t.Helper()
	select {
	case err := <-errs:
		if !strings.Contains(err.Error(), "Permissions Violation") || !strings.Contains(err.Error(), subject) {
			t.Errorf("error %v, want a permissions violation on %s", err, subject)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("no permissions violation for %s", subject)
	}
}

// TestIdentitiesAreHeldToTheirRoles runs the repository's nats-server
// configuration (engine/config/nats-server.conf): the engine works under
// its identity; a consumer follows updates and reads the bucket; a
// collector cannot publish parameters and a consumer cannot publish
// signals (both refused by the server, nothing delivered); an unknown
// identity and an anonymous client cannot connect.
func TestIdentitiesAreHeldToTheirRoles(t *testing.T) {
	engineID, collectorID, consumerID := newIdentity(t), newIdentity(t), newIdentity(t)
	t.Setenv("INFRARISK_ENGINE_NKEY", engineID.pub)
	t.Setenv("INFRARISK_COLLECTOR_NKEY", collectorID.pub)
	t.Setenv("INFRARISK_CONSUMER_NKEY", consumerID.pub)
	opts, err := server.ProcessConfigFile("../config/nats-server.conf")
	if err != nil {
		t.Fatal(err)
	}
	opts.Port, opts.StoreDir, opts.NoLog, opts.NoSigs = -1, t.TempDir(), true, true
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("server not ready")
	}
	t.Cleanup(srv.Shutdown)
	url := srv.ClientURL()

	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	signer, engineKey := newKey(t), newKey(t)
	signerPub, _ := signer.PublicKey()
	enginePub, _ := engineKey.PublicKey()
	svc, err := New(Options{Config: cfg, NATSURL: url, NATSOptions: []nats.Option{engineID.option()}, EngineKey: engineKey,
		Trusted: map[string]string{"eth-collector-1": signerPub}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatalf("engine under its identity: %v", err)
	}
	t.Cleanup(func() { svc.Stop(context.Background()) })

	collectorErrs, consumerErrs := make(chan error, 8), make(chan error, 8)
	collector := collectorID.connect(t, url, collectorErrs)
	consumer := consumerID.connect(t, url, consumerErrs)
	updates, err := consumer.SubscribeSync("risk.params.>")
	if err != nil {
		t.Fatal(err)
	}
	consumer.Flush()

	p := wire.NewPublisher(collector, "eth-collector-1", signer)
	for kind, v := range healthy {
		if err := p.Publish(ctx, "ethereum", kind, decimal.RequireFromString(v), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	msg, err := updates.NextMsg(10 * time.Second)
	if err != nil {
		t.Fatalf("consumer received no update: %v", err)
	}
	if _, err := update.Verify(msg.Data, map[string]bool{enginePub: true}); err != nil {
		t.Fatal(err)
	}

	// The collector forges parameters; the consumer publishes a signal.
	collector.Publish("risk.params.ETH-OPTIONS", msg.Data)
	collector.Flush()
	violation(t, collectorErrs, "risk.params.ETH-OPTIONS")
	consumer.Publish(wire.Subject("ethereum", "base_fee_gwei"), []byte("{}"))
	consumer.Flush()
	violation(t, consumerErrs, "infra.signal.ethereum.base_fee_gwei")
	for {
		m, err := updates.NextMsg(300 * time.Millisecond)
		if err != nil {
			break
		}
		if _, err := update.Verify(m.Data, map[string]bool{enginePub: true}); err != nil {
			t.Fatalf("the consumer received a message the engine did not sign: %v", err)
		}
	}

	// The consumer reads the last value from the bucket.
	js, err := jetstream.New(consumer)
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, ParamsKV)
	if err != nil {
		t.Fatalf("consumer opening %s: %v", ParamsKV, err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		e, err := kv.Get(ctx, "ETH-OPTIONS")
		if err == nil {
			if _, err := update.Verify(e.Value(), map[string]bool{enginePub: true}); err != nil {
				t.Fatal(err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer reading the bucket: %v", err)
		}
	}
	// But it cannot write it: the server refuses the publish, so no
	// acknowledgement comes.
	putCtx, putCancel := context.WithTimeout(ctx, time.Second)
	defer putCancel()
	if _, err := kv.Put(putCtx, "ETH-OPTIONS", []byte("{}")); err == nil {
		t.Error("consumer wrote the parameters bucket")
	}
	violation(t, consumerErrs, "$KV.risk_params.ETH-OPTIONS")

	// And it may ask the engine for a snapshot.
	if reply, err := consumer.Request("risk.snapshot", nil, 5*time.Second); err != nil || !strings.Contains(string(reply.Data), "ETH-OPTIONS") {
		t.Errorf("consumer's snapshot request: %v", err)
	}

	if _, err := nats.Connect(url, newIdentity(t).option()); err == nil || !strings.Contains(err.Error(), "Authorization Violation") {
		t.Errorf("unknown identity: %v, want an authorization violation", err)
	}
	if _, err := nats.Connect(url); err == nil {
		t.Error("an anonymous client connected")
	}
}
