package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

type csvFile struct {
	f *os.File
	*csv.Writer
}

func newCSV(path string, header ...string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &csvFile{f: f, Writer: csv.NewWriter(f)}
	w.Write(header)
	return w, nil
}

func (w *csvFile) Close() error {
	w.Flush()
	if err := w.Error(); err != nil {
		w.f.Close()
		return err
	}
	return w.f.Close()
}

// fixed formats v with at most digits decimal places, without trailing
// zeros: the generated files carry no more precision than their sources.
func fixed(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// scaled formats the integer n / 10^decimals exactly (n ≥ 0): a Chainlink
// answer with 8 decimals, a gas price in wei as gwei with 9.
func scaled(n uint64, decimals int) string { return scaledDigits(strconv.FormatUint(n, 10), decimals) }

// scaledDigits is scaled for an integer written in decimal digits.
func scaledDigits(s string, decimals int) string {
	if len(s) <= decimals {
		s = strings.Repeat("0", decimals-len(s)+1) + s
	}
	return fixed0(s[:len(s)-decimals] + "." + s[len(s)-decimals:])
}

// fixed0 trims the trailing zeros of a decimal string.
func fixed0(s string) string {
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// kv is one signal of a step: its kind and formatted value.
type kv struct{ kind, value string }

// incidentFiles writes an incident folder's signals.csv and prices.csv.
type incidentFiles struct {
	chain   string
	sig, px *csvFile
}

func createIncident(dir, chain string) (*incidentFiles, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	sig, err := newCSV(filepath.Join(dir, "signals.csv"), "time", "chain", "kind", "value")
	if err != nil {
		return nil, err
	}
	px, err := newCSV(filepath.Join(dir, "prices.csv"), "time", "underlying", "price", "oracle_price")
	if err != nil {
		sig.f.Close()
		return nil, err
	}
	return &incidentFiles{chain: chain, sig: sig, px: px}, nil
}

// step writes one step: its signals, in the order given, and its price.
func (w *incidentFiles) step(t time.Time, signals []kv, underlying, price, oraclePrice string) {
	ts := t.UTC().Format(time.RFC3339)
	for _, s := range signals {
		w.sig.Write([]string{ts, w.chain, s.kind, s.value})
	}
	w.px.Write([]string{ts, underlying, price, oraclePrice})
}

// venue writes one step of a venue's signals, in the order given: rows
// whose chain field is the venue's name, as its collectors publish them.
// Written after the step's chain rows, so that the file's first row is
// still the chain's.
func (w *incidentFiles) venue(t time.Time, name string, signals []kv) {
	ts := t.UTC().Format(time.RFC3339)
	for _, s := range signals {
		w.sig.Write([]string{ts, name, s.kind, s.value})
	}
}

func (w *incidentFiles) Close() error {
	return errors.Join(w.sig.Close(), w.px.Close())
}
