package dashboard

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// keepAlive is how often an idle stream gets a comment, so proxies and the
// browser see it alive.
const keepAlive = 15 * time.Second

// writeTimeout bounds each write to a browser: one that stops reading is
// dropped.
const writeTimeout = 10 * time.Second

// events is the Server-Sent Events stream.
func (d *Dashboard) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	// Register first and copy what a new browser needs under the same
	// lock, so that no update falls between the copy and the queue.
	ch := make(chan event, clientBuffer)
	d.mu.Lock()
	first := d.greeting()
	d.clients[ch] = struct{}{}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		if _, ok := d.clients[ch]; ok {
			delete(d.clients, ch)
			close(ch)
		}
		d.mu.Unlock()
	}()

	send := func(evs ...event) error {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		for _, ev := range evs {
			if err := writeEvent(w, ev); err != nil {
				return err
			}
		}
		return rc.Flush()
	}
	if _, err := io.WriteString(w, "retry: 2000\n\n"); err != nil {
		return
	}
	if err := send(first...); err != nil {
		return
	}
	ping := time.NewTicker(keepAlive)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return // too slow, or the dashboard stopped
			}
			if err := send(ev); err != nil {
				return
			}
		case <-ping.C:
			rc.SetWriteDeadline(time.Now().Add(writeTimeout))
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}

// greeting is what a browser gets on connecting: hello, the history of
// every market, the last snapshot and smiles. d.mu is held.
func (d *Dashboard) greeting() []event {
	var replica any = struct{}{}
	var snap struct {
		Replica json.RawMessage `json:"replica"`
	}
	if d.snapshot != nil && json.Unmarshal(d.snapshot, &snap) == nil {
		replica = snap.Replica
	}
	hello, _ := json.Marshal(struct {
		Replica      any      `json:"replica"`
		Markets      []string `json:"markets"`
		HistoryHours float64  `json:"history_hours"`
	}{replica, d.opts.Markets, d.opts.History.Hours()})
	evs := []event{{"hello", hello}}
	for _, m := range d.opts.Markets {
		points := d.history[m]
		if points == nil {
			points = []Point{}
		}
		data, _ := json.Marshal(struct {
			Market string  `json:"market"`
			Points []Point `json:"points"`
		}{m, points})
		evs = append(evs, event{"history", data})
	}
	if d.snapshot != nil {
		evs = append(evs, event{"snapshot", d.snapshot})
	}
	for _, m := range d.opts.Markets {
		if s, ok := d.smiles[m]; ok {
			evs = append(evs, event{"smile", s})
		}
	}
	return evs
}

// writeEvent writes one event; data is one line of JSON.
func writeEvent(w io.Writer, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}
