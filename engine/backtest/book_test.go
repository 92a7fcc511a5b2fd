package backtest

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReadBookRoundTrips(t *testing.T) {
	const doc = `{"accounts": [
	  {"id": "a1", "collateral_usd": "25000",
	   "positions": [
	     {"type": "put", "strike": "1800", "expiry_days": 30, "quantity": "-10"},
	     {"type": "future", "quantity": 5, "entry_price": 2000},
	     {"type": "spot", "quantity": "2"}]},
	  {"collateral_usd": -1500.5, "positions": [{"type": "Call", "strike": 2200, "expiry_days": 7.5, "quantity": 1}]}]}`
	b, err := ReadBook(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadBook(bytes.NewReader(b.JSON()))
	if err != nil {
		t.Fatalf("%v\n%s", err, b.JSON())
	}
	if !reflect.DeepEqual(b, back) {
		t.Errorf("round trip changed the book:\n%+v\n%+v", b, back)
	}
	h := flatten(b, 1900)
	if len(h.instruments) != 4 || h.ids[1] != "#2" {
		t.Errorf("instruments %d, ids %v; want 4 and a numbered second account", len(h.instruments), h.ids)
	}
	// The future's entry is charged to cash: 25,000 − 5·2,000.
	if h.cash[0] != 15000 || h.cash[1] != -1500.5 {
		t.Errorf("cash %v, want [15000 -1500.5]", h.cash)
	}
}

func TestReadBookRejects(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"no accounts", `{"accounts": []}`, "no accounts"},
		{"unknown field", `{"accounts": [{"collateral": 1, "positions": []}]}`, "unknown field"},
		{"unknown type", `{"accounts": [{"collateral_usd": 1, "positions": [{"type": "swap", "quantity": 1}]}]}`, `type "swap"`},
		{"option without strike", `{"accounts": [{"collateral_usd": 1, "positions": [{"type": "put", "expiry_days": 7, "quantity": 1}]}]}`, "positive strike"},
		{"zero quantity", `{"accounts": [{"collateral_usd": 1, "positions": [{"type": "spot", "quantity": 0}]}]}`, "non-zero"},
		{"twice the same id", `{"accounts": [{"id": "x", "collateral_usd": 1, "positions": [{"type": "spot", "quantity": 1}]},
			{"id": "x", "collateral_usd": 1, "positions": [{"type": "spot", "quantity": 1}]}]}`, "twice"},
		{"no positions", `{"accounts": [{"collateral_usd": 1, "positions": []}]}`, "no positions"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadBook(strings.NewReader(c.doc))
			if !errors.Is(err, ErrBook) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want ErrBook mentioning %q", err, c.want)
			}
		})
	}
}

// TestGeneratedBookIsSeededAndLevered: the same seed draws the same book,
// another seed another, and every account starts with equity over its
// static maintenance margin between 1.1 and 5 (to within the cent its
// collateral is rounded to).
func TestGeneratedBookIsSeededAndLevered(t *testing.T) {
	cfg := exampleConfig(t)
	mc, err := pickMarket(cfg, "", "ethereum")
	if err != nil {
		t.Fatal(err)
	}
	const spot = 2000.0
	static, err := StaticParams(mc, spot, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	gen := func(seed uint64) Book {
		b, err := GenerateBook(seed, 400, spot, mc, static)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a := gen(1)
	if !bytes.Equal(a.JSON(), gen(1).JSON()) || bytes.Equal(a.JSON(), gen(2).JSON()) {
		t.Fatal("books are not a function of the seed")
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	h := flatten(a, spot)
	ra, err := buildArrays(h.instruments, static, spot)
	if err != nil {
		t.Fatal(err)
	}
	var m marks
	priceMarks(h.instruments, static.Surface, spot, &m)
	lo, hi := 10.0, 0.0
	kinds := map[string]int{}
	for i, hold := range h.hold {
		maint := ra.Margin(hold).Maintenance
		lev := m.equity(h.cash[i], hold) / maint
		lo, hi = min(lo, lev), max(hi, lev)
		if lev < 1.1-0.01/maint || lev > 5+0.01/maint {
			t.Errorf("account %s: leverage %.6f outside [1.1, 5]", h.ids[i], lev)
		}
		for _, p := range a.Accounts[i].Positions {
			kinds[p.Type]++
		}
	}
	if lo > 1.3 || hi < 4.7 {
		t.Errorf("leverage spans [%.2f, %.2f] over 400 accounts: not spread over [1.1, 5]", lo, hi)
	}
	for _, k := range []string{"call", "put", "future", "spot"} {
		if kinds[k] == 0 {
			t.Errorf("no %s positions in 400 accounts", k)
		}
	}
}

func TestSyntheticIsSeeded(t *testing.T) {
	const span, step = 3 * 24 * time.Hour, time.Minute
	rows := func(inc Incident) string {
		var b strings.Builder
		for r := range inc.Signals {
			b.WriteString(r.At.Format(time.RFC3339) + r.Kind + r.Value.String() + "\n")
		}
		return b.String()
	}
	a, b, c := Synthetic(1, span, step), Synthetic(1, span, step), Synthetic(2, span, step)
	if !reflect.DeepEqual(a.Prices, b.Prices) || rows(a) != rows(b) {
		t.Error("the same seed drew different incidents")
	}
	if reflect.DeepEqual(a.Prices, c.Prices) {
		t.Error("another seed drew the same prices")
	}
	if n := len(a.Prices); n != 3*24*60+1 || strings.Count(rows(a), "\n") != 8*n {
		t.Errorf("%d prices and %d rows, want %d and 8 per step", n, strings.Count(rows(a), "\n"), 3*24*60+1)
	}
	// Over two months: congestion episodes come (blocks 97% full), and the
	// oracle strays beyond its 0.5% deviation threshold only within them or
	// up to 15 minutes after, while a round triggered in one lands late.
	long := Synthetic(1, 60*24*time.Hour, step)
	congested := map[time.Time]bool{}
	for r := range long.Signals {
		if r.Kind == "gas_used_ratio" && r.Value.String() == "0.97" {
			congested[r.At] = true
		}
	}
	if len(congested) == 0 {
		t.Fatal("no congestion episode in 60 days")
	}
	strays := 0
	for _, p := range long.Prices {
		if d := p.Oracle/p.Price - 1; d > 0.0051 || d < -0.0051 {
			strays++
			recent := false
			for m := time.Duration(0); m <= 15*time.Minute; m += step {
				recent = recent || congested[p.At.Add(-m)]
			}
			if !recent {
				t.Fatalf("oracle %g against price %g at %s, outside congestion", p.Oracle, p.Price, p.At)
			}
		}
	}
	t.Logf("%d congested minutes, the oracle strayed in %d", len(congested), strays)
}
