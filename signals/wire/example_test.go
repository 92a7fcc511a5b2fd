package wire_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// A collector signs a signal; the engine decodes and verifies it, and
// rejects the same message when it is replayed or tampered with.
func Example() {
	// A fixed demo key so that the output is reproducible; a collector
	// loads its own seed with keys.LoadSeedFile.
	kp, _ := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{0x42}, 32))
	public, _ := kp.PublicKey()

	s := wire.Signal{
		V:          wire.Version,
		Source:     "eth-collector-1",
		Chain:      "ethereum",
		Kind:       "base_fee_gwei",
		Value:      decimal.RequireFromString("182.5"),
		ObservedAt: time.Date(2020, 3, 12, 10, 0, 0, 0, time.UTC),
		Seq:        1234,
	}
	if err := wire.Sign(&s, kp); err != nil {
		fmt.Println(err)
		return
	}
	data, _ := wire.Encode(s)
	fmt.Println(wire.Subject(s.Chain, s.Kind))
	fmt.Printf("%s\n", data)

	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": public}})
	if err != nil {
		fmt.Println(err)
		return
	}
	now := s.ObservedAt.Add(time.Second)
	verify := func(data []byte) {
		got, err := wire.Decode(data)
		if err == nil {
			err = v.Verify(got, wire.Subject("ethereum", "base_fee_gwei"), now)
		}
		var re *wire.RejectError
		if errors.As(err, &re) {
			fmt.Println("rejected:", re.Reason)
			return
		}
		fmt.Println("accepted, last seq", v.LastSeq("eth-collector-1"))
	}
	verify(data)
	verify(data)
	verify(bytes.Replace(data, []byte(`"182.5"`), []byte(`"18.25"`), 1))
	// Output:
	// infra.signal.ethereum.base_fee_gwei
	// {"v":1,"source":"eth-collector-1","chain":"ethereum","kind":"base_fee_gwei","value":"182.5","observed_at":"2020-03-12T10:00:00Z","seq":1234,"sig":"J9deuFZkNhnDGUEETEtFptG4n4d398DerQdMarK/XYRf/HyP5r//4aIAJNtGYhYwlxhHrwOaO40qHUzZ+nAKAQ=="}
	// accepted, last seq 1234
	// rejected: replay
	// rejected: bad_signature
}
