package wire_test

import (
	"testing"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// BenchmarkDecodeVerify decodes one signed message and verifies it: the
// checks, the Ed25519 signature and the replay bookkeeping.
func BenchmarkDecodeVerify(b *testing.B) {
	kp := newKey(b)
	opts := wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": publicKey(b, kp)}, CheckValue: checkValue}
	// Distinct seqs, so that no message is a replay; a fresh verifier each
	// time the ring wraps.
	msgs := make([][]byte, 256)
	for i := range msgs {
		data, err := wire.Encode(signed(b, kp, unsignedSignal(uint64(i+1))))
		if err != nil {
			b.Fatal(err)
		}
		msgs[i] = data
	}
	subject := wire.Subject("ethereum", "base_fee_gwei")
	var v *wire.Verifier
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%len(msgs) == 0 {
			b.StopTimer()
			v, _ = wire.NewVerifier(opts)
			b.StartTimer()
		}
		s, err := wire.Decode(msgs[i%len(msgs)])
		if err != nil {
			b.Fatal(err)
		}
		if err := v.Verify(s, subject, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is the decoding part of BenchmarkDecodeVerify.
func BenchmarkDecode(b *testing.B) {
	data, err := wire.Encode(signed(b, newKey(b), unsignedSignal(1234)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := wire.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeSign signs and encodes one signal, as a Publisher does.
func BenchmarkEncodeSign(b *testing.B) {
	kp := newKey(b)
	s := unsignedSignal(1)
	b.ReportAllocs()
	for b.Loop() {
		s.Seq++
		if err := wire.Sign(&s, kp); err != nil {
			b.Fatal(err)
		}
		if _, err := wire.Encode(s); err != nil {
			b.Fatal(err)
		}
	}
}
