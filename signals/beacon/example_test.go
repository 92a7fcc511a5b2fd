package beacon_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/infrarisk/infrarisk/signals/beacon"
	"github.com/infrarisk/infrarisk/signals/collect"
)

// A beacon node whose head is in epoch 200555 of mainnet, 11 May 2023,
// with finality stuck at 200551, and that serves neither participation
// source.
func Example() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /eth/v1/node/syncing", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"data":{"head_slot":"6417777","sync_distance":"0","is_syncing":false,"is_optimistic":false,"el_offline":false}}`)
	})
	mux.HandleFunc("GET /eth/v1/beacon/headers/head", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"execution_optimistic":false,"finalized":false,"data":{"root":"0x00","canonical":true,"header":{"message":{"slot":"6417777"}}}}`)
	})
	mux.HandleFunc("GET /eth/v1/beacon/states/head/finality_checkpoints", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"data":{"finalized":{"epoch":"200551","root":"0x00"}}}`)
	})
	node := httptest.NewServer(mux)
	defer node.Close()

	c, err := beacon.New(beacon.Options{
		Chain:   "ethereum",
		BaseURL: node.URL,
		Sink:    &collect.Memory{},
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:     func() time.Time { return time.Date(2023, 5, 11, 20, 33, 0, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	obs, err := c.Poll(context.Background())
	if err != nil {
		panic(err)
	}
	for _, o := range obs {
		fmt.Println(o)
	}
	// Output:
	// ethereum/finality_lag_epochs=4@2023-05-11T20:33:00Z
	// ethereum/collector_up=1@2023-05-11T20:33:00Z
}
