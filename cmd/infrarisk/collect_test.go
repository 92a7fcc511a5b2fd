package main

import (
	"context"
	"io"
	"log/slog"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/mockaggregator"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/uptimefeed"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
	"github.com/infrarisk/infrarisk/signals/keys"
)

const collectTestConfig = `
heartbeat: 1s
validity: 10s
warmup: 1m
chains: [{name: arbitrum, layer: l2, native_usd: 3200}]
markets:
  - name: ETH-ARB
    chain: arbitrum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
`

// TestCollectorsMoveTheEngine: `collect --verify-proofs` on a simulated L2
// (execution node over IPC, a Chainlink-style price feed with a reference
// feed, and a sequencer uptime feed, read by verified calls) publishes
// signed batches into a running engine;
// with every kind fresh and healthy the engine's market does not pause
// liquidations, and when the sequencer goes down the next update does.
func TestCollectorsMoveTheEngine(t *testing.T) {
	chain := evmtest.New(t, true)
	mock := mockaggregator.NewMockAggregatorV3()
	uptime := uptimefeed.NewSequencerUptimeFeed()
	feed, _ := chain.Deploy(mockaggregator.MockAggregatorV3MetaData.Bin, mock.PackConstructor(8, "ETH / USD"))
	ref, _ := chain.Deploy(mockaggregator.MockAggregatorV3MetaData.Bin, mock.PackConstructor(8, "ETH / USD reference"))
	seq, _ := chain.Deploy(uptimefeed.SequencerUptimeFeedMetaData.Bin, nil)
	now := uint64(time.Now().Unix())
	price := big.NewInt(2000_00000000)
	chain.Send(feed, mock.PackUpdateAnswer(price, new(big.Int).SetUint64(now), new(big.Int).SetUint64(now)))
	chain.Send(ref, mock.PackUpdateAnswer(price, new(big.Int).SetUint64(now), new(big.Int).SetUint64(now)))
	chain.Send(seq, uptime.PackUpdateStatus(false, now-7200))

	chain.WaitForClock()

	rig := startCollectRig(t, chain, collectTestConfig, "ETH-ARB", true,
		"poll: 200ms\nfeeds:\n  - {name: ETH/USD, address: \""+feed.Hex()+"\", heartbeat: 1h, reference: \""+ref.Hex()+"\"}\nsequencer: \""+seq.Hex()+"\"\n")
	next := func(ok func(update.Update) bool) update.Update { return rig.next(20*time.Second, ok) }
	svc := rig.svc
	healthy := next(func(u update.Update) bool { return u.Regime == "normal" && !u.Flags["liquidations_paused"] })
	for _, r := range healthy.Reasons {
		if strings.Contains(r.Text, "stale") || strings.Contains(r.Text, "missing") {
			t.Errorf("a kind the collectors publish reads stale or missing: %s", r.Text)
		}
	}
	chain.Send(seq, uptime.PackUpdateStatus(true, uint64(time.Now().Unix())))
	down := next(func(u update.Update) bool { return u.Flags["liquidations_paused"] })
	if down.Seq <= healthy.Seq {
		t.Errorf("seq %d after %d", down.Seq, healthy.Seq)
	}
	// Nothing the collectors sent was refused (a block stamped before the
	// oracle collector's last collector_up, say).
	rec := httptest.NewRecorder()
	svc.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "infrarisk_signals_rejected_total{") {
			t.Errorf("engine rejected collected signals: %s", line)
		}
	}
	if !strings.Contains(rec.Body.String(), `infrarisk_signals_accepted_total{chain="arbitrum",kind="sequencer_status_age_s"}`) {
		t.Error("no sequencer_status_age_s accepted")
	}
}

// collectRig is an engine on an embedded server, and `collect` reading a
// simulated chain and publishing into it as the source
// "arbitrum-collector", until the test ends.
type collectRig struct {
	t       *testing.T
	chain   *evmtest.Chain
	svc     *service.Service
	sub     *nats.Subscription
	trusted map[string]bool
	blocks  *time.Ticker
}

// startCollectRig starts the engine on the configuration cfg, subscribes
// to market's updates, and runs collect on chain with the feeds file
// feeds (and --verify-proofs if asked).
func startCollectRig(t *testing.T, chain *evmtest.Chain, cfg, market string, verifyProofs bool, feeds string) *collectRig {
	t.Helper()
	dir := t.TempDir()
	seed, public, err := keys.New()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "collector.seed")
	if err := keys.WriteSeedFile(keyFile, seed); err != nil {
		t.Fatal(err)
	}
	feedsFile := filepath.Join(dir, "feeds.yaml")
	if err := os.WriteFile(feedsFile, []byte(feeds), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := config.Parse([]byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	engineKey, _ := nkeys.CreateUser()
	enginePub, _ := engineKey.PublicKey()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, err := service.New(service.Options{
		Config: f, Listen: embedded.Options{Port: -1, StoreDir: filepath.Join(dir, "js")}, EngineKey: engineKey,
		Trusted: map[string]string{"arbitrum-collector": public}, Logger: quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Stop(context.Background()) })
	nc, err := nats.Connect(svc.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	sub, err := nc.SubscribeSync(update.Subject(market))
	if err != nil {
		t.Fatal(err)
	}
	o := collectOptions{chain: "arbitrum", rpcs: stringList{chain.IPC}, feeds: feedsFile, keyFile: keyFile, verifyProofs: verifyProofs}
	o.nats.url = svc.ClientURL()
	if err := o.check(0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- collectRun(ctx, o, io.Discard, quiet) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("collect returned %v after cancel", err)
		}
	})
	// A block a second, as the simulated chain stamps them.
	r := &collectRig{t: t, chain: chain, svc: svc, sub: sub, trusted: map[string]bool{enginePub: true}, blocks: time.NewTicker(1100 * time.Millisecond)}
	t.Cleanup(r.blocks.Stop)
	return r
}

// next waits up to within for an update that satisfies ok, sealing a
// block a second meanwhile. On a timeout it logs the last update and its
// reasons.
func (r *collectRig) next(within time.Duration, ok func(update.Update) bool) update.Update {
	r.t.Helper()
	var last update.Update
	for deadline := time.Now().Add(within); time.Now().Before(deadline); {
		select {
		case <-r.blocks.C:
			r.chain.Sim.Commit()
		default:
		}
		msg, err := r.sub.NextMsg(100 * time.Millisecond)
		if err != nil {
			continue
		}
		u, err := update.Verify(msg.Data, r.trusted)
		if err != nil {
			r.t.Fatal(err)
		}
		if last = u; ok(u) {
			return u
		}
	}
	r.t.Logf("last update: regime %q params %v", last.Regime, last.Params)
	for _, reason := range last.Reasons {
		r.t.Logf("  %s", reason.Text)
	}
	r.t.Fatalf("no such update in %s", within)
	return update.Update{}
}
