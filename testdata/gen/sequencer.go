package main

import (
	"path/filepath"
	"strconv"
	"time"
)

// The Arbitrum One sequencer stall of 15 December 2023, per the press
// reports in the incidents file: from 13:29 UTC, about 78 minutes.
var (
	stallStart = time.Date(2023, 12, 15, 13, 29, 0, 0, time.UTC)
	stallEnd   = stallStart.Add(78 * time.Minute)
)

// arbitrumBlockInterval is Arbitrum One's block time outside the stall:
// the sequencer makes a block every 250 ms while there are transactions.
const arbitrumBlockInterval = 0.25

// arbitrumSequencer writes the stall on chain arbitrum, one step a minute
// from 12:30 to 16:00 UTC. Everything but the prices and the day's gas is
// reconstructed from the published start and duration:
//   - sequencer_up: 0 from 13:29 until 14:47, else 1.
//   - sequencer_status_age_s: the time since the status last changed (the
//     uptime feed's startedAt); before 13:29 the previous change is not
//     published, and the value is a placeholder: 86,400 s (the engine's
//     normal) plus the time since 12:30.
//   - block_interval_s: 0.25 s outside the stall; during it, the time since
//     the last block (taken at 13:29), and at 14:47 the interval the first
//     block after the stall reports, 78 minutes.
//   - oracle_age_s, oracle_deviation: the Arbitrum ETH/USD feed's own
//     rounds are not in the sources; its rounds are taken to be the
//     mainnet feed's (recorded), each landing on the L2 when it is made,
//     except that none lands during the stall: a round made then lands at
//     14:47. The reference price is the mainnet feed's path (feed.market).
//
// Recorded: base_fee_gwei, Etherscan's average gas price on Arbitrum One for
// the UTC day, held through the day; prices.csv's price from the mainnet
// rounds. Placeholders: gas_used_ratio 0.5 and collector_up 1 (the L2's
// RPC answered throughout, serving its last block).
func arbitrumSequencer(src, out string) error {
	fd, err := loadFeed(filepath.Join(src, chainlinkRoundsFile))
	if err != nil {
		return err
	}
	gas, err := loadDailyGas(filepath.Join(src, etherscanGasArbitrum))
	if err != nil {
		return err
	}
	from := time.Date(2023, 12, 15, 12, 30, 0, 0, time.UTC)
	to := time.Date(2023, 12, 15, 16, 0, 0, 0, time.UTC)
	w, err := createIncident(out, "arbitrum")
	if err != nil {
		return err
	}
	for t := from; !t.After(to); t = t.Add(time.Minute) {
		baseFee, err := gas.gwei(t)
		if err != nil {
			return err
		}
		up, statusAge, interval := "1", 86400+t.Sub(from).Seconds(), arbitrumBlockInterval
		switch {
		case t.Before(stallStart):
		case t.Before(stallEnd):
			up, statusAge, interval = "0", t.Sub(stallStart).Seconds(), max(t.Sub(stallStart).Seconds(), arbitrumBlockInterval)
		default:
			statusAge = t.Sub(stallEnd).Seconds()
			if t.Equal(stallEnd) {
				interval = stallEnd.Sub(stallStart).Seconds()
			}
		}
		l2, err := l2Round(fd, t)
		if err != nil {
			return err
		}
		o, err := fd.observe(t, l2)
		if err != nil {
			return err
		}
		age, dev, price, oraclePrice := o.signals()
		w.step(t, []kv{
			{"base_fee_gwei", baseFee},
			{"gas_used_ratio", "0.5"},
			{"block_interval_s", fixed(interval, 2)},
			{"sequencer_up", up},
			{"sequencer_status_age_s", strconv.FormatFloat(statusAge, 'f', 0, 64)},
			age, dev,
			{"collector_up", "1"},
		}, "ETH", price, oraclePrice)
	}
	return w.Close()
}

// l2Round returns the round in force on the L2 at t: the mainnet round in
// force, except that a round made during the stall has not landed before
// its end, and lands then (its updatedAt on the L2 is the end of the stall).
func l2Round(fd feed, t time.Time) (round, error) {
	i, err := fd.inForce(t)
	if err != nil {
		return round{}, err
	}
	r := fd[i]
	if r.updated.Before(stallStart) || !r.updated.Before(stallEnd) {
		return r, nil
	}
	if t.Before(stallEnd) {
		for i > 0 && !fd[i].updated.Before(stallStart) {
			i--
		}
		return fd[i], nil
	}
	r.updated = stallEnd
	return r, nil
}
