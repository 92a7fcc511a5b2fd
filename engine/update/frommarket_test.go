package update

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/liquidation"
	"github.com/infrarisk/infrarisk/models/stress"
)

// wantPlaces is the rounding table as the contract states it.
var wantPlaces = map[string]struct {
	places int
	up     bool
}{
	market.ScanRange: {4, true}, market.VolShockUp: {4, true}, market.VolShockDown: {4, true},
	market.HorizonSeconds: {0, true}, market.MaintenanceMultiplier: {4, true}, market.InitialMultiplier: {4, true},
	market.LiquidationBonus: {4, true}, market.CloseFactor: {4, true},
	GracePeriodSeconds: {0, false}, DeepUnderwaterHealth: {4, true}, PFail: {4, true},
}

// computed is the float a market update holds for a wire parameter.
func computed(u market.Update, name string) float64 {
	switch name {
	case GracePeriodSeconds:
		return u.Grace.Seconds()
	case DeepUnderwaterHealth:
		return u.DeepUnderwater
	case PFail:
		return u.PFail
	}
	return u.Values[name]
}

func TestFromMarketPublishesEveryParameterRoundedConservatively(t *testing.T) {
	calm, stressed := calmAndStressed(t)
	kp := testKey(t, 1)
	for _, tt := range []struct {
		name       string
		u          market.Update
		regime     string
		newPaused  bool
		minReasons int
	}{
		{"calm", calm, "normal", false, 0},
		{"stressed", stressed, "halted", true, 10},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, data := signed(t, tt.u, 7, kp)
			if m.Regime != tt.regime || m.Flags[market.NewPositionsPaused] != tt.newPaused || m.Seq != 7 || m.Market != "ETH-OPTIONS" {
				t.Fatalf("regime %s, flags %v, seq %d, market %s", m.Regime, m.Flags, m.Seq, m.Market)
			}
			if len(m.Params) != len(wantPlaces) {
				t.Fatalf("%d params, want %d: %v", len(m.Params), len(wantPlaces), m.Params)
			}
			for name, w := range wantPlaces {
				d, ok := m.Param(name)
				if !ok {
					t.Fatalf("%s missing", name)
				}
				// On the wire with exactly its places.
				pattern := `"` + name + `":"[0-9]+"`
				if w.places > 0 {
					pattern = `"` + name + `":"[0-9]+\.[0-9]{` + string(rune('0'+w.places)) + `}"`
				}
				if !regexp.MustCompile(pattern).Match(data) {
					t.Errorf("%s not written as %s", name, pattern)
				}
				// Within one unit of the computed value, on the safe side.
				v := computed(tt.u, name)
				got, _ := d.Float64()
				unit := math.Pow10(-w.places)
				if w.up && !(got >= v && got-v < unit) || !w.up && !(got <= v && v-got < unit) {
					t.Errorf("%s: computed %v, published %s (rounding up %t)", name, v, d, w.up)
				}
			}
			if want := stressIndex.round(tt.u.Stress.Index); !m.StressIndex.Equal(want) || m.StressIndex.LessThan(decimal.NewFromFloat(tt.u.Stress.Index)) {
				t.Errorf("stress index %s from %v", m.StressIndex, tt.u.Stress.Index)
			}
			if len(m.Reasons) < tt.minReasons {
				t.Errorf("%d reasons, want at least %d", len(m.Reasons), tt.minReasons)
			}
		})
	}
}

func TestFromMarketReasonsCarryTheGovernorsBeforeAndAfter(t *testing.T) {
	calm, stressed := calmAndStressed(t)
	m := FromMarket(stressed, 2, time.Minute)
	calmMsg := FromMarket(calm, 1, time.Minute)
	byParam := map[string]Reason{}
	for _, r := range m.Reasons {
		if r.Before != "" {
			byParam[r.Param] = r
		}
	}
	for _, gr := range stressed.Decision.Reasons {
		r, ok := byParam[gr.Param]
		if !ok {
			t.Fatalf("no reason for %s: %+v", gr.Param, m.Reasons)
		}
		// Before is what the calm message published, after what this one does.
		before, after := calmMsg.Params[gr.Param], m.Params[gr.Param]
		s, _ := spec(gr.Param)
		if r.Before != before.StringFixed(s.places) || r.After != after.StringFixed(s.places) || r.Why != string(gr.Why) || r.Text != gr.String() {
			t.Errorf("%s: reason %+v, published before %s after %s", gr.Param, r, before, after)
		}
	}
	if r := byParam[market.ScanRange]; r.Before != "0.1503" || r.Why != "tightened" {
		t.Errorf("scan range reason %+v, want before 0.1503 (0.150250 rounded up), tightened", r)
	}
	if r := byParam["regime"]; r.Before != "normal" || r.After != "halted" || r.Why != "raised" {
		t.Errorf("regime reason %+v", r)
	}
	if r := byParam[market.NewPositionsPaused]; r.Before != "false" || r.After != "true" {
		t.Errorf("flag reason %+v", r)
	}
}

// crafted is a market update with every parameter set, for rounding cases.
func crafted() market.Update {
	return market.Update{
		Market: "ETH-OPTIONS", At: t0,
		Values: map[string]float64{
			market.ScanRange: 0.15, market.VolShockUp: 0.3, market.VolShockDown: 0.2, market.HorizonSeconds: 3600,
			market.MaintenanceMultiplier: 1, market.InitialMultiplier: 1.3, market.LiquidationBonus: 0.02, market.CloseFactor: 0.5,
		},
		Flags: map[string]bool{market.NewPositionsPaused: false},
		Grace: 300 * time.Second, DeepUnderwater: 0.95,
	}
}

func TestRoundingDirectionPerParameter(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(*market.Update)
		want string
	}{
		{market.ScanRange, func(u *market.Update) { u.Values[market.ScanRange] = 0.150250 }, "0.1503"},
		{market.ScanRange, func(u *market.Update) { u.Values[market.ScanRange] = 0.15 }, "0.1500"},                    // binary 0.1499…: not bumped
		{market.ScanRange, func(u *market.Update) { a, b := 0.1, 0.2; u.Values[market.ScanRange] = a + b }, "0.3001"}, // 0.30000000000000004
		{market.VolShockUp, func(u *market.Update) { u.Values[market.VolShockUp] = 0.48000001 }, "0.4801"},
		{market.VolShockDown, func(u *market.Update) { u.Values[market.VolShockDown] = 0.32101 }, "0.3211"},
		{market.HorizonSeconds, func(u *market.Update) { u.Values[market.HorizonSeconds] = 3612.2 }, "3613"},
		{market.HorizonSeconds, func(u *market.Update) { u.Values[market.HorizonSeconds] = 3612 }, "3612"},
		{market.MaintenanceMultiplier, func(u *market.Update) { u.Values[market.MaintenanceMultiplier] = 1.00001 }, "1.0001"},
		{market.InitialMultiplier, func(u *market.Update) { u.Values[market.InitialMultiplier] = 3.805912702381702 }, "3.8060"},
		{market.LiquidationBonus, func(u *market.Update) { u.Values[market.LiquidationBonus] = 0.0692050899557648 }, "0.0693"},
		{market.CloseFactor, func(u *market.Update) { u.Values[market.CloseFactor] = 0.50001 }, "0.5001"},
		{GracePeriodSeconds, func(u *market.Update) { u.Grace = 2339900 * time.Millisecond }, "2339"},
		{GracePeriodSeconds, func(u *market.Update) { u.Grace = 2340 * time.Second }, "2340"},
		{GracePeriodSeconds, func(u *market.Update) { u.Grace = time.Second - 1 }, "0"},
		{DeepUnderwaterHealth, func(u *market.Update) { u.DeepUnderwater = 0.95001 }, "0.9501"},
		{PFail, func(u *market.Update) { u.PFail = 0.01230001 }, "0.0124"},
		{PFail, func(u *market.Update) { u.PFail = 1e-9 }, "0.0001"}, // a tiny risk is not published as none
		{PFail, func(u *market.Update) { u.PFail = 0 }, "0.0000"},
	} {
		u := crafted()
		tt.set(&u)
		m := FromMarket(u, 1, time.Minute)
		s, _ := spec(tt.name)
		if got := m.Params[tt.name].StringFixed(s.places); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		index float64
		want  string
	}{{0.6121, "0.613"}, {0.612, "0.612"}, {0, "0.000"}, {math.NaN(), "1.000"}, {1.5, "1.000"}, {math.Inf(-1), "0.000"}} {
		u := crafted()
		u.Stress.Index = tt.index
		m := FromMarket(u, 1, time.Minute)
		if got := m.StressIndex.StringFixed(3); got != tt.want {
			t.Errorf("stress index %v published as %s, want %s", tt.index, got, tt.want)
		}
		if err := Sign(&m, testKey(t, 1)); err != nil {
			t.Errorf("stress index %v: %v", tt.index, err)
		}
	}
}

// TestRoundingNeverPublishesALessSafeValue: for random values of every
// parameter, the published decimal read back as a float is on the safe side
// of the computed float and within one unit of it.
func TestRoundingNeverPublishesALessSafeValue(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, s := range table {
		for range 2000 {
			v := r.Float64() * math.Pow10(r.IntN(6)-2)
			d := s.round(v)
			got, _ := d.Float64()
			unit := math.Pow10(-int(s.places))
			if s.dir == up && !(got >= v && got-v <= unit) || s.dir == down && !(got <= v && v-got <= unit) {
				t.Fatalf("%s: %v published as %s", s.name, v, d)
			}
		}
	}
}

func TestFromMarketLeavesOutAnUnusableValueSoSignRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(*market.Update)
	}{
		{"NaN", func(u *market.Update) { u.Values[market.ScanRange] = math.NaN() }},
		{"infinite", func(u *market.Update) { u.Values[market.ScanRange] = math.Inf(1) }},
		{"missing", func(u *market.Update) { delete(u.Values, market.ScanRange) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u := crafted()
			tt.set(&u)
			m := FromMarket(u, 1, time.Minute)
			if _, ok := m.Param(market.ScanRange); ok {
				t.Fatalf("scan range published: %v", m.Params)
			}
			err := Sign(&m, testKey(t, 1))
			if err == nil || !strings.Contains(err.Error(), "scan_range is missing") || m.Sig != nil {
				t.Fatalf("signed: %v, sig %x", err, m.Sig)
			}
		})
	}
}

func TestFromMarketTimesAreUTCAndExpire(t *testing.T) {
	u := crafted()
	u.At = time.Now().In(time.FixedZone("CET", 3600)) // with a monotonic reading
	m := FromMarket(u, 1, 90*time.Second)
	if m.IssuedAt.Location() != time.UTC || !m.IssuedAt.Equal(u.At) || m.IssuedAt != m.IssuedAt.Round(0) {
		t.Errorf("issued_at %v from %v", m.IssuedAt, u.At)
	}
	if m.ValidUntil.Sub(m.IssuedAt) != 90*time.Second {
		t.Errorf("valid for %s, want 90s", m.ValidUntil.Sub(m.IssuedAt))
	}
}

func TestReasonsAreOrderedByImportanceAndBounded(t *testing.T) {
	u := crafted()
	u.Decision = governor.Decision{
		Reasons:      []governor.Reason{{Param: market.ScanRange, Before: 0.15025, After: 0.2, Proposed: 0.2, Why: governor.WhyTightened}},
		FlagReasons:  []governor.FlagReason{{Flag: market.NewPositionsPaused, After: true, Proposed: true, Why: governor.WhyTightened}},
		RegimeReason: &governor.RegimeReason{From: governor.Normal, To: governor.Stressed, Index: 0.6, Enter: 0.5, Why: governor.WhyRaised},
	}
	u.Stress.Reasons = []stress.Reason{{Group: stress.Congestion, Text: "base fee 200 gwei"}}
	u.Proposed.Reasons = []liquidation.Reason{
		{Param: "stress", Text: "congestion: base fee 200 gwei"},
		{Param: "bonus", Text: "gas"}, {Param: "grace", Text: "none"}, {Param: "horizon", Text: "oracle"},
	}
	u.Notes = []string{"refit did not converge"}
	got := FromMarket(u, 1, time.Minute).Reasons
	want := []Reason{
		{"regime", "normal", "stressed", "raised", u.Decision.RegimeReason.String()},
		{market.ScanRange, "0.1503", "0.2000", "tightened", u.Decision.Reasons[0].String()},
		{market.NewPositionsPaused, "false", "true", "tightened", u.Decision.FlagReasons[0].String()},
		{"", "", "", "stress", "congestion: base fee 200 gwei"},
		{market.LiquidationBonus, "", "", "model", "gas"},
		{GracePeriodSeconds, "", "", "model", "none"},
		{market.HorizonSeconds, "", "", "model", "oracle"},
		{"", "", "", "note", "refit did not converge"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d reasons, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reason %d: got %+v, want %+v", i, got[i], want[i])
		}
	}

	// Past the bound (7 reasons and 100 notes): the first MaxReasons−1 kept
	// in order, then a count of the other 44.
	u.Notes = make([]string, 100)
	for i := range u.Notes {
		u.Notes[i] = strings.Repeat("é", 200) // 400 bytes: clipped
	}
	got = FromMarket(u, 1, time.Minute).Reasons
	if len(got) != MaxReasons || got[0].Param != "regime" || got[MaxReasons-1].Why != "truncated" ||
		got[MaxReasons-1].Text != "44 more reasons left out" {
		t.Fatalf("%d reasons, first %+v, last %+v", len(got), got[0], got[len(got)-1])
	}
	if n := got[10].Text; len(n) > MaxText || !strings.HasSuffix(n, "…") || !strings.HasPrefix(n, "éé") || strings.ContainsRune(n, '\uFFFD') {
		t.Errorf("long text not clipped at a character: %d bytes %q", len(n), n)
	}
}

func TestFromMarketIsDeterministic(t *testing.T) {
	_, stressed := calmAndStressed(t)
	kp := testKey(t, 1)
	_, first := signed(t, stressed, 3, kp)
	for range 20 {
		if _, again := signed(t, stressed, 3, kp); string(again) != string(first) {
			t.Fatalf("two encodings of one update differ:\n%s\n%s", first, again)
		}
	}
}
