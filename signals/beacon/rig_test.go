package beacon

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// TestMain fails the package when goroutines outlive the tests.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	if code == 0 {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<20)
			fmt.Fprintf(os.Stderr, "%d goroutines leaked:\n%s\n", n-before, buf[:runtime.Stack(buf, true)])
			code = 1
		}
	}
	os.Exit(code)
}

// clock is a settable clock for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// logBuffer collects log lines from any goroutine.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// rig is a collector wired to a test node, a memory sink, a settable clock
// and a log buffer.
type rig struct {
	n     *node
	c     *Collector
	sink  *collect.Memory
	clock *clock
	logs  *logBuffer
}

// newRig builds a collector for the node; edit, if not nil, changes the
// options before New.
func newRig(t *testing.T, n *node, edit func(*Options)) *rig {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	r := &rig{n: n, sink: &collect.Memory{}, clock: &clock{}, logs: &logBuffer{}}
	opts := Options{
		Chain:      "ethereum",
		BaseURL:    n.srv.URL,
		HTTPClient: &http.Client{Transport: tr},
		Sink:       r.sink,
		Logger:     slog.New(slog.NewTextHandler(r.logs, nil)),
		Now:        r.clock.Now,
		Backoff:    collect.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond},
	}
	if edit != nil {
		edit(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	r.c = c
	return r
}

// at moves the node's head to slot and the clock to 4 s into that slot,
// when attestations for it are due.
func (r *rig) at(slot uint64) time.Time {
	r.n.setHead(slot)
	now := slotStart(slot).Add(4 * time.Second)
	r.clock.Set(now)
	return now
}

// byKind indexes one poll's observations by kind, failing on a repeat.
func byKind(t *testing.T, obs []collect.Observation) map[string]collect.Observation {
	t.Helper()
	m := map[string]collect.Observation{}
	for _, o := range obs {
		if _, dup := m[o.Kind]; dup {
			t.Errorf("kind %s emitted twice in one poll: %v", o.Kind, obs)
		}
		if o.Chain != "ethereum" {
			t.Errorf("%v: chain %q, want ethereum", o, o.Chain)
		}
		m[o.Kind] = o
	}
	return m
}

// kinds lists the kinds of obs, in order, for comparing with a want list.
func kinds(obs []collect.Observation) string {
	var k []string
	for _, o := range obs {
		k = append(k, o.Kind)
	}
	return strings.Join(k, ",")
}

// wantValue checks that the poll has kind with value want.
func wantValue(t *testing.T, got map[string]collect.Observation, kind, want string) {
	t.Helper()
	o, ok := got[kind]
	if !ok {
		t.Errorf("no %s observation", kind)
		return
	}
	if !o.Value.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", kind, o.Value, want)
	}
}
