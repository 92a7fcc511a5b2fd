package beacon

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSyncingNodeReportsCollectorDownAndNoChainValues(t *testing.T) {
	n := newNode(t, incident11May, 200549)
	n.syncing, n.syncDistance = true, 6400
	r := newRig(t, n, func(o *Options) { o.Validators = []uint64{1, 2}; o.ParticipationSample = sample() })
	now := r.at(200551 * mainnetSlotsPerEpoch)
	obs, err := r.c.Poll(context.Background())
	if !errors.Is(err, ErrSyncing) {
		t.Fatalf("Poll: err %v, want ErrSyncing", err)
	}
	if k := kinds(obs); k != "collector_up" {
		t.Fatalf("kinds %s, want only collector_up", k)
	}
	if !obs[0].Value.IsZero() || !obs[0].At.Equal(now) {
		t.Errorf("collector_up %v, want 0 at %v", obs[0], now)
	}
	for _, route := range []string{routeHeader, routeCheckpoints, routeInclusion, routeLiveness} {
		if got := n.hitsOf(route); got != 0 {
			t.Errorf("%s asked %d times while syncing, want 0", route, got)
		}
	}
	if !strings.Contains(r.logs.String(), "syncing") {
		t.Errorf("syncing not logged:\n%s", r.logs)
	}
}

func TestAPIErrorsNameTheNodesMessage(t *testing.T) {
	tests := []struct {
		name   string
		route  string
		status int
		body   string
		// message must appear in the error; code is the error body's.
		message string
		code    int
		// kinds still emitted: a failed head or finality read leaves none.
		kinds string
	}{
		{"head header", routeHeader, 500, `{"code":500,"message":"Internal server error: head block missing","stacktraces":[]}`,
			"Internal server error: head block missing", 500, "collector_up"},
		{"finality checkpoints", routeCheckpoints, 404, `{"code":404,"message":"State not found"}`,
			"State not found", 404, "collector_up"},
		{"syncing status", routeSyncing, 503, `{"code":503,"message":"Beacon node is currently syncing and not serving request on that endpoint"}`,
			"Beacon node is currently syncing", 503, "collector_up"},
		{"validator inclusion, after the node was found to serve it", routeInclusion, 500,
			`{"code":500,"message":"UNHANDLED_ERROR: BeaconStateError(InsufficientValidators)","stacktraces":[]}`,
			"UNHANDLED_ERROR: BeaconStateError(InsufficientValidators)", 500, "finality_lag_epochs,validator_uptime,collector_up"},
		{"validator inclusion 404, after the node was found to serve it", routeInclusion, 404,
			`{"code":404,"message":"NOT_FOUND: beacon state at slot 6417663","stacktraces":[]}`,
			"NOT_FOUND: beacon state at slot 6417663", 404, "finality_lag_epochs,validator_uptime,collector_up"},
		{"liveness for the watched set", routeLiveness, 400, `{"code":400,"message":"Invalid epoch: 200552"}`,
			"Invalid epoch: 200552", 400, "finality_lag_epochs,participation_rate,collector_up"},
		{"a proxy's error page", routeHeader, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>",
			"502 Bad Gateway", 0, "collector_up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNode(t, incident11May, 200549)
			r := newRig(t, n, func(o *Options) { o.Validators = []uint64{7, 8} })
			r.at(200552 * mainnetSlotsPerEpoch)
			if _, err := r.c.Poll(context.Background()); err != nil {
				t.Fatalf("healthy poll: %v", err)
			}
			n.can(tt.route, tt.status, tt.body, 0)
			obs, err := r.c.Poll(context.Background())
			var api *APIError
			if !errors.As(err, &api) {
				t.Fatalf("Poll: err %v, want an *APIError", err)
			}
			if api.Status != tt.status || api.Code != tt.code || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("err %q (status %d, code %d), want status %d, code %d and %q",
					err, api.Status, api.Code, tt.status, tt.code, tt.message)
			}
			if k := kinds(obs); k != tt.kinds {
				t.Errorf("kinds %s, want %s", k, tt.kinds)
			}
			if up := obs[len(obs)-1]; !up.Value.IsZero() {
				t.Errorf("collector_up %v, want 0", up.Value)
			}
			if got := n.hitsOf(tt.route); got != 2 {
				t.Errorf("%s asked %d times in two polls: an API error is not retried", tt.route, got)
			}
		})
	}
}

func TestMalformedAnswersGiveNoObservation(t *testing.T) {
	tests := []struct {
		name  string
		route string
		body  string
		kinds string
	}{
		{"truncated JSON", routeHeader, `{"data":{"header":{"message":{"slot":"641`, "collector_up"},
		{"slot as a JSON number", routeHeader, `{"data":{"header":{"message":{"slot":6417632}}}}`, "collector_up"},
		{"no slot", routeHeader, `{"data":{"root":"0x00","header":{"message":{"proposer_index":"1"}}}}`, "collector_up"},
		{"null data", routeHeader, `{"data":null}`, "collector_up"},
		{"two JSON values", routeHeader, `{"data":{"header":{"message":{"slot":"6417632"}}}} {}`, "collector_up"},
		{"hex epoch", routeCheckpoints, `{"data":{"finalized":{"epoch":"0x30f65","root":"0x00"}}}`, "collector_up"},
		{"negative epoch", routeCheckpoints, `{"data":{"finalized":{"epoch":"-1","root":"0x00"}}}`, "collector_up"},
		{"finalized after head", routeCheckpoints, `{"data":{"finalized":{"epoch":"200553","root":"0x00"}}}`, "collector_up"},
		{"no is_syncing", routeSyncing, `{"data":{"head_slot":"6417632","sync_distance":"0"}}`, "collector_up"},
		{"no active gwei", routeInclusion,
			`{"data":{"current_epoch_target_attesting_gwei":1,"previous_epoch_target_attesting_gwei":1}}`,
			"finality_lag_epochs,validator_uptime,collector_up"},
		{"zero active gwei", routeInclusion,
			`{"data":{"current_epoch_active_gwei":0,"previous_epoch_target_attesting_gwei":0}}`,
			"finality_lag_epochs,validator_uptime,collector_up"},
		{"fractional gwei", routeInclusion,
			`{"data":{"current_epoch_active_gwei":18688000000000000,"previous_epoch_target_attesting_gwei":1.5e16}}`,
			"finality_lag_epochs,validator_uptime,collector_up"},
		{"more attesting than active", routeInclusion,
			`{"data":{"current_epoch_active_gwei":18688000000000000,"previous_epoch_target_attesting_gwei":18688000000000001}}`,
			"finality_lag_epochs,validator_uptime,collector_up"},
		{"liveness without is_live", routeLiveness, `{"data":[{"index":"7","is_live":true},{"index":"8"}]}`,
			"finality_lag_epochs,participation_rate,collector_up"},
		{"liveness missing a validator", routeLiveness, `{"data":[{"index":"7","is_live":true}]}`,
			"finality_lag_epochs,participation_rate,collector_up"},
		{"liveness of a validator not asked about", routeLiveness,
			`{"data":[{"index":"7","is_live":true},{"index":"9","is_live":true}]}`,
			"finality_lag_epochs,participation_rate,collector_up"},
		{"liveness repeating a validator", routeLiveness,
			`{"data":[{"index":"7","is_live":true},{"index":"7","is_live":true}]}`,
			"finality_lag_epochs,participation_rate,collector_up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNode(t, incident11May, 200549)
			r := newRig(t, n, func(o *Options) { o.Validators = []uint64{7, 8} })
			r.at(200552 * mainnetSlotsPerEpoch)
			if _, err := r.c.Poll(context.Background()); err != nil {
				t.Fatalf("healthy poll: %v", err)
			}
			n.can(tt.route, http.StatusOK, tt.body, 0)
			obs, err := r.c.Poll(context.Background())
			if err == nil {
				t.Fatalf("Poll: no error; observations %v", obs)
			}
			if tt.name != "finalized after head" && !errors.Is(err, ErrMalformed) {
				t.Errorf("err %v, want ErrMalformed", err)
			}
			if k := kinds(obs); k != tt.kinds {
				t.Errorf("kinds %s, want %s (err %v)", k, tt.kinds, err)
			}
			if up := obs[len(obs)-1]; !up.Value.IsZero() {
				t.Errorf("collector_up %v, want 0", up.Value)
			}
		})
	}
}

func TestTransportErrorsAreRetried(t *testing.T) {
	tests := []struct {
		name      string
		failures  int
		wantErr   bool
		wantTries int
	}{
		{"two resets, then an answer", 2, false, 3},
		{"resets on every try", 5, true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNode(t, incident11May, 200549)
			// Reset the connection of the first failures head requests.
			n.srv.Config.Handler = resetFirst(n, routeHeader, tt.failures, n.srv.Config.Handler)
			r := newRig(t, n, func(o *Options) {
				// A fresh connection per request, so that the transport's
				// own retry of a request on a reused connection does not
				// add tries.
				o.HTTPClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			})
			r.at(200552 * mainnetSlotsPerEpoch)
			obs, err := r.c.Poll(context.Background())
			if (err != nil) != tt.wantErr {
				t.Fatalf("Poll: err %v, want error %t", err, tt.wantErr)
			}
			if got := n.hitsOf("reset " + routeHeader); got != tt.wantTries {
				t.Errorf("head header tried %d times, want %d", got, tt.wantTries)
			}
			if tt.wantErr {
				if k := kinds(obs); k != "collector_up" {
					t.Errorf("kinds %s after failed tries, want only collector_up", k)
				}
				if errors.Is(err, ErrMalformed) {
					t.Errorf("err %v is a transport error, not ErrMalformed", err)
				}
			}
		})
	}
}

// resetFirst aborts the connection of the first count requests to route
// before any answer, and counts every request to it as "reset <route>".
func resetFirst(n *node, route string, count int, next http.Handler) http.Handler {
	path := map[string]string{routeHeader: "/eth/v1/beacon/headers/head"}[route]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			n.mu.Lock()
			n.hits["reset "+route]++
			abort := n.hits["reset "+route] <= count
			n.mu.Unlock()
			if abort {
				panic(http.ErrAbortHandler)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func TestSlowAnswersTimeOutAndAreRetried(t *testing.T) {
	n := newNode(t, incident11May, 200549)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	slow := func(w http.ResponseWriter, r *http.Request) {
		n.mu.Lock()
		n.hits["slow"]++
		n.mu.Unlock()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
	next := n.srv.Config.Handler
	n.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/eth/v1/beacon/states/head/finality_checkpoints" {
			slow(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
	r := newRig(t, n, func(o *Options) { o.Timeout = 50 * time.Millisecond; o.Attempts = 2 })
	r.at(200552 * mainnetSlotsPerEpoch)
	start := time.Now()
	obs, err := r.c.Poll(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Poll: err %v, want a deadline exceeded", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Poll took %v with a 50 ms timeout and 2 tries", took)
	}
	if got := n.hitsOf("slow"); got != 2 {
		t.Errorf("finality checkpoints tried %d times, want 2", got)
	}
	if k := kinds(obs); k != "collector_up" {
		t.Errorf("kinds %s, want only collector_up", k)
	}
}
