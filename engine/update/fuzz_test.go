package update

import (
	"bytes"
	"errors"
	"testing"

	"github.com/infrarisk/infrarisk/engine/market"
)

// FuzzDecode: Decode never panics, rejects only with ErrMalformed, and what
// it accepts encodes to canonical bytes that decode to the same message.
func FuzzDecode(f *testing.F) {
	calm, stressed := calmAndStressed(f)
	for i, u := range []market.Update{calm, stressed} {
		_, data := signed(f, u, uint64(i+1), testKey(f, 1))
		f.Add(data)
		f.Add(bytes.ReplaceAll(data, []byte(`,"`), []byte(",\n \"")))
	}
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`{"reasons":[{"after":"\u0041"}],"reasons":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error not ErrMalformed: %v", err)
			}
			return
		}
		out, err := Encode(u)
		if err != nil {
			t.Fatalf("accepted but cannot encode: %v", err)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("own encoding rejected: %v\n%s", err, out)
		}
		if out2, _ := Encode(again); !bytes.Equal(out, out2) {
			t.Fatalf("encoding not stable:\n%s\n%s", out, out2)
		}
		if !bytes.Equal(signingBytes(&u), signingBytes(&again)) {
			t.Fatal("signing bytes changed through a round trip")
		}
	})
}
