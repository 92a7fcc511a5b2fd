package beacon

import (
	"context"
	"testing"
	"time"
)

// The two mainnet finality incidents of May 2023, from the Prysm team's
// "Post-Mortem Report: Ethereum Mainnet Finality (05/11/2023)" (12 May
// 2023). Published figures are the target participation of the epochs
// marked "published" below; everything else is reconstructed, as said at
// each value, to be consistent with the published figures and durations:
//
//   - 11 May: participation 88.4% in epoch 200551, 69% in 200552, 40% in
//     200553 (18 of its 32 slots missed), recovery from 200555; finality
//     delayed 4 epochs, about 25 minutes.
//   - 12 May: 66.3% in 200750, 42.4% in 200751, 30.7% in 200752 (the lowest
//     of any mainnet epoch), recovery in 200759 (81.7%), finality restored
//     at 200760 (86.2%); about 64 minutes without finality.
//
// The finalized epoch is not taken from anywhere: the test node derives it
// from these votes with the consensus specs' justification and
// finalization rules (ffg), so finality stalls at the last checkpoint
// finalized before each incident and resumes when two consecutive epochs
// are justified again.

// incident11May holds the votes of the first incident's epochs.
var incident11May = map[uint64]votes{
	200548: same("0.99"),  // reconstructed: healthy before the incident
	200549: same("0.99"),  // reconstructed: healthy
	200550: same("0.99"),  // reconstructed: healthy
	200551: same("0.884"), // published
	// Published: 69% in the end. Reconstructed: below 2/3 when 200552
	// ended, as many of its attestations were included late. Justified in
	// time, 200552 would have finalized 200551 one epoch earlier and
	// finality would have been delayed 3 epochs (19 minutes), not 4 (25).
	200552: {timely: frac("0.60"), final: frac("0.69")},
	200553: same("0.40"), // published
	200554: same("0.55"), // reconstructed: below 2/3, as finality stayed lost
	200555: same("0.90"), // reconstructed: recovered, as published
	200556: same("0.95"), // reconstructed: healthy
	200557: same("0.98"), // reconstructed: healthy
}

// incident12May holds the votes of the second incident's epochs.
var incident12May = map[uint64]votes{
	200747: same("0.99"),  // reconstructed: healthy before the incident
	200748: same("0.99"),  // reconstructed: healthy
	200749: same("0.99"),  // reconstructed: healthy
	200750: same("0.663"), // published: just below 2/3
	200751: same("0.424"), // published
	200752: same("0.307"), // published: the lowest of any mainnet epoch
	// Reconstructed from the post-mortem's estimate that 65% of validators
	// were offline for 8 epochs.
	200753: same("0.35"),
	200754: same("0.35"),
	200755: same("0.35"),
	200756: same("0.35"),
	200757: same("0.35"),
	200758: same("0.35"),
	200759: same("0.817"), // published: recovery
	200760: same("0.862"), // published: finality restored
	200761: same("0.95"),  // reconstructed: healthy
}

// epochSeconds is the length of a mainnet epoch: 32 slots of 12 s.
const epochSeconds = 384

func TestEpochTimesMatchThePostMortem(t *testing.T) {
	// The post-mortem dates the first incident's start "around 20:19 UTC"
	// on 11 May 2023, when epoch 200553, the one at 40%, began.
	if got, want := slotStart(200553*mainnetSlotsPerEpoch), time.Date(2023, 5, 11, 20, 19, 35, 0, time.UTC); !got.Equal(want) {
		t.Errorf("epoch 200553 starts %v, want %v", got, want)
	}
	if got := slotStart(200750 * mainnetSlotsPerEpoch); got.Format("2006-01-02") != "2023-05-12" {
		t.Errorf("epoch 200750 starts %v, want on 12 May 2023", got)
	}
}

func TestFinalityLagAndParticipationThroughTheMay2023Incidents(t *testing.T) {
	type step struct {
		headEpoch, slotInEpoch uint64
		lag                    string
		// participation is that of head epoch − 2, the latest final
		// figure Lighthouse's validator inclusion API gives.
		participation string
	}
	tests := []struct {
		name  string
		votes map[uint64]votes
		first uint64
		steps []step
		// unfinalized is how many polled epochs have a lag above the
		// healthy 2: the published time without finality in epochs of
		// 6.4 minutes.
		unfinalized int
	}{
		{
			name: "11 May 2023", votes: incident11May, first: 200549,
			steps: []step{
				{200551, 0, "2", "0.99"},
				{200552, 8, "2", "0.99"},
				// 200552 not justified in time: 200551 is not finalized.
				{200553, 31, "3", "0.884"},
				// 200552 justified late, finalizing 200551; then nothing.
				{200554, 3, "3", "0.69"},
				{200555, 17, "4", "0.40"},
				{200556, 9, "5", "0.55"},
				// 200555 and 200556 justified: 200555 finalized.
				{200557, 20, "2", "0.90"},
			},
			unfinalized: 4, // 4 × 6.4 = 25.6 minutes: "about 25 minutes"
		},
		{
			name: "12 May 2023", votes: incident12May, first: 200749,
			steps: []step{
				{200750, 0, "2", "0.99"},
				// 200750 below 2/3: finality stalls at 200748.
				{200751, 5, "3", "0.99"},
				{200752, 31, "4", "0.663"},
				{200753, 12, "5", "0.424"},
				{200754, 1, "6", "0.307"},
				{200755, 30, "7", "0.35"},
				{200756, 2, "8", "0.35"},
				{200757, 16, "9", "0.35"},
				{200758, 7, "10", "0.35"},
				{200759, 24, "11", "0.35"},
				// 200759 justified, 200758 not: still nothing final.
				{200760, 6, "12", "0.35"},
				// 200759 and 200760 justified: 200759 finalized.
				{200761, 11, "2", "0.817"},
				{200762, 19, "2", "0.862"},
			},
			unfinalized: 10, // 10 × 6.4 = 64 minutes: "about 64 minutes"
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, newNode(t, tt.votes, tt.first), nil)
			unfinalized := 0
			for _, s := range tt.steps {
				now := r.at(s.headEpoch*mainnetSlotsPerEpoch + s.slotInEpoch)
				obs, err := r.c.Poll(context.Background())
				if err != nil {
					t.Fatalf("epoch %d: Poll: %v", s.headEpoch, err)
				}
				got := byKind(t, obs)
				if k := kinds(obs); k != "finality_lag_epochs,participation_rate,collector_up" {
					t.Errorf("epoch %d: kinds %s", s.headEpoch, k)
				}
				wantValue(t, got, KindFinalityLag, s.lag)
				wantValue(t, got, KindParticipation, s.participation)
				wantValue(t, got, "collector_up", "1")
				for _, o := range obs {
					if !o.At.Equal(now) {
						t.Errorf("epoch %d: %v: At %v, want the clock's %v", s.headEpoch, o, o.At, now)
					}
				}
				if got[KindFinalityLag].Value.IntPart() > 2 {
					unfinalized++
				}
			}
			if unfinalized != tt.unfinalized {
				t.Errorf("%d epochs without finality, want %d", unfinalized, tt.unfinalized)
			}
			// The node serves Lighthouse's API: it is asked every poll, and
			// liveness never.
			if got, want := r.n.hitsOf(routeInclusion), len(tt.steps); got != want {
				t.Errorf("validator inclusion asked %d times, want %d", got, want)
			}
			if got := r.n.hitsOf(routeLiveness); got != 0 {
				t.Errorf("liveness asked %d times, want 0", got)
			}
		})
	}
}

func TestEpochsUseTheNetworksSlotsPerEpoch(t *testing.T) {
	// Gnosis Beacon Chain: SLOTS_PER_EPOCH 16. A node whose head is 5
	// slots into epoch 200551 of 16 slots is at slot 3208821, which a
	// collector counting 32 slots to an epoch would put in epoch 100275,
	// before the finalized 200549.
	n := newNode(t, incident11May, 200549)
	n.slotsPerEpoch = 16
	gnosis := newRig(t, n, func(o *Options) { o.Chain = "gnosis"; o.SlotsPerEpoch = 16 })
	gnosis.at(200551*16 + 5)
	obs, err := gnosis.c.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if k := kinds(obs); k != "finality_lag_epochs,participation_rate,collector_up" {
		t.Fatalf("kinds %s", k)
	}
	if lag, rate := obs[0].Value.String(), obs[1].Value.String(); lag != "2" || rate != "0.99" {
		t.Errorf("finality lag %s, participation %s; want 2 and 0.99", lag, rate)
	}

	mainnet := newRig(t, n, nil)
	if _, err := mainnet.c.Poll(context.Background()); err == nil {
		t.Error("32 slots to the epoch: no error for a finalized epoch after the head")
	}
}
