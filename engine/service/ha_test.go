package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/client"
	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const ethOptions = "ETH-OPTIONS"

// startReplica starts an engine replica against url. It is stopped
// cleanly at the end of the test unless halted.
func startReplica(t *testing.T, url, id string, engineKey, collector nkeys.KeyPair, lease time.Duration, opts ...nats.Option) *Service {
	t.Helper()
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := collector.PublicKey()
	svc, err := New(Options{
		Config: cfg, NATSURL: url, NATSOptions: opts, EngineKey: engineKey,
		Trusted:   map[string]string{"eth-collector-1": pub},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		ReplicaID: id, Lease: lease,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if svc.nc.IsClosed() {
			return // halted
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := svc.Stop(ctx); err != nil {
			t.Error(err)
		}
	})
	return svc
}

func leads(s *Service) bool { return testutil.ToFloat64(s.metrics.leader) == 1 }

// waitLeader polls until exactly one of the replicas leads.
func waitLeader(t *testing.T, within time.Duration, rs ...*Service) *Service {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		var leader *Service
		n := 0
		for _, r := range rs {
			if leads(r) {
				leader, n = r, n+1
			}
		}
		if n == 1 {
			return leader
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no single leader within %s", within)
	return nil
}

// received is an update as a subscriber saw it.
type received struct {
	u             update.Update
	replica, term string
	at            time.Time
}

// recorder keeps every verified update of the market on nc.
type recorder struct {
	mu  sync.Mutex
	got []received
}

func record(t *testing.T, nc *nats.Conn, trusted map[string]bool) *recorder {
	t.Helper()
	r := &recorder{}
	_, err := nc.Subscribe(update.Subject(ethOptions), func(m *nats.Msg) {
		u, err := update.Verify(m.Data, trusted)
		if err != nil {
			t.Errorf("an update does not verify: %v", err)
			return
		}
		r.mu.Lock()
		r.got = append(r.got, received{u: u, replica: m.Header.Get(ReplicaHeader), term: m.Header.Get(TermHeader), at: time.Now()})
		r.mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *recorder) all() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// wait polls until an update satisfies ok and returns it.
func (r *recorder) wait(t *testing.T, within time.Duration, ok func(received) bool) received {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		for _, g := range r.all() {
			if ok(g) {
				return g
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no matching update within %s", within)
	return received{}
}

// looser names what b loosens against a: governed parameters in their
// conservative direction, conservative flags cleared, a lower regime.
func looser(t *testing.T, a, b update.Update) []string {
	t.Helper()
	var out []string
	for _, s := range governedParams(t) {
		va, _ := a.Param(s.Name)
		vb, _ := b.Param(s.Name)
		if s.Tighter == governor.TighterUp && vb.LessThan(va) || s.Tighter == governor.TighterDown && vb.GreaterThan(va) {
			out = append(out, s.Name+" "+va.String()+" → "+vb.String())
		}
	}
	for name, v := range a.Flags {
		if v && !b.Flags[name] {
			out = append(out, name+" cleared")
		}
	}
	var ra, rb governor.Regime
	ra.UnmarshalText([]byte(a.Regime))
	rb.UnmarshalText([]byte(b.Regime))
	if rb < ra {
		out = append(out, "regime "+a.Regime+" → "+b.Regime)
	}
	return out
}

func governedParams(t *testing.T) []governor.ParamSpec {
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	mcs, err := cfg.MarketConfigs()
	if err != nil {
		t.Fatal(err)
	}
	return mcs[0].Governor.Params
}

func publishSignals(t *testing.T, p *wire.Publisher, values map[string]string) {
	t.Helper()
	now := time.Now()
	for kind, v := range values {
		if err := p.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), now); err != nil {
			t.Error(err)
		}
	}
}

// TestFailoverKeepsOneLeaderAndNeverLoosens: three replicas on one NATS;
// the leader is killed (no resignation, connection cut) while its governor
// holds parameters tight that the signals no longer call for. A follower
// takes over within the default bound, the seq carries on, nothing
// loosens across the handover, and no term has two publishers.
func TestFailoverKeepsOneLeaderAndNeverLoosens(t *testing.T) {
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	engineKey, collector := newKey(t), newKey(t)
	var rs []*Service
	for _, id := range []string{"a", "b", "c"} {
		rs = append(rs, startReplica(t, srv.ClientURL(), id, engineKey, collector, 0))
	}
	leader := waitLeader(t, 10*time.Second, rs...)
	checkRoles(t, leader, rs)

	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	pub, _ := engineKey.PublicKey()
	rec := record(t, nc, map[string]bool{pub: true})
	p := wire.NewPublisher(nc, "eth-collector-1", collector)

	publishSignals(t, p, healthy)
	calm := rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Regime == "normal" })
	publishSignals(t, p, map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99"})
	hot := rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Regime != "normal" })
	// Calm again: the governor holds the tight values for its loosening
	// delay, which a replica that started afresh would not.
	publishSignals(t, p, healthy)
	before := rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Seq > hot.u.Seq })
	calmRange, _ := calm.u.Param("scan_range")
	heldRange, _ := before.u.Param("scan_range")
	if !heldRange.GreaterThan(calmRange) {
		t.Fatalf("precondition: the leader should hold the congested scan range (calm %s, now %s)", calmRange, heldRange)
	}

	killed := time.Now()
	leader.halt()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				publishSignals(t, p, healthy)
			}
		}
	}()
	after := rec.wait(t, 10*time.Second, func(r received) bool { return r.replica != leader.opts.ReplicaID })
	close(stop)
	<-done
	took := after.at.Sub(killed)
	t.Logf("replica %s took over from %s %s after the kill (term %s → %s)", after.replica, leader.opts.ReplicaID, took.Round(time.Millisecond), before.term, after.term)
	if took > 5*time.Second {
		t.Errorf("takeover took %s, above the default bound of 5 s", took)
	}
	if l := looser(t, before.u, after.u); len(l) > 0 {
		t.Errorf("loosened across the failover: %v", l)
	}
	// Every update in arrival order: seq strictly increasing, one replica
	// per term, and only the old leader before the kill.
	byTerm := map[string]string{}
	var last uint64
	for _, g := range rec.all() {
		if g.u.Seq <= last {
			t.Errorf("seq %d after %d", g.u.Seq, last)
		}
		last = g.u.Seq
		if r, ok := byTerm[g.term]; ok && r != g.replica {
			t.Errorf("term %s published by %s and %s", g.term, r, g.replica)
		}
		byTerm[g.term] = g.replica
		if g.at.Before(killed) && g.replica != leader.opts.ReplicaID {
			t.Errorf("follower %s published seq %d while %s led", g.replica, g.u.Seq, leader.opts.ReplicaID)
		}
	}
	if len(byTerm) != 2 {
		t.Errorf("%d terms published, want 2: %v", len(byTerm), byTerm)
	}
}

// TestADeposedLeaderIsFenced plays a leader that pauses past its lease
// (its campaign stopped, its owner goroutine frozen) and then wakes up
// believing it still leads. Its successor reserved the next block of
// sequence numbers, so what the old leader sends is refused by a consumer
// that has seen the successor, the bucket keeps the successor's update,
// and the old leader's next reservation fails.
func TestADeposedLeaderIsFenced(t *testing.T) {
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	engineKey, collector := newKey(t), newKey(t)
	const lease = 600 * time.Millisecond
	a := startReplica(t, srv.ClientURL(), "a", engineKey, collector, lease)
	waitLeader(t, 5*time.Second, a)
	b := startReplica(t, srv.ClientURL(), "b", engineKey, collector, lease)

	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	pub, _ := engineKey.PublicKey()
	rec := record(t, nc, map[string]bool{pub: true})
	fallback := map[string]decimal.Decimal{}
	for _, name := range client.ParamNames() {
		fallback[name] = decimal.NewFromInt(1)
	}
	c, err := client.New(client.Options{Conn: nc, Market: ethOptions, EngineKeys: []string{pub}, Fallback: fallback,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	p := wire.NewPublisher(nc, "eth-collector-1", collector)
	publishSignals(t, p, healthy)
	rec.wait(t, 10*time.Second, func(r received) bool { return r.replica == "a" })

	// a pauses: its campaign stops and its owner goroutine freezes.
	terms := make(chan uint64, 1)
	thaw := make(chan struct{})
	a.views <- func() { terms <- a.term; <-thaw }
	aTerm := <-terms
	a.stopElector()
	waitLeader(t, 10*lease, b)
	publishSignals(t, p, healthy)
	fromB := rec.wait(t, 10*time.Second, func(r received) bool { return r.replica == "b" })
	for deadline := time.Now().Add(5 * time.Second); c.Current().Seq < fromB.u.Seq; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("consumer at seq %d, never took b's %d", c.Current().Seq, fromB.u.Seq)
		}
	}

	// a wakes up past the check of its lease, and publishes.
	always := func() (uint64, bool) { return aTerm, true }
	a.pretend.Store(&always)
	close(thaw)
	replayedBefore := c.Stats().Replayed
	publishSignals(t, p, healthy)
	late := rec.wait(t, 10*time.Second, func(r received) bool { return r.replica == "a" && r.at.After(fromB.at) })
	if late.u.Seq >= fromB.u.Seq {
		t.Fatalf("the deposed leader published seq %d, not below its successor's %d", late.u.Seq, fromB.u.Seq)
	}
	for deadline := time.Now().Add(5 * time.Second); c.Stats().Replayed == replayedBefore; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the consumer did not refuse the deposed leader's seq %d: %+v", late.u.Seq, c.Stats())
		}
	}
	if cur := c.Current(); cur.Seq < fromB.u.Seq {
		t.Errorf("consumer's current seq %d, below the successor's %d", cur.Seq, fromB.u.Seq)
	}

	// The bucket keeps the newest: give a's persister time to try.
	time.Sleep(3 * persistEvery)
	js, _ := jetstream.New(nc)
	kv, err := js.KeyValue(ctx, ParamsKV)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(ctx, ethOptions)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := update.Verify(e.Value(), map[string]bool{pub: true})
	if err != nil {
		t.Fatal(err)
	}
	if stored.Seq < fromB.u.Seq {
		t.Errorf("bucket holds seq %d, below the successor's %d: the deposed leader overwrote it", stored.Seq, fromB.u.Seq)
	}

	// a's next reservation is refused.
	errs := make(chan error, 1)
	a.views <- func() { _, err := a.reserve(ctx, ethOptions, a.ceiling[ethOptions], a.term); errs <- err }
	if err := <-errs; !errors.Is(err, errFenced) {
		t.Errorf("deposed leader's reservation: %v, want errFenced", err)
	}
	if got, _ := strconv.ParseUint(late.term, 10, 64); got != aTerm {
		t.Errorf("late update in term %d, want a's %d", got, aTerm)
	}
}

// TestTakeoverRaisesALaggingStoredState: the stored governor state lags
// the last update (here it is rewound to a calm moment by hand, as a crash
// between a publish and its store could leave it). The warm follower that
// takes over raises it to the last update it saw on the wire, so its first
// update is no looser.
func TestTakeoverRaisesALaggingStoredState(t *testing.T) {
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	engineKey, collector := newKey(t), newKey(t)
	const lease = 600 * time.Millisecond
	a := startReplica(t, srv.ClientURL(), "a", engineKey, collector, lease)
	waitLeader(t, 5*time.Second, a)
	b := startReplica(t, srv.ClientURL(), "b", engineKey, collector, lease)

	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	pub, _ := engineKey.PublicKey()
	rec := record(t, nc, map[string]bool{pub: true})
	p := wire.NewPublisher(nc, "eth-collector-1", collector)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	js, _ := jetstream.New(nc)
	state, err := js.KeyValue(ctx, StateKV)
	if err != nil {
		t.Fatal(err)
	}

	publishSignals(t, p, healthy)
	rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Regime == "normal" })
	time.Sleep(3 * persistEvery)
	calmState, err := state.Get(ctx, ethOptions)
	if err != nil {
		t.Fatal(err)
	}
	publishSignals(t, p, map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99"})
	hot := rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Regime != "normal" })
	publishSignals(t, p, healthy)
	before := rec.wait(t, 10*time.Second, func(r received) bool { return r.u.Seq > hot.u.Seq })
	time.Sleep(3 * persistEvery)
	a.halt()
	if _, err := state.Put(ctx, ethOptions, calmState.Value()); err != nil {
		t.Fatal(err)
	}
	after := rec.wait(t, 10*time.Second, func(r received) bool { return r.replica == "b" })
	if l := looser(t, before.u, after.u); len(l) > 0 {
		t.Errorf("loosened across the failover: %v", l)
	}
	if !leads(b) {
		t.Error("b published without leading")
	}
}

// checkRoles asks every replica for its role, in a snapshot and on
// /healthz: one leader, the others following it.
func checkRoles(t *testing.T, leader *Service, rs []*Service) {
	t.Helper()
	for _, r := range rs {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		snap, err := r.Snapshot(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if snap.Replica.ID != r.opts.ReplicaID || snap.Replica.Leader != (r == leader) {
			t.Errorf("replica %s's snapshot says %+v", r.opts.ReplicaID, snap.Replica)
		}
		want := "follower of " + leader.opts.ReplicaID
		if r == leader {
			want = fmt.Sprintf("leader term %d", snap.Replica.Term)
		}
		srv := httptest.NewServer(r.Handler())
		var body string
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			resp, err := http.Get(srv.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body = string(b)
			if resp.StatusCode == http.StatusOK && body == "ok\n"+want+"\n" {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("replica %s's /healthz: %q, want ok and %q", r.opts.ReplicaID, body, want)
				break
			}
		}
		srv.Close()
	}
}

// TestAFailedTakeoverIsRetriedWithoutGivingUpTheLease: a reservation the
// new leader cannot read makes its takeover fail; it publishes nothing,
// keeps its lease, and takes over at a heartbeat once the bucket is sound.
func TestAFailedTakeoverIsRetriedWithoutGivingUpTheLease(t *testing.T) {
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	engineKey, collector := newKey(t), newKey(t)
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	js, _ := jetstream.New(nc)
	state, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: StateKV, History: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := state.Put(ctx, seqKey(ethOptions), []byte("not a reservation")); err != nil {
		t.Fatal(err)
	}
	pub, _ := engineKey.PublicKey()
	rec := record(t, nc, map[string]bool{pub: true})
	a := startReplica(t, srv.ClientURL(), "a", engineKey, collector, 0)
	publishSignals(t, wire.NewPublisher(nc, "eth-collector-1", collector), healthy)

	// Elected, but it cannot take over: nothing is published.
	deadline := time.Now().Add(10 * time.Second)
	for a.elector.Status().Term == 0 {
		if time.Now().After(deadline) {
			t.Fatal("never elected")
		}
		time.Sleep(10 * time.Millisecond)
	}
	term := a.elector.Status().Term
	time.Sleep(2 * time.Second) // two heartbeats
	if n := len(rec.all()); n != 0 || leads(a) {
		t.Fatalf("published %d updates (leading %v) with an unreadable reservation", n, leads(a))
	}
	if err := state.Delete(ctx, seqKey(ethOptions)); err != nil {
		t.Fatal(err)
	}
	got := rec.wait(t, 10*time.Second, func(received) bool { return true })
	if got.term != strconv.FormatUint(term, 10) {
		t.Errorf("published in term %s, want the term it was elected in, %d: the lease was given up", got.term, term)
	}
}
