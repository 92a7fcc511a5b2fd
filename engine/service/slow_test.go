package service

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/client"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// slowConsumer follows every market's updates on a connection of its own
// but takes delay over each, holding at most limit messages: it falls
// behind, and its NATS client drops what does not fit. It recovers the
// current state from the bucket, as a margin system that fell behind
// does.
type slowConsumer struct {
	sub      *nats.Subscription
	kv       jetstream.KeyValue
	received atomic.Int64
}

func attachSlowConsumer(tb testing.TB, url string, delay time.Duration, limit int) *slowConsumer {
	tb.Helper()
	nc, err := nats.Connect(url, nats.ErrorHandler(func(*nats.Conn, *nats.Subscription, error) {}))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(nc.Close)
	c := &slowConsumer{}
	c.sub, err = nc.Subscribe(paramsWild, func(*nats.Msg) {
		time.Sleep(delay)
		c.received.Add(1)
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.sub.SetPendingLimits(limit, -1); err != nil {
		tb.Fatal(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if c.kv, err = js.KeyValue(ctx, ParamsKV); err != nil {
		tb.Fatal(err)
	}
	return c
}

func (c *slowConsumer) dropped() int {
	n, _ := c.sub.Dropped()
	return n
}

// recovered reads the market's update from the bucket until it is the
// engine's newest (heartbeats keep publishing) and returns its seq.
func (c *slowConsumer) recovered(tb testing.TB, svc *Service, trusted map[string]bool, within time.Duration) uint64 {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	for {
		newest := newestSeq(tb, svc)
		if e, err := c.kv.Get(ctx, ethOptions); err == nil {
			u, err := update.Verify(e.Value(), trusted)
			if err != nil {
				tb.Fatal(err)
			}
			if u.Seq == newest {
				return u.Seq
			}
		}
		select {
		case <-ctx.Done():
			tb.Fatalf("the bucket never caught up with the engine's seq %d", newest)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// newestSeq is the seq of the engine's last update of the market.
func newestSeq(tb testing.TB, svc *Service) uint64 {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := svc.Snapshot(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	u, err := update.Decode(snap.Markets[ethOptions])
	if err != nil {
		tb.Fatal(err)
	}
	return u.Seq
}

// followingClient starts the consumer library on a connection of its own
// with a pending limit of one message, so that it drops under a burst and
// must resync.
func followingClient(tb testing.TB, url string, engineKey string) *client.Client {
	tb.Helper()
	nc, err := nats.Connect(url, nats.ErrorHandler(func(*nats.Conn, *nats.Subscription, error) {}))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(nc.Close)
	fallback := map[string]decimal.Decimal{}
	for _, name := range client.ParamNames() {
		fallback[name] = decimal.NewFromInt(1)
	}
	c, err := client.New(client.Options{Conn: nc, Market: ethOptions, EngineKeys: []string{engineKey}, Fallback: fallback,
		PendingLimit: 1, ResyncEvery: 100 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.Stop)
	return c
}

func publishedTotal(svc *Service) float64 {
	return testutil.ToFloat64(svc.metrics.published.WithLabelValues(ethOptions))
}

// TestASlowConsumerFallsBehindAndRecoversFromTheBucket: a burst of lone
// signals with a slow consumer and a following client attached. The engine
// applies every signal and drops none, coalesces the burst into fewer
// updates than signals, and its backlog empties; the slow consumer drops
// updates (counted) and then reads the engine's newest from the bucket;
// the client library, which also drops, resyncs to the newest by itself.
func TestASlowConsumerFallsBehindAndRecoversFromTheBucket(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	url := h.svc.ClientURL()
	enginePub, _ := h.engine.PublicKey()
	trusted := map[string]bool{enginePub: true}
	slow := attachSlowConsumer(t, url, 10*time.Millisecond, 8)
	follower := followingClient(t, url, enginePub)

	sub, err := h.nc.SubscribeSync(update.Subject(ethOptions))
	if err != nil {
		t.Fatal(err)
	}
	h.publishAll(wire.NewPublisher(h.nc, "eth-collector-1", h.collector), healthy)
	h.next(sub, func(update.Update) bool { return true })
	sub.Unsubscribe()

	signer, err := keys.Signer(h.collector)
	if err != nil {
		t.Fatal(err)
	}
	seq := uint64(time.Now().UnixNano())
	const n = 4000
	subjects, msgs := ingestMessages(t, signer, n, 1, &seq, time.Now())
	before, updatesBefore := settled(h.svc), publishedTotal(h.svc)
	for i, m := range msgs {
		if err := h.nc.Publish(subjects[i], m); err != nil {
			t.Fatal(err)
		}
	}
	h.nc.Flush()
	for deadline := time.Now().Add(time.Minute); settled(h.svc)-before < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the engine settled %g of %d signals in a minute", settled(h.svc)-before, n)
		}
	}
	updates := publishedTotal(h.svc) - updatesBefore
	if rejected := rejectedTotal(h.svc); rejected > 0 {
		t.Fatalf("%g signals rejected", rejected)
	}
	if dropped, _ := h.svc.sub.Dropped(); dropped > 0 {
		t.Errorf("the engine dropped %d signals", dropped)
	}
	if updates >= n {
		t.Errorf("%g updates for %d signals: the burst was not coalesced", updates, n)
	}
	if backlog := len(h.svc.inbox) + len(h.svc.ordered); backlog != 0 {
		t.Errorf("backlog %d after every signal settled", backlog)
	}
	// Then signals paced so that each is an update of its own, faster
	// than the slow consumer takes them.
	const paced = 300
	subjects, msgs = ingestMessages(t, signer, paced, 1, &seq, time.Now())
	for i, m := range msgs {
		if err := h.nc.Publish(subjects[i], m); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	h.nc.Flush()
	for deadline := time.Now().Add(time.Minute); settled(h.svc)-before < n+paced; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the engine settled %g of %d signals in a minute", settled(h.svc)-before, n+paced)
		}
	}
	if slow.dropped() == 0 {
		t.Fatalf("the slow consumer dropped nothing (received %d of %g updates): it was not slow", slow.received.Load(), publishedTotal(h.svc)-updatesBefore)
	}
	got := slow.recovered(t, h.svc, trusted, 10*time.Second)
	for deadline := time.Now().Add(10 * time.Second); follower.Current().Seq < got; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the client is at seq %d, the engine at %d: %+v", follower.Current().Seq, got, follower.Stats())
		}
	}
	st := follower.Stats()
	if st.Dropped > 0 && st.Resyncs == 0 {
		t.Errorf("the client dropped %d updates and never resynced", st.Dropped)
	}
	t.Logf("burst of %d signals → %g updates; then %d paced; slow consumer received %d, dropped %d, recovered seq %d from the bucket; client %+v",
		n, updates, paced, slow.received.Load(), slow.dropped(), got, st)
}
