package evm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/infrarisk/infrarisk/signals/collect"
)

func TestNewRejectsBadOptions(t *testing.T) {
	sim := newSim(t)
	ep := Endpoint{Name: "sim", Client: sim.Client()}
	sink := &collect.Memory{}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no chain", Options{Endpoints: []Endpoint{ep}, Sink: sink}, `chain "" is not a valid signal name`},
		{"chain not a signal name", Options{Chain: "Main Net", Endpoints: []Endpoint{ep}, Sink: sink}, "not a valid signal name"},
		{"no endpoints", Options{Chain: "devnet", Sink: sink}, "no endpoints"},
		{"endpoint without a client", Options{Chain: "devnet", Endpoints: []Endpoint{{Name: "x"}}, Sink: sink}, "endpoint 0 (x) has no client"},
		{"quorum of one of two", Options{Chain: "devnet", Endpoints: []Endpoint{ep, ep}, Quorum: 1, Sink: sink}, "quorum 1 of 2 endpoints is not a strict majority"},
		{"quorum above the endpoints", Options{Chain: "devnet", Endpoints: []Endpoint{ep, ep}, Quorum: 3, Sink: sink}, "quorum 3 of 2"},
		{"negative interval", Options{Chain: "devnet", Endpoints: []Endpoint{ep}, PollInterval: -time.Second, Sink: sink}, "negative duration"},
		{"backoff without a maximum", Options{Chain: "devnet", Endpoints: []Endpoint{ep}, Backoff: collect.Backoff{Base: time.Second}, Sink: sink}, "needs a positive Max"},
		{"no sink", Options{Chain: "devnet", Endpoints: []Endpoint{ep}}, "no sink"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "evm: ") {
				t.Errorf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	c, err := New(Options{Chain: "devnet", Endpoints: []Endpoint{ep, ep, ep}, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	if d := DefaultOptions(); c.opts.Quorum != 2 || c.opts.PollInterval != d.PollInterval || c.opts.ReorgMemory != 10*time.Minute {
		t.Errorf("defaults: quorum %d, poll %v, reorg memory %v; want 2, %v, 10m", c.opts.Quorum, c.opts.PollInterval, c.opts.ReorgMemory, d.PollInterval)
	}
	// An *ethclient.Client brings its RPC client for txpool_status along.
	c, err = New(Options{Chain: "devnet", Endpoints: []Endpoint{{Client: ethclient.NewClient(sim.RPC)}}, Sink: sink})
	if err != nil {
		t.Fatal(err)
	}
	if c.txpool.endpoint.RPC != sim.RPC || c.opts.Endpoints[0].Name != "endpoint-0" {
		t.Errorf("endpoint %+v: want the ethclient's RPC client and the name endpoint-0", c.opts.Endpoints[0])
	}
}

// Run must return soon after its context ends, whatever it is doing:
// following a subscription, waiting out a long poll interval, or backing
// off from a node that keeps failing.
func TestRunReturnsPromptlyAfterCancel(t *testing.T) {
	sim := newSim(t)
	blocks := legacyChain(make([][]int64, 1), fill(1, 12))
	down := startLegacyNode(t, blocks, -1)
	down.down.Store(true)
	tests := []struct {
		name string
		opts Options
	}{
		{"subscribed", Options{Endpoints: []Endpoint{{Name: "sim", Client: sim.Client()}}}},
		{"polling slowly", Options{Endpoints: []Endpoint{{Name: "sim", Client: noSubscriptions{Client: sim.Client()}}}, PollInterval: time.Hour}},
		{"backing off", Options{Endpoints: []Endpoint{dialLegacy(t, down)}, Backoff: collect.Backoff{Base: time.Hour, Max: time.Hour}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Chain, tc.opts.Sink = "devnet", &collect.Memory{}
			c, err := New(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- c.Run(ctx) }()
			time.Sleep(100 * time.Millisecond)
			if err := c.Run(ctx); err == nil {
				t.Error("a second Run of the same collector did not fail")
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run returned %v, want nil", err)
				}
			case <-time.After(time.Second):
				t.Fatal("Run still running 1s after cancel")
			}
		})
	}
}

func TestDialNamesTheEndpointWithoutItsPath(t *testing.T) {
	for raw, want := range map[string]string{
		"https://eth-mainnet.example.com/v2/SECRETKEY": "https://eth-mainnet.example.com",
		"wss://user:pass@node.example.com:8546/ws":     "wss://node.example.com:8546",
		"/var/run/geth.ipc":                            "/var/run/geth.ipc",
	} {
		if got := redactURL(raw); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
