package wire_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// startNATS runs a real nats-server in the process and connects to it.
func startNATS(t *testing.T) *nats.Conn {
	t.Helper()
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(5 * time.Second) {
		s.Shutdown()
		t.Fatal("nats-server not ready")
	}
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		s.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		nc.Close()
		s.Shutdown()
		s.WaitForShutdown()
	})
	return nc
}

// receive reads n messages from sub.
func receive(t *testing.T, sub *nats.Subscription, n int) []*nats.Msg {
	t.Helper()
	msgs := make([]*nats.Msg, 0, n)
	for len(msgs) < n {
		m, err := sub.NextMsg(5 * time.Second)
		if err != nil {
			t.Fatalf("after %d of %d messages: %v", len(msgs), n, err)
		}
		msgs = append(msgs, m)
	}
	return msgs
}

// TestPublisherOverNATS: signals published concurrently from one publisher
// arrive on their subjects with strictly increasing seqs, decode and
// verify; a publisher started later for the same source (a restarted
// collector) continues above them.
func TestPublisherOverNATS(t *testing.T) {
	nc := startNATS(t)
	sub, err := nc.SubscribeSync(wire.SubjectAll)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	kp := newKey(t)
	v, err := wire.NewVerifier(wire.VerifierOptions{
		Trusted:    map[string]string{"eth-collector-1": publicKey(t, kp)},
		CheckValue: checkValue,
	})
	if err != nil {
		t.Fatal(err)
	}
	before := uint64(time.Now().UnixNano())
	p := wire.NewPublisher(nc, "eth-collector-1", kp)

	const workers, each = 4, 25
	kinds := []string{"base_fee_gwei", "oracle_deviation"}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				kind := kinds[(w+i)%2]
				if err := p.Publish(context.Background(), "ethereum", kind, decimal.New(int64(i), -2), time.Now()); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()

	var last uint64
	for i, m := range receive(t, sub, workers*each) {
		s, err := wire.Decode(m.Data)
		if err != nil {
			t.Fatal(err)
		}
		if m.Subject != wire.Subject("ethereum", s.Kind) {
			t.Errorf("%s arrived on %s", s.Kind, m.Subject)
		}
		if err := v.Verify(s, m.Subject, time.Now()); err != nil {
			t.Errorf("message %d: %v", i, err)
		}
		if i == 0 && s.Seq < before {
			t.Errorf("first seq %d is below the start time %d", s.Seq, before)
		}
		if i > 0 && s.Seq != last+1 {
			t.Errorf("seq %d after %d", s.Seq, last)
		}
		last = s.Seq
	}

	restarted := wire.NewPublisher(nc, "eth-collector-1", kp)
	if err := restarted.Publish(context.Background(), "ethereum", "base_fee_gwei", decimal.NewFromInt(20), time.Now()); err != nil {
		t.Fatal(err)
	}
	m := receive(t, sub, 1)[0]
	s, err := wire.Decode(m.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(s, m.Subject, time.Now()); err != nil {
		t.Errorf("restarted publisher: %v", err)
	}
}

// TestPublishRefusals: an invalid signal or a done context is refused,
// nothing is sent and no seq is used up.
func TestPublishRefusals(t *testing.T) {
	nc := startNATS(t)
	sub, err := nc.SubscribeSync(wire.SubjectAll)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	p := wire.NewPublisher(nc, "eth-collector-1", newKey(t))
	ctx := context.Background()
	publish := func(chain string) error {
		return p.Publish(ctx, chain, "base_fee_gwei", decimal.NewFromInt(1), time.Now())
	}
	if err := publish("ethereum"); err != nil {
		t.Fatal(err)
	}
	if err := publish("Ethereum"); err == nil || !strings.Contains(err.Error(), `field "chain"`) {
		t.Errorf("invalid chain: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.Publish(cancelled, "ethereum", "base_fee_gwei", decimal.NewFromInt(1), time.Now()); err == nil {
		t.Error("published with a cancelled context")
	}
	if err := publish("ethereum"); err != nil {
		t.Fatal(err)
	}
	msgs := receive(t, sub, 2)
	a, errA := wire.Decode(msgs[0].Data)
	b, errB := wire.Decode(msgs[1].Data)
	if errA != nil || errB != nil || b.Seq != a.Seq+1 {
		t.Errorf("seqs %d then %d (%v, %v)", a.Seq, b.Seq, errA, errB)
	}
	if m, err := sub.NextMsg(100 * time.Millisecond); err == nil {
		t.Errorf("unexpected message %s", m.Data)
	}
	nc.Close()
	if err := publish("ethereum"); err == nil {
		t.Error("published on a closed connection")
	}
}
