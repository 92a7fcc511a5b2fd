package beacon

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// checkFor polls f until it returns nil or total passes, then fails with
// its last error.
func checkFor(t *testing.T, total, sleep time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(total)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(sleep)
	}
}

// runInBackground starts Run and returns a function that cancels it and
// fails unless Run returns context.Canceled within a second.
func runInBackground(t *testing.T, c *Collector) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	return func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(time.Second):
			t.Fatal("Run still running 1 s after cancel")
		}
	}
}

func TestRunPollsAtOnceThenEveryIntervalUntilCancelled(t *testing.T) {
	n := newNode(t, incident11May, 200549)

	t.Run("first poll at once", func(t *testing.T) {
		r := newRig(t, n, func(o *Options) { o.PollInterval = time.Hour })
		r.at(200551 * mainnetSlotsPerEpoch)
		stop := runInBackground(t, r.c)
		checkFor(t, 2*time.Second, 5*time.Millisecond, func() error {
			if got := len(r.sink.Kind(collect.KindCollectorUp)); got != 1 {
				return fmt.Errorf("%d polls emitted, want the first at once", got)
			}
			return nil
		})
		stop()
		if k := kinds(r.sink.All()); k != "finality_lag_epochs,participation_rate,collector_up" {
			t.Errorf("emitted %s", k)
		}
	})

	t.Run("then every interval", func(t *testing.T) {
		r := newRig(t, n, func(o *Options) { o.PollInterval = 10 * time.Millisecond })
		r.at(200551 * mainnetSlotsPerEpoch)
		stop := runInBackground(t, r.c)
		checkFor(t, 5*time.Second, 5*time.Millisecond, func() error {
			if got := len(r.sink.Kind(collect.KindCollectorUp)); got < 3 {
				return fmt.Errorf("%d polls emitted, want 3", got)
			}
			return nil
		})
		stop()
		for _, up := range r.sink.Kind(collect.KindCollectorUp) {
			if !up.Value.Equal(decimal.NewFromInt(1)) {
				t.Errorf("collector_up %v, want 1", up)
			}
		}
	})
}

func TestRunReturnsWhenCancelledMidRequest(t *testing.T) {
	n := newNode(t, incident11May, 200549)
	entered := make(chan struct{}, 1)
	next := n.srv.Config.Handler
	n.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/finality_checkpoints") {
			entered <- struct{}{}
			<-r.Context().Done()
			return
		}
		next.ServeHTTP(w, r)
	})
	r := newRig(t, n, nil) // default 5 s request timeout
	r.at(200551 * mainnetSlotsPerEpoch)
	stop := runInBackground(t, r.c)
	select {
	case <-entered:
	case <-time.After(2 * time.Second):
		t.Fatal("no request reached the node")
	}
	stop()
	if got := len(r.sink.All()); got != 0 {
		t.Errorf("emitted %v from a poll cut short by cancel", r.sink.All())
	}
	if strings.Contains(r.logs.String(), "poll failed") {
		t.Errorf("a cancelled poll was logged as failed:\n%s", r.logs)
	}
}

func TestRunLogsSinkErrors(t *testing.T) {
	n := newNode(t, incident11May, 200549)
	emits := make(chan struct{}, 16)
	r := newRig(t, n, func(o *Options) {
		o.PollInterval = 10 * time.Millisecond
		o.Sink = collect.SinkFunc(func(context.Context, []collect.Observation) error {
			emits <- struct{}{}
			return errors.New("nats: connection closed")
		})
	})
	r.at(200551 * mainnetSlotsPerEpoch)
	stop := runInBackground(t, r.c)
	<-emits
	<-emits // Run carries on after a failed emit
	stop()
	if !strings.Contains(r.logs.String(), "nats: connection closed") {
		t.Errorf("sink error not logged:\n%s", r.logs)
	}
}
