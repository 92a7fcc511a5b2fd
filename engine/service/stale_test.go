package service

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// TestSilenceTightensAndNamesTheStaleKind: the base fee stops arriving; once
// it is older than its one-minute TTL, the next heartbeat's update is more
// conservative and its reasons name the stale kind.
func TestSilenceTightensAndNamesTheStaleKind(t *testing.T) {
	clock := &fakeClock{t: time.Now().UTC()}
	h := startWith(t, t.TempDir(), newKey(t), newKey(t), clock.Now)
	sub, _ := h.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	publish := func(values map[string]string) {
		for kind, v := range values {
			if err := p.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	publish(healthy)
	calm := h.next(sub, func(u update.Update) bool { return u.Regime == "normal" })

	// 90 s later every kind but the base fee is refreshed.
	clock.Add(90 * time.Second)
	rest := map[string]string{}
	for k, v := range healthy {
		if k != "base_fee_gwei" {
			rest[k] = v
		}
	}
	publish(rest)
	stale := h.next(sub, func(u update.Update) bool {
		for _, r := range u.Reasons {
			if strings.Contains(r.Text, "base_fee_gwei stale") {
				return true
			}
		}
		return false
	})
	if got := testutil.ToFloat64(h.svc.metrics.stale.WithLabelValues("ethereum", "base_fee_gwei")); got != 1 {
		t.Errorf("stale gauge for the base fee: %g", got)
	}
	if got := testutil.ToFloat64(h.svc.metrics.stale.WithLabelValues("ethereum", "oracle_age_s")); got != 0 {
		t.Errorf("stale gauge for a fresh kind: %g", got)
	}
	for _, name := range []string{"scan_range", "liquidation_bonus", "initial_multiplier"} {
		before, _ := calm.Param(name)
		after, _ := stale.Param(name)
		if !after.GreaterThan(before) {
			t.Errorf("%s with the base fee stale: %s, calm %s", name, after, before)
		}
	}
}

// TestEveryRejectionIsCountedAndChangesNothing sends one bad signal per
// reason; each is counted under its reason and the chain's state keeps its
// healthy reading.
func TestEveryRejectionIsCountedAndChangesNothing(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	good := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	h.publishAll(good, healthy)
	send := func(subject string, s wire.Signal, sign bool) {
		if sign {
			if err := wire.Sign(&s, h.collector); err != nil {
				t.Fatal(err)
			}
		}
		data, err := wire.Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		h.nc.Publish(subject, data)
	}
	now := time.Now().UTC()
	base := func(kind, value string, seq uint64) wire.Signal {
		return wire.Signal{V: 1, Source: "eth-collector-1", Chain: "ethereum", Kind: kind,
			Value: decimal.RequireFromString(value), ObservedAt: now, Seq: seq}
	}
	high := uint64(now.UnixNano()) + 1e12 // above the publisher's seqs
	cases := []struct {
		reason string
		send   func()
	}{
		{"unknown_kind", func() { send(wire.Subject("ethereum", "gas_price"), base("gas_price", "5", high), true) }},
		{"out_of_range", func() { send(wire.Subject("ethereum", "gas_used_ratio"), base("gas_used_ratio", "1.5", high+1), true) }},
		{"future", func() {
			s := base("base_fee_gwei", "900", high+2)
			s.ObservedAt = now.Add(time.Hour)
			send(wire.Subject("ethereum", "base_fee_gwei"), s, true)
		}},
		{"stale", func() {
			s := base("base_fee_gwei", "900", high+3)
			s.ObservedAt = now.Add(-time.Hour)
			send(wire.Subject("ethereum", "base_fee_gwei"), s, true)
		}},
		{"unknown_source", func() {
			s := base("base_fee_gwei", "900", high+4)
			s.Source = "mallory"
			send(wire.Subject("ethereum", "base_fee_gwei"), s, true)
		}},
		{"unsigned", func() { send(wire.Subject("ethereum", "base_fee_gwei"), base("base_fee_gwei", "900", high+5), false) }},
		{"replay", func() { send(wire.Subject("ethereum", "base_fee_gwei"), base("base_fee_gwei", "900", 1), true) }},
		{"subject_mismatch", func() { send(wire.Subject("ethereum", "oracle_age_s"), base("base_fee_gwei", "900", high+6), true) }},
	}
	for _, c := range cases {
		c.send()
	}
	h.nc.Flush()
	deadline := time.Now().Add(5 * time.Second)
	for {
		missing := ""
		for _, c := range cases {
			if testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues(c.reason)) != 1 {
				missing = c.reason
			}
		}
		if missing == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("rejection %q not counted once", missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := h.svc.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range snap.Chains["ethereum"] {
		if r.Kind == "base_fee_gwei" && r.Value != 20 {
			t.Errorf("a rejected signal moved the base fee to %g", r.Value)
		}
		if r.Kind == "gas_used_ratio" && r.Value != 0.5 {
			t.Errorf("a rejected signal moved fullness to %g", r.Value)
		}
	}
}

// TestRejectedSignalDoesNotAdvanceTheSeq: a signal for a chain the engine
// does not know, with a high seq, is rejected and leaves its source's seq
// where it was, so the next real signal (with a lower seq) is accepted.
func TestRejectedSignalDoesNotAdvanceTheSeq(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	now := time.Now().UTC()
	high := uint64(now.UnixNano()) + 1e12
	send := func(chain string, seq uint64) {
		s := wire.Signal{V: 1, Source: "eth-collector-1", Chain: chain, Kind: "base_fee_gwei",
			Value: decimal.NewFromInt(33), ObservedAt: now, Seq: seq}
		if err := wire.Sign(&s, h.collector); err != nil {
			t.Fatal(err)
		}
		data, _ := wire.Encode(s)
		h.nc.Publish(wire.Subject(chain, "base_fee_gwei"), data)
	}
	send("solana", high)
	send("ethereum", high-1)
	h.nc.Flush()
	for deadline := time.Now().Add(5 * time.Second); ; {
		unknown := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("unknown_chain"))
		ok := testutil.ToFloat64(h.svc.metrics.accepted.WithLabelValues("ethereum", "base_fee_gwei"))
		if unknown == 1 && ok == 1 {
			return
		}
		if replay := testutil.ToFloat64(h.svc.metrics.rejected.WithLabelValues("replay")); replay > 0 || time.Now().After(deadline) {
			t.Fatalf("unknown_chain %g, accepted %g, replay %g", unknown, ok, replay)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
