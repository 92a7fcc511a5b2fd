package backtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/pipeline"
)

// TestMarginBoundHolds checks valuer.bound against exact margins: for
// generated accounts under the static set and under two aware sets, Black
// Thursday at 11:00 (stressed surface and an oracle charge of 17%) and the
// Arbitrum stall at 14:00 (sequencer down: fail charge and maintenance
// multiplier up), every margin at a price within the threshold of the
// reference moves by at most the bound times the move.
func TestMarginBoundHolds(t *testing.T) {
	cfg := exampleConfig(t)
	rng := rand.New(rand.NewPCG(5, 5))
	for _, c := range []struct {
		incident string
		at       time.Time
	}{
		{"black-thursday-2020", time.Date(2020, 3, 12, 11, 0, 0, 0, time.UTC)},
		{"arbitrum-sequencer-2023-12", time.Date(2023, 12, 15, 14, 0, 0, 0, time.UTC)},
	} {
		inc := incident(t, c.incident)
		f, mc, native, err := configure(cfg, inc, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		static, err := StaticParams(mc, native, inc.Start)
		if err != nil {
			t.Fatal(err)
		}
		stressed := stressedParams(t, f, mc, inc, c.at)
		spot := inc.Prices[0].Price
		book, err := GenerateBook(11, 300, spot, mc, static)
		if err != nil {
			t.Fatal(err)
		}
		h := flatten(book, spot)
		for _, set := range []struct {
			name   string
			params *ParamSet
		}{{"static", static}, {"aware", stressed}} {
			for _, threshold := range []float64{0.001, 0.02} {
				t.Run(fmt.Sprintf("%s/%s/%g", c.incident, set.name, threshold), func(t *testing.T) {
					t.Logf("maintenance ×%.3f, scan range %.4f, oracle %.4f, fail %.4f", set.params.Maintenance,
						set.params.Margin.ScanRange, set.params.Margin.OracleContingency, set.params.Margin.FailContingency)
					checkBound(t, rng, h, set.params, spot, threshold)
				})
			}
		}
	}
}

func checkBound(t *testing.T, rng *rand.Rand, h holdings, p *ParamSet, spot, threshold float64) {
	v := valuer{instruments: h.instruments, threshold: threshold}
	if err := v.rebuild(p, spot); err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for range 40 {
		price := spot * (1 + threshold*(2*rng.Float64()-1))
		ra, err := buildArrays(h.instruments, p, price)
		if err != nil {
			t.Fatal(err)
		}
		for i, hold := range h.hold {
			m0, m, k := v.maintenance(v.arrays, hold), v.maintenance(ra, hold), v.bound(hold)
			worst = max(worst, math.Abs(m-m0)/(k*math.Abs(price-spot)))
			// The tolerance covers float64 rounding in margins of
			// thousands of dollars.
			if math.Abs(m-m0) > k*math.Abs(price-spot)+1e-6*max(m0, 1) {
				t.Fatalf("account %d: margin %.6f at %.4f, %.6f at %.4f; bound %.6f × %.4f", i, m, price, m0, spot, k, math.Abs(price-spot))
			}
		}
	}
	t.Logf("largest share of the bound used: %.3f", worst)
}

// stressedParams returns the aware set issued at `at` of an incident.
func stressedParams(t *testing.T, f config.File, mc market.Config, inc Incident, at time.Time) *ParamSet {
	t.Helper()
	pipe, err := pipeline.New(f, 2*inc.Spacing)
	if err != nil {
		t.Fatal(err)
	}
	e := &engine{pipe: pipe, mc: mc, inc: inc, rejected: map[string]int{}}
	for row := range inc.Signals {
		if row.At.After(at) {
			break
		}
		e.observe(row)
	}
	mu, _, _, err := pipe.Evaluate(mc, at)
	if err != nil {
		t.Fatal(err)
	}
	return awareParams(mu, mu.MarginParams(mc), mu.Grid(mc), false)
}
