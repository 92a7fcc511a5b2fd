package backtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// WriteOutputs writes a result's files into dir, creating it: summary.csv,
// timeline.csv, liquidations.csv, book.json (the book the runs started
// from, which --book reads back) and the plots. It returns the names
// written, in order. A result without a timeline gets no timeline.csv and
// no plots.
func (r Result) WriteOutputs(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("backtest: %w", err)
	}
	type file struct {
		name  string
		write func(*bytes.Buffer) error
	}
	files := []file{
		{"summary.csv", func(b *bytes.Buffer) error { return r.WriteSummaryCSV(b) }},
		{"liquidations.csv", func(b *bytes.Buffer) error { return r.WriteLiquidationsCSV(b) }},
		{"book.json", func(b *bytes.Buffer) error { _, err := b.Write(r.Book.JSON()); return err }},
	}
	if len(r.Timeline) > 0 {
		files = append(files, file{"timeline.csv", func(b *bytes.Buffer) error { return r.WriteTimelineCSV(b) }})
	}
	var names []string
	for _, f := range files {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			return names, err
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b.Bytes(), 0o644); err != nil {
			return names, fmt.Errorf("backtest: %w", err)
		}
		names = append(names, f.name)
	}
	if len(r.Timeline) == 0 {
		return names, nil
	}
	plots, err := r.Plots()
	if err != nil {
		return names, err
	}
	for _, p := range plots {
		if err := os.WriteFile(filepath.Join(dir, p.Name), p.SVG, 0o644); err != nil {
			return names, fmt.Errorf("backtest: %w", err)
		}
		names = append(names, p.Name)
	}
	return names, nil
}
