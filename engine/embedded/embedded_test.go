package embedded

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestKeyValueSurvivesRestart: a value put in a JetStream key-value bucket is
// there after the server restarts on the same store folder.
func TestKeyValueSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	put := func() {
		s, err := Start(Options{Port: -1, StoreDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer func() { s.Shutdown(); s.WaitForShutdown() }()
		nc, err := nats.Connect(s.ClientURL())
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		kv, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "b"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := kv.Put(ctx, "k", []byte("v1")); err != nil {
			t.Fatal(err)
		}
	}
	put()

	s, err := Start(Options{Port: -1, StoreDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	kv, err := js.KeyValue(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(ctx, "k")
	if err != nil || string(e.Value()) != "v1" {
		t.Fatalf("after restart: %v, %v", e, err)
	}
}

func TestBusyPortIsAnError(t *testing.T) {
	s, err := Start(Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	_, portText, err := net.SplitHostPort(s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(portText)
	// A second server on the same port cannot listen.
	if _, err := Start(Options{Port: p, StoreDir: t.TempDir(), ReadyTimeout: time.Second}); err == nil {
		t.Fatal("second server on a busy port started")
	}
}

// TestOpenBindIsRefused: the server has no authentication, so it listens on
// loopback only; any other address is refused before anything listens.
func TestOpenBindIsRefused(t *testing.T) {
	for _, host := range []string{"0.0.0.0", "::", "10.1.2.3", "example.com"} {
		if s, err := Start(Options{Host: host, Port: -1, StoreDir: t.TempDir()}); !errors.Is(err, ErrOpenBind) {
			if s != nil {
				s.Shutdown()
			}
			t.Errorf("host %q: err %v, want ErrOpenBind", host, err)
		}
	}
	for _, host := range []string{"", "127.0.0.1", "localhost", "::1"} {
		s, err := Start(Options{Host: host, Port: -1, StoreDir: t.TempDir()})
		if err != nil {
			t.Errorf("host %q: %v", host, err)
			continue
		}
		s.Shutdown()
		s.WaitForShutdown()
	}
}
