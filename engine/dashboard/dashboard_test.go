package dashboard_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/dashboard"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const testConfig = `
heartbeat: 1s
validity: 10s
chains: [{name: ethereum, layer: l1, native_usd: 3200}]
markets:
  - name: ETH-OPTIONS
    chain: ethereum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
      - {t: 0.2493, a: 0.03, b: 0.15, rho: -0.35, m: 0.03, sigma: 0.25}
`

var healthy = map[string]string{
	"base_fee_gwei": "20", "gas_used_ratio": "0.5", "block_interval_s": "12", "participation_rate": "0.99",
	"finality_lag_epochs": "2", "oracle_age_s": "60", "oracle_deviation": "0.001", "collector_up": "1",
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// engine is a running engine with a collector's publisher.
type engine struct {
	svc *service.Service
	nc  *nats.Conn
	pub *wire.Publisher
	key string
}

func startEngine(t *testing.T, dir string, engineKey, collector nkeys.KeyPair) *engine {
	t.Helper()
	cfg, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	cpub, _ := collector.PublicKey()
	svc, err := service.New(service.Options{Config: cfg, Listen: embedded.Options{Port: -1, StoreDir: dir},
		EngineKey: engineKey, Trusted: map[string]string{"eth-collector-1": cpub}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Stop(context.Background()) })
	nc, err := nats.Connect(svc.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	key, _ := engineKey.PublicKey()
	return &engine{svc: svc, nc: nc, pub: wire.NewPublisher(nc, "eth-collector-1", collector), key: key}
}

func (e *engine) signals(t *testing.T, values map[string]string) {
	t.Helper()
	for kind, v := range values {
		if err := e.pub.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func startDashboard(t *testing.T, e *engine, backtest string) (*dashboard.Dashboard, *httptest.Server) {
	t.Helper()
	d, err := dashboard.New(dashboard.Options{Conn: e.svc.Conn(), Engine: e.svc, EngineKeys: []string{e.key},
		Markets: []string{"ETH-OPTIONS"}, SnapshotEvery: 100 * time.Millisecond, BacktestDir: backtest, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e.svc.NewHTTPServer("", d.Handler()).Handler)
	t.Cleanup(func() { d.Stop(); srv.Close() })
	return d, srv
}

// stream reads Server-Sent Events from the dashboard.
type stream struct {
	t      *testing.T
	events chan sse
}

type sse struct {
	name string
	data string
}

func connect(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/v1/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	s := &stream{t: t, events: make(chan sse, 1024)}
	go func() {
		defer resp.Body.Close()
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				s.events <- ev
				ev = sse{}
			}
		}
	}()
	return s
}

// next returns the next event named name, skipping others.
func (s *stream) next(name string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case ev, open := <-s.events:
			if !open {
				s.t.Fatalf("stream ended waiting for %s", name)
			}
			if ev.name == name && (ok == nil || ok(ev.data)) {
				return ev.data
			}
		case <-deadline:
			s.t.Fatalf("no %s event in 15 s", name)
		}
	}
}

func TestAnUpdateReachesAConnectedBrowser(t *testing.T) {
	engineKey, _ := nkeys.CreateUser()
	collector, _ := nkeys.CreateUser()
	e := startEngine(t, t.TempDir(), engineKey, collector)
	_, srv := startDashboard(t, e, "")
	s := connect(t, srv.URL)

	var hello struct {
		Markets []string `json:"markets"`
	}
	if err := json.Unmarshal([]byte(s.next("hello", nil)), &hello); err != nil || len(hello.Markets) != 1 || hello.Markets[0] != "ETH-OPTIONS" {
		t.Fatalf("hello %+v, %v", hello, err)
	}
	s.next("history", func(d string) bool { return strings.Contains(d, `"market":"ETH-OPTIONS"`) })

	e.signals(t, healthy)
	s.next("update", func(d string) bool { return strings.Contains(d, `"regime":"normal"`) })
	e.signals(t, map[string]string{"base_fee_gwei": "400", "gas_used_ratio": "0.99"})
	var up struct {
		Market string `json:"market"`
		Update struct {
			Seq    uint64            `json:"seq"`
			Regime string            `json:"regime"`
			Params map[string]string `json:"params"`
		} `json:"update"`
		Previous *struct {
			Seq uint64 `json:"seq"`
		} `json:"previous"`
	}
	data := s.next("update", func(d string) bool { return !strings.Contains(d, `"regime":"normal"`) })
	if err := json.Unmarshal([]byte(data), &up); err != nil {
		t.Fatal(err)
	}
	if up.Market != "ETH-OPTIONS" || up.Update.Params["scan_range"] == "" || up.Previous == nil || up.Previous.Seq >= up.Update.Seq {
		t.Fatalf("update event %s", data)
	}

	var snap service.Snapshot
	if err := json.Unmarshal([]byte(s.next("snapshot", nil)), &snap); err != nil {
		t.Fatal(err)
	}
	scored := false
	for _, r := range snap.Chains["ethereum"] {
		scored = scored || (r.Kind == "base_fee_gwei" && r.Score > 0)
	}
	if !scored {
		t.Errorf("snapshot does not score the congested base fee: %+v", snap.Chains["ethereum"])
	}

	var smile struct {
		Market   string          `json:"market"`
		Expiries []service.Smile `json:"expiries"`
	}
	if err := json.Unmarshal([]byte(s.next("smile", nil)), &smile); err != nil {
		t.Fatal(err)
	}
	if len(smile.Expiries) != 2 || smile.Expiries[0].Years > smile.Expiries[1].Years {
		t.Fatalf("smile expiries %+v", smile.Expiries)
	}
	for _, x := range smile.Expiries {
		if len(x.K) != len(x.BaseVol) || len(x.K) != len(x.StressedVol) || len(x.K) == 0 {
			t.Fatalf("smile of %g y: %d k, %d base, %d stressed", x.Years, len(x.K), len(x.BaseVol), len(x.StressedVol))
		}
		// Congestion steepens the downside: the stressed risk reversal is
		// below the base one.
		if !(x.StressedRR25 < x.BaseRR25) {
			t.Errorf("%g y: RR25 base %g, stressed %g", x.Years, x.BaseRR25, x.StressedRR25)
		}
	}
}

func TestHistoryIsReadBackFromTheStream(t *testing.T) {
	engineKey, _ := nkeys.CreateUser()
	collector, _ := nkeys.CreateUser()
	e := startEngine(t, t.TempDir(), engineKey, collector)
	first, srv := startDashboard(t, e, "")
	s := connect(t, srv.URL)
	e.signals(t, healthy)
	var up struct {
		Update struct {
			Seq uint64 `json:"seq"`
		} `json:"update"`
	}
	json.Unmarshal([]byte(s.next("update", nil)), &up)
	first.Stop()

	// A dashboard started afresh (an engine restart) has the update in its
	// history, from the stream.
	_, srv2 := startDashboard(t, e, "")
	s2 := connect(t, srv2.URL)
	var h struct {
		Points []dashboard.Point `json:"points"`
	}
	json.Unmarshal([]byte(s2.next("history", nil)), &h)
	found := false
	for _, p := range h.Points {
		found = found || p.Seq == up.Update.Seq && p.ScanRange > 0 && p.HEffS > 0
	}
	if !found {
		t.Fatalf("history %+v lacks seq %d", h.Points, up.Update.Seq)
	}
}

func TestPageAssetsAndBacktestReport(t *testing.T) {
	engineKey, _ := nkeys.CreateUser()
	collector, _ := nkeys.CreateUser()
	e := startEngine(t, t.TempDir(), engineKey, collector)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "report.csv"), []byte("incident,bad_debt_static,bad_debt_aware\nblack-thursday-2020,1795.37,0.16\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "black-thursday-2020"), 0o755)
	os.WriteFile(filepath.Join(dir, "black-thursday-2020", "price.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644)
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.csv"), []byte("x"), 0o644)
	_, srv := startDashboard(t, e, dir)

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for path, want := range map[string]string{
		"/":                                "<html",
		"/backtest":                        "<html",
		"/assets/app.js":                   "EventSource",
		"/assets/vendor/uPlot.iife.min.js": "uPlot",
		"/backtest/files/black-thursday-2020/price.svg": "<svg",
		"/healthz": "ok",
	} {
		if code, body := get(path); code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, body without %q", path, code, want)
		}
	}
	code, body := get("/v1/backtest")
	var rep struct {
		Columns []string            `json:"columns"`
		Summary []map[string]string `json:"summary"`
		Plots   []string            `json:"plots"`
	}
	if err := json.Unmarshal([]byte(body), &rep); code != http.StatusOK || err != nil {
		t.Fatalf("GET /v1/backtest: %d %s", code, body)
	}
	if len(rep.Summary) != 1 || rep.Summary[0]["bad_debt_aware"] != "0.16" || len(rep.Plots) != 1 || rep.Plots[0] != "black-thursday-2020/price.svg" {
		t.Errorf("report %+v", rep)
	}
	for _, path := range []string{"/backtest/files/../secret.csv", "/backtest/files/%2e%2e/secret.csv", "/backtest/files/nothing.svg", "/backtest/files/report.txt"} {
		if code, _ := get(path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}

	_, srv2 := startDashboard(t, e, "")
	resp, err := http.Get(srv2.URL + "/v1/backtest")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "--backtest") {
		t.Errorf("without a folder: %d %s", resp.StatusCode, b)
	}
}
