package replay

import (
	"bytes"
	"testing"
)

// FuzzReadCSV: ReadCSV never panics, and every row it returns has a known
// shape: a time, a chain and kind, and a value.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("time,chain,kind,value\n2020-03-12T00:00:00Z,ethereum,base_fee_gwei,9.89\n2020-03-12T00:10:00Z,ethereum,gas_used_ratio,0.97\n"))
	f.Add([]byte("time,chain,kind,value\n2020-03-12T00:10:00Z,ethereum,x,1\n2020-03-12T00:00:00Z,ethereum,x,NaN\n"))
	f.Add([]byte("time,chain,kind\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i, r := range rows {
			if r.At.IsZero() || r.Chain == "" || r.Kind == "" {
				t.Fatalf("row %d accepted with an empty field: %+v", i, r)
			}
			if i > 0 && r.At.Before(rows[i-1].At) {
				t.Fatalf("row %d goes back in time", i)
			}
		}
	})
}
