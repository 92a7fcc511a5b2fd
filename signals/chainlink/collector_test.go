package chainlink

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/infrarisk/infrarisk/signals/collect"
)

func TestUnreachableNodeIsRetriedThenReportedDown(t *testing.T) {
	c := newChain(t)
	feed := c.priceFeed(8)
	now := c.head()
	c.answer(feed, units("1800", 8), now, now)
	coll := newCollector(t, Options{
		Caller: c.client, Now: fixedClock(now),
		Feeds:   []Feed{{Name: "eth-usd", Address: feed, Heartbeat: time.Hour}},
		Timeout: 300 * time.Millisecond,
		Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
	})
	c.sim.Close()
	obs, err := coll.Poll(context.Background())
	// Retried until the poll's deadline, not given up after one try.
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Poll error %v, want the poll's deadline", err)
	}
	if len(obs) != 1 || up(t, obs) {
		t.Errorf("poll %v, want collector_up 0 alone", obs)
	}
}

func TestMissingContractIsNotRetried(t *testing.T) {
	c := newChain(t)
	now := c.head()
	coll := newCollector(t, Options{
		Caller: c.client, Now: fixedClock(now), Timeout: 30 * time.Second,
		Feeds: []Feed{{Name: "eth-usd", Address: common.HexToAddress("0xdead"), Heartbeat: time.Hour}},
	})
	start := time.Now()
	obs, err := coll.Poll(context.Background())
	if !errors.Is(err, bind.ErrNoCode) || !errors.Is(err, collect.ErrPermanent) {
		t.Fatalf("Poll error %v, want no contract code, permanent", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Poll took %v: a missing contract was retried", d)
	}
	if len(obs) != 1 || up(t, obs) {
		t.Errorf("poll %v, want collector_up 0 alone", obs)
	}
}

func TestRunEmitsEveryPollAndStopsWhenContextEnds(t *testing.T) {
	c := newChain(t)
	feed := c.priceFeed(8)
	now := c.head()
	c.answer(feed, units("1800", 8), now-5, now-5)
	var sink collect.Memory
	coll := newCollector(t, Options{
		Caller: c.client, Now: fixedClock(now), Sink: &sink, PollInterval: 20 * time.Millisecond,
		Feeds: []Feed{{Name: "eth-usd", Address: feed, Heartbeat: time.Hour}},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- coll.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.Kind(collect.KindCollectorUp)) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s, %d polls emitted, want 3", len(sink.Kind(collect.KindCollectorUp)))
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return 5 s after its context ended")
	}
	for _, o := range sink.Kind(KindOracleAge) {
		if o.Value.IntPart() != 5 {
			t.Errorf("Run emitted %v, want oracle_age_s 5", o)
		}
	}
	if n, m := len(sink.Kind(KindOracleAge)), len(sink.Kind(collect.KindCollectorUp)); n != m {
		t.Errorf("%d oracle_age_s for %d polls, want one each", n, m)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	c := newChain(t)
	feed := common.HexToAddress("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419")
	good := func() Options {
		return Options{Chain: "ethereum", Caller: c.client, Sink: &collect.Memory{},
			Feeds: []Feed{{Name: "eth-usd", Address: feed, Heartbeat: time.Hour}}}
	}
	if _, err := New(good()); err != nil {
		t.Fatalf("New(good options): %v", err)
	}
	source := PriceSourceFunc(nil)
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"bad chain name", func(o *Options) { o.Chain = "Ethereum Mainnet" }, `chain "Ethereum Mainnet" is not a valid signal name`},
		{"no caller", func(o *Options) { o.Caller = nil }, "no caller"},
		{"no sink", func(o *Options) { o.Sink = nil }, "no sink"},
		{"nothing to read", func(o *Options) { o.Feeds = nil }, "no feeds and no sequencer feed"},
		{"unnamed feed", func(o *Options) { o.Feeds[0].Name = "" }, "feed 0 has no name"},
		{"repeated name", func(o *Options) { o.Feeds = append(o.Feeds, o.Feeds[0]) }, `feed name "eth-usd" repeated`},
		{"no heartbeat", func(o *Options) { o.Feeds[0].Heartbeat = 0 }, `feed "eth-usd" has no heartbeat`},
		{"two references", func(o *Options) { o.Feeds[0].Reference, o.Feeds[0].ReferenceSource = &feed, source }, `feed "eth-usd" has both a reference feed and a reference source`},
		{"negative interval", func(o *Options) { o.PollInterval = -time.Second }, "negative duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(&o)
			_, err := New(o)
			if err == nil || !strings.Contains(err.Error(), "chainlink: "+tc.want) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
}
