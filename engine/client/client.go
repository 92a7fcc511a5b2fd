package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/infrarisk/infrarisk/engine/update"
)

// Lifecycle errors.
var (
	// ErrStarted is returned by Start on a Client already started.
	ErrStarted = errors.New("client: already started")
	// ErrStopped is returned by Start on a Client already stopped.
	ErrStopped = errors.New("client: stopped")
)

// Defaults of the options.
const (
	// defaultPendingLimit is how many messages wait for the loop before the
	// NATS client drops the next ones (counted in Stats.Dropped). The
	// engine publishes a market at most about once per signal batch, far
	// below this.
	defaultPendingLimit = 1024
	// defaultResyncEvery is how often the loop checks for missed messages.
	defaultResyncEvery = time.Second
)

// resyncTimeout bounds one read of the bucket by the loop, which judges no
// message meanwhile; a read that fails is tried again at the next check.
const resyncTimeout = 2 * time.Second

// Client follows one market's parameter updates. Create it with New, then
// Start and Stop.
type Client struct {
	opts    Options
	log     *slog.Logger
	trusted map[string]bool

	// last is the last accepted update, written only by the goroutine that
	// calls receive and read by anyone.
	last    atomic.Pointer[accepted]
	counts  [outcomes]atomic.Uint64
	dropped atomic.Uint64 // Dropped as of Stop
	resyncs atomic.Uint64
	updates chan Params

	// mu guards the lifecycle: Start, Stop and the subscription. It is
	// never held by the loop.
	mu     sync.Mutex
	state  lifecycle
	sub    *nats.Subscription
	cancel context.CancelFunc
	done   chan struct{}
}

type lifecycle int

const (
	created lifecycle = iota
	running
	stopped
)

// New validates the options and builds a client; nothing is read until
// Start. Until then, and until an update is accepted, Current returns the
// fallback set.
func New(opts Options) (*Client, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	c := &Client{
		opts:    opts,
		log:     opts.Logger.With("market", opts.Market),
		trusted: make(map[string]bool, len(opts.EngineKeys)),
		updates: make(chan Params, 1),
	}
	for _, k := range opts.EngineKeys {
		c.trusted[k] = true
	}
	return c, nil
}

// Start subscribes to the market's subject, reads the last update from the
// bucket, and starts following, reading the bucket again whenever messages
// may have been missed (see Options.ResyncEvery). The subscription comes
// first so that nothing published while the bucket is read is missed; a
// message that both deliver counts as a Duplicate. The bucket lags the subject by up to
// 50 ms, so an update published just before Start may be read only with the
// next one.
//
// A bucket or key that does not exist yet (an engine that has not published
// the market) is no error: Current falls back until an update comes. Any
// other failure to read the bucket is returned, and the client is left
// unstarted.
func (c *Client) Start(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.state {
	case running:
		return ErrStarted
	case stopped:
		return ErrStopped
	}
	// Reconnections from here on may have lost messages; those before
	// cannot have lost any of this subscription's.
	w := watch{conn: c.opts.Conn, seen: misses{reconnects: c.opts.Conn.Stats().Reconnects}}
	subject := update.Subject(c.opts.Market)
	msgs := make(chan *nats.Msg, c.opts.PendingLimit)
	sub, err := c.opts.Conn.ChanSubscribe(subject, msgs)
	if err != nil {
		return fmt.Errorf("client: subscribing to %s: %w", subject, err)
	}
	w.sub = sub
	if err := c.readBucket(ctx); err != nil {
		_ = sub.Unsubscribe()
		return err
	}
	loop, cancel := context.WithCancel(context.Background())
	c.state, c.sub, c.cancel, c.done = running, sub, cancel, make(chan struct{})
	go func() {
		defer close(c.done)
		c.run(loop, msgs, w)
	}()
	return nil
}

// readBucket takes the market's last update from the bucket, if there is
// one.
func (c *Client) readBucket(ctx context.Context) error {
	data, err := c.stored(ctx)
	switch {
	case errors.Is(err, jetstream.ErrBucketNotFound):
		c.log.Info("no stored update: the engine has not created its bucket yet", "bucket", Bucket)
		return nil
	case errors.Is(err, jetstream.ErrKeyNotFound):
		c.log.Info("no stored update for the market", "bucket", Bucket)
		return nil
	case err != nil:
		return err
	}
	c.receive(data, fromBucket)
	return nil
}

// stored reads the market's last update from the bucket. A missing bucket
// or key is an error wrapping jetstream.ErrBucketNotFound or
// jetstream.ErrKeyNotFound.
func (c *Client) stored(ctx context.Context) ([]byte, error) {
	js, err := jetstream.New(c.opts.Conn)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	kv, err := js.KeyValue(ctx, Bucket)
	if err != nil {
		return nil, fmt.Errorf("client: bucket %s: %w", Bucket, err)
	}
	e, err := kv.Get(ctx, c.opts.Market)
	if err != nil {
		return nil, fmt.Errorf("client: bucket %s, key %s: %w", Bucket, c.opts.Market, err)
	}
	return e.Value(), nil
}

// Stop unsubscribes and stops the loop, then closes the Updates channel.
// Current keeps answering: the last accepted update until it expires, then
// the fallback set. Stop may be called more than once, and without Start.
func (c *Client) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.state {
	case stopped:
		return
	case running:
		if n, err := c.sub.Dropped(); err == nil {
			c.dropped.Store(uint64(n))
		}
		_ = c.sub.Unsubscribe() // fails only if the connection is closed, which ends it too
		c.cancel()
		<-c.done
	}
	c.state = stopped
	close(c.updates)
}

// Current returns the parameters to use now, by the client's clock: the
// last accepted update while it is fresh, else the fallback set with Why
// WhyNoUpdate or "engine silent: last update (seq N) expired at T", T its
// valid_until in RFC 3339. It never blocks on the network.
func (c *Client) Current() Params {
	a := c.last.Load()
	switch {
	case a == nil:
		return c.fallback(WhyNoUpdate)
	case !a.u.Fresh(c.opts.Now()):
		return c.fallback(whyExpired(a.u))
	}
	return a.params()
}

// Updates delivers Params whenever they change: once at Start, at each
// accepted update, and when the last one expires (by the client's clock,
// checked at its valid_until and at every message). It holds only the
// latest: a reader that falls behind misses intermediate values, never the
// newest one. Stop closes it.
func (c *Client) Updates() <-chan Params { return c.updates }

// Stats returns the counts of messages by outcome so far.
func (c *Client) Stats() Stats {
	s := Stats{
		Accepted:     c.counts[tookIt].Load(),
		Malformed:    c.counts[malformed].Load(),
		UntrustedKey: c.counts[untrustedKey].Load(),
		BadSignature: c.counts[badSignature].Load(),
		WrongMarket:  c.counts[wrongMarket].Load(),
		Replayed:     c.counts[replayed].Load(),
		Duplicate:    c.counts[duplicate].Load(),
		Expired:      c.counts[expired].Load(),
		Dropped:      c.dropped.Load(),
		Resyncs:      c.resyncs.Load(),
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == running {
		if n, err := c.sub.Dropped(); err == nil {
			s.Dropped = uint64(n)
		}
	}
	return s
}

// run is the loop: it judges each message in arrival order and tells
// Updates of every change, including the expiry of the last update, for
// which it keeps a timer at its valid_until. Every ResyncEvery it asks w
// whether messages may have been missed, and if so resyncs.
func (c *Client) run(ctx context.Context, msgs <-chan *nats.Msg, w watch) {
	expiry := time.NewTimer(time.Hour)
	expiry.Stop()
	defer expiry.Stop()
	check := time.NewTicker(c.opts.ResyncEvery)
	defer check.Stop()
	var n notifier
	n.sync(c, expiry)
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-msgs:
			c.receive(m.Data, fromSubject)
			n.sync(c, expiry)
		case <-expiry.C:
			n.sync(c, expiry)
		case <-check.C:
			now := w.now()
			if why := w.why(now); why != "" && c.resync(ctx, why) {
				w.seen = now
				n.sync(c, expiry)
			}
		}
	}
}

// resync reads the market's update from the bucket again, after the loop
// may have missed messages, and judges it as one more message: newer than
// the current update it is taken, otherwise it changes nothing. It reports
// whether the bucket answered; if not, the next check tries again.
func (c *Client) resync(ctx context.Context, why string) bool {
	read, cancel := context.WithTimeout(ctx, resyncTimeout)
	defer cancel()
	data, err := c.stored(read)
	switch {
	case ctx.Err() != nil:
		return false // stopping
	case errors.Is(err, jetstream.ErrBucketNotFound), errors.Is(err, jetstream.ErrKeyNotFound):
		c.resyncs.Add(1)
		c.log.Info("resynced from the bucket: no stored update", "reason", why, "bucket", Bucket)
		return true
	case err != nil:
		c.log.Warn("resync failed; trying again at the next check", "reason", why, "err", err)
		return false
	}
	c.resyncs.Add(1)
	o := c.receive(data, fromResync)
	c.log.Info("resynced from the bucket", "reason", why, "outcome", o.String(), "seq", c.heldSeq())
	return true
}

// heldSeq is the seq of the last accepted update, expired or not; 0 if
// none.
func (c *Client) heldSeq() uint64 {
	if a := c.last.Load(); a != nil {
		return a.u.Seq
	}
	return 0
}

// watch tells the loop when it may have missed messages since it last
// resynced: core NATS redelivers nothing, so a message the subscription
// dropped, or one published while the connection was down, never comes.
// The loop owns it.
type watch struct {
	sub  *nats.Subscription
	conn *nats.Conn
	seen misses // as of the last resync, or Start
}

// misses are the counts that grow when messages may have been missed.
type misses struct {
	dropped    int
	reconnects uint64
}

// now reads the counts. A subscription that Stop has ended has dropped
// nothing more.
func (w *watch) now() misses {
	m := misses{dropped: w.seen.dropped, reconnects: w.conn.Stats().Reconnects}
	if n, err := w.sub.Dropped(); err == nil {
		m.dropped = n
	}
	return m
}

// why says how messages may have been missed between what was seen and
// now, "" if they cannot have been.
func (w *watch) why(now misses) string {
	var why []string
	if now.dropped > w.seen.dropped {
		why = append(why, fmt.Sprintf("slow consumer: %d messages dropped", now.dropped-w.seen.dropped))
	}
	if now.reconnects > w.seen.reconnects {
		why = append(why, fmt.Sprintf("reconnected to NATS (%d times)", now.reconnects-w.seen.reconnects))
	}
	return strings.Join(why, "; ")
}

// notifier remembers what Updates was last given; the loop owns it.
type notifier struct {
	sent     bool
	seq      uint64
	fallback bool
}

// sync offers Current to Updates if it differs from what was offered last,
// and sets the timer to the current update's expiry.
func (n *notifier) sync(c *Client, expiry *time.Timer) {
	p := c.Current()
	if !p.Fallback {
		// With a clock moved by hand (tests, replays) the timer may fire
		// before the clock says the update expired; it is then set again.
		expiry.Reset(p.ValidUntil.Sub(c.opts.Now()))
	}
	if n.sent && p.Fallback == n.fallback && p.Seq == n.seq {
		return
	}
	switch {
	case p.Fallback && n.sent && !n.fallback:
		c.log.Warn("falling back to the conservative parameter set", "why", p.Why)
	case !p.Fallback && n.sent && n.fallback:
		c.log.Info("following the engine's updates", "seq", p.Seq, "regime", p.Regime)
	}
	n.sent, n.seq, n.fallback = true, p.Seq, p.Fallback
	c.offer(p)
}

// offer puts p on Updates, replacing a value not read yet. The loop is the
// only sender, so this ends within two rounds.
func (c *Client) offer(p Params) {
	for {
		select {
		case c.updates <- p:
			return
		default:
		}
		select {
		case <-c.updates:
		default:
		}
	}
}
