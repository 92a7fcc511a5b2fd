package beacon

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// sample is a participation sample of 1000 validators, 400000 to 400999.
// The test node makes the first participation × 1000 of them live in each
// epoch, so their live share is the epoch's published participation.
func sample() []uint64 {
	s := make([]uint64, 1000)
	for i := range s {
		s[i] = 400000 + uint64(i)
	}
	return s
}

// sampleLive makes the node's sample validators live in proportion to each
// epoch's final votes.
func sampleLive(n *node) func(epoch, index uint64) bool {
	return func(epoch, index uint64) bool {
		pos := decimal.NewFromUint64(index - 400000)
		return index >= 400000 && pos.LessThan(n.votes[epoch].final.Mul(decimal.NewFromInt(1000)))
	}
}

func TestParticipationFallsBackToLivenessWhenLighthouseAPIIsNotServed(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotImplemented} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			n := newNode(t, incident12May, 200749)
			n.inclusionStatus = status
			n.isLive = sampleLive(n)
			r := newRig(t, n, func(o *Options) { o.ParticipationSample = sample() })
			// Liveness is asked about head epoch − 1.
			steps := []struct {
				headEpoch uint64
				want      string
			}{
				{200751, "0.663"},
				{200752, "0.424"},
				{200753, "0.307"},
				{200760, "0.817"},
				{200761, "0.862"},
			}
			for _, s := range steps {
				r.at(s.headEpoch*mainnetSlotsPerEpoch + 3)
				obs, err := r.c.Poll(context.Background())
				if err != nil {
					t.Fatalf("epoch %d: %v", s.headEpoch, err)
				}
				wantValue(t, byKind(t, obs), KindParticipation, s.want)
			}
			if got := n.hitsOf(routeInclusion); got != 1 {
				t.Errorf("validator inclusion asked %d times, want once: the answer is remembered", got)
			}
			asked := n.liveness()
			if len(asked) != len(steps) {
				t.Fatalf("liveness asked %d times, want %d", len(asked), len(steps))
			}
			want := make([]string, 1000)
			for i, v := range sample() {
				want[i] = strconv.FormatUint(v, 10)
			}
			for i, a := range asked {
				if a.epoch != steps[i].headEpoch-1 {
					t.Errorf("liveness asked for epoch %d, want %d", a.epoch, steps[i].headEpoch-1)
				}
				if !slices.Equal(a.indices, want) {
					t.Errorf("liveness asked about %d indices %v…, want the sample as decimal strings", len(a.indices), a.indices[:3])
				}
			}
		})
	}
}

func TestNoParticipationSourceEmitsNoParticipationAndLogsOnce(t *testing.T) {
	tests := []struct {
		name         string
		sample       []uint64
		livenessHits int
	}{
		{"liveness not served either", sample(), 1},
		{"no sample to ask liveness about", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNode(t, incident11May, 200549)
			n.inclusionStatus = http.StatusNotFound
			n.livenessStatus = http.StatusNotImplemented
			r := newRig(t, n, func(o *Options) { o.ParticipationSample = tt.sample })
			for epoch := uint64(200551); epoch <= 200553; epoch++ {
				r.at(epoch*mainnetSlotsPerEpoch + 1)
				obs, err := r.c.Poll(context.Background())
				if err != nil {
					t.Fatalf("epoch %d: %v", epoch, err)
				}
				if k := kinds(obs); k != "finality_lag_epochs,collector_up" {
					t.Errorf("epoch %d: kinds %s, want no participation_rate", epoch, k)
				}
				wantValue(t, byKind(t, obs), "collector_up", "1")
			}
			if got := strings.Count(r.logs.String(), "participation_rate will not be emitted"); got != 1 {
				t.Errorf("logged %d times that participation is unavailable, want once:\n%s", got, r.logs)
			}
			if got := n.hitsOf(routeInclusion); got != 1 {
				t.Errorf("validator inclusion asked %d times, want 1", got)
			}
			if got := n.hitsOf(routeLiveness); got != tt.livenessHits {
				t.Errorf("liveness asked %d times, want %d", got, tt.livenessHits)
			}
		})
	}
}

func TestValidatorUptimeIsTheLiveShareOfTheWatchedSet(t *testing.T) {
	watched := []uint64{1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008}
	// How many of the watched set, in order, were live in each epoch.
	liveCount := map[uint64]uint64{200749: 8, 200751: 3, 200752: 0, 200759: 7}
	n := newNode(t, incident12May, 200749)
	n.isLive = func(epoch, index uint64) bool { return index < 1001+liveCount[epoch] }
	r := newRig(t, n, func(o *Options) { o.Validators = watched })
	for _, s := range []struct {
		headEpoch uint64
		want      string
	}{
		{200750, "1"},     // 8 of 8
		{200752, "0.375"}, // 3 of 8
		{200753, "0"},     // 0 of 8
		{200760, "0.875"}, // 7 of 8
	} {
		r.at(s.headEpoch*mainnetSlotsPerEpoch + 9)
		obs, err := r.c.Poll(context.Background())
		if err != nil {
			t.Fatalf("epoch %d: %v", s.headEpoch, err)
		}
		if k := kinds(obs); k != "finality_lag_epochs,participation_rate,validator_uptime,collector_up" {
			t.Errorf("epoch %d: kinds %s", s.headEpoch, k)
		}
		wantValue(t, byKind(t, obs), KindValidatorUptime, s.want)
	}
	for _, a := range n.liveness() {
		if strings.Join(a.indices, ",") != "1001,1002,1003,1004,1005,1006,1007,1008" {
			t.Errorf("liveness asked about %v, want the watched set", a.indices)
		}
	}
}
