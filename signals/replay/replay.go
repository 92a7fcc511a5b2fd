// Package replay plays a recorded signal file back onto NATS: the incident
// replays that `make run` shows and that test the engine end to end.
//
// A file is CSV with the header time,chain,kind,value (RFC 3339 times in
// order, values as decimals), as under testdata/incidents. A Clock maps the
// file's time onto the wall clock, compressed by a speed factor, so a day of
// 10-minute bars plays in a couple of minutes at speed 600.
package replay

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// Row is one recorded observation.
type Row struct {
	At          time.Time
	Chain, Kind string
	Value       decimal.Decimal
}

// ReadCSV reads a signal file. Errors name the line.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("replay: header: %w", err)
	}
	if header[0] != "time" || header[1] != "chain" || header[2] != "kind" || header[3] != "value" {
		return nil, fmt.Errorf("replay: header %v, want time,chain,kind,value", header)
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("replay: %w", err)
		}
		at, err := time.Parse(time.RFC3339Nano, rec[0])
		if err != nil {
			return nil, fmt.Errorf("replay: line %d: time: %w", line, err)
		}
		if y := at.UTC().Year(); y < 1 || y > 9999 {
			return nil, fmt.Errorf("replay: line %d: time %s: year outside 1–9999", line, rec[0])
		}
		if !wire.ValidName(rec[1]) || !wire.ValidName(rec[2]) {
			return nil, fmt.Errorf("replay: line %d: chain %q or kind %q is not a name (lower case, digits, - and _)", line, rec[1], rec[2])
		}
		v, err := decimal.NewFromString(rec[3])
		if err != nil {
			return nil, fmt.Errorf("replay: line %d: value %q: %w", line, rec[3], err)
		}
		if len(rows) > 0 && at.Before(rows[len(rows)-1].At) {
			return nil, fmt.Errorf("replay: line %d: time %s before the line above", line, rec[0])
		}
		rows = append(rows, Row{At: at.UTC(), Chain: rec[1], Kind: rec[2], Value: v})
	}
	if len(rows) == 0 {
		return nil, errors.New("replay: no rows")
	}
	return rows, nil
}

// Clock maps the file's time onto the wall clock: file time Start plays at
// wall time Wall, and Speed seconds of file pass per wall second.
type Clock struct {
	Start, Wall time.Time
	Speed       float64
}

// Now returns the file time at wall time now.
func (c Clock) Now(now time.Time) time.Time {
	return c.Start.Add(time.Duration(float64(now.Sub(c.Wall)) * c.Speed))
}

// WallAt returns the wall time at which file time t plays.
func (c Clock) WallAt(t time.Time) time.Time {
	return c.Wall.Add(time.Duration(float64(t.Sub(c.Start)) / c.Speed))
}

// Play publishes every row when its time comes on the clock, through
// publish, and returns when all are published or ctx ends. progress, if
// set, is called after each row with the count done.
func Play(ctx context.Context, rows []Row, c Clock, publish func(Row) error, progress func(done, total int)) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i, r := range rows {
		if wait := time.Until(c.WallAt(r.At)); wait > 0 {
			timer.Reset(wait)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-timer.C:
			}
		}
		if err := publish(r); err != nil {
			return fmt.Errorf("replay: %s %s at %s: %w", r.Chain, r.Kind, r.At.Format(time.RFC3339), err)
		}
		if progress != nil {
			progress(i+1, len(rows))
		}
	}
	return nil
}
