package market

import (
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/models/netstate"
)

// BenchmarkEvaluateStressed is the whole parameter computation for one
// market of four expiries on a congested chain with a stale oracle: stress,
// four stressed SVI slices (price, invert, refit), settlement, liquidation
// parameters, governor, and the margin grid.
func BenchmarkEvaluateStressed(b *testing.B) {
	cfg := testConfig(b)
	s := observeAll(b, healthy(b, t0), t0, map[netstate.Kind]float64{
		netstate.BaseFeeGwei: 200, netstate.GasUsedRatio: 0.98, netstate.OracleAgeS: 5400,
	})
	_, gov, err := Evaluate(cfg, Inputs{State: s, Now: t0, NativeUSD: 130}, governor.State{})
	if err != nil {
		b.Fatal(err)
	}
	now := t0
	for b.Loop() {
		now = now.Add(time.Nanosecond) // fresh state, and time moves forward for the governor
		u, next, err := Evaluate(cfg, Inputs{State: s, Now: now, NativeUSD: 130}, gov)
		if err != nil {
			b.Fatal(err)
		}
		_ = u.Grid(cfg)
		gov = next
	}
}

// BenchmarkEvaluateHealthy: the same on a healthy chain, where the skew
// overlay is the identity.
func BenchmarkEvaluateHealthy(b *testing.B) {
	cfg := testConfig(b)
	s := healthy(b, t0)
	_, gov, _ := Evaluate(cfg, Inputs{State: s, Now: t0, NativeUSD: 130}, governor.State{})
	now := t0
	for b.Loop() {
		now = now.Add(time.Nanosecond) // the state stays fresh however long the benchmark runs
		u, next, err := Evaluate(cfg, Inputs{State: s, Now: now, NativeUSD: 130}, gov)
		if err != nil {
			b.Fatal(err)
		}
		_ = u.Grid(cfg)
		gov = next
	}
}
