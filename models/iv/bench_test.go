package iv

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// benchQuote is a quote with its undiscounted price.
type benchQuote struct {
	quote
	price float64
}

// realisticQuotes draws a book-like mixture: expiries from one day to two
// years, σ from 5% to 150%, |x|/(σ√T) ≤ 4 (Δ from roughly 0.01 to 0.99),
// F from 1 to 1e4, calls and puts, both in and out of the money.
func realisticQuotes(n int) []benchQuote {
	r := rand.New(rand.NewPCG(1, 1))
	qs := make([]benchQuote, 0, n)
	for len(qs) < n {
		T := math.Exp(r.Float64()*math.Log(2*365)) / 365
		sigma := 0.05 * math.Exp(r.Float64()*math.Log(30))
		F := math.Exp(r.Float64() * math.Log(1e4))
		x := (8*r.Float64() - 4) * sigma * math.Sqrt(T)
		typ := bs.Call
		if r.IntN(2) == 0 {
			typ = bs.Put
		}
		q := quote{F: F, K: F * math.Exp(-x), sigma: sigma, T: T, typ: typ}
		qs = append(qs, benchQuote{q, Black(q.F, q.K, q.sigma, q.T, q.typ)})
	}
	return qs
}

// domainQuotes draws from the whole acceptance domain (see randomQuote),
// keeping only prices strictly inside the bounds.
func domainQuotes(n int) []benchQuote {
	r := rand.New(rand.NewPCG(2, 2))
	qs := make([]benchQuote, 0, n)
	for len(qs) < n {
		q := randomQuote(r)
		p := Black(q.F, q.K, q.sigma, q.T, q.typ)
		if v, err := ImpliedBlackVol(p, q.F, q.K, q.T, q.typ); err == nil && v > 0 {
			qs = append(qs, benchQuote{q, p})
		}
	}
	return qs
}

var sinkFloat float64

func BenchmarkImpliedBlackVol(b *testing.B) {
	for _, bc := range []struct {
		name string
		qs   []benchQuote
	}{
		{"realistic", realisticQuotes(4096)},
		{"domain", domainQuotes(4096)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var acc float64
			i := 0
			for b.Loop() {
				q := &bc.qs[i&4095]
				v, _ := ImpliedBlackVol(q.price, q.F, q.K, q.T, q.typ)
				acc += v
				i++
			}
			sinkFloat = acc
		})
	}
}

func BenchmarkBlack(b *testing.B) {
	qs := realisticQuotes(4096)
	var acc float64
	i := 0
	for b.Loop() {
		q := &qs[i&4095]
		acc += Black(q.F, q.K, q.sigma, q.T, q.typ)
		i++
	}
	sinkFloat = acc
}
