package wire_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// now is the engine's clock in the tests.
var now = time.Date(2020, 3, 12, 10, 0, 2, 0, time.UTC)

// vectorKey signs the test vectors in testdata; its seed is 32 bytes of
// 0x42 and must never sign anything real.
func vectorKey(t testing.TB) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{0x42}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

const vectorPublic = "UAQVF6GRTN4R2JCFGJBOCXZOVNWLPT72PNVF5UYAS6LA4BUYQHNRFBIE"

func newKey(t testing.TB) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func publicKey(t testing.TB, kp nkeys.KeyPair) string {
	t.Helper()
	p, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// unsignedSignal is a valid signal observed a second before now.
func unsignedSignal(seq uint64) wire.Signal {
	return wire.Signal{
		V:          wire.Version,
		Source:     "eth-collector-1",
		Chain:      "ethereum",
		Kind:       "base_fee_gwei",
		Value:      decimal.RequireFromString("182.5"),
		ObservedAt: now.Add(-time.Second),
		Seq:        seq,
	}
}

func signed(t testing.TB, kp nkeys.KeyPair, s wire.Signal) wire.Signal {
	t.Helper()
	if err := wire.Sign(&s, kp); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkValue stands in for the engine's registry: base_fee_gwei in
// [0, 100000] and oracle_deviation in [-1, 1].
func checkValue(kind string, v float64) error {
	var lo, hi float64
	switch kind {
	case "base_fee_gwei":
		lo, hi = 0, 100000
	case "oracle_deviation":
		lo, hi = -1, 1
	default:
		return wire.ErrUnknownKind
	}
	if v < lo || v > hi {
		return errors.New("out of range")
	}
	return nil
}

// sameSignal reports whether a and b are the same signal: equal fields,
// with values and times compared as numbers and instants.
func sameSignal(a, b wire.Signal) bool {
	return a.V == b.V && a.Source == b.Source && a.Chain == b.Chain && a.Kind == b.Kind &&
		a.Value.Equal(b.Value) && a.ObservedAt.Equal(b.ObservedAt) && a.Seq == b.Seq &&
		bytes.Equal(a.Sig, b.Sig) && bytes.Equal(a.SigningBytes(), b.SigningBytes())
}

// reasonOf returns the reason of a *RejectError, failing the test for any
// other error.
func reasonOf(t testing.TB, err error) wire.Reason {
	t.Helper()
	var re *wire.RejectError
	if !errors.As(err, &re) {
		t.Fatalf("want a *RejectError, got %T %v", err, err)
	}
	if !errors.Is(err, wire.ErrRejected) {
		t.Errorf("errors.Is(%v, ErrRejected) is false", err)
	}
	return re.Reason
}

func asReject(err error, re **wire.RejectError) bool { return errors.As(err, re) }

// mustPublicOnly returns a key pair that can verify but not sign.
func mustPublicOnly(t testing.TB) nkeys.KeyPair {
	t.Helper()
	kp, err := nkeys.FromPublicKey(vectorPublic)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}
