package service

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// BenchmarkIngest measures sustained ingest on the embedded server: 50,000
// pre-signed signals (the producers' cost left out) are published as fast
// as the connection takes them, and the clock stops when the engine has
// accepted them all. It reports signals per second and the process's
// resident memory afterwards.
func BenchmarkIngest(b *testing.B) {
	const n = 50_000
	svc, nc, signer := benchEngine(b, "")
	kinds := []string{"base_fee_gwei", "gas_used_ratio", "block_interval_s", "oracle_age_s"}
	values := []string{"20", "0.5", "12", "60"}
	seq := uint64(time.Now().UnixNano())
	accepted := func() float64 {
		var sum float64
		for _, k := range kinds {
			sum += testutil.ToFloat64(svc.metrics.accepted.WithLabelValues("ethereum", k))
		}
		return sum
	}
	var rate []float64
	for b.Loop() {
		b.StopTimer()
		msgs := make([][]byte, n)
		subjects := make([]string, n)
		now := time.Now()
		for i := range msgs {
			seq++
			k := i % len(kinds)
			s := wire.Signal{V: 1, Source: "eth-collector-1", Chain: "ethereum", Kind: kinds[k],
				Value: decimal.RequireFromString(values[k]), ObservedAt: now, Seq: seq}
			if err := wire.Sign(&s, signer); err != nil {
				b.Fatal(err)
			}
			msgs[i], _ = wire.Encode(s)
			subjects[i] = wire.Subject("ethereum", kinds[k])
		}
		before := accepted()
		b.StartTimer()
		start := time.Now()
		for i, m := range msgs {
			nc.Publish(subjects[i], m)
		}
		nc.Flush()
		for accepted()-before < n {
			if time.Since(start) > time.Minute {
				b.Fatalf("accepted %g of %d in a minute", accepted()-before, n)
			}
			time.Sleep(time.Millisecond)
		}
		rate = append(rate, n/time.Since(start).Seconds())
	}
	var sum float64
	for _, r := range rate {
		sum += r
	}
	b.ReportMetric(sum/float64(len(rate)), "signals/s")
	b.ReportMetric(float64(rssKiB())/1024, "RSS-MiB")
}

// rssKiB reads the process's resident set size from /proc (0 elsewhere).
func rssKiB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			v, _ := strconv.Atoi(f[1])
			return v
		}
	}
	return 0
}
