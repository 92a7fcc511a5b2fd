package replay

import (
	"context"
	"strings"
	"testing"
	"time"
)

const file = `time,chain,kind,value
2020-03-12T00:00:00Z,ethereum,base_fee_gwei,9.9
2020-03-12T00:10:00Z,ethereum,base_fee_gwei,10.2
2020-03-12T00:20:00Z,ethereum,base_fee_gwei,225.5
`

func TestPlayKeepsTheCompressedTimeline(t *testing.T) {
	rows, err := ReadCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	// 10 minutes of file per 50 ms of wall time.
	c := Clock{Start: rows[0].At, Wall: time.Now(), Speed: 12000}
	var fileTimes []time.Time
	var lates []time.Duration
	err = Play(context.Background(), rows, c, func(r Row) error {
		fileTimes = append(fileTimes, c.Now(time.Now()))
		lates = append(lates, time.Since(c.WallAt(r.At)))
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if lates[i] < 0 {
			t.Errorf("row %d played %s early", i, -lates[i])
		}
		if fileTimes[i].Before(r.At) {
			t.Errorf("row %d: clock at %s, before the row's %s", i, fileTimes[i], r.At)
		}
	}
	if rows[2].Value.String() != "225.5" {
		t.Errorf("value %s", rows[2].Value)
	}
}

func TestPlayStopsWithItsContext(t *testing.T) {
	rows, _ := ReadCSV(strings.NewReader(file))
	ctx, cancel := context.WithCancel(context.Background())
	played := 0
	c := Clock{Start: rows[0].At, Wall: time.Now(), Speed: 1} // 20 minutes to go
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if err := Play(ctx, rows, c, func(Row) error { played++; return nil }, nil); err != context.Canceled || played != 1 {
		t.Fatalf("err %v after %d rows, want cancelled after 1", err, played)
	}
}

func TestBadFilesNameTheLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"t,chain,kind,value\n", "want time,chain,kind,value"},
		{"time,chain,kind,value\nyesterday,ethereum,x,1\n", "line 2: time"},
		{"time,chain,kind,value\n2020-03-12T00:00:00Z,ethereum,x,abc\n", `line 2: value "abc"`},
		{"time,chain,kind,value\n2020-03-12T00:10:00Z,e,x,1\n2020-03-12T00:00:00Z,e,x,1\n", "line 3: time 2020-03-12T00:00:00Z before"},
		{"time,chain,kind,value\n", "no rows"},
	} {
		if _, err := ReadCSV(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.in, err, tt.want)
		}
	}
}
