package chainlink

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/uptimefeed"
)

func TestSequencerStatusFlips(t *testing.T) {
	c := newChain(t)
	feed := c.deploy(uptimefeed.SequencerUptimeFeedMetaData.Bin, nil)
	t0 := c.head()
	t1, t2 := t0+700, t0+800
	now := t0
	coll := newCollector(t, Options{
		Caller: c.client, Sequencer: &feed,
		Now: func() time.Time { return time.Unix(int64(now), 0) },
	})
	type status struct {
		down      bool
		startedAt uint64
	}
	for _, step := range []struct {
		name   string
		set    *status // nil: no new round
		now    uint64
		up     int64
		ageS   int64
		reason string // for an invalid round
	}{
		{name: "up since t0", set: &status{false, t0}, now: t0 + 600, up: 1, ageS: 600},
		{name: "down at t1", set: &status{true, t1}, now: t1 + 30, up: 0, ageS: 30},
		{name: "up again at t2", set: &status{false, t2}, now: t2 + 5, up: 1, ageS: 5},
		{name: "still up, later", now: t2 + 65, up: 1, ageS: 65},
		// Chainlink's uptime feeds report startedAt 0 for an invalid
		// round: that is not "up".
		{name: "invalid round", set: &status{false, 0}, now: t2 + 70, reason: "startedAt is 0"},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.set != nil {
				c.send(feed, c.uptime.PackUpdateStatus(step.set.down, step.set.startedAt))
			}
			now = step.now
			obs, err := coll.Poll(context.Background())
			if step.reason != "" {
				var ire *InvalidRoundError
				if !errors.As(err, &ire) || !strings.Contains(ire.Reason, step.reason) {
					t.Fatalf("Poll error %v, want an invalid round because %q", err, step.reason)
				}
				if v := append(values(obs, KindSequencerUp), values(obs, KindSequencerStatusAge)...); len(v) != 0 {
					t.Errorf("values %v emitted from an invalid round", v)
				}
				if up(t, obs) {
					t.Error("collector_up = 1 after an invalid round")
				}
				return
			}
			if err != nil {
				t.Fatalf("Poll: %v", err)
			}
			if got := only(t, obs, KindSequencerUp); !got.Equal(decimal.NewFromInt(step.up)) {
				t.Errorf("sequencer_up = %s, want %d", got, step.up)
			}
			if got := only(t, obs, KindSequencerStatusAge); !got.Equal(decimal.NewFromInt(step.ageS)) {
				t.Errorf("sequencer_status_age_s = %s, want %d", got, step.ageS)
			}
			if !up(t, obs) {
				t.Error("collector_up = 0 after a good read")
			}
		})
	}
}

func TestSequencerAnswerOtherThanUpOrDownIsInvalid(t *testing.T) {
	c := newChain(t)
	feed := c.deploy(uptimefeed.SequencerUptimeFeedMetaData.Bin, nil)
	now := c.head()
	c.send(feed, c.uptime.PackSetAnswer(big.NewInt(2), new(big.Int).SetUint64(now)))
	coll := newCollector(t, Options{Caller: c.client, Sequencer: &feed, Now: fixedClock(now)})
	obs, err := coll.Poll(context.Background())
	if !errors.Is(err, ErrInvalidRound) || !strings.Contains(err.Error(), "answer 2 is neither 0 (up) nor 1 (down)") {
		t.Fatalf("Poll error %v, want an invalid round for answer 2", err)
	}
	if v := values(obs, KindSequencerUp); len(v) != 0 {
		t.Errorf("sequencer_up %v emitted for answer 2", v)
	}
}

// The sequencer and the price feeds are independent: a bad sequencer
// round does not hide the prices.
func TestSequencerAndFeedsInOnePoll(t *testing.T) {
	c := newChain(t)
	seq := c.deploy(uptimefeed.SequencerUptimeFeedMetaData.Bin, nil)
	price := c.priceFeed(8)
	now := c.head()
	c.answer(price, units("1800", 8), now-20, now-20)
	coll := newCollector(t, Options{
		Caller: c.client, Now: fixedClock(now), Sequencer: &seq,
		Feeds: []Feed{{Name: "eth-usd", Address: price, Heartbeat: time.Hour}},
	})
	obs, err := coll.Poll(context.Background()) // the uptime feed has no round yet
	if !errors.Is(err, ErrInvalidRound) {
		t.Fatalf("Poll error %v, want an invalid sequencer round", err)
	}
	if got := only(t, obs, KindOracleAge); !got.Equal(decimal.NewFromInt(20)) {
		t.Errorf("oracle_age_s = %s, want 20", got)
	}
	c.send(seq, c.uptime.PackUpdateStatus(false, now-3600))
	obs, err = coll.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if only(t, obs, KindSequencerUp).IntPart() != 1 || only(t, obs, KindSequencerStatusAge).IntPart() != 3600 || !up(t, obs) {
		t.Errorf("poll %v, want the sequencer up for 3600 s and collector_up 1", obs)
	}
}
