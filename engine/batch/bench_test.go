package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/infrarisk/infrarisk/models/bs"
)

// millionRows is a million-row input with a price column, half the rows
// without a vol (so greeks wait on the implied vol), as a quant's batch of
// market quotes would be.
func millionRows(b *testing.B) []byte {
	b.Helper()
	rng := rand.New(rand.NewPCG(31, 32))
	var buf bytes.Buffer
	buf.WriteString("type,spot,strike,t,rate,div,vol,price\n")
	for i := range 1_000_000 {
		o := bs.Option{Type: bs.Call, Spot: 100, Strike: 60 + 80*rng.Float64(), T: 0.02 + 2*rng.Float64(),
			Rate: 0.03, Div: 0.01, Vol: 0.2 + 0.8*rng.Float64()}
		if i%2 == 1 {
			o.Type = bs.Put
		}
		vol := fmt.Sprintf("%.4f", o.Vol)
		if i%2 == 0 {
			vol = ""
		}
		fmt.Fprintf(&buf, "%s,100,%.2f,%.6f,0.03,0.01,%s,%.6f\n", o.Type, o.Strike, o.T, vol, o.Price())
	}
	return buf.Bytes()
}

// BenchmarkPriceMillionRows: one op is the whole million-row file.
func BenchmarkPriceMillionRows(b *testing.B) {
	in := millionRows(b)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Price(context.Background(), bytes.NewReader(in), io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
