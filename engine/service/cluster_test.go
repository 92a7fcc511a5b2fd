package service

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// startCluster starts three in-process nats-servers from the example
// configuration engine/config/nats-cluster.conf, each with its own name,
// ports and store, and waits for a JetStream meta leader.
func startCluster(t *testing.T) []*server.Server {
	t.Helper()
	const n = 3
	ports := make([]int, n)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	for i, p := range ports {
		t.Setenv(fmt.Sprintf("INFRARISK_ROUTE_%d", i+1), fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	servers := make([]*server.Server, n)
	for i := range servers {
		t.Setenv("INFRARISK_NODE_NAME", fmt.Sprintf("n%d", i+1))
		t.Setenv("INFRARISK_NODE_LISTEN", "127.0.0.1:-1")
		t.Setenv("INFRARISK_NODE_STORE", t.TempDir())
		t.Setenv("INFRARISK_CLUSTER_LISTEN", fmt.Sprintf("127.0.0.1:%d", ports[i]))
		opts, err := server.ProcessConfigFile("../config/nats-cluster.conf")
		if err != nil {
			t.Fatal(err)
		}
		opts.NoLog, opts.NoSigs = true, true
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		servers[i] = s
		t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	}
	for _, s := range servers {
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("%s not ready", s.Name())
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		leader := false
		for _, s := range servers {
			leader = leader || s.JetStreamIsLeader()
		}
		if leader {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no JetStream meta leader in 20 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return servers
}

// TestClusterLosesANodeAndTheStreamLosesNoUpdate: an engine on a
// three-node cluster, stream and buckets replicated three ways, signals
// flowing. The node the engine is connected to is stopped mid-episode.
// The engine reconnects and keeps publishing, a consumer on another node
// keeps receiving, the stream holds every update the engine published
// (counted by seq: none missing), and the bucket holds the last one.
func TestClusterLosesANodeAndTheStreamLosesNoUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("a three-node cluster: not with -short")
	}
	servers := startCluster(t)
	var urls []string
	for _, s := range servers {
		urls = append(urls, s.ClientURL())
	}
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	engineKey, collector := newKey(t), newKey(t)
	collectorPub, _ := collector.PublicKey()
	var mu sync.Mutex
	type published struct {
		seq uint64
		at  time.Time
	}
	var sent []published
	svc, err := New(Options{
		Config: cfg, NATSURL: strings.Join(urls, ","), EngineKey: engineKey,
		NATSOptions: []nats.Option{nats.MaxReconnects(-1), nats.ReconnectWait(50 * time.Millisecond)},
		Trusted:     map[string]string{"eth-collector-1": collectorPub},
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		ReplicaID:   "engine", Replicas: 3,
		OnUpdate: func(u update.Update, _ market.Update) {
			mu.Lock()
			sent = append(sent, published{u.Seq, time.Now()})
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.Stop(context.Background())
	var victim *server.Server
	var others []*server.Server
	for _, s := range servers {
		if s.Name() == svc.nc.ConnectedServerName() {
			victim = s
		} else {
			others = append(others, s)
		}
	}
	if victim == nil {
		t.Fatalf("engine connected to %q, not one of the cluster", svc.nc.ConnectedServerName())
	}
	// The consumer and the collector sit on the nodes that stay.
	consumer, err := nats.Connect(others[0].ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer consumer.Close()
	enginePub, _ := engineKey.PublicKey()
	rec := record(t, consumer, map[string]bool{enginePub: true})
	pc, err := nats.Connect(others[1].ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	p := wire.NewPublisher(pc, "eth-collector-1", collector)
	publishSignals(t, p, healthy)
	waitLeader(t, 10*time.Second, svc)

	// Signals every 50 ms, each moving the base fee, each an update.
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
				fee := decimal.NewFromInt(int64(20 + i%50))
				if err := p.Publish(context.Background(), "ethereum", "base_fee_gwei", fee, time.Now()); err != nil {
					t.Error(err)
				}
			}
		}
	}()
	time.Sleep(2 * time.Second)
	stopped := time.Now()
	victim.Shutdown()
	victim.WaitForShutdown()
	// Signals keep coming until the engine has published 50 updates after
	// the stop: it reconnects, and if the lease's stream elected a new
	// leader too slowly for a renewal, it takes the lease again first.
	afterStop := func() (n int, first time.Time) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range sent {
			if s.at.After(stopped) {
				if n == 0 {
					first = s.at
				}
				n++
			}
		}
		return n, first
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if n, _ := afterStop(); n >= 50 {
			break
		}
		if time.Now().After(deadline) {
			n, _ := afterStop()
			t.Fatalf("the engine published %d updates in the minute after its node stopped", n)
		}
	}
	close(stop)
	<-done
	n, first := afterStop()
	t.Logf("first update %s after the node stopped; %d after it", first.Sub(stopped).Round(time.Millisecond), n)

	mu.Lock()
	all := append([]published(nil), sent...)
	mu.Unlock()
	lastSeq := all[len(all)-1].seq
	got := rec.wait(t, 30*time.Second, func(r received) bool { return r.u.Seq == lastSeq })
	var receivedAfter int
	for _, r := range rec.all() {
		if r.at.After(stopped) {
			receivedAfter++
		}
	}
	t.Logf("published %d updates (%d after the node stopped), the consumer received %d after; reconnected to %s",
		len(all), n, receivedAfter, svc.nc.ConnectedServerName())
	if got.u.Seq != lastSeq {
		t.Fatalf("consumer's last seq %d, engine's %d", got.u.Seq, lastSeq)
	}

	// The stream: every published seq, read back through a node that stayed.
	js, err := jetstream.New(consumer)
	if err != nil {
		t.Fatal(err)
	}
	missing := map[uint64]bool{}
	for deadline := time.Now().Add(60 * time.Second); ; {
		stored := streamSeqs(ctx, t, js)
		clear(missing)
		for _, s := range all {
			if !stored[s.seq] {
				missing[s.seq] = true
			}
		}
		if len(missing) == 0 {
			t.Logf("the stream holds all %d updates", len(all))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stream misses %d of %d updates", len(missing), len(all))
		}
		time.Sleep(500 * time.Millisecond)
	}
	if n := testutil.ToFloat64(svc.metrics.unconfirmed); n != 0 {
		t.Errorf("%g updates unconfirmed", n)
	}
	t.Logf("%g updates stored only on a second attempt", testutil.ToFloat64(svc.metrics.republished))

	kv, err := js.KeyValue(ctx, ParamsKV)
	if err != nil {
		t.Fatal(err)
	}
	// Heartbeats go on publishing: the bucket must catch up with whatever
	// was published last.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		newest := sent[len(sent)-1].seq
		mu.Unlock()
		e, err := kv.Get(ctx, ethOptions)
		if err == nil {
			u, err := update.Verify(e.Value(), map[string]bool{enginePub: true})
			if err != nil {
				t.Fatal(err)
			}
			if u.Seq == newest {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bucket does not hold the last update (seq %d)", newest)
		}
	}
}

// streamSeqs reads every update of the market in the stream.
func streamSeqs(ctx context.Context, t *testing.T, js jetstream.JetStream) map[uint64]bool {
	t.Helper()
	c, err := js.OrderedConsumer(ctx, StreamName, jetstream.OrderedConsumerConfig{FilterSubjects: []string{update.Subject(ethOptions)}})
	if err != nil {
		t.Logf("ordered consumer: %v", err)
		return nil
	}
	info, err := c.Info(ctx)
	if err != nil {
		t.Logf("consumer info: %v", err)
		return nil
	}
	seqs := map[uint64]bool{}
	for read := uint64(0); read < info.NumPending; {
		batch, err := c.Fetch(500, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Logf("fetch: %v", err)
			return seqs
		}
		n := 0
		for m := range batch.Messages() {
			n++
			var s struct {
				Seq uint64 `json:"seq"`
			}
			if err := json.Unmarshal(m.Data(), &s); err == nil {
				seqs[s.Seq] = true
			}
		}
		if n == 0 {
			break
		}
		read += uint64(n)
	}
	return seqs
}

// TestUpdatesTheStreamRefusedAreStoredLater: while the stream refuses new
// messages (full, discard new), updates still reach subscribers; once it
// accepts again, the engine's retries store every one of them.
func TestUpdatesTheStreamRefusedAreStoredLater(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	js, _ := jetstream.New(h.nc)
	stream, err := js.Stream(ctx, StreamName)
	if err != nil {
		t.Fatal(err)
	}
	enginePub, _ := h.engine.PublicKey()
	rec := record(t, h.nc, map[string]bool{enginePub: true})
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	publishSignals(t, p, healthy)
	first := rec.wait(t, 10*time.Second, func(received) bool { return true })

	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	full := info.Config
	full.Discard, full.MaxMsgs = jetstream.DiscardNew, int64(info.State.Msgs)
	if _, err := js.UpdateStream(ctx, full); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		publishSignals(t, p, map[string]string{"base_fee_gwei": fmt.Sprint(30 + i)})
		rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Seq >= first.u.Seq+uint64(i)+1 })
	}
	var sent []uint64
	for _, r := range rec.all() {
		sent = append(sent, r.u.Seq)
	}
	if got, _ := stream.Info(ctx); got.State.Msgs != info.State.Msgs {
		t.Fatalf("the full stream took updates: %d messages, was %d", got.State.Msgs, info.State.Msgs)
	}
	open := full
	open.MaxMsgs = -1
	if _, err := js.UpdateStream(ctx, open); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		stored := streamSeqs(ctx, t, js)
		var missing []uint64
		for _, s := range sent {
			if !stored[s] {
				missing = append(missing, s)
			}
		}
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stream never stored seqs %v", missing)
		}
	}
	if n := testutil.ToFloat64(h.svc.metrics.republished); n < 5 {
		t.Errorf("%g updates republished, want at least the 5 refused", n)
	}
}
