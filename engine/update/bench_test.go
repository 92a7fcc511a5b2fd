package update

import (
	"testing"
	"time"
)

// BenchmarkFromMarketSignEncode is the engine's side of one stressed
// update: rounding, reasons, the Ed25519 signature and the wire JSON.
func BenchmarkFromMarketSignEncode(b *testing.B) {
	_, stressed := calmAndStressed(b)
	kp := testKey(b, 1)
	for b.Loop() {
		u := FromMarket(stressed, 42, time.Minute)
		if err := Sign(&u, kp); err != nil {
			b.Fatal(err)
		}
		if _, err := Encode(u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify is a consumer's side: strict decoding, the trusted-key
// check and signature verification over the re-encoded signing bytes.
func BenchmarkVerify(b *testing.B) {
	_, stressed := calmAndStressed(b)
	kp := testKey(b, 1)
	_, data := signed(b, stressed, 42, kp)
	trusted := map[string]bool{publicKey(b, kp): true}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Verify(data, trusted); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is Verify without the signature check.
func BenchmarkDecode(b *testing.B) {
	_, stressed := calmAndStressed(b)
	_, data := signed(b, stressed, 42, testKey(b, 1))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
