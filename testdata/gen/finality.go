package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// The beacon chain's clock: epoch e starts at genesis + 384·e seconds
// (32 slots of 12 s).
const (
	beaconGenesis = 1606824023
	epochSeconds  = 384
	slotsPerEpoch = 32
)

func epochStart(e uint64) time.Time {
	return time.Unix(beaconGenesis+epochSeconds*int64(e), 0).UTC()
}

// finalityIncident is one of the two losses of finality of May 2023.
type finalityIncident struct {
	// first and last are the epochs over which the post-mortem's missed
	// blocks are spread: from the first epoch it names to the recovery.
	first, last uint64
	// missed is the post-mortem's count of missed blocks ("approximately
	// 47" and "approximately 149").
	missed int
	// stalled is the first head epoch without new finality and restored
	// the first one with it again (lag back at 2).
	stalled, restored uint64
}

var finalityIncidents = []finalityIncident{
	// 11 May: the post-mortem dates the start "around 20:19 UTC", when
	// 200553 (40%) began, and the delay at 4 epochs (about 25 minutes):
	// 200553–200556 without new finality; 200555 and 200556 justified
	// finalize 200555, so the lag is 2 again when 200557 begins.
	{first: 200551, last: 200555, missed: 47, stalled: 200553, restored: 200557},
	// 12 May: 200750 (66.3%) falls short of 2/3, so finality stalls from
	// 200751; 200759 and 200760 justified finalize 200759 ("restores
	// finalization" at 200760), so the lag is 2 again when 200761 begins:
	// 10 epochs, 64 minutes.
	{first: 200750, last: 200760, missed: 149, stalled: 200751, restored: 200761},
}

// healthyParticipation is the placeholder outside the incidents: the
// engine's normal value.
const healthyParticipation = 0.99

// reconstructedParticipation holds the anchors that are not published; the
// published ones come from the timeline. Between anchors the rate is
// interpolated linearly by epoch; outside them it is healthyParticipation.
//   - 200550, 200557, 200749, 200762: healthy, before and after.
//   - 200555: the post-mortem says only that the network began to recover;
//     it takes the figure of the first recovered epoch of 12 May (200759,
//     81.7%, published), which puts the interpolated 200554 at 60.9%,
//     below 2/3 as finality stayed lost.
//   - 200753–200758: 35%, the post-mortem's own assumption that 65% of
//     validators were offline for 8 epochs. Interpolating 30.7% → 81.7%
//     instead would cross 2/3 at 200757 and restore finality two epochs
//     before the published 200760.
func reconstructedParticipation(published map[uint64]float64) map[uint64]float64 {
	r := map[uint64]float64{
		200550: healthyParticipation,
		200555: published[200759],
		200557: healthyParticipation,
		200749: healthyParticipation,
		200762: healthyParticipation,
	}
	for e := uint64(200753); e <= 200758; e++ {
		r[e] = 0.35
	}
	return r
}

// timelineEpoch is a row of finality-2023-05/timeline.csv.
type timelineEpoch struct {
	participation float64 // fraction; NaN when not published
	produced      int     // blocks produced of 32; -1 when not published
}

func loadTimeline(path string) (map[uint64]timelineEpoch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || recs[0][0] != "epoch" || recs[0][3] != "blocks_produced_of_32" || recs[0][4] != "participation_pct" {
		return nil, fmt.Errorf("%s: unexpected header %q", path, recs[0])
	}
	tl := map[uint64]timelineEpoch{}
	for _, rec := range recs[1:] {
		e, err := strconv.ParseUint(rec[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: epoch %q: %w", path, rec[0], err)
		}
		if start, err := time.Parse(time.RFC3339, rec[1]); err != nil || !start.Equal(epochStart(e)) {
			return nil, fmt.Errorf("%s: epoch %d starts %q, want %s", path, e, rec[1], epochStart(e).Format(time.RFC3339))
		}
		te := timelineEpoch{participation: math.NaN(), produced: -1}
		if rec[3] != "" {
			if te.produced, err = strconv.Atoi(rec[3]); err != nil {
				return nil, fmt.Errorf("%s: epoch %d: %w", path, e, err)
			}
		}
		if rec[4] != "" {
			pct, err := strconv.ParseFloat(rec[4], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: epoch %d: %w", path, e, err)
			}
			te.participation = pct / 100
		}
		tl[e] = te
	}
	return tl, nil
}

// participationPath returns each epoch's participation rate: published,
// reconstructed anchor, linear interpolation between anchors, or healthy.
func participationPath(tl map[uint64]timelineEpoch) func(uint64) float64 {
	published := map[uint64]float64{}
	for e, te := range tl {
		if !math.IsNaN(te.participation) {
			published[e] = te.participation
		}
	}
	anchors := reconstructedParticipation(published)
	for e, p := range published {
		anchors[e] = p
	}
	epochs := make([]uint64, 0, len(anchors))
	for e := range anchors {
		epochs = append(epochs, e)
	}
	sort.Slice(epochs, func(i, j int) bool { return epochs[i] < epochs[j] })
	return func(e uint64) float64 {
		i := sort.Search(len(epochs), func(i int) bool { return epochs[i] >= e })
		switch {
		case i < len(epochs) && epochs[i] == e:
			return anchors[e]
		case i == 0 || i == len(epochs):
			return healthyParticipation
		}
		a, b := epochs[i-1], epochs[i]
		w := float64(e-a) / float64(b-a)
		return anchors[a] + (anchors[b]-anchors[a])*w
	}
}

// missedBlocks spreads each incident's published total of missed blocks
// over its epochs: epochs with a published count keep it, and the rest of
// the total goes to the others in proportion to 1 − participation
// (largest remainder, ties to the earlier epoch).
func missedBlocks(tl map[uint64]timelineEpoch, participation func(uint64) float64) (map[uint64]int, error) {
	missed := map[uint64]int{}
	for _, in := range finalityIncidents {
		rest := in.missed
		var open []uint64
		weight := 0.0
		for e := in.first; e <= in.last; e++ {
			if te, ok := tl[e]; ok && te.produced >= 0 {
				missed[e] = slotsPerEpoch - te.produced
				rest -= missed[e]
				continue
			}
			open = append(open, e)
			weight += 1 - participation(e)
		}
		if rest < 0 || len(open) == 0 {
			return nil, fmt.Errorf("epochs %d–%d: published counts exceed the %d missed blocks", in.first, in.last, in.missed)
		}
		type share struct {
			e    uint64
			frac float64
		}
		var shares []share
		given := 0
		for _, e := range open {
			x := float64(rest) * (1 - participation(e)) / weight
			missed[e] = int(math.Floor(x))
			given += missed[e]
			shares = append(shares, share{e, x - math.Floor(x)})
		}
		sort.SliceStable(shares, func(i, j int) bool { return shares[i].frac > shares[j].frac })
		for i := 0; given < rest; i++ {
			missed[shares[i].e]++
			given++
		}
	}
	return missed, nil
}

// finalityLag returns head epoch − finalized epoch: 2 while the chain
// finalizes, growing by one per epoch through each stall.
func finalityLag(e uint64) uint64 {
	for _, in := range finalityIncidents {
		if e >= in.stalled && e < in.restored {
			return 2 + e - in.stalled + 1
		}
	}
	return 2
}

// beaconFinality writes the two losses of finality of 11 and 12 May 2023,
// one step per epoch (6.4 minutes) from 11 May 19:00 to 12 May 19:30 UTC,
// each step at its epoch's start and carrying that epoch's figures.
//
// From the timeline (Prysm post-mortem) and its reconstruction above:
//   - participation_rate: published, reconstructed anchor, interpolated, or
//     0.99 (see participationPath).
//   - finality_lag_epochs: see finalityLag.
//   - block_interval_s: the epoch's mean interval between produced blocks,
//     384 s / blocks produced, with the missed blocks of missedBlocks; 12
//     (no missed slot) outside the incidents.
//
// Recorded:
//   - base_fee_gwei: Etherscan's average gas price of the UTC day, held
//     through the day.
//   - oracle_age_s, oracle_deviation and prices.csv from the Chainlink
//     ETH/USD rounds (see feed.market for the reference price).
//
// Placeholders: gas_used_ratio 0.5 (the EIP-1559 target, which a base fee
// that holds level implies on average) and collector_up 1.
func beaconFinality(src, out string) error {
	tl, err := loadTimeline(filepath.Join(src, "finality-2023-05", "timeline.csv"))
	if err != nil {
		return err
	}
	fd, err := loadFeed(filepath.Join(src, chainlinkRoundsFile))
	if err != nil {
		return err
	}
	gas, err := loadDailyGas(filepath.Join(src, etherscanGasEthereum))
	if err != nil {
		return err
	}
	participation := participationPath(tl)
	missed, err := missedBlocks(tl, participation)
	if err != nil {
		return err
	}
	from := time.Date(2023, 5, 11, 19, 0, 0, 0, time.UTC)
	to := time.Date(2023, 5, 12, 19, 30, 0, 0, time.UTC)
	first := uint64((from.Unix() - beaconGenesis + epochSeconds - 1) / epochSeconds)
	last := uint64((to.Unix() - beaconGenesis) / epochSeconds)

	w, err := createIncident(out, "ethereum")
	if err != nil {
		return err
	}
	for e := first; e <= last; e++ {
		t := epochStart(e)
		baseFee, err := gas.gwei(t)
		if err != nil {
			return err
		}
		i, err := fd.inForce(t)
		if err != nil {
			return err
		}
		o, err := fd.observe(t, fd[i])
		if err != nil {
			return err
		}
		age, dev, price, oraclePrice := o.signals()
		w.step(t, []kv{
			{"base_fee_gwei", baseFee},
			{"gas_used_ratio", "0.5"},
			{"block_interval_s", fixed(epochSeconds/float64(slotsPerEpoch-missed[e]), 3)},
			{"participation_rate", fixed(participation(e), 4)},
			{"finality_lag_epochs", strconv.FormatUint(finalityLag(e), 10)},
			age, dev,
			{"collector_up", "1"},
		}, "ETH", price, oraclePrice)
	}
	return w.Close()
}
