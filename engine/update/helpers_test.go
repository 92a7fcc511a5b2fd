package update

import (
	"bytes"
	"testing"
	"time"

	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/market/markettest"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/svi"
)

// testSurface is an illustrative ETH-like surface (ATM vols 55–65%, put
// skew), made up for these tests: 1 week, 1 month, 3 months.
var testSurface = []svi.Slice{
	{T: 7.0 / 365, Raw: svi.Raw{A: 0.002, B: 0.03, Rho: -0.3, M: 0.01, Sigma: 0.08}},
	{T: 30.0 / 365, Raw: svi.Raw{A: 0.008, B: 0.08, Rho: -0.3, M: 0.02, Sigma: 0.15}},
	{T: 91.0 / 365, Raw: svi.Raw{A: 0.03, B: 0.15, Rho: -0.35, M: 0.03, Sigma: 0.25}},
}

var t0 = time.Date(2020, 3, 12, 9, 0, 0, 0, time.UTC)

var calmSignals = markettest.Healthy

// stressedSignals are 12 March 2020: 200 gwei, full blocks, an oracle two
// hours stale and 4% off.
var stressedSignals = map[netstate.Kind]float64{
	netstate.BaseFeeGwei: 200, netstate.GasUsedRatio: 0.98, netstate.BlockIntervalS: 14,
	netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2, netstate.OracleAgeS: 7200,
	netstate.OracleDeviation: 0.04, netstate.CollectorUp: 1,
}

var observe = markettest.Observe

// calmAndStressed runs the market engine over a calm tick at t0 and a
// stressed one ten minutes later, so that the second carries the
// governor's before and after.
func calmAndStressed(t testing.TB) (calm, stressed market.Update) {
	t.Helper()
	cfg := market.DefaultConfig("ETH-OPTIONS", "ethereum", false, testSurface)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	s := observe(t, netstate.New("ethereum", netstate.L1Kinds), t0, calmSignals)
	calm, gov, err := market.Evaluate(cfg, market.Inputs{State: s, Now: t0, NativeUSD: 130}, governor.State{})
	if err != nil {
		t.Fatal(err)
	}
	later := t0.Add(10 * time.Minute)
	s = observe(t, s, later, stressedSignals)
	stressed, _, err = market.Evaluate(cfg, market.Inputs{State: s, Now: later, NativeUSD: 130}, gov)
	if err != nil {
		t.Fatal(err)
	}
	return calm, stressed
}

// testKey returns a fixed user key pair (Ed25519 signatures are
// deterministic, so messages signed with it are too).
func testKey(t testing.TB, fill byte) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{fill}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func publicKey(t testing.TB, kp nkeys.KeyPair) string {
	t.Helper()
	pub, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

// signed builds, signs and encodes the message of u.
func signed(t testing.TB, u market.Update, seq uint64, kp nkeys.KeyPair) (Update, []byte) {
	t.Helper()
	m := FromMarket(u, seq, time.Minute)
	if err := Sign(&m, kp); err != nil {
		t.Fatal(err)
	}
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return m, data
}

// sameMessage fails unless a and b carry the same message; decimals are
// compared by value.
func sameMessage(t *testing.T, a, b Update) {
	t.Helper()
	if a.V != b.V || a.Market != b.Market || a.Seq != b.Seq || !a.IssuedAt.Equal(b.IssuedAt) || !a.ValidUntil.Equal(b.ValidUntil) ||
		a.Regime != b.Regime || !a.StressIndex.Equal(b.StressIndex) || a.KeyID != b.KeyID || !bytes.Equal(a.Sig, b.Sig) {
		t.Fatalf("messages differ:\n%+v\n%+v", a, b)
	}
	if len(a.Params) != len(b.Params) || len(a.Flags) != len(b.Flags) || len(a.Reasons) != len(b.Reasons) {
		t.Fatalf("params, flags or reasons differ in number:\n%+v\n%+v", a, b)
	}
	for k, v := range a.Params {
		if w, ok := b.Params[k]; !ok || !v.Equal(w) {
			t.Errorf("param %s: %s and %s", k, v, w)
		}
	}
	for k, v := range a.Flags {
		if w, ok := b.Flags[k]; !ok || v != w {
			t.Errorf("flag %s: %t and %t", k, v, w)
		}
	}
	for i := range a.Reasons {
		if a.Reasons[i] != b.Reasons[i] {
			t.Errorf("reason %d: %+v and %+v", i, a.Reasons[i], b.Reasons[i])
		}
	}
}
