package wire_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestSignEncodeDecodeVerifyRoundTrip: a signed signal survives the wire
// unchanged and verifies on the subject it belongs to.
func TestSignEncodeDecodeVerifyRoundTrip(t *testing.T) {
	kp := newKey(t)
	cases := []struct {
		name  string
		kind  string
		value string
		at    time.Time
	}{
		{"plain", "base_fee_gwei", "182.5", now.Add(-time.Second)},
		{"negative with trailing zeros", "oracle_deviation", "-0.012300", now.Add(-time.Minute)},
		{"nanoseconds in another zone", "base_fee_gwei", "7", now.Add(-123456789 * time.Nanosecond).In(time.FixedZone("", -7*3600))},
		{"zero", "oracle_deviation", "0", now},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := unsignedSignal(uint64(1000 + i))
			s.Kind, s.Value, s.ObservedAt = c.kind, decimal.RequireFromString(c.value), c.at
			s = signed(t, kp, s)
			data, err := wire.Encode(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := wire.Decode(data)
			if err != nil {
				t.Fatalf("%s: %v", data, err)
			}
			if !sameSignal(s, got) {
				t.Fatalf("sent %+v\ngot  %+v", s, got)
			}
			if got.ObservedAt.Location() != time.UTC {
				t.Errorf("observed_at not in UTC: %v", got.ObservedAt)
			}
			v, err := wire.NewVerifier(wire.VerifierOptions{
				Trusted:    map[string]string{s.Source: publicKey(t, kp)},
				CheckValue: checkValue,
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Verify(got, wire.Subject(got.Chain, got.Kind), now); err != nil {
				t.Fatal(err)
			}
			if v.LastSeq(s.Source) != s.Seq {
				t.Errorf("last seq %d, want %d", v.LastSeq(s.Source), s.Seq)
			}
		})
	}
}

// TestEncodeWritesTheDocumentedForm pins field order and formatting.
func TestEncodeWritesTheDocumentedForm(t *testing.T) {
	s := unsignedSignal(1234)
	s.Value = decimal.RequireFromString("182.50")
	s.ObservedAt = time.Date(2020, 3, 12, 11, 0, 0, 0, time.FixedZone("", 3600))
	data, err := wire.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"v":1,"source":"eth-collector-1","chain":"ethereum","kind":"base_fee_gwei","value":"182.5","observed_at":"2020-03-12T10:00:00Z","seq":1234}`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
	s = signed(t, vectorKey(t), s)
	if data, _ = wire.Encode(s); !strings.Contains(string(data), `,"sig":"J9deuFZkNhnDGUEETEtFptG4n4d398DerQdMarK/XYRf/HyP5r//4aIAJNtGYhYwlxhHrwOaO40qHUzZ+nAKAQ=="}`) {
		t.Errorf("signed: %s", data)
	}
}

// TestSignatureFromAnotherKeyFails: a signature is only good under the key
// that made it.
func TestSignatureFromAnotherKeyFails(t *testing.T) {
	trusted, other := newKey(t), newKey(t)
	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": publicKey(t, trusted)}})
	if err != nil {
		t.Fatal(err)
	}
	s := signed(t, other, unsignedSignal(1))
	if r := reasonOf(t, v.Verify(s, "", now)); r != wire.ReasonBadSignature {
		t.Errorf("reason %q", r)
	}
	if err := v.Verify(signed(t, trusted, unsignedSignal(1)), "", now); err != nil {
		t.Errorf("the trusted key's signature: %v", err)
	}
}

// TestTamperingAnySignedFieldBreaksTheSignature: each signed field, changed
// after signing, fails verification as bad_signature.
func TestTamperingAnySignedFieldBreaksTheSignature(t *testing.T) {
	kp := newKey(t)
	cases := []struct {
		name   string
		tamper func(*wire.Signal)
	}{
		{"value", func(s *wire.Signal) { s.Value = decimal.RequireFromString("182.6") }},
		{"seq", func(s *wire.Signal) { s.Seq++ }},
		{"kind", func(s *wire.Signal) { s.Kind = "oracle_deviation"; s.Value = decimal.Zero }},
		{"chain", func(s *wire.Signal) { s.Chain = "arbitrum" }},
		{"observed_at", func(s *wire.Signal) { s.ObservedAt = s.ObservedAt.Add(time.Millisecond) }},
		{"source", func(s *wire.Signal) { s.Source = "eth-collector-2" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := wire.NewVerifier(wire.VerifierOptions{
				Trusted:    map[string]string{"eth-collector-1": publicKey(t, kp), "eth-collector-2": publicKey(t, kp)},
				CheckValue: checkValue,
			})
			if err != nil {
				t.Fatal(err)
			}
			s := signed(t, kp, unsignedSignal(10))
			if s.Kind == "oracle_deviation" {
				t.Fatal("test signal already has the tampered kind")
			}
			c.tamper(&s)
			// Through the wire, so that tampering with the JSON is covered.
			data, err := wire.Encode(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := wire.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if r := reasonOf(t, v.Verify(got, wire.Subject(got.Chain, got.Kind), now)); r != wire.ReasonBadSignature {
				t.Errorf("reason %q", r)
			}
			if v.LastSeq(got.Source) != 0 {
				t.Error("a tampered signal moved the seq")
			}
		})
	}
}

// TestEncodeAndSignRefuseInvalidSignals: nothing is written or signed that
// Decode would reject.
func TestEncodeAndSignRefuseInvalidSignals(t *testing.T) {
	cases := []struct {
		name   string
		change func(*wire.Signal)
		errMsg string
	}{
		{"version 0", func(s *wire.Signal) { s.V = 0 }, "unsupported version 0, want 1"},
		{"empty source", func(s *wire.Signal) { s.Source = "" }, `field "source": "" does not match`},
		{"chain with a dot", func(s *wire.Signal) { s.Chain = "eth.main" }, `field "chain": "eth.main" does not match`},
		{"kind with a wildcard", func(s *wire.Signal) { s.Kind = ">" }, `field "kind": ">" does not match`},
		{"huge exponent", func(s *wire.Signal) { s.Value = decimal.New(1, 65) }, `field "value": exponent outside ±64`},
		{"zero time", func(s *wire.Signal) { s.ObservedAt = time.Time{} }, `field "observed_at": zero time`},
		{"year 10000", func(s *wire.Signal) { s.ObservedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "year 10000"},
		{"short sig", func(s *wire.Signal) { s.Sig = []byte{1, 2, 3} }, `field "sig": signature is 3 bytes, want 64`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := unsignedSignal(1)
			c.change(&s)
			if _, err := wire.Encode(s); err == nil || !strings.HasPrefix(err.Error(), "wire: encoding: ") || !strings.Contains(err.Error(), c.errMsg) {
				t.Errorf("Encode: %v, want %q", err, c.errMsg)
			}
			if c.name == "short sig" {
				return // Sign replaces the signature
			}
			if err := wire.Sign(&s, newKey(t)); err == nil || !strings.Contains(err.Error(), c.errMsg) || s.Sig != nil {
				t.Errorf("Sign: %v (sig %x), want %q", err, s.Sig, c.errMsg)
			}
		})
	}
}

// TestSignNeedsASeed: a public-only key pair cannot sign.
func TestSignNeedsASeed(t *testing.T) {
	s := unsignedSignal(1)
	if err := wire.Sign(&s, mustPublicOnly(t)); err == nil || !strings.HasPrefix(err.Error(), "wire: signing: ") {
		t.Errorf("got %v", err)
	}
}

func TestSubject(t *testing.T) {
	if got := wire.Subject("ethereum", "base_fee_gwei"); got != "infra.signal.ethereum.base_fee_gwei" {
		t.Errorf("got %q", got)
	}
}
