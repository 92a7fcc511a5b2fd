package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
)

// chromium finds the browser for the end-to-end test, which runs only with
// INFRARISK_E2E=1 (make e2e): $INFRARISK_CHROMIUM, or chromium on the PATH;
// without one the test fails.
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("INFRARISK_E2E") != "1" {
		t.Skip("the browser test runs with make e2e (INFRARISK_E2E=1), which make test calls where Chromium is installed")
	}
	path := os.Getenv("INFRARISK_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Fatal("no Chromium: install Debian's chromium (make e2e-deps) or set INFRARISK_CHROMIUM")
	}
	return path
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// engineRun is serve running in the test's process until stopped.
type engineRun struct {
	cancel context.CancelFunc
	done   chan error
}

func runEngine(t *testing.T, o serveOptions) *engineRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &engineRun{cancel: cancel, done: make(chan error, 1)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() { r.done <- serve(ctx, o, io.Discard, log) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + o.httpAddr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return r
			}
		}
		select {
		case err := <-r.done:
			t.Fatalf("serve ended: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the engine's HTTP server did not come up in 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *engineRun) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop in 30 s")
	}
}

// TestDashboardInABrowser runs the engine as make run does (embedded NATS,
// the Black Thursday replay) and drives the dashboard in headless
// Chromium: the regime badge leaves normal, a what-if comes back with
// margins, the page says stale while the engine is down and resyncs when
// it is back. Screenshots are saved in the test's artifact folder (go test
// -artifacts keeps them).
func TestDashboardInABrowser(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	o := serveOptions{
		config: "../../engine/config/example.yaml", listen: freeAddr(t), dataDir: dir, httpAddr: freeAddr(t),
		replay: "../../testdata/incidents/black-thursday-2020/signals.csv", speed: 600, quiet: true,
		lease: 3 * time.Second, jsReplicas: 1, history: 6 * time.Hour,
	}
	eng := runEngine(t, o)
	url := "http://" + o.httpAddr + "/"

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1366, 900))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()
	shot := func(name string) {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		path := filepath.Join(t.ArtifactDir(), name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("screenshot: %s", path)
	}
	badge := `[data-market="ETH-OPTIONS"] .regime-badge`
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(badge)); err != nil {
		t.Fatal(err)
	}
	// A regime of stress as the replay reaches the crash (normal before it,
	// and "unknown" before the first update, do not count).
	regime := waitAttr(t, ctx, badge, "data-regime", func(v string) bool {
		return v == "elevated" || v == "stressed" || v == "halted"
	}, time.Minute)
	text, _ := chromedp.Run(ctx, chromedp.Text(badge))
	if !strings.Contains(strings.ToLower(text), regime) {
		t.Errorf("badge says %q, attribute %q: the regime must be written, not only coloured", text, regime)
	}
	waitText(t, ctx, "#conn-status", "live", 10*time.Second)

	// What-if: the example portfolio, then base fee 500 gwei.
	if err := chromedp.Do(ctx,
		chromedp.SetValue("#whatif-market", "ETH-OPTIONS"),
		chromedp.SetValue("#whatif-spot", "170"),
		chromedp.SetValue("#ov-base_fee_gwei", "500"),
		chromedp.Click("#whatif-submit"),
		chromedp.WaitVisible(`#whatif-result[data-state="done"]`),
	); err != nil {
		e, _ := chromedp.Run(ctx, chromedp.Text("#whatif-error"))
		t.Fatalf("what-if: %v (page error: %q)", err, e)
	}
	margins := map[string]decimal.Decimal{}
	for _, field := range []string{"maintenance_now", "maintenance_whatif", "initial_now", "initial_whatif"} {
		v, err := chromedp.Run(ctx, chromedp.Text(fmt.Sprintf(`#whatif-result [data-field=%q]`, field)))
		if err != nil {
			t.Fatal(err)
		}
		d, err := decimal.NewFromString(strings.TrimSpace(v))
		if err != nil || !d.IsPositive() {
			t.Errorf("%s shows %q: want a positive decimal", field, v)
		}
		margins[field] = d
	}
	if margins["initial_whatif"].LessThan(margins["maintenance_whatif"]) {
		t.Errorf("initial %s below maintenance %s", margins["initial_whatif"], margins["maintenance_whatif"])
	}
	t.Logf("regime %s; what-if maintenance %s → %s", regime, margins["maintenance_now"], margins["maintenance_whatif"])
	shot("dashboard.png")

	// The engine stops: the page says so and marks the markets stale.
	eng.stop(t)
	waitText(t, ctx, "#conn-status", "stale|reconnecting", 20*time.Second)
	waitAttr(t, ctx, `[data-market="ETH-OPTIONS"]`, "data-stale", func(v string) bool { return v == "true" }, 20*time.Second)
	shot("dashboard-engine-down.png")

	// It comes back on the same ports and data: the page reconnects and
	// resyncs by itself.
	eng = runEngine(t, o)
	defer eng.stop(t)
	waitText(t, ctx, "#conn-status", "live", 30*time.Second)
	waitAttr(t, ctx, `[data-market="ETH-OPTIONS"]`, "data-stale", func(v string) bool { return v == "false" }, 30*time.Second)
}

// waitText polls an element's text until it is one of the |-separated
// wants.
func waitText(t *testing.T, ctx context.Context, sel, wants string, within time.Duration) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var err error
		if got, err = chromedp.Run(ctx, chromedp.Text(sel)); err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Split(wants, "|") {
			if strings.TrimSpace(got) == w {
				return
			}
		}
	}
	t.Fatalf("%s says %q after %s, want %s", sel, got, within, wants)
}

// waitAttr polls an attribute until ok and returns it.
func waitAttr(t *testing.T, ctx context.Context, sel, attr string, ok func(string) bool, within time.Duration) string {
	t.Helper()
	var got string
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		r, err := chromedp.Run(ctx, chromedp.AttributeValue(sel, attr))
		if err != nil {
			t.Fatal(err)
		}
		if got = r.Value; ok(got) {
			return got
		}
	}
	t.Fatalf("%s's %s is %q after %s", sel, attr, got, within)
	return ""
}
