package main

import (
	"path/filepath"
	"time"
)

// calmStep is the step of calm-2023-q4: 20 minutes keeps 46 days of eight
// kinds under 2 MB and still samples the 1-hour oracle heartbeat three
// times per cycle.
const calmStep = 20 * time.Minute

// calmQ4 writes a calm stretch, 1 October to 15 November 2023 (UTC), on
// chain ethereum, one step every 20 minutes: the control the incidents are
// compared against.
//
// Recorded: oracle_age_s, oracle_deviation and prices.csv from the
// Chainlink ETH/USD rounds (reference price: feed.market);
// base_fee_gwei, Etherscan's average gas price of the UTC day, held
// through the day.
//
// Placeholders, healthy: gas_used_ratio 0.5, block_interval_s 12,
// participation_rate 0.99, finality_lag_epochs 2, collector_up 1. The beacon
// chain finalized throughout this period; nothing was published to say
// otherwise.
func calmQ4(src, out string) error {
	fd, err := loadFeed(filepath.Join(src, chainlinkRoundsFile))
	if err != nil {
		return err
	}
	gas, err := loadDailyGas(filepath.Join(src, etherscanGasEthereum))
	if err != nil {
		return err
	}
	from := time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2023, 11, 16, 0, 0, 0, 0, time.UTC)
	w, err := createIncident(out, "ethereum")
	if err != nil {
		return err
	}
	for t := from; t.Before(to); t = t.Add(calmStep) {
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
			{"block_interval_s", "12"},
			{"participation_rate", "0.99"},
			{"finality_lag_epochs", "2"},
			age, dev,
			{"collector_up", "1"},
		}, "ETH", price, oraclePrice)
	}
	return w.Close()
}
