package service

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

var (
	soakOn    = flag.Bool("soak", false, "run BenchmarkSustainedIngest (it takes -soak.for)")
	soakFor   = flag.Duration("soak.for", 30*time.Second, "how long BenchmarkSustainedIngest publishes")
	soakRate  = flag.Int("soak.rate", 50_000, "signals per second BenchmarkSustainedIngest offers")
	soakBatch = flag.Int("soak.batch", 16, "signals per signed batch in BenchmarkSustainedIngest")
)

var (
	ingestKinds  = []string{"base_fee_gwei", "gas_used_ratio", "block_interval_s", "oracle_age_s"}
	ingestValues = []string{"20", "0.5", "12", "60"}
)

// ingestMessages signs n signals from seq+1 on, observed at now, as lone
// signals (batch 1) or as batches of that many, and returns the subjects
// and payloads to publish.
func ingestMessages(b testing.TB, signer nkeys.KeyPair, n, batch int, seq *uint64, now time.Time) ([]string, [][]byte) {
	var subjects []string
	var msgs [][]byte
	for i := 0; i < n; i += batch {
		bt := wire.Batch{V: wire.Version, Source: "eth-collector-1", Chain: "ethereum"}
		for j := i; j < min(i+batch, n); j++ {
			*seq++
			k := j % len(ingestKinds)
			bt.Signals = append(bt.Signals, wire.Signal{V: wire.Version, Source: "eth-collector-1", Chain: "ethereum", Kind: ingestKinds[k],
				Value: decimal.RequireFromString(ingestValues[k]), ObservedAt: now, Seq: *seq})
		}
		var data []byte
		var err error
		if batch == 1 {
			s := bt.Signals[0]
			if err = wire.Sign(&s, signer); err == nil {
				data, err = wire.Encode(s)
			}
			subjects = append(subjects, wire.Subject("ethereum", s.Kind))
		} else {
			if err = wire.SignBatch(&bt, signer); err == nil {
				data, err = wire.EncodeBatch(bt)
			}
			subjects = append(subjects, wire.BatchSubject("ethereum"))
		}
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, data)
	}
	return subjects, msgs
}

// settled returns the number of signals the engine has accepted or
// rejected.
func settled(svc *Service) float64 {
	var sum float64
	for _, k := range ingestKinds {
		sum += testutil.ToFloat64(svc.metrics.accepted.WithLabelValues("ethereum", k))
	}
	for _, r := range wire.Reasons() {
		sum += testutil.ToFloat64(svc.metrics.rejected.WithLabelValues(string(r)))
	}
	return sum
}

// BenchmarkIngest measures burst ingest on the embedded server: 50,000
// pre-signed signals (the producers' cost left out), as lone signals each
// with its signature or as signed batches, are published as fast as the
// connection takes them, and the clock stops when the engine has accepted
// them all. It reports signals per second and the process's resident
// memory afterwards.
func BenchmarkIngest(b *testing.B) {
	for _, batch := range []int{1, 16} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			const n = 50_000
			svc, nc, signer := benchEngine(b, "")
			seq := uint64(time.Now().UnixNano())
			var rate []float64
			for b.Loop() {
				b.StopTimer()
				subjects, msgs := ingestMessages(b, signer, n, batch, &seq, time.Now())
				before := settled(svc)
				b.StartTimer()
				start := time.Now()
				for i, m := range msgs {
					nc.Publish(subjects[i], m)
				}
				nc.Flush()
				for settled(svc)-before < n {
					if time.Since(start) > time.Minute {
						b.Fatalf("settled %g of %d in a minute", settled(svc)-before, n)
					}
					time.Sleep(time.Millisecond)
				}
				rate = append(rate, n/time.Since(start).Seconds())
			}
			if rejected := rejectedTotal(svc); rejected > 0 {
				b.Fatalf("%g signals rejected", rejected)
			}
			var sum float64
			for _, r := range rate {
				sum += r
			}
			b.ReportMetric(sum/float64(len(rate)), "signals/s")
			b.ReportMetric(float64(rssKiB())/1024, "RSS-MiB")
		})
	}
}

func rejectedTotal(svc *Service) float64 {
	var sum float64
	for _, r := range wire.Reasons() {
		sum += testutil.ToFloat64(svc.metrics.rejected.WithLabelValues(string(r)))
	}
	return sum
}

// BenchmarkSustainedIngest offers -soak.rate signals a second for -soak.for
// (50,000 a second for 30 s by default) to an engine on the embedded
// server, in signed batches of -soak.batch signed as they go out, the way
// collectors publish, paced every 10 ms. Every second it samples the
// backlog (signals published but not yet settled, accepted or rejected)
// and the process's resident memory. It reports the rate the engine
// settled, the largest backlog and the backlog at the end of each half of
// the run (no growth means the engine keeps up), messages the NATS client
// dropped, and the largest and last RSS.
//
// A slow consumer is attached (20 ms an update, 64 waiting at most) and the
// consumer library with a pending limit of one: the run reports updates a
// second and signals per update (the engine coalesces), what each consumer
// dropped and received, the library's resyncs, and fails unless both end
// on the engine's newest update, the slow one read from the bucket. Run
// it alone:
//
//	go test ./engine/service/ -run '^$' -bench SustainedIngest -benchtime 1x -soak
//
// (make bench runs it so, once). Without -soak it is skipped, so that
// -bench . stays short.
//
// RSS is the whole test process: engine, embedded nats-server and the
// producer together.
func BenchmarkSustainedIngest(b *testing.B) {
	if !*soakOn {
		b.Skip("a 30-second soak: run with -soak")
	}
	svc, nc, signer := benchEngine(b, "")
	warm(b, svc, nc, signer)
	url := svc.ClientURL()
	slow := attachSlowConsumer(b, url, 20*time.Millisecond, 64)
	enginePub, _ := keys.PublicKey(svc.opts.EngineKey)
	follower := followingClient(b, url, enginePub)
	for b.Loop() {
		updates := publishedTotal(svc)
		start := time.Now()
		r := soak(b, svc, nc, signer, *soakFor, *soakRate, *soakBatch)
		updates = publishedTotal(svc) - updates
		got := slow.recovered(b, svc, map[string]bool{enginePub: true}, 10*time.Second)
		for deadline := time.Now().Add(10 * time.Second); follower.Current().Seq < got; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatalf("the client is at seq %d, the engine at %d: %+v", follower.Current().Seq, got, follower.Stats())
			}
		}
		st := follower.Stats()
		b.ReportMetric(updates/time.Since(start).Seconds(), "updates/s")
		b.ReportMetric(r.settledRate*time.Since(start).Seconds()/max(updates, 1), "signals/update")
		b.ReportMetric(float64(slow.dropped()), "slow-dropped")
		b.ReportMetric(float64(slow.received.Load()), "slow-received")
		b.ReportMetric(float64(st.Dropped), "client-dropped")
		b.ReportMetric(float64(st.Resyncs), "client-resyncs")
		b.ReportMetric(r.settledRate, "signals/s")
		b.ReportMetric(r.offeredRate, "offered/s")
		b.ReportMetric(r.backlogMax, "backlog-max")
		b.ReportMetric(r.backlogMid, "backlog-max-h1")
		b.ReportMetric(r.backlogEnd, "backlog-max-h2")
		b.ReportMetric(r.dropped, "dropped")
		b.ReportMetric(r.rssMax/1024, "RSS-max-MiB")
		b.ReportMetric(r.rssEnd/1024, "RSS-end-MiB")
	}
}

type soakResult struct {
	settledRate, offeredRate, backlogMax, backlogMid, backlogEnd, dropped, rssMax, rssEnd float64
}

func soak(b *testing.B, svc *Service, nc *nats.Conn, signer nkeys.KeyPair, d time.Duration, rate, batch int) soakResult {
	const tick = 10 * time.Millisecond
	perTick := rate * int(tick) / int(time.Second)
	seq := uint64(time.Now().UnixNano())
	base := settled(svc)
	var published int
	var backlog []float64
	var r soakResult
	sample := time.NewTicker(time.Second)
	defer sample.Stop()
	pace := time.NewTicker(tick)
	defer pace.Stop()
	start := time.Now()
	for time.Since(start) < d {
		select {
		case <-pace.C:
			// Publish what the rate owes by now, so a late tick catches up.
			owed := min(int(float64(rate)*time.Since(start).Seconds())-published, 10*perTick)
			if owed <= 0 {
				continue
			}
			subjects, msgs := ingestMessages(b, signer, owed, batch, &seq, time.Now())
			for i, m := range msgs {
				if err := nc.Publish(subjects[i], m); err != nil {
					b.Fatal(err)
				}
			}
			published += owed
		case <-sample.C:
			bl := float64(published) - (settled(svc) - base)
			backlog = append(backlog, bl)
			r.backlogMax = max(r.backlogMax, bl)
			rss := float64(rssKiB())
			r.rssMax, r.rssEnd = max(r.rssMax, rss), rss
		}
	}
	nc.Flush()
	elapsed := time.Since(start)
	settledAtEnd := settled(svc) - base
	for settled(svc)-base < float64(published) && time.Since(start) < d+30*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	if rejected := rejectedTotal(svc); rejected > 0 {
		b.Fatalf("%g signals rejected", rejected)
	}
	r.settledRate = settledAtEnd / elapsed.Seconds()
	r.offeredRate = float64(published) / elapsed.Seconds()
	if n := len(backlog); n > 0 {
		r.backlogMid, r.backlogEnd = slices.Max(backlog[:n/2+1]), slices.Max(backlog[n/2:])
	}
	dropped, _ := svc.sub.Dropped()
	r.dropped = float64(dropped)
	return r
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

// warm publishes every watched kind once, signed by signer, and waits for
// the market's first update, so that signals move parameters from then on.
func warm(b *testing.B, svc *Service, nc *nats.Conn, signer nkeys.KeyPair) {
	b.Helper()
	sub, err := nc.SubscribeSync(update.Subject(ethOptions))
	if err != nil {
		b.Fatal(err)
	}
	defer sub.Unsubscribe()
	p := wire.NewPublisher(nc, "eth-collector-1", signer)
	for kind, v := range healthy {
		if err := p.Publish(context.Background(), "ethereum", kind, decimal.RequireFromString(v), time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := sub.NextMsg(10 * time.Second); err != nil {
		b.Fatalf("no first update: %v", err)
	}
}
