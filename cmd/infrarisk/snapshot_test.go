package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestSnapshotAndMarginCommands runs an engine in this process, feeds it a
// healthy Ethereum, and checks what `snapshot` and `margin` print, including
// a what-if that must raise the margin.
func TestSnapshotAndMarginCommands(t *testing.T) {
	cfg, err := config.Load("../../engine/config/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	engineKey, _ := nkeys.CreateUser()
	collector, _ := nkeys.CreateUser()
	pub, _ := collector.PublicKey()
	svc, err := service.New(service.Options{Config: cfg, Listen: embedded.Options{Port: -1, StoreDir: t.TempDir()},
		EngineKey: engineKey, Trusted: map[string]string{"c": pub}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.Stop(context.Background())
	url := svc.ClientURL()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	sub, _ := nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	p := wire.NewPublisher(nc, "c", collector)
	for kind, v := range map[string]string{"base_fee_gwei": "20", "gas_used_ratio": "0.5", "block_interval_s": "12",
		"participation_rate": "0.99", "finality_lag_epochs": "2", "oracle_age_s": "60", "oracle_deviation": "0.001", "collector_up": "1"} {
		p.Publish(ctx, "ethereum", kind, decimal.RequireFromString(v), time.Now())
	}
	if _, err := sub.NextMsg(10 * time.Second); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "", "snapshot", "--nats", url, "--market", "ETH-OPTIONS")
	if code != exitOK {
		t.Fatalf("snapshot: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"chain ethereum", "base_fee_gwei", "fresh", "market ETH-OPTIONS  regime normal", "scan_range"} {
		if !strings.Contains(out, want) {
			t.Errorf("snapshot lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "market ETH-OPTIONS-ARB") {
		t.Error("--market did not filter")
	}

	pf := filepath.Join(t.TempDir(), "pf.json")
	os.WriteFile(pf, []byte(`{"market":"ETH-OPTIONS","spot":"3200","positions":[{"type":"put","strike":"2800","expiry_days":30,"quantity":"-10"}]}`), 0o644)
	code, calm, errOut := runCLI(t, "", "margin", "--nats", url, "--portfolio", pf)
	if code != exitOK || !strings.Contains(calm, "maintenance margin") || !strings.Contains(calm, "worst scenario") {
		t.Fatalf("margin: exit %d\n%s%s", code, calm, errOut)
	}
	code, hot, errOut := runCLI(t, "", "margin", "--nats", url, "--portfolio", pf, "--what-if", "base_fee_gwei=800", "--what-if", "finality_lag_epochs=10")
	if code != exitOK || !strings.Contains(hot, "what-if") {
		t.Fatalf("what-if: exit %d\n%s%s", code, hot, errOut)
	}
	if m0, m1 := maintenance(t, calm), maintenance(t, hot); !m1.GreaterThan(m0) {
		t.Errorf("what-if margin %s not above calm %s", m1, m0)
	}
	code, _, errOut = runCLI(t, "", "margin", "--nats", url, "--portfolio", pf, "--what-if", "gas_price=5")
	if code != exitError || !strings.Contains(errOut, "not a signal kind") {
		t.Errorf("bad what-if: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "snapshot", "--nats", "nats://127.0.0.1:1"); code != exitError || !strings.Contains(errOut, "make run starts one") {
		t.Errorf("no engine: exit %d, %s", code, errOut)
	}
}

func maintenance(t *testing.T, out string) decimal.Decimal {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "maintenance" {
			return decimal.RequireFromString(f[2])
		}
	}
	t.Fatalf("no maintenance margin in\n%s", out)
	return decimal.Zero
}
