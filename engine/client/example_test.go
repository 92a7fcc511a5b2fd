package client_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/client"
	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/engine/update"
)

// A margin system follows ETH-OPTIONS. Until the engine speaks it margins
// with its own conservative set; it then uses the engine's signed update
// until that expires, and falls back again when the engine falls silent.
// The clock is fixed so that the output is; a margin system leaves Now nil.
func Example() {
	dir, _ := os.MkdirTemp("", "marginsys")
	defer os.RemoveAll(dir)
	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: dir}) // the engine's NATS server
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.WaitForShutdown()
	defer srv.Shutdown()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer nc.Close()

	engineKey, _ := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{7}, 32))
	enginePub, _ := engineKey.PublicKey()
	start := time.Date(2020, 3, 12, 12, 0, 30, 0, time.UTC)
	var aMinuteLater atomic.Bool
	clock := func() time.Time {
		if aMinuteLater.Load() {
			return start.Add(time.Minute)
		}
		return start
	}

	// The margin system's side.
	c, err := client.New(client.Options{
		Conn:       nc,
		Market:     "ETH-OPTIONS",
		EngineKeys: []string{enginePub},
		Fallback: map[string]decimal.Decimal{
			"scan_range": dec("0.5000"), "vol_shock_up": dec("1.0000"), "vol_shock_down": dec("0.6000"),
			"liquidation_horizon_s": dec("86400"), "maintenance_multiplier": dec("2.0000"),
			"initial_multiplier": dec("3.0000"), "liquidation_bonus": dec("0.1500"), "close_factor": dec("1.0000"),
			"grace_period_s": dec("0"), "deep_underwater_health": dec("1.0000"), "p_fail": dec("0.5000"),
		},
		FallbackFlags: map[string]bool{update.LiquidationsPaused: false}, // keep liquidating; halt the rest
		Now:           clock,
		Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer c.Stop()
	show := func(p client.Params) {
		if p.Fallback {
			fmt.Printf("fallback (%s): scan range %s, halt %t\n", p.Why, p.Values["scan_range"].StringFixed(4), p.Flags["halt"])
			return
		}
		fmt.Printf("engine seq %d, %s: scan range %s, halt %t\n", p.Seq, p.Regime, p.Values["scan_range"].StringFixed(4), p.Flags["halt"])
	}
	show(<-c.Updates())

	// The engine's side: a signed update published on the market's subject.
	publish(nc, engineKey, 42, start.Add(-30*time.Second))
	show(<-c.Updates())

	// Each margin call reads Current: no lock to hold, no network to wait on.
	aMinuteLater.Store(true)
	show(c.Current())
	fmt.Println(c.Stats().Accepted, "accepted")

	// Output:
	// fallback (no update yet): scan range 0.5000, halt true
	// engine seq 42, stressed: scan range 0.2747, halt false
	// fallback (engine silent: last update (seq 42) expired at 2020-03-12T12:01:00Z): scan range 0.5000, halt true
	// 1 accepted
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// publish signs and publishes an update as the engine does, valid for a
// minute from issued.
func publish(nc *nats.Conn, kp nkeys.KeyPair, seq uint64, issued time.Time) {
	u := update.Update{
		V: update.Version, Market: "ETH-OPTIONS", Seq: seq, IssuedAt: issued, ValidUntil: issued.Add(time.Minute),
		Regime: "stressed",
		Params: map[string]decimal.Decimal{
			"scan_range": dec("0.2747"), "vol_shock_up": dec("0.4800"), "vol_shock_down": dec("0.3200"),
			"liquidation_horizon_s": dec("7214"), "maintenance_multiplier": dec("1.2500"),
			"initial_multiplier": dec("2.1000"), "liquidation_bonus": dec("0.0693"), "close_factor": dec("0.7500"),
			"grace_period_s": dec("2339"), "deep_underwater_health": dec("0.9500"), "p_fail": dec("0.0123"),
		},
		Flags:       map[string]bool{"halt": false, "liquidations_paused": false, "new_positions_paused": true},
		StressIndex: dec("0.612"),
		Reasons:     []update.Reason{},
	}
	if err := update.Sign(&u, kp); err != nil {
		panic(err)
	}
	data, err := update.Encode(u)
	if err != nil {
		panic(err)
	}
	if err := nc.Publish(update.Subject(u.Market), data); err != nil {
		panic(err)
	}
}
