package lease_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/lease"
)

const ttl = 600 * time.Millisecond

// bucket starts a server and returns a lease bucket on it.
func bucket(t *testing.T) jetstream.KeyValue {
	t.Helper()
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	kv, err := lease.Bucket(ctx, js, "leases", ttl, 1)
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

// replica is an elector running until stop or the end of the test.
type replica struct {
	*lease.Elector
	stop context.CancelFunc
	done chan struct{}
}

func start(t *testing.T, kv jetstream.KeyValue, id string) *replica {
	t.Helper()
	e, err := lease.New(lease.Options{KV: kv, Key: "leader", ID: id, TTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &replica{Elector: e, stop: cancel, done: make(chan struct{})}
	go func() { defer close(r.done); e.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-r.done })
	return r
}

// halt stops a replica's elector without resigning: a crash.
func (r *replica) halt() { r.stop(); <-r.done }

// waitLeader polls until exactly one of rs leads and returns it.
func waitLeader(t *testing.T, within time.Duration, rs ...*replica) *replica {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		var leaders []*replica
		for _, r := range rs {
			if _, ok := r.Leading(); ok {
				leaders = append(leaders, r)
			}
		}
		if len(leaders) > 1 {
			t.Fatalf("%d replicas lead at once", len(leaders))
		}
		if len(leaders) == 1 {
			return leaders[0]
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no leader within %s", within)
	return nil
}

// watch samples every replica's Leading until stop and fails the test if
// two ever lead at once, or if a replica leads in a term not above every
// earlier term.
func watch(t *testing.T, rs ...*replica) (stop func()) {
	t.Helper()
	quit := make(chan struct{})
	var wg sync.WaitGroup
	var failure error
	wg.Add(1)
	go func() {
		defer wg.Done()
		var maxTerm uint64
		holder := map[uint64]*replica{}
		for {
			select {
			case <-quit:
				return
			default:
			}
			n := 0
			for _, r := range rs {
				term, ok := r.Leading()
				if !ok {
					continue
				}
				n++
				if h, seen := holder[term]; seen && h != r {
					failure = fmt.Errorf("term %d held by two replicas", term)
					return
				}
				if term < maxTerm {
					failure = fmt.Errorf("term %d after term %d", term, maxTerm)
					return
				}
				holder[term], maxTerm = r, term
			}
			if n > 1 {
				failure = fmt.Errorf("%d replicas lead at once", n)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
		if failure != nil {
			t.Fatal(failure)
		}
	}
}

func TestOneLeaderAndTakeoverAfterACrash(t *testing.T) {
	kv := bucket(t)
	a, b, c := start(t, kv, "a"), start(t, kv, "b"), start(t, kv, "c")
	stop := watch(t, a, b, c)
	first := waitLeader(t, 5*time.Second, a, b, c)
	term1, _ := first.Leading()
	// Leadership holds across several renewals.
	time.Sleep(3 * ttl)
	if term, ok := first.Leading(); !ok || term != term1 {
		t.Fatalf("leader lost its lease while running: term %d, ok %v", term, ok)
	}
	crashed := time.Now()
	first.halt()
	var rest []*replica
	for _, r := range []*replica{a, b, c} {
		if r != first {
			rest = append(rest, r)
		}
	}
	// The bound is TTL + Poll after the last renewal, plus the server's
	// expiry timer; 5×TTL is far above it and far below the 5 s default.
	second := waitLeader(t, 5*ttl, rest...)
	took := time.Since(crashed)
	term2, _ := second.Leading()
	stop()
	if term2 <= term1 {
		t.Errorf("term %d after term %d: terms must increase", term2, term1)
	}
	if took < ttl-ttl/3 {
		t.Errorf("took over %s after the crash, before the lease (%s) could have expired", took, ttl)
	}
	t.Logf("takeover %s after the crash (TTL %s)", took.Round(time.Millisecond), ttl)
	st := second.Status()
	if !st.Leader || st.Holder == "" || st.Term != term2 {
		t.Errorf("status %+v, want leader in term %d", st, term2)
	}
}

func TestResignHandsOverAtOnce(t *testing.T) {
	kv := bucket(t)
	a := start(t, kv, "a")
	waitLeader(t, 5*time.Second, a)
	b := start(t, kv, "b")
	// b sees a as holder.
	deadline := time.Now().Add(5 * time.Second)
	for b.Status().Holder != "a" {
		if time.Now().After(deadline) {
			t.Fatalf("follower's status %+v never named the leader", b.Status())
		}
		time.Sleep(5 * time.Millisecond)
	}
	a.halt()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	resigned := time.Now()
	if err := a.Resign(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Leading(); ok {
		t.Fatal("a still leads after resigning")
	}
	waitLeader(t, 5*time.Second, b)
	// Well within the lease: b took the deleted key, it did not wait for
	// the entry to expire.
	if took := time.Since(resigned); took >= ttl {
		t.Errorf("handover took %s after a resignation, no faster than the lease %s", took, ttl)
	}
}

func TestAKeyTakenElsewhereDeposesTheLeader(t *testing.T) {
	kv := bucket(t)
	a := start(t, kv, "a")
	waitLeader(t, 5*time.Second, a)
	changes := a.Changes()
	// An operator (or a replica that believes the lease expired) rewrites
	// the key: a's next compare-and-set renewal must fail.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := kv.Put(ctx, "leader", []byte(`{"id":"intruder"}`)); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(2 * ttl)
	for {
		select {
		case st := <-changes:
			if !st.Leader {
				if _, ok := a.Leading(); ok {
					t.Fatal("Leading still true after the change to follower")
				}
				return
			}
		case <-deadline:
			t.Fatal("leader never noticed its key was taken")
		}
	}
}

func TestYieldStopsLeadingAtOnce(t *testing.T) {
	kv := bucket(t)
	a := start(t, kv, "a")
	waitLeader(t, 5*time.Second, a)
	a.Yield()
	if _, ok := a.Leading(); ok {
		t.Fatal("Leading true after Yield")
	}
	b := start(t, kv, "b")
	stop := watch(t, a, b)
	waitLeader(t, 10*ttl, a, b)
	stop()
}

func TestOptionsAreChecked(t *testing.T) {
	kv := bucket(t)
	for _, o := range []lease.Options{
		{Key: "k", ID: "a"},
		{KV: kv, ID: "a"},
		{KV: kv, Key: "k"},
		{KV: kv, Key: "k", ID: "a", TTL: time.Millisecond},
		{KV: kv, Key: "k", ID: "a", TTL: time.Second, Margin: time.Second},
	} {
		if _, err := lease.New(o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
	if _, err := lease.New(lease.Options{KV: kv, Key: "k", ID: "a"}); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}
