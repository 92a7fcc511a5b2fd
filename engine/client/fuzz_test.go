package client

import (
	"bytes"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
)

// fuzzAt is the fuzzed client's clock: within the validity of the seeds
// built by signedAt(fuzzAt …).
var fuzzAt = time.Date(2020, 3, 12, 12, 0, 30, 0, time.UTC)

// fixedKey is a user key from a fixed seed, so the seeds are the same on
// every run.
func fixedKey(t testing.TB, fill byte) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{fill}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// signed builds a complete update of market, issued at the minute before
// fuzzAt and valid for a minute, and signs it with kp.
func signed(t testing.TB, kp nkeys.KeyPair, market string, seq uint64, issued time.Time) []byte {
	t.Helper()
	u := update.Update{
		V: update.Version, Market: market, Seq: seq, IssuedAt: issued, ValidUntil: issued.Add(time.Minute), Regime: "normal",
		Params: map[string]decimal.Decimal{
			"scan_range": d("0.1503"), "vol_shock_up": d("0.4800"), "vol_shock_down": d("0.3200"),
			"liquidation_horizon_s": d("7214"), "maintenance_multiplier": d("1.2500"), "initial_multiplier": d("2.1000"),
			"liquidation_bonus": d("0.0693"), "close_factor": d("0.7500"), "grace_period_s": d("2339"),
			"deep_underwater_health": d("0.9500"), "p_fail": d("0.0123"),
		},
		Flags:       map[string]bool{"halt": false, "liquidations_paused": false, "new_positions_paused": false},
		StressIndex: d("0.120"),
		Reasons:     []update.Reason{{Param: "scan_range", Before: "0.1500", After: "0.1503", Why: "tightened", Text: "scan_range: 0.15 → 0.1503: tightened"}},
	}
	if err := update.Sign(&u, kp); err != nil {
		t.Fatal(err)
	}
	data, err := update.Encode(u)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzReceive feeds arbitrary bytes to a client that has accepted seq 3:
// it never panics, every message has one outcome, only a fresh update of
// the market above seq 3 from the trusted key is taken, and nothing is taken
// twice.
func FuzzReceive(f *testing.F) {
	engine, mallory := fixedKey(f, 7), fixedKey(f, 9)
	issued := fuzzAt.Add(-30 * time.Second)
	first := signed(f, engine, testMarket, 3, issued)
	f.Add(signed(f, engine, testMarket, 5, issued))
	f.Add(signed(f, engine, testMarket, 2, issued))
	f.Add(first)
	f.Add(signed(f, engine, "BTC-OPTIONS", 5, issued))
	f.Add(signed(f, engine, testMarket, 6, issued.Add(-time.Hour)))
	f.Add(signed(f, mallory, testMarket, 7, issued))
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte("["), 10000))
	trusted := publicKey(f, engine)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := New(Options{Conn: &nats.Conn{}, Market: testMarket, EngineKeys: []string{trusted},
			Fallback: venueFallback, Now: func() time.Time { return fuzzAt }, Logger: discard})
		if err != nil {
			t.Fatal(err)
		}
		if o := c.receive(first, fromSubject); o != tookIt {
			t.Fatalf("the first update: %s", o)
		}
		o := c.receive(data, fromSubject)
		if o < tookIt || o >= outcomes {
			t.Fatalf("outcome %d", o)
		}
		p := c.Current()
		if o != tookIt {
			if p.Seq != 3 {
				t.Fatalf("%s message moved Current to seq %d", o, p.Seq)
			}
			return
		}
		u, err := update.Verify(data, map[string]bool{trusted: true})
		if err != nil || u.Market != testMarket || u.Seq <= 3 || !u.Fresh(fuzzAt) {
			t.Fatalf("took a message it should not have: %+v, %v", u, err)
		}
		if p.Fallback || p.Seq != u.Seq || len(p.Values) != len(ParamNames()) {
			t.Fatalf("took seq %d, Current: %+v", u.Seq, p)
		}
		if again := c.receive(data, fromSubject); again != duplicate {
			t.Fatalf("the same message again: %s", again)
		}
	})
}
