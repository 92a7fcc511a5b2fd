package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// BenchmarkSignalToUpdate measures, on the embedded server, the time from a
// collector publishing one signed signal to a subscriber receiving its
// market's signed update: verify, state, models, governor, store, sign,
// publish. It reports the median and the 99th percentile per signal.
func BenchmarkSignalToUpdate(b *testing.B) { benchSignalToUpdate(b, "") }

// BenchmarkSignalToUpdateExternal is the same against a separate
// nats-server process on loopback, built from the module's own
// nats-server/v2 dependency.
func BenchmarkSignalToUpdateExternal(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "nats-server")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/nats-io/nats-server/v2").CombinedOutput(); err != nil {
		b.Skipf("cannot build nats-server: %v\n%s", err, out)
	}
	port := freePort(b)
	cmd := exec.Command(bin, "-a", "127.0.0.1", "-p", strconv.Itoa(port), "-js", "-sd", filepath.Join(dir, "js"))
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	url := fmt.Sprintf("nats://127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if nc, err := nats.Connect(url); err == nil {
			nc.Close()
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("external nats-server did not come up")
		}
		time.Sleep(50 * time.Millisecond)
	}
	benchSignalToUpdate(b, url)
}

func freePort(b *testing.B) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// benchEngine starts an engine on url (empty: embedded) trusting one
// collector, and returns it, a client connection and the collector's key
// kept expanded for signing. Cleanup stops both.
func benchEngine(b *testing.B, url string) (*Service, *nats.Conn, nkeys.KeyPair) {
	b.Helper()
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		b.Fatal(err)
	}
	engineKey, _ := nkeys.CreateUser()
	collector, _ := nkeys.CreateUser()
	pub, _ := collector.PublicKey()
	svc, err := New(Options{Config: cfg, NATSURL: url, Listen: embedded.Options{Port: -1, StoreDir: b.TempDir()}, EngineKey: engineKey,
		Trusted: map[string]string{"eth-collector-1": pub}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	if err := svc.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Stop(context.Background()) })
	nc, err := nats.Connect(svc.ClientURL())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(nc.Close)
	signer, err := keys.Signer(collector)
	if err != nil {
		b.Fatal(err)
	}
	return svc, nc, signer
}

func benchSignalToUpdate(b *testing.B, url string) {
	_, nc, fast := benchEngine(b, url)
	sub, _ := nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	p := wire.NewPublisher(nc, "eth-collector-1", fast)
	for kind, v := range healthy {
		p.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), time.Now())
	}
	if _, err := sub.NextMsg(10 * time.Second); err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := sub.NextMsg(50 * time.Millisecond); err != nil {
			break // drained
		}
	}

	var lat []time.Duration
	fees := []decimal.Decimal{decimal.NewFromInt(20), decimal.NewFromInt(21)}
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := p.Publish(context.Background(), "ethereum", "base_fee_gwei", fees[i&1], start); err != nil {
			b.Fatal(err)
		}
		if _, err := sub.NextMsg(5 * time.Second); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
