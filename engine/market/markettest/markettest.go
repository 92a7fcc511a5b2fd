// Package markettest holds fixtures for tests of the market engine and of
// the packages built on it: an illustrative surface, healthy signals, and a
// helper that folds signals into a chain's state.
package markettest

import (
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Surface is an illustrative ETH-like surface (ATM vols 55–65%, put skew),
// made up for tests: 1 week, 1 month, 3 months, 6 months.
var Surface = []svi.Slice{
	{T: 7.0 / 365, Raw: svi.Raw{A: 0.002, B: 0.03, Rho: -0.3, M: 0.01, Sigma: 0.08}},
	{T: 30.0 / 365, Raw: svi.Raw{A: 0.008, B: 0.08, Rho: -0.3, M: 0.02, Sigma: 0.15}},
	{T: 91.0 / 365, Raw: svi.Raw{A: 0.03, B: 0.15, Rho: -0.35, M: 0.03, Sigma: 0.25}},
	{T: 182.0 / 365, Raw: svi.Raw{A: 0.07, B: 0.2, Rho: -0.35, M: 0.05, Sigma: 0.35}},
}

// Healthy are the signals of a calm Ethereum: every kind an L1 watches.
var Healthy = map[netstate.Kind]float64{
	netstate.BaseFeeGwei: 20, netstate.GasUsedRatio: 0.5, netstate.BlockIntervalS: 12,
	netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2, netstate.OracleAgeS: 300,
	netstate.OracleDeviation: 0.001, netstate.CollectorUp: 1,
}

// Observe folds values observed at at into s, failing the test on an error.
func Observe(t testing.TB, s netstate.State, at time.Time, values map[netstate.Kind]float64) netstate.State {
	t.Helper()
	for k, v := range values {
		var err error
		if s, err = s.Observe(k, v, at); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
