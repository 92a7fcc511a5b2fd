package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/update"
)

// store is an embedded NATS server with the engine's bucket and no engine:
// the test signs the market's updates with key and puts them on the
// subject and in the bucket itself. It restarts on the same port and store
// folder, keeping the bucket.
type store struct {
	t    *testing.T
	key  nkeys.KeyPair
	port int
	dir  string
	srv  *server.Server
	nc   *nats.Conn
	kv   jetstream.KeyValue
}

func newStore(t *testing.T, key nkeys.KeyPair) *store {
	t.Helper()
	s := &store{t: t, key: key, port: freePort(t), dir: t.TempDir()}
	s.start()
	t.Cleanup(s.stop)
	return s
}

// freePort is a loopback port nothing listens on now, so that a server
// restarted on it is found at the same address.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (s *store) url() string { return fmt.Sprintf("nats://127.0.0.1:%d", s.port) }

// start starts the server and opens the bucket as the engine does.
func (s *store) start() {
	s.t.Helper()
	srv, err := embedded.Start(embedded.Options{Port: s.port, StoreDir: s.dir})
	if err != nil {
		s.t.Fatal(err)
	}
	s.srv = srv
	if s.nc, err = nats.Connect(s.url()); err != nil {
		s.t.Fatal(err)
	}
	js, err := jetstream.New(s.nc)
	if err != nil {
		s.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s.kv, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: Bucket, History: 1}); err != nil {
		s.t.Fatal(err)
	}
}

// stop shuts the server down, if it runs.
func (s *store) stop() {
	if s.srv == nil {
		return
	}
	s.nc.Close()
	s.srv.Shutdown()
	s.srv.WaitForShutdown()
	s.srv, s.nc, s.kv = nil, nil, nil
}

// update is the market's update seq, signed with the store's key and valid
// for a minute from now.
func (s *store) update(seq uint64) []byte {
	s.t.Helper()
	return signed(s.t, s.key, testMarket, seq, time.Now())
}

// put writes data as the market's stored update.
func (s *store) put(data []byte) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.kv.Put(ctx, testMarket, data); err != nil {
		s.t.Fatal(err)
	}
}

// publish puts each message on the market's subject, then flushes.
func (s *store) publish(msgs ...[]byte) {
	s.t.Helper()
	for _, m := range msgs {
		if err := s.nc.Publish(update.Subject(testMarket), m); err != nil {
			s.t.Fatal(err)
		}
	}
	if err := s.nc.Flush(); err != nil {
		s.t.Fatal(err)
	}
}

// storedSeq is the seq of the market's stored update.
func (s *store) storedSeq() uint64 {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := s.kv.Get(ctx, testMarket)
	if err != nil {
		s.t.Fatal(err)
	}
	u, err := update.Verify(e.Value(), map[string]bool{publicKey(s.t, s.key): true})
	if err != nil {
		s.t.Fatal(err)
	}
	return u.Seq
}

// client starts a client that trusts the store's key, checking for missed
// messages every 20 ms, on its own connection that reconnects without end
// and dials through g (if not nil). edit changes the options first.
func (s *store) client(g *gate, edit func(*Options)) *Client {
	s.t.Helper()
	opts := []nats.Option{
		nats.MaxReconnects(-1), nats.ReconnectWait(20 * time.Millisecond), nats.ReconnectJitter(0, 0),
		nats.ErrorHandler(func(*nats.Conn, *nats.Subscription, error) {}), // slow consumers are the point
	}
	if g != nil {
		opts = append(opts, nats.SetCustomDialer(g))
	}
	nc, err := nats.Connect(s.url(), opts...)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(nc.Close)
	o := Options{
		Conn: nc, Market: testMarket, EngineKeys: []string{publicKey(s.t, s.key)},
		Fallback: venueFallback, Logger: discard, ResyncEvery: 20 * time.Millisecond,
	}
	if edit != nil {
		edit(&o)
	}
	c, err := New(o)
	if err != nil {
		s.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(c.Stop)
	return c
}

// gate dials for a NATS connection and decides when it is cut off: cut
// closes the connections it made, and while it is shut no dial succeeds,
// so the connection cannot reconnect until the test admits it again.
type gate struct {
	mu    sync.Mutex
	shut  bool
	conns []net.Conn
}

var errGateShut = errors.New("gate shut")

func (g *gate) Dial(network, address string) (net.Conn, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut {
		return nil, errGateShut
	}
	c, err := net.DialTimeout(network, address, 5*time.Second)
	if err != nil {
		return nil, err
	}
	g.conns = append(g.conns, c)
	return c, nil
}

// cut closes the connections made so far: the client reconnects.
func (g *gate) cut() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range g.conns {
		_ = c.Close()
	}
	g.conns = nil
}

// refuse makes every dial fail until admit.
func (g *gate) refuse() { g.mu.Lock(); g.shut = true; g.mu.Unlock() }
func (g *gate) admit()  { g.mu.Lock(); g.shut = false; g.mu.Unlock() }

// judged counts the messages judged, whatever their outcome.
func judged(s Stats) uint64 {
	return s.Accepted + s.Malformed + s.UntrustedKey + s.BadSignature + s.WrongMarket + s.Replayed + s.Duplicate + s.Expired
}

// TestResyncAfterSlowConsumer: a burst far beyond what may wait for the
// client (one message) makes the NATS client drop most of it; a resync
// then brings the engine's last update from the bucket, even when its
// publish was among the lost. Every message is either dropped or judged
// once, and each resync judges one more.
func TestResyncAfterSlowConsumer(t *testing.T) {
	const n = 5000
	key := newKey(t)
	issued := time.Now()
	burst := make([][]byte, n)
	for i := range burst {
		burst[i] = signed(t, key, testMarket, uint64(i+1), issued)
	}
	for _, tc := range []struct {
		name      string
		published int // how many of the burst go on the subject
	}{
		{"last update published too", n},
		{"last update only stored", n - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, key)
			c := s.client(nil, func(o *Options) { o.PendingLimit = 1 })
			// Stored first, so that any resync, even one during the
			// burst, finds the last update.
			s.put(burst[n-1])
			s.publish(burst[:tc.published]...)
			checkFor(t, 30*time.Second, 10*time.Millisecond, func() error {
				st, p := c.Stats(), c.Current()
				if st.Dropped == 0 || p.Seq != n || st.Resyncs == 0 {
					return fmt.Errorf("client at seq %d of %d; stats %+v: want some dropped and a resync", p.Seq, n, st)
				}
				return nil
			})
			checkFor(t, 10*time.Second, 10*time.Millisecond, func() error {
				st := c.Stats()
				if judged(st)+st.Dropped != uint64(tc.published)+st.Resyncs {
					return fmt.Errorf("stats %+v: %d judged and %d dropped, want the %d published and %d resyncs",
						st, judged(st), st.Dropped, tc.published, st.Resyncs)
				}
				return nil
			})
			if st := c.Stats(); st.Malformed+st.UntrustedKey+st.BadSignature+st.WrongMarket+st.Expired != 0 {
				t.Errorf("stats %+v: rejections other than order", st)
			}
		})
	}
}

// TestResyncAfterReconnect: the server restarts on its store folder while
// the client's connection cannot come back; meanwhile the bucket gets a
// newer update that is never published. Once the client reconnects, a
// resync takes it.
func TestResyncAfterReconnect(t *testing.T) {
	s := newStore(t, newKey(t))
	s.put(s.update(1))
	g := &gate{}
	c := s.client(g, nil)
	following(t, c, 1)

	g.refuse()
	s.stop()
	s.start()
	if got := s.storedSeq(); got != 1 {
		t.Fatalf("after the restart the bucket holds seq %d, want 1", got)
	}
	s.put(s.update(2))
	if p := c.Current(); p.Seq != 1 {
		t.Fatalf("client at seq %d before it could reconnect", p.Seq)
	}
	g.admit()
	following(t, c, 2)
	st := c.Stats()
	if st.Resyncs == 0 || st.Accepted != 2 {
		t.Errorf("stats %+v: want seq 2 taken by a resync", st)
	}
	if n := c.opts.Conn.Stats().Reconnects; n == 0 {
		t.Errorf("connection reconnected %d times", n)
	}
}

// TestResyncChangesNothingItMustNotTake: a resync judges the stored value
// like any message: an older, tampered, forged, misrouted or expired one,
// or the current one again, is counted under its reason and leaves Current
// as it was. Each cut connection resyncs once, and nothing else does.
func TestResyncChangesNothingItMustNotTake(t *testing.T) {
	s := newStore(t, newKey(t))
	current := s.update(10)
	s.put(current)
	g := &gate{}
	c := s.client(g, nil)
	following(t, c, 10)
	before := c.Current()

	tampered := s.update(20)
	if !bytes.Contains(tampered, []byte(`"seq":20,`)) {
		t.Fatalf("no seq 20 in %s", tampered)
	}
	tampered = bytes.Replace(tampered, []byte(`"seq":20,`), []byte(`"seq":21,`), 1)
	cases := []struct {
		name  string
		data  []byte
		count func(Stats) uint64
	}{
		{"older", s.update(9), func(s Stats) uint64 { return s.Replayed }},
		{"the current one again", current, func(s Stats) uint64 { return s.Duplicate }},
		{"tampered", tampered, func(s Stats) uint64 { return s.BadSignature }},
		{"untrusted key", signed(t, newKey(t), testMarket, 20, time.Now()), func(s Stats) uint64 { return s.UntrustedKey }},
		{"another market", signed(t, s.key, "BTC-OPTIONS", 20, time.Now()), func(s Stats) uint64 { return s.WrongMarket }},
		{"expired", signed(t, s.key, testMarket, 20, time.Now().Add(-2*time.Minute)), func(s Stats) uint64 { return s.Expired }},
		{"not an update", []byte("scan_range=0"), func(s Stats) uint64 { return s.Malformed }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			was := c.Stats()
			s.put(tc.data)
			g.cut()
			checkFor(t, 10*time.Second, 10*time.Millisecond, func() error {
				if st := c.Stats(); st.Resyncs != was.Resyncs+1 || tc.count(st) != tc.count(was)+1 {
					return fmt.Errorf("stats %+v, was %+v: want one more resync and one more %s", st, was, tc.name)
				}
				return nil
			})
			if after := c.Current(); !sameParams(before, after) {
				t.Errorf("Current changed: seq %d → %d, fallback %t", before.Seq, after.Seq, after.Fallback)
			}
		})
	}
	if st := c.Stats(); st.Accepted != 1 || st.Resyncs != uint64(len(cases)) {
		t.Errorf("stats %+v: want only the stored seq 10 accepted and one resync per cut connection", st)
	}
}

// TestResyncBeforeAnyUpdate: a client that has nothing yet resyncs too:
// from a bucket without the market's key (nothing to judge), then one
// holding an expired update (rejected: still the fallback), then a fresh
// one (taken).
func TestResyncBeforeAnyUpdate(t *testing.T) {
	s := newStore(t, newKey(t))
	g := &gate{}
	c := s.client(g, nil)
	steps := []struct {
		name   string
		stored []byte // nil: nothing stored
		want   Stats
	}{
		{"nothing stored", nil, Stats{Resyncs: 1}},
		{"expired", signed(t, s.key, testMarket, 4, time.Now().Add(-2*time.Minute)), Stats{Resyncs: 2, Expired: 1}},
		{"fresh", s.update(5), Stats{Resyncs: 3, Expired: 1, Accepted: 1}},
	}
	for _, step := range steps {
		if step.stored != nil {
			s.put(step.stored)
		}
		g.cut()
		checkFor(t, 10*time.Second, 10*time.Millisecond, func() error {
			if st := c.Stats(); st != step.want {
				return fmt.Errorf("%s: stats %+v, want %+v", step.name, st, step.want)
			}
			return nil
		})
		if p := c.Current(); p.Fallback != (step.want.Accepted == 0) {
			t.Errorf("%s: Current %+v", step.name, p)
		}
	}
	if p := c.Current(); p.Seq != 5 {
		t.Errorf("client at seq %d, want the stored 5", p.Seq)
	}
}

// TestResyncOptions: the check runs every second and a thousand and
// twenty-four messages may wait unless set; negative values are refused.
func TestResyncOptions(t *testing.T) {
	opts := func() Options {
		return Options{Conn: &nats.Conn{}, Market: testMarket, EngineKeys: []string{publicKey(t, newKey(t))}, Fallback: venueFallback}
	}
	c, err := New(opts())
	if err != nil {
		t.Fatal(err)
	}
	if c.opts.ResyncEvery != time.Second || c.opts.PendingLimit != 1024 {
		t.Errorf("defaults: resync every %s, pending limit %d", c.opts.ResyncEvery, c.opts.PendingLimit)
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"negative interval", func(o *Options) { o.ResyncEvery = -time.Second }, "resync interval -1s is negative"},
		{"negative limit", func(o *Options) { o.PendingLimit = -1 }, "pending limit -1 is negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts()
			tc.edit(&o)
			if _, err := New(o); !errors.Is(err, ErrInvalidOptions) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want ErrInvalidOptions mentioning %q", err, tc.want)
			}
		})
	}
}
