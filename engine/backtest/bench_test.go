package backtest

import (
	"context"
	"testing"
	"time"
)

// BenchmarkYearMinuteSteps is the performance budget's run: a synthetic
// year at 1-minute steps (525,601 steps, 4.2 million signals through the
// engine's pipeline) against 1,000 generated accounts, static and aware
// side by side, without a timeline. The year is drawn from seed 1 in
// memory before the timer starts.
func BenchmarkYearMinuteSteps(b *testing.B) {
	inc := Synthetic(1, 365*24*time.Hour, time.Minute)
	opts := DefaultOptions()
	opts.Config = exampleConfig(b)
	opts.Accounts = 1000
	opts.Timeline = false
	b.ResetTimer()
	for b.Loop() {
		r, err := Run(context.Background(), inc, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.Steps), "steps")
		b.ReportMetric(float64(r.Runs[0].Revaluations+r.Runs[1].Revaluations), "revaluations")
		b.ReportMetric(float64(r.Runs[0].Liquidations+r.Runs[1].Liquidations), "liquidations")
	}
}

// BenchmarkIncident runs recorded incidents as make backtest does: the
// default book of 500 accounts, both runs, with a timeline.
func BenchmarkIncident(b *testing.B) {
	for _, name := range []string{"black-thursday-2020", "calm-2023-q4"} {
		b.Run(name, func(b *testing.B) {
			inc := incident(b, name)
			opts := DefaultOptions()
			opts.Config = exampleConfig(b)
			for b.Loop() {
				if _, err := Run(context.Background(), inc, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
