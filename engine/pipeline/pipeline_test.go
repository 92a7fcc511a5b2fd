package pipeline

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const testConfig = `
chains:
  - {name: ethereum, layer: l1, native_usd: 3200}
  - {name: arbitrum, layer: l2, native_usd: 3200}
markets:
  - name: ETH-ARB
    chain: arbitrum
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
`

var t0 = time.Date(2023, 12, 15, 13, 0, 0, 0, time.UTC)

func newPipeline(t *testing.T) *Pipeline {
	t.Helper()
	f, err := config.Parse([]byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func signal(chain, kind, value string, at time.Time) wire.Signal {
	return wire.Signal{V: 1, Source: "c", Chain: chain, Kind: kind, Value: decimal.RequireFromString(value), ObservedAt: at}
}

// healthyL2 observes every watched kind of arbitrum at a healthy value,
// with the sequencer as given.
func healthyL2(t *testing.T, p *Pipeline, sequencer string, at time.Time) {
	t.Helper()
	for kind, v := range map[string]string{
		"base_fee_gwei": "0.1", "gas_used_ratio": "0.5", "block_interval_s": "0.25", "sequencer_up": sequencer,
		"oracle_age_s": "30", "oracle_deviation": "0.001", "collector_up": "1",
	} {
		if err := p.Observe(signal("arbitrum", kind, v, at), nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestObserveRejectsAndChangesNothing(t *testing.T) {
	p := newPipeline(t)
	if err := p.Observe(signal("arbitrum", "base_fee_gwei", "0.1", t0), nil); err != nil {
		t.Fatal(err)
	}
	admitErr := errors.New("replay")
	for _, c := range []struct {
		name   string
		sig    wire.Signal
		admit  func(wire.Signal) error
		reason wire.Reason
	}{
		{"unknown chain", signal("solana", "base_fee_gwei", "1", t0), nil, ReasonUnknownChain},
		{"out of order", signal("arbitrum", "base_fee_gwei", "9", t0.Add(-time.Second)), nil, ReasonOutOfOrder},
		{"unknown kind", signal("arbitrum", "gas_price", "9", t0), nil, wire.ReasonUnknownKind},
		{"out of range", signal("arbitrum", "gas_used_ratio", "2", t0), nil, wire.ReasonOutOfRange},
	} {
		t.Run(c.name, func(t *testing.T) {
			var re *wire.RejectError
			if err := p.Observe(c.sig, c.admit); !errors.As(err, &re) || re.Reason != c.reason {
				t.Errorf("err %v, want reason %q", err, c.reason)
			}
		})
	}
	admitted := false
	err := p.Observe(signal("arbitrum", "base_fee_gwei", "50", t0.Add(time.Second)), func(wire.Signal) error { admitted = true; return admitErr })
	if !errors.Is(err, admitErr) || !admitted {
		t.Errorf("admit's error %v not returned", err)
	}
	st, _ := p.State("arbitrum")
	if o, _ := st.Last(netstate.BaseFeeGwei); o.Value != 0.1 || !o.At.Equal(t0) {
		t.Errorf("a rejected signal changed the state: %+v", o)
	}
	// An out-of-order signal is refused before admit runs, so it cannot
	// advance its source's seq.
	called := false
	p.Observe(signal("arbitrum", "base_fee_gwei", "9", t0.Add(-time.Minute)), func(wire.Signal) error { called = true; return nil })
	if called {
		t.Error("admit ran for an out-of-order signal")
	}
}

// TestGraceFollowsTheOutageThatEnded: a sequencer down for 40 minutes gives,
// once it is back, a grace period of GraceRatio × 40 min (within its floor
// and cap; models/liquidation), which holds until GraceMax has passed since
// the recovery; without the recovery record it would be the floor.
func TestGraceFollowsTheOutageThatEnded(t *testing.T) {
	p := newPipeline(t)
	mc := p.Markets()[0]
	lc := mc.Liquidation
	step := func(at time.Time, sequencer string) time.Duration {
		t.Helper()
		healthyL2(t, p, sequencer, at)
		mu, next, _, err := p.Evaluate(mc, at)
		if err != nil {
			t.Fatal(err)
		}
		p.SetGovernor(mc.Name, next)
		return mu.Grace
	}
	step(t0, "1")
	for m := 1; m <= 40; m++ {
		step(t0.Add(time.Duration(m)*time.Minute), "0")
	}
	outage := 40 * time.Minute // first seen down at minute 1, up at minute 41
	want := time.Duration(lc.GraceRatio * float64(outage)).Round(time.Second)
	want = min(max(want, lc.GraceMin), lc.GraceMax)
	if want == lc.GraceMin {
		t.Fatalf("test needs an outage whose grace is above the floor %v", lc.GraceMin)
	}
	back := t0.Add(41 * time.Minute)
	if got := step(back, "1"); got != want {
		t.Errorf("grace right after the outage: %v, want %v", got, want)
	}
	if got := step(back.Add(lc.GraceMax-time.Minute), "1"); got != want {
		t.Errorf("grace shortly before GraceMax after the recovery: %v, want %v", got, want)
	}
	if got := step(back.Add(lc.GraceMax+time.Minute), "1"); got != lc.GraceMin {
		t.Errorf("grace long after the recovery: %v, want the floor %v", got, lc.GraceMin)
	}
}

func TestEvaluateRestartsTheGovernorWhenTheClockGoesBack(t *testing.T) {
	p := newPipeline(t)
	mc := p.Markets()[0]
	healthyL2(t, p, "1", t0)
	_, next, restarted, err := p.Evaluate(mc, t0.Add(time.Hour))
	if err != nil || restarted {
		t.Fatalf("first evaluation: restarted %v, err %v", restarted, err)
	}
	p.SetGovernor(mc.Name, next)
	if _, _, restarted, err := p.Evaluate(mc, t0); err != nil || !restarted {
		t.Errorf("clock behind the governor: restarted %v, err %v; want a fresh start", restarted, err)
	}
}

func TestWarmingWaitsForEveryWatchedKind(t *testing.T) {
	p := newPipeline(t)
	mc := p.Markets()[0]
	if !p.Warming(mc, t0, t0, time.Minute) {
		t.Error("a market with no signals at all is not warming")
	}
	if p.Warming(mc, t0.Add(time.Minute), t0, time.Minute) {
		t.Error("still warming after the warm-up")
	}
	healthyL2(t, p, "1", t0)
	if p.Warming(mc, t0, t0, time.Minute) {
		t.Error("warming with every watched kind reported")
	}
}

// TestAMarketWaitsForItsVenuesAndTheirChangesReachIt: a market with a pool
// and a bridge warms until both have reported every watched kind, reads
// their states, and a signal of either marks it affected.
func TestAMarketWaitsForItsVenuesAndTheirChangesReachIt(t *testing.T) {
	f, err := config.Parse([]byte(`
chains: [{name: arbitrum, layer: l2, native_usd: 3200}]
venues:
  - {name: uni-weth-usdc, chain: arbitrum, type: pool}
  - {name: arb-bridge-weth, chain: arbitrum, type: bridge}
markets:
  - name: ETH-ARB
    chain: arbitrum
    pool: uni-weth-usdc
    bridge: arb-bridge-weth
    surface:
      - {t: 0.0822, a: 0.008, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.15}
`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	mc := p.Markets()[0]
	healthyL2(t, p, "1", t0)
	if !p.Warming(mc, t0, t0, time.Minute) {
		t.Error("not warming while its pool and bridge have said nothing")
	}
	for kind, v := range map[string]string{"pool_liquidity": "4e7", "pool_liquidity_drop": "0", "sandwich_rate": "0.01", "liquidation_sandwiched": "0", "collector_up": "1"} {
		if err := p.Observe(signal("uni-weth-usdc", kind, v, t0), nil); err != nil {
			t.Fatal(err)
		}
	}
	if !p.Warming(mc, t0, t0, time.Minute) {
		t.Error("not warming while its bridge has said nothing")
	}
	for kind, v := range map[string]string{"bridge_outflow_ratio": "0.3", "bridge_paused": "0", "collector_up": "1"} {
		if err := p.Observe(signal("arb-bridge-weth", kind, v, t0), nil); err != nil {
			t.Fatal(err)
		}
	}
	if p.Warming(mc, t0, t0, time.Minute) {
		t.Error("warming with every kind of the chain and its venues reported")
	}
	in := p.Inputs(mc, t0)
	if in.Pool == nil || in.Bridge == nil || in.Pool.Read(netstate.PoolLiquidity, t0).Value != 4e7 || in.Bridge.Read(netstate.BridgeOutflowRatio, t0).Value != 0.3 {
		t.Errorf("inputs do not carry the venues' states: %+v", in)
	}
	for name, want := range map[string]bool{"arbitrum": true, "uni-weth-usdc": true, "arb-bridge-weth": true, "ethereum": false} {
		if got := Affected(mc, map[string]bool{name: true}); got != want {
			t.Errorf("a change of %s affects the market: %v, want %v", name, got, want)
		}
	}
}
