package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"
)

type gasBar struct {
	Timestamp string  `json:"timestamp"`
	AvgGas    float64 `json:"avgGasDay"`
}

type priceBar struct {
	Start string  `json:"time_period_start"`
	Close float64 `json:"price_close"`
}

// blackThursday writes signals.csv and prices.csv for 12 March 2020.
//
// Recorded, per 10-minute bar:
//   - base_fee_gwei: the bar's average gas price (Anyblock Analytics, field
//     avgGasDay, wei → gwei). London (EIP-1559) came in 2021; the average
//     gas price is the contract's stand-in for the base fee before it.
//   - prices.csv: ETH/USD close of each bar (CoinAPI OHLCV).
//
// Reconstructed from published facts, not recorded:
//   - oracle_age_s and oracle_deviation: MakerDAO's OSM releases each hourly
//     price one hour late (hop = 3600 s), so the price in force during hour
//     h is the market price at the start of hour h − 1. Age = seconds since
//     that price was observed; deviation = |OSM price − close| / close.
//   - gas_used_ratio 0.97 and block_interval_s 13.5: blocks were full and
//     about 13.5 s apart on proof-of-work Ethereum in March 2020 (Etherscan
//     daily averages), constant through the day.
//   - participation_rate 1 and finality_lag_epochs 2: there was no beacon
//     chain yet; these hold the healthy values so that consensus reads
//     neither stressed nor missing.
//   - collector_up 1 throughout.
func blackThursday(src, out string) error {
	var gas struct {
		Data []gasBar `json:"data"`
	}
	if err := readJSON(filepath.Join(src, "gas_price_10min.json"), &gas); err != nil {
		return err
	}
	var prices []priceBar
	if err := readJSON(filepath.Join(src, "eth_usd_10min.json"), &prices); err != nil {
		return err
	}
	close := map[time.Time]float64{}
	for _, p := range prices {
		t, err := time.Parse(time.RFC3339Nano, p.Start)
		if err != nil {
			return fmt.Errorf("eth_usd_10min.json: %w", err)
		}
		close[t.UTC()] = p.Close
	}
	// The OSM's price during hour h: the close of the bar ending at the
	// start of hour h − 1 (the first hour of the day uses the day's first
	// close: the 11 March values are not in the series).
	osm := func(t time.Time) (price float64, observed time.Time) {
		hour := t.Truncate(time.Hour)
		observed = hour.Add(-time.Hour)
		p, ok := close[observed.Add(-10*time.Minute)]
		if !ok {
			first := prices[0]
			p = first.Close
		}
		return p, observed
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	sig, err := newCSV(filepath.Join(out, "signals.csv"), "time", "chain", "kind", "value")
	if err != nil {
		return err
	}
	px, err := newCSV(filepath.Join(out, "prices.csv"), "time", "underlying", "price", "oracle_price")
	if err != nil {
		return err
	}
	sort.Slice(gas.Data, func(i, j int) bool { return gas.Data[i].Timestamp < gas.Data[j].Timestamp })
	for _, g := range gas.Data {
		// Use timestamp: the datetime field of the source has a 12-hour-clock bug.
		t, err := time.Parse(time.RFC3339Nano, g.Timestamp)
		if err != nil {
			return fmt.Errorf("gas_price_10min.json: %w", err)
		}
		t = t.UTC()
		c, ok := close[t]
		if !ok {
			return fmt.Errorf("no ETH price for the bar at %s", t)
		}
		oraclePrice, observed := osm(t)
		ts := t.Format(time.RFC3339)
		rows := [][2]string{
			{"base_fee_gwei", num(g.AvgGas / 1e9)},
			{"gas_used_ratio", "0.97"},
			{"block_interval_s", "13.5"},
			{"participation_rate", "1"},
			{"finality_lag_epochs", "2"},
			{"oracle_age_s", num(t.Sub(observed).Seconds())},
			{"oracle_deviation", num(math.Abs(oraclePrice-c) / c)},
			{"collector_up", "1"},
		}
		for _, r := range rows {
			sig.Write([]string{ts, "ethereum", r[0], r[1]})
		}
		px.Write([]string{ts, "ETH", num(c), num(oraclePrice)})
	}
	for _, w := range []*csvFile{sig, px} {
		if err := w.Close(); err != nil {
			return err
		}
	}
	return nil
}
