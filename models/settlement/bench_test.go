package settlement

import (
	"testing"
	"time"
)

var sinkResult Result

// BenchmarkAssessStressed: congestion, finality loss, a sequencer outage and
// a stale oracle at once (three exponential parts and a quantile search).
func BenchmarkAssessStressed(b *testing.B) {
	c := calm()
	c.BaseFeeGwei, c.GasUsedRatio = 400, 0.98
	c.FinalityLost, c.FinalityLostFor = true, 20*time.Minute
	c.SequencerDown, c.SequencerDownFor = true, 10*time.Minute
	c.OracleAgeS = 5000
	in := Inputs{Conditions: c, GasBudgetGwei: budget, BaseHorizon: time.Hour, L2: true}
	cfg := DefaultConfig()
	for b.Loop() {
		sinkResult = Assess(in, cfg)
	}
}
