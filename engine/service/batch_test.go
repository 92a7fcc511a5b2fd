package service

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestBatchedSignalsMoveParameters: a collector that sends a chain's kinds
// as signed batches moves the parameters as lone signals do; each signal
// is counted as accepted under its own kind.
func TestBatchedSignalsMoveParameters(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	sub, err := h.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	if err != nil {
		t.Fatal(err)
	}
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	batch := func(values map[string]string) {
		t.Helper()
		now := time.Now()
		var items []wire.Item
		for kind, v := range values {
			items = append(items, wire.Item{Kind: kind, Value: decimal.RequireFromString(v), ObservedAt: now})
		}
		if err := p.PublishBatch(context.Background(), "ethereum", items); err != nil {
			t.Fatal(err)
		}
	}
	batch(healthy)
	calm := h.next(sub, func(u update.Update) bool { return u.Regime == "normal" })
	batch(map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99", "oracle_age_s": "9000"})
	hot := h.next(sub, func(u update.Update) bool { return u.Regime != "normal" })
	calmRange, _ := calm.Param("scan_range")
	hotRange, _ := hot.Param("scan_range")
	if !hotRange.GreaterThan(calmRange) {
		t.Errorf("congestion in a batch: scan range %s → %s, want wider", calmRange, hotRange)
	}
	if n := testutil.ToFloat64(h.svc.metrics.accepted.WithLabelValues("ethereum", "base_fee_gwei")); n != 2 {
		t.Errorf("base_fee_gwei accepted %g times, want 2", n)
	}
}

// TestBatchRejectionsChangeNothing: a batch under a key the engine does not
// trust is rejected signal by signal (bad_signature, or out_of_range for
// the signal that also fails the range check, which comes first as for a
// lone signal); in a good batch, a signal out of range is rejected alone
// and the others are taken.
func TestBatchRejectionsChangeNothing(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	now := time.Now()
	items := func(fee string) []wire.Item {
		return []wire.Item{
			{Kind: "base_fee_gwei", Value: decimal.RequireFromString(fee), ObservedAt: now},
			{Kind: "gas_used_ratio", Value: decimal.RequireFromString("1.5"), ObservedAt: now}, // out of range
			{Kind: "block_interval_s", Value: decimal.RequireFromString("13"), ObservedAt: now},
		}
	}
	intruder := wire.NewPublisher(h.nc, "eth-collector-1", newKey(t))
	if err := intruder.PublishBatch(context.Background(), "ethereum", items("999")); err != nil {
		t.Fatal(err)
	}
	good := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	if err := good.PublishBatch(context.Background(), "ethereum", items("25")); err != nil {
		t.Fatal(err)
	}
	h.nc.Flush()
	for deadline := time.Now().Add(5 * time.Second); ; {
		bad := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("bad_signature"))
		out := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("out_of_range"))
		fee := testutil.ToFloat64(h.svc.metrics.accepted.WithLabelValues("ethereum", "base_fee_gwei"))
		interval := testutil.ToFloat64(h.svc.metrics.accepted.WithLabelValues("ethereum", "block_interval_s"))
		if bad == 2 && out == 2 && fee == 1 && interval == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("bad_signature %g (want 2), out_of_range %g (want 2), accepted fee %g and interval %g (want 1 each)", bad, out, fee, interval)
		}
		time.Sleep(10 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := h.svc.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range snap.Chains["ethereum"] {
		switch r.Kind {
		case "base_fee_gwei":
			if r.Value != 25 {
				t.Errorf("base fee %g, want 25 from the trusted batch (999 came under a bad signature)", r.Value)
			}
		case "gas_used_ratio":
			if r.Freshness != "missing" {
				t.Errorf("an out-of-range fullness changed the state: %+v", r)
			}
		}
	}
}

// TestMetricsEndpointCountsSignals: /metrics serves the accepted and
// rejected counters with the values the engine counted, and the backlog
// and dropped series an operator watches for overload.
func TestMetricsEndpointCountsSignals(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	h.publishAll(p, map[string]string{"base_fee_gwei": "20", "gas_used_ratio": "1.5"})
	h.nc.Flush()
	srv := httptest.NewServer(h.svc.Handler())
	defer srv.Close()
	want := []string{
		`infrarisk_signals_accepted_total{chain="ethereum",kind="base_fee_gwei"} 1`,
		`infrarisk_signals_rejected_total{reason="out_of_range"} 1`,
		"infrarisk_signal_backlog 0",
		"infrarisk_signals_dropped_total 0",
	}
	var body string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
		missing := false
		for _, w := range want {
			missing = missing || !strings.Contains(body, w)
		}
		if !missing {
			return
		}
	}
	t.Errorf("/metrics lacks one of %q:\n%s", want, body)
}
