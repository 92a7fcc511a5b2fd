package governor

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)

func minute(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// testConfig has parameters of both directions, one whose loosening near
// zero relies on its absolute step, and a flag of each conservative value.
func testConfig() Config {
	return Config{
		Params: []ParamSpec{
			{Name: "margin_mult", Tighter: TighterUp, Min: 1, Max: 3, MaxLoosenStep: 0.1, MinLoosenAbs: 0.01},
			{Name: "scan_range", Tighter: TighterUp, Min: 0.05, Max: 0.5, MaxLoosenStep: 0.1, MinLoosenAbs: 0.005},
			{Name: "max_leverage", Tighter: TighterDown, Min: 1, Max: 20, MaxLoosenStep: 0.1, MinLoosenAbs: 0.5},
			{Name: "oi_cap", Tighter: TighterDown, Min: 0, Max: 1e6, MaxLoosenStep: 0.1, MinLoosenAbs: 10000},
		},
		Flags: []FlagSpec{
			{Name: "new_positions_paused", Conservative: true},
			// A venue where liquidations must go on: pausing them loosens.
			{Name: "liquidations_paused", Conservative: false},
		},
		LoosenDelay: 5 * time.Minute,
		Regime: RegimeSpec{
			Enter: [3]float64{0.4, 0.7, 0.9},
			Exit:  [3]float64{0.3, 0.6, 0.8},
			Hold:  15 * time.Minute,
		},
	}
}

// calm is a complete testConfig proposal for a healthy chain.
func calm() Proposal {
	return Proposal{
		Values: map[string]float64{"margin_mult": 1.2, "scan_range": 0.13, "max_leverage": 18.2, "oi_cap": 900000},
		Flags:  map[string]bool{"new_positions_paused": false, "liquidations_paused": false},
		Stress: 0.1,
	}
}

// with returns a copy of p with the given values set.
func (p Proposal) with(kv map[string]float64) Proposal {
	q := p
	q.Values = make(map[string]float64, len(p.Values))
	for k, v := range p.Values {
		q.Values[k] = v
	}
	for k, v := range kv {
		q.Values[k] = v
	}
	q.Flags = make(map[string]bool, len(p.Flags))
	for k, v := range p.Flags {
		q.Flags[k] = v
	}
	return q
}

func mustInitial(t testing.TB, cfg Config, p Proposal, now time.Time) State {
	t.Helper()
	st, err := Initial(cfg, p, now)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func mustStep(t testing.TB, cfg Config, st State, now time.Time, p Proposal) (State, Decision) {
	t.Helper()
	next, d, err := Step(cfg, st, now, p)
	if err != nil {
		t.Fatalf("step at %v: %v", now, err)
	}
	return next, d
}

// tick is one row of a recorded episode.
type tick struct {
	minute int
	p      Proposal
}

// loadEpisode reads testdata/episode.csv into proposals for testConfig.
func loadEpisode(t testing.TB) []tick {
	t.Helper()
	f, err := os.Open("testdata/episode.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var out []tick
	for _, rec := range recs[1:] {
		p := Proposal{Values: map[string]float64{}, Flags: map[string]bool{}}
		var m int
		for i, col := range head {
			switch col {
			case "minute":
				m = int(num(rec[i]))
			case "stress":
				p.Stress = num(rec[i])
			case "halt":
				p.Halt = rec[i] == "true"
			case "new_positions_paused", "liquidations_paused":
				p.Flags[col] = rec[i] == "true"
			default:
				p.Values[col] = num(rec[i])
			}
		}
		out = append(out, tick{minute: m, p: p})
	}
	return out
}
