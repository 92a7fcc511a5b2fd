package backtest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

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
// testdata/incidents. The chain is the first signal's; every signal of
// another chain reaches the engine all the same, which rejects it unless
// the configuration has that chain.
func LoadIncident(dir string) (Incident, error) {
	rows, err := readSignals(filepath.Join(dir, "signals.csv"))
	if err != nil {
		return Incident{}, err
	}
	prices, err := readPricesFile(filepath.Join(dir, "prices.csv"))
	if err != nil {
		return Incident{}, err
	}
	return NewIncident(filepath.Base(filepath.Clean(dir)), rows, prices), nil
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
