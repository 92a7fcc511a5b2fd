package keys

import (
	"bytes"
	"testing"

	"github.com/nats-io/nkeys"
)

// TestSignerSignsLikeTheKeyPair: Ed25519 is deterministic, so the kept key
// must give exactly the nkeys signature, and it must verify.
func TestSignerSignsLikeTheKeyPair(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Signer(kp)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("infrarisk/risk.params/v1\n{}")
	want, _ := kp.Sign(msg)
	got, _ := s.Sign(msg)
	if !bytes.Equal(got, want) {
		t.Fatal("signatures differ")
	}
	if err := kp.Verify(msg, got); err != nil {
		t.Fatal(err)
	}
	a, _ := kp.PublicKey()
	b, _ := s.PublicKey()
	if a != b {
		t.Fatalf("public keys %s, %s", a, b)
	}
	curve, _ := nkeys.CreateCurveKeys()
	if _, err := Signer(curve); err == nil {
		t.Error("a curve key was accepted")
	}
}

func BenchmarkSignerSign(b *testing.B) {
	kp, _ := nkeys.CreateUser()
	s, _ := Signer(kp)
	msg := make([]byte, 512)
	for b.Loop() {
		s.Sign(msg)
	}
}
