package main

import (
	"encoding/csv"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"
)

// Etherscan's daily average gas price charts (CSV exports), under -src.
const (
	etherscanGasEthereum = "prices/etherscan_daily_avg_gas_ethereum.csv"
	etherscanGasArbitrum = "prices/etherscan_daily_avg_gas_arbitrum.csv"
)

// dailyGas maps a UTC day (its midnight) to that day's average gas price
// in wei, as written (some exports hold values beyond 64 bits: Arbitrum's
// 13 December 2021 reads 3.9·10^23 wei).
type dailyGas map[time.Time]string

// loadDailyGas reads an Etherscan chart export: "Date(UTC)",
// "UnixTimeStamp" (the day's midnight UTC), "Value (Wei)".
func loadDailyGas(path string) (dailyGas, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || recs[0][1] != "UnixTimeStamp" || recs[0][2] != "Value (Wei)" {
		return nil, fmt.Errorf("%s: not an Etherscan daily chart export", path)
	}
	g := dailyGas{}
	for i, rec := range recs[1:] {
		day, err := strconv.ParseInt(rec[1], 10, 64)
		if _, ok := new(big.Int).SetString(rec[2], 10); err != nil || !ok || strings.HasPrefix(rec[2], "-") {
			return nil, fmt.Errorf("%s: line %d: %q", path, i+2, rec)
		}
		g[time.Unix(day, 0).UTC()] = strings.TrimLeft(rec[2], "+0")
	}
	return g, nil
}

// gwei returns the average gas price of t's UTC day in gwei, formatted
// exactly.
func (g dailyGas) gwei(t time.Time) (string, error) {
	day := t.UTC().Truncate(24 * time.Hour)
	wei, ok := g[day]
	if !ok || wei == "" {
		return "", fmt.Errorf("no Etherscan daily average gas for %s", day.Format(time.DateOnly))
	}
	return scaledDigits(wei, 9), nil
}
