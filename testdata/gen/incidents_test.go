package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/models/netstate"
)

// These tests read the committed folders only, never the raw series: they
// run where the raw files are not.
const incidentsDir = "../incidents"

// sensible bounds each kind's values in the incident files: tighter than
// the engine's valid ranges (netstate's Spec), to catch a unit slip.
var sensible = map[string]struct {
	min, max float64
	integer  bool
}{
	"base_fee_gwei":          {0, 5000, false}, // Black Thursday's average peaked near 225
	"gas_used_ratio":         {0, 1, false},
	"pending_txs":            {0, 1e7, true},
	"block_interval_s":       {0.01, 86400, false}, // Arbitrum One: 0.25 s blocks
	"participation_rate":     {0, 1, false},
	"finality_lag_epochs":    {0, 10000, true},
	"validator_uptime":       {0, 1, false},
	"reorg_depth":            {0, 128, true}, // signals/evm.ReorgWindow
	"oracle_age_s":           {0, 7 * 86400, false},
	"oracle_deviation":       {0, 1, false},
	"sequencer_up":           {0, 1, true},
	"sequencer_status_age_s": {0, 1e8, false},
	"admin_event":            {0, 1e6, true},
	"rpc_disagreement":       {0, 1, true},
	"collector_up":           {0, 1, true},
	"pool_liquidity":         {0, 1e12, false}, // USD of a pool's quote side
	"pool_liquidity_drop":    {0, 1, false},
	"sandwich_rate":          {0, 1, false},
	"liquidation_sandwiched": {0, 1e4, true},
}

// watched are the kinds the engine expects of each chain in the files:
// ethereum is an L1, arbitrum an L2 (engine/config's layers).
var watched = map[string]netstate.KindSet{
	"ethereum": netstate.L1Kinds,
	"arbitrum": netstate.L2Kinds,
}

func incidentFolders(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(incidentsDir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) < 8 {
		t.Fatalf("%d incident folders under %s, want at least 8: %v", len(dirs), incidentsDir, dirs)
	}
	return dirs
}

func readCSV(t *testing.T, path string, header ...string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) < 2 || !slices.Equal(recs[0], header) {
		t.Fatalf("%s: header %q and %d rows, want header %q and rows", path, recs[0], len(recs)-1, header)
	}
	return recs[1:]
}

func parseTime(t *testing.T, where, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil || at.Location() != time.UTC || at.Format(time.RFC3339) != s {
		t.Fatalf("%s: time %q is not RFC 3339 UTC", where, s)
	}
	return at
}

// incidentVenues reads a folder's venues.yaml, as engine/backtest does:
// the venues its signals carry besides its chain (rows whose chain field
// is the venue's name) and the pool its market sells into. A folder
// without one has none.
func incidentVenues(t *testing.T, name, chain string) map[string]netstate.KindSet {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(incidentsDir, name, "venues.yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var decl struct {
		Venues []config.Venue `yaml:"venues"`
		Pool   string         `yaml:"pool"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&decl); err != nil {
		t.Fatalf("venues.yaml: %v", err)
	}
	out := map[string]netstate.KindSet{}
	for _, v := range decl.Venues {
		set, err := v.Watched()
		if err != nil {
			t.Fatalf("venues.yaml: %v", err)
		}
		if v.Chain != chain {
			t.Errorf("venues.yaml: venue %s on chain %q, the folder's signals on %q", v.Name, v.Chain, chain)
		}
		out[v.Name] = set
	}
	if decl.Pool != "" && out[decl.Pool] != netstate.PoolKinds {
		t.Errorf("venues.yaml: pool %q is not a venue of type pool", decl.Pool)
	}
	return out
}

func TestIncidentSignalsAreValidAndComplete(t *testing.T) {
	for _, name := range incidentFolders(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(incidentsDir, name, "signals.csv")
			rows := readCSV(t, path, "time", "chain", "kind", "value")
			chain := rows[0][1]
			set, ok := watched[chain]
			if !ok {
				t.Fatalf("chain %q: want ethereum or arbitrum", chain)
			}
			sets := map[string]netstate.KindSet{chain: set}
			for v, vs := range incidentVenues(t, name, chain) {
				sets[v] = vs
			}
			type key struct {
				at          time.Time
				chain, kind string
			}
			seen := map[key]bool{}
			var steps []time.Time
			for i, rec := range rows {
				where := path + ":" + strconv.Itoa(i+2)
				at := parseTime(t, where, rec[0])
				if n := len(steps); n == 0 || at.After(steps[n-1]) {
					steps = append(steps, at)
				} else if at.Before(steps[n-1]) {
					t.Fatalf("%s: time %s before the row above", where, rec[0])
				}
				if _, known := sets[rec[1]]; !known {
					t.Errorf("%s: chain %q in a file of %q (and of no venue in venues.yaml)", where, rec[1], chain)
				}
				kind, ok := netstate.Lookup(rec[2])
				bounds, sane := sensible[rec[2]]
				if !ok || !sane {
					t.Errorf("%s: kind %q is not a kind of the engine expected here", where, rec[2])
					continue
				}
				v, err := strconv.ParseFloat(rec[3], 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s: %s value %q is not a finite decimal", where, rec[2], rec[3])
					continue
				}
				if err := kind.Check(v); err != nil {
					t.Errorf("%s: %v", where, err)
				}
				if v < bounds.min || v > bounds.max || (bounds.integer && v != math.Trunc(v)) {
					t.Errorf("%s: %s %g outside [%g, %g] (integer: %t)", where, rec[2], v, bounds.min, bounds.max, bounds.integer)
				}
				k := key{at, rec[1], rec[2]}
				if seen[k] {
					t.Errorf("%s: second %s of %s at %s", where, rec[2], rec[1], rec[0])
				}
				seen[k] = true
			}
			for _, at := range steps {
				for c, set := range sets {
					for _, k := range netstate.Kinds() {
						if set.Has(k) && !seen[key{at, c, k.String()}] {
							t.Errorf("%s: watched kind %s of %s missing at %s", name, k, c, at.Format(time.RFC3339))
						}
					}
				}
			}

			prices := readCSV(t, filepath.Join(incidentsDir, name, "prices.csv"), "time", "underlying", "price", "oracle_price")
			if len(prices) != len(steps) {
				t.Errorf("%d price rows for %d signal steps", len(prices), len(steps))
			}
			for i, rec := range prices {
				where := name + "/prices.csv:" + strconv.Itoa(i+2)
				at := parseTime(t, where, rec[0])
				if i < len(steps) && !at.Equal(steps[i]) {
					t.Errorf("%s: time %s, want the signal step %s", where, rec[0], steps[i].Format(time.RFC3339))
				}
				if rec[1] == "" {
					t.Errorf("%s: no underlying", where)
				}
				for _, s := range rec[2:] {
					if v, err := strconv.ParseFloat(s, 64); err != nil || !(v > 0) || math.IsInf(v, 0) {
						t.Errorf("%s: price %q is not positive", where, s)
					}
				}
			}
		})
	}
}

func TestIncidentReadmesNameEveryKind(t *testing.T) {
	for _, name := range incidentFolders(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(incidentsDir, name, "README.md"))
			if err != nil {
				t.Fatal(err)
			}
			readme := string(data)
			kinds := map[string]bool{}
			for _, rec := range readCSV(t, filepath.Join(incidentsDir, name, "signals.csv"), "time", "chain", "kind", "value") {
				kinds[rec[2]] = true
			}
			for k := range kinds {
				if !strings.Contains(readme, "`"+k+"`") {
					t.Errorf("README does not name `%s`", k)
				}
			}
			synthetic := strings.HasPrefix(name, "synthetic-")
			if says := strings.Contains(readme, "Synthetic, seed "); says != synthetic {
				t.Errorf("README says \"Synthetic, seed\": %t; folder name synthetic-*: %t", says, synthetic)
			}
		})
	}
}
