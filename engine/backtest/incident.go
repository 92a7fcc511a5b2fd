package backtest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/signals/replay"
)

// Price is the underlying at one time: its market price and the price the
// venue's oracle reports then.
type Price struct {
	At            time.Time
	Price, Oracle float64
}

// Incident is a replayable dataset: a chain's signals and the underlying's
// prices, both in time order.
type Incident struct {
	// Name labels the outputs (the folder's name for a recorded incident).
	Name string
	// Chain is the chain the signals describe; it picks the market.
	Chain string
	// Venues are the venues (DEX pools, bridges) whose signals the incident
	// carries besides its chain's, as the configuration's venues: declare
	// them; Run adds them to the configuration it runs with. Pool, if set,
	// is the pool among them the replayed market sells its collateral into:
	// Run makes it the market's pool:, and the liquidations sell into it.
	// Both come from the folder's venues.yaml (see LoadIncident).
	Venues []config.Venue
	Pool   string
	// Start and End are the first and last times of either series.
	Start, End time.Time
	// Spacing is the longest gap between successive signals of one kind:
	// every kind's time to live is raised to twice it, so that a series
	// sampled every 10 minutes is not read stale between its rows.
	Spacing time.Duration
	// Signals yields the observations in time order. It may be ranged over
	// more than once.
	Signals iter.Seq[replay.Row]
	// Prices are the underlying's prices in time order.
	Prices []Price
}

// ErrIncident is wrapped by every error in an incident's files.
var ErrIncident = errors.New("backtest: bad incident")

// LoadIncident reads an incident folder: signals.csv (time,chain,kind,value)
// and prices.csv (time,underlying,price,oracle_price), as under
// testdata/incidents, and venues.yaml if there is one (see ReadVenues).
// The chain is the first signal's; every signal of another chain reaches
// the engine all the same, which rejects it unless the configuration, or
// the incident's venues.yaml, has that chain or venue.
func LoadIncident(dir string) (Incident, error) {
	rows, err := readSignals(filepath.Join(dir, "signals.csv"))
	if err != nil {
		return Incident{}, err
	}
	prices, err := readPricesFile(filepath.Join(dir, "prices.csv"))
	if err != nil {
		return Incident{}, err
	}
	inc := NewIncident(filepath.Base(filepath.Clean(dir)), rows, prices)
	path := filepath.Join(dir, VenuesFile)
	f, err := os.Open(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return inc, nil
	case err != nil:
		return Incident{}, fmt.Errorf("%w: %w", ErrIncident, err)
	}
	defer f.Close()
	if inc.Venues, inc.Pool, err = ReadVenues(f); err != nil {
		return Incident{}, fmt.Errorf("%w: %s: %w", ErrIncident, path, err)
	}
	return inc, nil
}

// VenuesFile is the file of an incident folder that declares its venues.
const VenuesFile = "venues.yaml"

// ReadVenues reads an incident's venues.yaml: the venues its signals carry
// besides its chain's, each as in the engine configuration's venues:, and
// optionally the pool the replayed market sells its collateral into:
//
//	venues:
//	  - {name: uni-weth-usdc, chain: ethereum, type: pool}
//	pool: uni-weth-usdc
//
// Unknown fields are errors. Venue names must be set and unique, types pool
// or bridge, and pool must name a venue of type pool.
func ReadVenues(r io.Reader) ([]config.Venue, string, error) {
	var decl struct {
		Venues []config.Venue `yaml:"venues"`
		Pool   string         `yaml:"pool"`
	}
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&decl); err != nil {
		return nil, "", fmt.Errorf("venues: %w", err)
	}
	types := map[string]string{}
	for _, v := range decl.Venues {
		if v.Name == "" || types[v.Name] != "" {
			return nil, "", fmt.Errorf("venues: names must be set and unique (%q)", v.Name)
		}
		if _, err := v.Watched(); err != nil {
			return nil, "", fmt.Errorf("venues: %w", err)
		}
		types[v.Name] = v.Type
	}
	if decl.Pool != "" && types[decl.Pool] != "pool" {
		return nil, "", fmt.Errorf("venues: pool %q is not a venue of type pool", decl.Pool)
	}
	return decl.Venues, decl.Pool, nil
}

// NewIncident assembles an incident from rows and prices already in time
// order (as ReadPrices and replay.ReadCSV return them). It panics if either
// is empty: a programmer error, as the readers never return them empty.
func NewIncident(name string, rows []replay.Row, prices []Price) Incident {
	if len(rows) == 0 || len(prices) == 0 {
		panic("backtest: NewIncident needs signals and prices")
	}
	return Incident{
		Name:    name,
		Chain:   rows[0].Chain,
		Start:   minTime(rows[0].At, prices[0].At),
		End:     maxTime(rows[len(rows)-1].At, prices[len(prices)-1].At),
		Spacing: spacing(rows),
		Signals: slices.Values(rows),
		Prices:  prices,
	}
}

func readSignals(path string) ([]replay.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIncident, err)
	}
	defer f.Close()
	rows, err := replay.ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrIncident, path, err)
	}
	return rows, nil
}

func readPricesFile(path string) ([]Price, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIncident, err)
	}
	defer f.Close()
	prices, err := ReadPrices(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrIncident, path, err)
	}
	return prices, nil
}

// ReadPrices reads a price file: the header time,underlying,price,oracle_price
// and one row per time, in order, with positive prices. Errors name the line.
// The underlying column is not checked: an incident prices one underlying.
func ReadPrices(r io.Reader) ([]Price, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("prices: header: %w", err)
	}
	if !slices.Equal(header, []string{"time", "underlying", "price", "oracle_price"}) {
		return nil, fmt.Errorf("prices: header %v, want time,underlying,price,oracle_price", header)
	}
	var out []Price
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("prices: %w", err)
		}
		at, err := time.Parse(time.RFC3339Nano, rec[0])
		if err != nil {
			return nil, fmt.Errorf("prices: line %d: time: %w", line, err)
		}
		var p [2]float64
		for i, field := range rec[2:] {
			v, err := strconv.ParseFloat(field, 64)
			if err != nil || !(v > 0) || v > 1e12 {
				return nil, fmt.Errorf("prices: line %d: %q is not a positive price", line, field)
			}
			p[i] = v
		}
		if len(out) > 0 && !at.After(out[len(out)-1].At) {
			return nil, fmt.Errorf("prices: line %d: time %s not after the line above", line, rec[0])
		}
		out = append(out, Price{At: at.UTC(), Price: p[0], Oracle: p[1]})
	}
	if len(out) == 0 {
		return nil, errors.New("prices: no rows")
	}
	return out, nil
}

// spacing is the longest gap between successive rows of the same kind on
// the same chain.
func spacing(rows []replay.Row) time.Duration {
	last := map[[2]string]time.Time{}
	var gap time.Duration
	for _, r := range rows {
		key := [2]string{r.Chain, r.Kind}
		if t, ok := last[key]; ok {
			gap = max(gap, r.At.Sub(t))
		}
		last[key] = r.At
	}
	return gap
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
