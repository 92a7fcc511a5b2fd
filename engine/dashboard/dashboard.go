package dashboard

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
)

//go:embed web/*.html web/*.js web/*.css web/vendor
var assets embed.FS

// Engine is what the page asks the engine for directly.
type Engine interface {
	Snapshot(ctx context.Context) (service.Snapshot, error)
	Smiles(ctx context.Context) (map[string][]service.Smile, error)
}

// Options configure a Dashboard. Conn, Engine, EngineKeys and Markets are
// required.
type Options struct {
	// Conn reads the updates (risk.params.>) and the stream's history.
	Conn   *nats.Conn
	Engine Engine
	// EngineKeys are the public keys updates must be signed with.
	EngineKeys []string
	// Markets are the engine's markets, in display order.
	Markets []string
	// History is how far back the charts reach; zero means 6 hours.
	History time.Duration
	// SnapshotEvery is how often the snapshot is pushed; zero means 1 s.
	SnapshotEvery time.Duration
	// BacktestDir, if set, is the backtest output folder /backtest shows.
	BacktestDir string
	Logger      *slog.Logger
}

// maxPoints caps each market's history, whatever History says.
const maxPoints = 5000

// clientBuffer is how many events wait for a slow browser before it is
// disconnected.
const clientBuffer = 256

// Dashboard is the page's server side. Create it with New, then Start;
// Stop ends it.
type Dashboard struct {
	opts    Options
	log     *slog.Logger
	trusted map[string]bool

	mu       sync.Mutex
	history  map[string][]Point
	last     map[string]json.RawMessage
	clients  map[chan event]struct{}
	snapshot []byte // the last snapshot pushed
	smiles   map[string][]byte

	sub    *nats.Subscription
	cancel context.CancelFunc
	done   chan struct{}
}

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

// New validates the options; nothing runs until Start.
func New(opts Options) (*Dashboard, error) {
	if opts.Conn == nil || opts.Engine == nil || len(opts.EngineKeys) == 0 || len(opts.Markets) == 0 {
		return nil, errors.New("dashboard: Conn, Engine, EngineKeys and Markets are required")
	}
	if opts.History == 0 {
		opts.History = 6 * time.Hour
	}
	if opts.SnapshotEvery == 0 {
		opts.SnapshotEvery = time.Second
	}
	if opts.History < 0 || opts.SnapshotEvery < 0 {
		return nil, errors.New("dashboard: History and SnapshotEvery must not be negative")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	d := &Dashboard{
		opts: opts, log: opts.Logger, trusted: map[string]bool{},
		history: map[string][]Point{}, last: map[string]json.RawMessage{},
		clients: map[chan event]struct{}{}, smiles: map[string][]byte{},
	}
	for _, k := range opts.EngineKeys {
		d.trusted[k] = true
	}
	return d, nil
}

// Start reads the history from the stream, subscribes to the updates and
// starts pushing snapshots and smiles.
func (d *Dashboard) Start(ctx context.Context) error {
	if err := d.loadHistory(ctx); err != nil {
		d.log.Warn("dashboard: no history from the stream", "err", err)
	}
	updates := make(chan *nats.Msg, 1024)
	sub, err := d.opts.Conn.ChanSubscribe("risk.params.>", updates)
	if err != nil {
		return fmt.Errorf("dashboard: subscribing to updates: %w", err)
	}
	d.sub = sub
	loop, cancel := context.WithCancel(context.Background())
	d.cancel, d.done = cancel, make(chan struct{})
	go func() {
		defer close(d.done)
		d.run(loop, updates)
	}()
	return nil
}

// Stop ends the pushes and disconnects every browser.
func (d *Dashboard) Stop() {
	if d.sub != nil {
		d.sub.Unsubscribe()
	}
	if d.cancel != nil {
		d.cancel()
		<-d.done
	}
	d.mu.Lock()
	for ch := range d.clients {
		close(ch)
		delete(d.clients, ch)
	}
	d.mu.Unlock()
}

// run applies updates as they come and pushes the snapshot, and the
// smiles after an update, every SnapshotEvery.
func (d *Dashboard) run(ctx context.Context, updates <-chan *nats.Msg) {
	tick := time.NewTicker(d.opts.SnapshotEvery)
	defer tick.Stop()
	smilesDue := true
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-updates:
			if d.apply(m.Data) {
				smilesDue = true
			}
		case <-tick.C:
			d.pushSnapshot(ctx)
			if smilesDue {
				d.pushSmiles(ctx)
				smilesDue = false
			}
		}
	}
}

// apply verifies an update, records it and broadcasts it. It reports
// whether the update was taken.
func (d *Dashboard) apply(data []byte) bool {
	u, err := update.Verify(data, d.trusted)
	if err != nil {
		d.log.Warn("dashboard: an update does not verify", "err", err)
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	prev := d.last[u.Market]
	if prev != nil {
		var p struct {
			Seq uint64 `json:"seq"`
		}
		if json.Unmarshal(prev, &p) == nil && p.Seq >= u.Seq {
			return false // a replay, or the stream and the subject both
		}
	}
	d.last[u.Market] = json.RawMessage(data)
	d.history[u.Market] = d.trim(append(d.history[u.Market], pointOf(u)))
	msg, _ := json.Marshal(struct {
		Market   string          `json:"market"`
		Update   json.RawMessage `json:"update"`
		Previous json.RawMessage `json:"previous"`
	}{u.Market, data, prev})
	d.broadcastLocked(event{"update", msg})
	return true
}

// trim drops points older than History before the newest, and beyond
// maxPoints.
func (d *Dashboard) trim(ps []Point) []Point {
	if len(ps) == 0 {
		return ps
	}
	cut := ps[len(ps)-1].T.Add(-d.opts.History)
	i := 0
	for i < len(ps) && ps[i].T.Before(cut) {
		i++
	}
	i = max(i, len(ps)-maxPoints)
	return ps[i:]
}

func (d *Dashboard) pushSnapshot(ctx context.Context) {
	if !d.watched() {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	snap, err := d.opts.Engine.Snapshot(sctx)
	if err != nil {
		d.log.Warn("dashboard: snapshot", "err", err)
		return
	}
	data, err := json.Marshal(snap)
	if err != nil {
		return
	}
	d.mu.Lock()
	d.snapshot = data
	d.broadcastLocked(event{"snapshot", data})
	d.mu.Unlock()
}

func (d *Dashboard) pushSmiles(ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	smiles, err := d.opts.Engine.Smiles(sctx)
	if err != nil {
		d.log.Warn("dashboard: smiles", "err", err)
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for market, ss := range smiles {
		data, err := json.Marshal(struct {
			Market   string          `json:"market"`
			Expiries []service.Smile `json:"expiries"`
		}{market, ss})
		if err != nil {
			continue
		}
		d.smiles[market] = data
		d.broadcastLocked(event{"smile", data})
	}
}

// watched reports whether any browser is connected.
func (d *Dashboard) watched() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.clients) > 0
}

// broadcastLocked queues ev for every browser, disconnecting one whose
// queue is full. d.mu is held.
func (d *Dashboard) broadcastLocked(ev event) {
	for ch := range d.clients {
		select {
		case ch <- ev:
		default:
			close(ch)
			delete(d.clients, ch)
		}
	}
}

// Handler serves the page, its assets, the event stream and the backtest
// report.
func (d *Dashboard) Handler() http.Handler {
	web, err := fs.Sub(assets, "web")
	if err != nil {
		panic("dashboard: embedded assets: " + err.Error())
	}
	mux := http.NewServeMux()
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, web, name)
		}
	}
	mux.HandleFunc("GET /{$}", page("index.html"))
	mux.HandleFunc("GET /backtest", page("backtest.html"))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(web)))
	mux.HandleFunc("GET /v1/events", d.events)
	mux.HandleFunc("GET /v1/backtest", d.backtestReport)
	mux.HandleFunc("GET /backtest/files/{path...}", d.backtestFile)
	return mux
}
