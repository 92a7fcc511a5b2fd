package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/iv"
)

func run(t *testing.T, in string, opts Options) (string, Stats, error) {
	t.Helper()
	var out bytes.Buffer
	st, err := Price(context.Background(), strings.NewReader(in), &out, opts)
	return out.String(), st, err
}

func readCSV(t *testing.T, s string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, s)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = rec[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// TestPricesHaugRows: rows with a vol are priced by Black–Scholes–Merton
// (Haug 2007, p. 3 call and p. 4 put on an index), and the greeks are the
// models/bs ones.
func TestPricesHaugRows(t *testing.T) {
	in := "type,spot,strike,t,rate,div,vol\n" +
		"call,60,65,0.25,0.08,0,0.30\n" +
		"put,100,95,0.5,0.10,0.05,0.20\r\n"
	out, st, err := run(t, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 2 {
		t.Fatalf("rows %d, want 2", st.Rows)
	}
	rows := readCSV(t, out)
	for i, want := range []float64{2.1334, 2.4648} {
		if got := num(t, rows[i]["model_price"]); math.Abs(got-want) > 1e-4 {
			t.Errorf("row %d: price %g, Haug %g", i, got, want)
		}
	}
	g := bs.Option{Type: bs.Put, Spot: 100, Strike: 95, T: 0.5, Rate: 0.10, Div: 0.05, Vol: 0.20}.Greeks()
	for name, want := range map[string]float64{"delta": g.Delta, "gamma": g.Gamma, "vega": g.Vega, "theta": g.Theta, "rho": g.Rho} {
		if got := num(t, rows[1][name]); got != want {
			t.Errorf("%s %g, want %g", name, got, want)
		}
	}
	if !strings.HasPrefix(out, "type,spot,strike,t,rate,div,vol,model_price,delta,gamma,vega,theta,rho\n") {
		t.Errorf("header: %q", strings.SplitN(out, "\n", 2)[0])
	}
}

// TestPriceColumnGivesImpliedVol: a price column adds iv; a row with an
// empty vol takes its greeks at the implied vol; extra columns and any
// column order pass through unchanged.
func TestPriceColumnGivesImpliedVol(t *testing.T) {
	o := bs.Option{Type: bs.Call, Spot: 100, Strike: 120, T: 0.75, Rate: 0.03, Div: 0.01, Vol: 0.42}
	price := strconv.FormatFloat(o.Price(), 'g', -1, 64)
	in := "id,price,Vol,type,strike,spot,t,rate,div\n" +
		"a," + price + ",,call,120,100,0.75,0.03,0.01\n" +
		"b," + price + ",0.2,call,120,100,0.75,0.03,0.01\n"
	out, _, err := run(t, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out)
	for _, r := range rows {
		if got := num(t, r["iv"]); math.Abs(got-0.42) > 1e-12 {
			t.Errorf("row %s: iv %.15g, want 0.42", r["id"], got)
		}
	}
	if got := num(t, rows[0]["vega"]); math.Abs(got-o.Greeks().Vega) > 1e-9 {
		t.Errorf("row a: vega %g at implied vol, want %g", got, o.Greeks().Vega)
	}
	low := o
	low.Vol = 0.2
	if got := num(t, rows[1]["model_price"]); got != low.Price() {
		t.Errorf("row b: priced at %g, want its own vol's price %g", got, low.Price())
	}
	if !strings.HasPrefix(out, "id,price,Vol,type,strike,spot,t,rate,div,model_price,") || !strings.Contains(out, "\na,"+price+",,call") {
		t.Errorf("input not carried through:\n%s", out)
	}
}

// TestUnreachablePriceLeavesIVEmpty: a price below intrinsic has no implied
// vol; it is counted and reported, or stops the run when strict.
func TestUnreachablePriceLeavesIVEmpty(t *testing.T) {
	in := "type,spot,strike,t,rate,div,vol,price\n" +
		"call,100,80,1,0,0,,5\n" + // intrinsic is 20
		"call,100,80,1,0,0,0.3,25\n"
	var warned []int
	out, st, err := run(t, in, Options{Warn: func(line int, err error) {
		if !errors.Is(err, iv.ErrBelowIntrinsic) {
			t.Errorf("line %d: %v, want below intrinsic", line, err)
		}
		warned = append(warned, line)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if st.NoImplied != 1 || len(warned) != 1 || warned[0] != 2 {
		t.Fatalf("stats %+v, warned %v; want one, line 2", st, warned)
	}
	rows := readCSV(t, out)
	if rows[0]["iv"] != "" || rows[0]["model_price"] != "" {
		t.Errorf("row without a vol: %v, want empty outputs", rows[0])
	}
	if rows[1]["iv"] == "" || rows[1]["model_price"] == "" {
		t.Errorf("good row lost its outputs: %v", rows[1])
	}
	_, _, err = run(t, in, Options{Strict: true})
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 || !errors.Is(err, iv.ErrBelowIntrinsic) {
		t.Fatalf("strict: %v, want line 2 below intrinsic", err)
	}
}

// TestMalformedInputNamesTheLine: each bad input stops the run with an
// error naming its line and what is wrong; earlier rows are written.
func TestMalformedInputNamesTheLine(t *testing.T) {
	const header = "type,spot,strike,t,rate,div,vol\n"
	const good = "call,100,100,1,0.01,0,0.2\n"
	tests := []struct {
		name, in string
		line     int
		want     string
	}{
		{"missing column", "type,spot,strike,t,rate,vol\n", 1, "missing column(s) div"},
		{"duplicate column", "type,spot,strike,t,rate,div,vol,spot\n", 1, `column "spot" appears twice`},
		{"too few fields", header + good + "call,100,100,1,0.01,0\n", 3, "6 fields, header has 7"},
		{"bad type", header + "straddle,100,100,1,0,0,0.2\n", 2, `"straddle" is neither call nor put`},
		{"not a number", header + good + good + "call,1OO,100,1,0,0,0.2\n", 4, `spot "1OO" is not a number`},
		{"NaN", header + "call,100,100,NaN,0,0,0.2\n", 2, `t "NaN" is not finite`},
		{"negative strike", header + "put,100,-5,1,0,0,0.2\n", 2, "strike -5 is outside"},
		{"negative vol", header + "put,100,5,1,0,0,-0.2\n", 2, "vol -0.2 is outside"},
		{"no vol no price", header + "put,100,5,1,0,0,\n", 2, "neither vol nor price"},
		{"unterminated quote", header + "\"call,100,5,1,0,0,0.2\n", 2, "quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, st, err := run(t, tt.in, Options{ChunkRows: 1})
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("err %v, want a *LineError", err)
			}
			if le.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %q, want line %d containing %q", err, tt.line, tt.want)
			}
			if st.Rows != max(tt.line-2, 0) || strings.Count(out, "\n") != max(tt.line-1, 0) {
				t.Errorf("wrote %d rows (%d lines), want every row before line %d", st.Rows, strings.Count(out, "\n"), tt.line)
			}
		})
	}
	if _, _, err := run(t, "", Options{}); !errors.Is(err, ErrNoHeader) {
		t.Errorf("empty input: %v", err)
	}
}

// TestOrderSurvivesParallelChunks: many small chunks over several workers
// come out in input order, each row priced as on its own.
func TestOrderSurvivesParallelChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	var in strings.Builder
	in.WriteString("type,spot,strike,t,rate,div,vol\n")
	var want []float64
	for range 5000 {
		o := bs.Option{Type: bs.Put, Spot: 100, Strike: 50 + 100*rng.Float64(), T: 0.1 + rng.Float64(), Rate: 0.02, Vol: 0.1 + rng.Float64()}
		fmt.Fprintf(&in, "put,100,%v,%v,0.02,0,%v\n", o.Strike, o.T, o.Vol)
		want = append(want, o.Price())
	}
	out, st, err := run(t, in.String(), Options{Workers: 4, ChunkRows: 7})
	if err != nil || st.Rows != len(want) {
		t.Fatalf("rows %d, err %v", st.Rows, err)
	}
	for i, r := range readCSV(t, out) {
		if got := num(t, r["model_price"]); got != want[i] {
			t.Fatalf("row %d: %g, want %g", i, got, want[i])
		}
	}
}

// FuzzPrice: no input makes the pricer panic or print NaN.
func FuzzPrice(f *testing.F) {
	f.Add("type,spot,strike,t,rate,div,vol,price\ncall,100,100,1,0.05,0,0.2,10\n")
	f.Add("type,spot,strike,t,rate,div,vol\nput,1e-100,1e100,100,1,-1,50\n")
	f.Add("type,spot,strike,t,rate,div,vol,price\nput,100,100,0,0,0,,1\n\"call\",1,1,1,0,0,,0.5\n")
	f.Add("price,type,spot,strike,t,rate,div,vol\n1e-300,call,1,2,1e-9,0,0,\n")
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		_, err := Price(context.Background(), strings.NewReader(in), &out, Options{Workers: 2, ChunkRows: 3})
		if err != nil && !errors.As(err, new(*LineError)) && !errors.Is(err, ErrNoHeader) {
			t.Fatalf("error of an unexpected kind: %v", err)
		}
		if bytes.Contains(out.Bytes(), []byte("NaN")) && !strings.Contains(in, "NaN") {
			t.Fatalf("NaN in output:\n%s", out.String())
		}
	})
}
