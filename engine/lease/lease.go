package lease

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Options configure an Elector. KV, Key and ID are required.
type Options struct {
	// KV is the bucket; its TTL must equal TTL (Bucket makes one).
	KV jetstream.KeyValue
	// Key is the leadership's key in the bucket.
	Key string
	// ID names this replica in the key's value, logs and metrics.
	ID string
	// TTL is the lease: how long the entry lives after the last renewal.
	// Zero means DefaultTTL.
	TTL time.Duration
	// Margin is how long before the server's expiry the leader stops
	// counting itself leader. Zero means TTL/10.
	Margin time.Duration
	// Poll is how often a follower tries to take the key. Zero means TTL/6.
	Poll   time.Duration
	Logger *slog.Logger
}

// DefaultTTL is the default lease: a follower takes over within about
// 3.5 s of the leader's last renewal.
const DefaultTTL = 3 * time.Second

func (o Options) withDefaults() (Options, error) {
	if o.KV == nil || o.Key == "" || o.ID == "" {
		return o, errors.New("lease: KV, Key and ID are required")
	}
	if o.TTL == 0 {
		o.TTL = DefaultTTL
	}
	if o.TTL < 100*time.Millisecond {
		return o, fmt.Errorf("lease: TTL %s is below 100ms", o.TTL)
	}
	if o.Margin == 0 {
		o.Margin = o.TTL / 10
	}
	if o.Margin <= 0 || o.Margin >= o.TTL/3 {
		return o, fmt.Errorf("lease: margin %s must be positive and below TTL/3 (%s)", o.Margin, o.TTL/3)
	}
	if o.Poll == 0 {
		o.Poll = o.TTL / 6
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o, nil
}

// Bucket creates or binds the lease bucket: history 1, entries expiring
// after ttl, in memory (a lease need not survive the servers), with the
// given number of replicas.
func Bucket(ctx context.Context, js jetstream.JetStream, name string, ttl time.Duration, replicas int) (jetstream.KeyValue, error) {
	if ttl == 0 {
		ttl = DefaultTTL
	}
	if replicas == 0 {
		replicas = 1
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:   name,
		History:  1,
		TTL:      ttl,
		Storage:  jetstream.MemoryStorage,
		Replicas: replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("lease: bucket %s: %w", name, err)
	}
	return kv, nil
}

// Status is a replica's view of the leadership.
type Status struct {
	// Leader is whether this replica leads, in Term.
	Leader bool
	Term   uint64
	// Holder is the ID in the key as last read: this replica's while it
	// leads, another's or "" while it follows.
	Holder string
}

// value is what the key holds.
type value struct {
	ID string `json:"id"`
}

// Elector campaigns for the key. Create it with New and run it with Run;
// Leading and Changes may be called from any goroutine.
type Elector struct {
	opts    Options
	payload []byte
	changes chan Status

	mu     sync.Mutex
	status Status
	rev    uint64    // revision of our last write while leading
	until  time.Time // monotonic: we lead until then unless renewed
	yield  bool      // give up at the next step without deleting
}

// New validates the options and builds an elector; nothing is written
// until Run.
func New(opts Options) (*Elector, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(value{ID: opts.ID})
	if err != nil {
		return nil, err
	}
	return &Elector{opts: opts, payload: payload, changes: make(chan Status, 1)}, nil
}

// TTL is the lease's time to live.
func (e *Elector) TTL() time.Duration { return e.opts.TTL }

// Leading reports whether this replica leads now, and in which term. It is
// false once the lease may have lapsed, even if Run has not noticed yet.
func (e *Elector) Leading() (term uint64, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.status.Leader || !time.Now().Before(e.until) {
		return 0, false
	}
	return e.status.Term, true
}

// Status is the last status Run recorded.
func (e *Elector) Status() Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.status
}

// Changes delivers each change of status, the latest replacing one not yet
// read.
func (e *Elector) Changes() <-chan Status { return e.changes }

// Yield gives the leadership up locally: Leading turns false at once and
// Run stops renewing, so the key expires and any replica, this one
// included, may take it. For a leader that learns from elsewhere that it
// was deposed.
func (e *Elector) Yield() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.status.Leader {
		e.yield = true
		e.until = time.Time{}
	}
}

// Run campaigns until ctx ends: it takes the key when it is free and renews
// it while it holds it. It returns ctx's error; failures to reach the
// bucket are logged and retried.
func (e *Elector) Run(ctx context.Context) error {
	for {
		wait := e.step(ctx)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// step makes one attempt to take or renew the key and returns how long to
// wait before the next.
func (e *Elector) step(ctx context.Context) time.Duration {
	e.mu.Lock()
	leader, rev, until, yield := e.status.Leader, e.rev, e.until, e.yield
	e.mu.Unlock()
	if leader && yield {
		e.opts.Logger.Warn("leadership given up", "id", e.opts.ID)
		e.set(Status{}, 0, time.Time{})
		e.mu.Lock()
		e.yield = false
		e.mu.Unlock()
		// Let the key expire before campaigning again.
		return e.opts.TTL
	}
	if leader {
		return e.renew(ctx, rev, until)
	}
	return e.campaign(ctx)
}

func (e *Elector) campaign(ctx context.Context) time.Duration {
	cctx, cancel := context.WithTimeout(ctx, e.opts.Poll)
	defer cancel()
	sent := time.Now()
	rev, err := e.opts.KV.Create(cctx, e.opts.Key, e.payload)
	if err == nil {
		e.opts.Logger.Info("leading", "id", e.opts.ID, "term", rev)
		e.set(Status{Leader: true, Term: rev, Holder: e.opts.ID}, rev, sent.Add(e.opts.TTL-e.opts.Margin))
		return e.opts.TTL / 3
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		if ctx.Err() == nil {
			e.opts.Logger.Warn("lease: campaigning", "id", e.opts.ID, "err", err)
		}
		return e.opts.Poll
	}
	holder := ""
	if entry, err := e.opts.KV.Get(cctx, e.opts.Key); err == nil {
		var v value
		if json.Unmarshal(entry.Value(), &v) == nil {
			holder = v.ID
		}
	}
	if holder != e.Status().Holder {
		e.opts.Logger.Info("following", "id", e.opts.ID, "leader", holder)
		e.set(Status{Holder: holder}, 0, time.Time{})
	}
	return e.opts.Poll
}

func (e *Elector) renew(ctx context.Context, rev uint64, until time.Time) time.Duration {
	rctx, cancel := context.WithTimeout(ctx, e.opts.TTL/3)
	defer cancel()
	sent := time.Now()
	next, err := e.opts.KV.Update(rctx, e.opts.Key, e.payload, rev)
	if err == nil {
		st := e.Status()
		e.set(st, next, sent.Add(e.opts.TTL-e.opts.Margin))
		return e.opts.TTL / 3
	}
	deposed := errors.Is(err, jetstream.ErrKeyRevisionMismatch)
	if deposed || !time.Now().Before(until) {
		e.opts.Logger.Warn("lease lost", "id", e.opts.ID, "term", e.Status().Term, "err", err)
		e.set(Status{}, 0, time.Time{})
		return 0
	}
	if ctx.Err() == nil {
		e.opts.Logger.Warn("lease: renewing", "id", e.opts.ID, "err", err)
	}
	// Try again soon, while the lease still runs.
	return min(e.opts.Poll, time.Until(until))
}

// set records a status and tells Changes if it differs.
func (e *Elector) set(st Status, rev uint64, until time.Time) {
	e.mu.Lock()
	changed := st != e.status
	e.status, e.rev, e.until = st, rev, until
	e.mu.Unlock()
	if !changed {
		return
	}
	select {
	case <-e.changes:
	default:
	}
	e.changes <- st
}

// Resign deletes the key if this replica holds it, for an immediate
// handover, and stops counting itself leader. Call it after Run has
// returned.
func (e *Elector) Resign(ctx context.Context) error {
	e.mu.Lock()
	leader, rev := e.status.Leader, e.rev
	e.mu.Unlock()
	if !leader {
		return nil
	}
	e.set(Status{}, 0, time.Time{})
	if err := e.opts.KV.Delete(ctx, e.opts.Key, jetstream.LastRevision(rev)); err != nil {
		return fmt.Errorf("lease: resigning: %w", err)
	}
	return nil
}
