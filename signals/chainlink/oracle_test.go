package chainlink

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/shopspring/decimal"
)

func TestOracleAgeIsSecondsSinceTheLastUpdate(t *testing.T) {
	c := newChain(t)
	for _, tc := range []struct {
		name      string
		advance   time.Duration
		heartbeat time.Duration
		stale     bool
	}{
		{"within its heartbeat", 20 * time.Minute, time.Hour, false},
		{"beyond its heartbeat", 3 * time.Hour, time.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feed := c.priceFeed(8)
			updated := c.head()
			c.answer(feed, units("1800", 8), updated, updated)
			c.advance(tc.advance)
			// The clock reads the new head's time; the age is measured by
			// the chain's own clock, independently of the collector.
			now := c.head()
			elapsed := now - updated
			if elapsed < uint64(tc.advance/time.Second) {
				t.Fatalf("chain advanced %d s, want at least %v", elapsed, tc.advance)
			}
			logger, logs := newLogger()
			coll := newCollector(t, Options{
				Caller: c.client, Logger: logger, Now: fixedClock(now),
				Feeds: []Feed{{Name: "eth-usd", Address: feed, Heartbeat: tc.heartbeat}},
			})
			obs, err := coll.Poll(context.Background())
			if err != nil {
				t.Fatalf("Poll: %v", err)
			}
			if got, want := only(t, obs, KindOracleAge), decimal.NewFromInt(int64(elapsed)); !got.Equal(want) {
				t.Errorf("oracle_age_s = %s, want %s", got, want)
			}
			if !up(t, obs) {
				t.Error("collector_up = 0 after a good read")
			}
			warned := logs.lines("level=WARN", "older than its heartbeat", "feed=eth-usd")
			if tc.stale && len(warned) != 1 {
				t.Errorf("no heartbeat warning for an answer %d s old (heartbeat %v)", elapsed, tc.heartbeat)
			}
			if !tc.stale && len(warned) != 0 {
				t.Errorf("heartbeat warning for a fresh answer: %q", warned)
			}
			for _, o := range obs {
				if !o.At.Equal(time.Unix(int64(now), 0)) || o.Chain != "ethereum" {
					t.Errorf("observation %v not stamped ethereum at the clock's %d", o, now)
				}
			}
		})
	}
}

func TestOracleUpdatedInTheFutureHasAgeZeroAndAWarning(t *testing.T) {
	c := newChain(t)
	feed := c.priceFeed(8)
	now := c.head()
	c.answer(feed, units("1800", 8), now+60, now+60)
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Caller: c.client, Logger: logger, Now: fixedClock(now),
		Feeds: []Feed{{Name: "eth-usd", Address: feed, Heartbeat: time.Hour}},
	})
	obs, err := coll.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if got := only(t, obs, KindOracleAge); !got.IsZero() {
		t.Errorf("oracle_age_s = %s, want 0", got)
	}
	if len(logs.lines("level=WARN", "in the future", "feed=eth-usd")) != 1 {
		t.Error("no warning for an updatedAt 60 s in the future")
	}
}

func TestOracleDeviationFromItsReference(t *testing.T) {
	c := newChain(t)
	now := c.head()
	// An 18-decimal reference feed checks that each answer is scaled by its
	// own feed's decimals.
	ref := c.priceFeed(18)
	c.answer(ref, units("2000", 18), now, now)
	source := func(p string) PriceSource {
		return PriceSourceFunc(func(context.Context) (decimal.Decimal, error) { return decimal.RequireFromString(p), nil })
	}
	for _, tc := range []struct {
		name   string
		answer string // 8 decimals, as ETH / USD feeds have
		feed   Feed
		want   string
	}{
		// |1800 − 2000| / 2000 = 200 / 2000.
		{"below a reference feed", "1800.00", Feed{Reference: &ref}, "0.1"},
		{"below a price source", "1800.00", Feed{ReferenceSource: source("2000")}, "0.1"},
		// |2100 − 2000| / 2000 = 100 / 2000.
		{"above a price source", "2100", Feed{ReferenceSource: source("2000")}, "0.05"},
		{"equal to its reference", "2000", Feed{Reference: &ref}, "0"},
		// |1 − 3| / 3 = 2/3, rounded to 18 places.
		{"a repeating ratio", "1", Feed{ReferenceSource: source("3")}, "0.666666666666666667"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feed := c.priceFeed(8)
			c.answer(feed, units(tc.answer, 8), now, now)
			f := tc.feed
			f.Name, f.Address, f.Heartbeat = "eth-usd", feed, time.Hour
			coll := newCollector(t, Options{Caller: c.client, Now: fixedClock(now), Feeds: []Feed{f}})
			obs, err := coll.Poll(context.Background())
			if err != nil {
				t.Fatalf("Poll: %v", err)
			}
			if got, want := only(t, obs, KindOracleDeviation), decimal.RequireFromString(tc.want); !got.Equal(want) {
				t.Errorf("oracle_deviation = %s, want %s", got, want)
			}
		})
	}
}

func TestOneObservationPerKindFromTheWorstFeed(t *testing.T) {
	c := newChain(t)
	now := c.head()
	ref := c.priceFeed(8)
	c.answer(ref, units("2000", 8), now, now)
	older, moreDeviated := c.priceFeed(8), c.priceFeed(8)
	c.answer(older, units("1900", 8), now-100, now-100)      // 100 s old, 0.05 off
	c.answer(moreDeviated, units("1800", 8), now-30, now-30) // 30 s old, 0.1 off
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Caller: c.client, Logger: logger, Now: fixedClock(now),
		Feeds: []Feed{
			{Name: "older", Address: older, Heartbeat: time.Hour, Reference: &ref},
			{Name: "more-deviated", Address: moreDeviated, Heartbeat: time.Hour, Reference: &ref},
		},
	})
	obs, err := coll.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if got := only(t, obs, KindOracleAge); !got.Equal(decimal.NewFromInt(100)) {
		t.Errorf("oracle_age_s = %s, want the older feed's 100", got)
	}
	if got := only(t, obs, KindOracleDeviation); !got.Equal(decimal.RequireFromString("0.1")) {
		t.Errorf("oracle_deviation = %s, want the more deviated feed's 0.1", got)
	}
	if len(logs.lines("kind="+KindOracleAge, "feed=older")) != 1 || len(logs.lines("kind="+KindOracleDeviation, "feed=more-deviated")) != 1 {
		t.Errorf("the log does not name the worst feed of each kind:\n%s", strings.Join(logs.lines("worst feed"), "\n"))
	}
}

func TestInvalidRoundsYieldNoValue(t *testing.T) {
	c := newChain(t)
	now := c.head()
	t0 := new(big.Int).SetUint64(now)
	for _, tc := range []struct {
		name   string
		round  func(feed common.Address) // nil: no round written
		reason string
	}{
		{"no round yet", nil, "updatedAt is 0"},
		{"answer zero", func(f common.Address) { c.answer(f, big.NewInt(0), now, now) }, "answer 0 is not positive"},
		{"negative answer", func(f common.Address) { c.answer(f, big.NewInt(-1), now, now) }, "answer -1 is not positive"},
		{"updatedAt zero", func(f common.Address) { c.answer(f, units("1800", 8), now, 0) }, "updatedAt is 0"},
		{"answered in an earlier round", func(f common.Address) {
			c.send(f, c.mock.PackSetRound(big.NewInt(5), units("1800", 8), t0, t0, big.NewInt(4)))
		}, "answered in round 4, before round 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feed := c.priceFeed(8)
			if tc.round != nil {
				tc.round(feed)
			}
			coll := newCollector(t, Options{
				Caller: c.client, Now: fixedClock(now),
				Feeds: []Feed{{Name: "eth-usd", Address: feed, Heartbeat: time.Hour,
					ReferenceSource: PriceSourceFunc(func(context.Context) (decimal.Decimal, error) { return decimal.NewFromInt(2000), nil })}},
			})
			obs, err := coll.Poll(context.Background())
			var ire *InvalidRoundError
			if !errors.Is(err, ErrInvalidRound) || !errors.As(err, &ire) {
				t.Fatalf("Poll error %v, want an invalid round", err)
			}
			if ire.Feed != "eth-usd" || !strings.Contains(ire.Reason, tc.reason) {
				t.Errorf("invalid round of %q because %q, want eth-usd because %q", ire.Feed, ire.Reason, tc.reason)
			}
			if v := append(values(obs, KindOracleAge), values(obs, KindOracleDeviation)...); len(v) != 0 {
				t.Errorf("values %v emitted from an invalid round", v)
			}
			if up(t, obs) {
				t.Error("collector_up = 1 after an invalid round")
			}
		})
	}
}

func TestAFeedThatCannotBeReadWithholdsItsKind(t *testing.T) {
	c := newChain(t)
	now := c.head()
	good, ref, broken := c.priceFeed(8), c.priceFeed(8), c.priceFeed(8)
	c.answer(good, units("1800", 8), now-10, now-10)
	c.answer(ref, units("2000", 8), now, now)
	c.answer(broken, big.NewInt(0), now-500, now-500)
	failing := PriceSourceFunc(func(context.Context) (decimal.Decimal, error) {
		return decimal.Decimal{}, errors.New("exchange API down")
	})

	for _, tc := range []struct {
		name            string
		feeds           []Feed
		wantAge, errMsg string // wantAge "" = none
	}{
		{
			// The broken feed may be the oldest: a maximum over the good
			// one alone could understate it.
			name: "an invalid feed among good ones",
			feeds: []Feed{
				{Name: "good", Address: good, Heartbeat: time.Hour},
				{Name: "broken", Address: broken, Heartbeat: time.Hour},
			},
			errMsg: "feed broken",
		},
		{
			name:    "a failed price source",
			feeds:   []Feed{{Name: "good", Address: good, Heartbeat: time.Hour, ReferenceSource: failing}},
			wantAge: "10", errMsg: "exchange API down",
		},
		{
			name:    "an invalid reference feed",
			feeds:   []Feed{{Name: "good", Address: good, Heartbeat: time.Hour, Reference: &broken}},
			wantAge: "10", errMsg: "good reference",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			coll := newCollector(t, Options{Caller: c.client, Now: fixedClock(now), Feeds: tc.feeds})
			obs, err := coll.Poll(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.errMsg) {
				t.Fatalf("Poll error %v, want one mentioning %q", err, tc.errMsg)
			}
			if d := values(obs, KindOracleDeviation); len(d) != 0 {
				t.Errorf("oracle_deviation %v emitted without its reference", d)
			}
			ages := values(obs, KindOracleAge)
			switch {
			case tc.wantAge == "" && len(ages) != 0:
				t.Errorf("oracle_age_s %v emitted with a feed unread", ages)
			case tc.wantAge != "" && (len(ages) != 1 || !ages[0].Equal(decimal.RequireFromString(tc.wantAge))):
				t.Errorf("oracle_age_s %v, want [%s]", ages, tc.wantAge)
			}
			if up(t, obs) {
				t.Error("collector_up = 1 after a failed read")
			}
		})
	}
}
