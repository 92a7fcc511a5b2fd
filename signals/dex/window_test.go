package dex

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestPeakWindow(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	var w peakWindow
	if _, ok := w.peak(t0, time.Hour); ok {
		t.Fatal("peak of an empty window")
	}
	// Depth 100 from 0, 300 from 10 to 20, 200 from 20, 50 from 40, 80 from 90.
	steps := []struct {
		at    int
		depth string
	}{{0, "100"}, {10, "300"}, {20, "200"}, {40, "50"}, {90, "80"}}
	checks := []struct {
		at   int // minutes, after the steps up to that time
		want string
	}{
		{0, "100"}, {10, "300"}, {20, "300"}, {40, "300"},
		{79, "300"}, // 300 was in effect until 20: within (19, 79]
		{80, "200"}, // 300 ended at 20 = 80 − 60: out; 200 in effect until 40
		{99, "200"},
		{100, "80"}, // 200 ended at 40 = 100 − 60: out; 50 and 80 in
	}
	i := 0
	for _, c := range checks {
		for i < len(steps) && steps[i].at <= c.at {
			w.add(at(steps[i].at), d(steps[i].depth))
			i++
		}
		if got, ok := w.peak(at(c.at), time.Hour); !ok || !got.Equal(d(c.want)) {
			t.Errorf("peak at minute %d = %s, want %s", c.at, got, c.want)
		}
	}
}

func TestSwapWindow(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	var w swapWindow
	w.add(swapCount{at: t0, swaps: 3, victims: 1, liquidations: 1})
	w.add(swapCount{at: t0.Add(30 * time.Minute), swaps: 5, victims: 2})
	for _, tc := range []struct {
		after time.Duration
		want  swapCount
	}{
		{30 * time.Minute, swapCount{swaps: 8, victims: 3, liquidations: 1}},
		{time.Hour - time.Second, swapCount{swaps: 8, victims: 3, liquidations: 1}},
		{time.Hour, swapCount{swaps: 5, victims: 2}},
		{90 * time.Minute, swapCount{}},
	} {
		if got := w.total(t0.Add(tc.after), time.Hour); got != tc.want {
			t.Errorf("total %v after the first block = %+v, want %+v", tc.after, got, tc.want)
		}
	}
}
