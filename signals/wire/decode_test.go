package wire_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestDecodeRejectsBadFiles reads every testdata/*.bad.json and checks the
// reason and the error text it must produce.
func TestDecodeRejectsBadFiles(t *testing.T) {
	cases := []struct {
		file   string
		reason wire.Reason
		errMsg string
	}{
		{"not_json.bad.json", wire.ReasonMalformed, "invalid JSON: unexpected end of JSON input"},
		{"array.bad.json", wire.ReasonMalformed, "message is not a JSON object"},
		{"trailing_data.bad.json", wire.ReasonMalformed, "invalid JSON: invalid character '{' after top-level value"},
		{"unknown_field.bad.json", wire.ReasonMalformed, `unknown field "unit"`},
		{"repeated_field.bad.json", wire.ReasonMalformed, `repeated field "seq"`},
		{"missing_seq.bad.json", wire.ReasonMalformed, `missing field "seq"`},
		{"missing_version.bad.json", wire.ReasonMalformed, `missing field "v"`},
		{"null_source.bad.json", wire.ReasonMalformed, `field "source": want a string, got null`},
		{"version_2.bad.json", wire.ReasonBadVersion, "unsupported version 2, want 1"},
		{"version_string.bad.json", wire.ReasonMalformed, `field "v": want an integer, got string`},
		{"chain_upper_case.bad.json", wire.ReasonMalformed, `field "chain": "Ethereum" does not match ^[a-z0-9_-]{1,64}$`},
		{"kind_with_dot.bad.json", wire.ReasonMalformed, `field "kind": "base.fee" does not match ^[a-z0-9_-]{1,64}$`},
		{"source_with_space.bad.json", wire.ReasonMalformed, `field "source": "eth collector" does not match ^[A-Za-z0-9_.-]{1,128}$`},
		{"value_nan.bad.json", wire.ReasonMalformed, `field "value": "NaN" is not a decimal number`},
		{"value_infinity.bad.json", wire.ReasonMalformed, `field "value": "-Infinity" is not a decimal number`},
		{"value_bare_nan.bad.json", wire.ReasonMalformed, "invalid JSON: invalid character 'N' looking for beginning of value"},
		{"value_plus_sign.bad.json", wire.ReasonMalformed, `field "value": "+182.5" is not a decimal number`},
		{"value_huge_exponent.bad.json", wire.ReasonMalformed, `field "value": 1e400: exponent outside ±64`},
		{"value_too_long.bad.json", wire.ReasonMalformed, `field "value": value is 67 bytes, more than 64`},
		{"value_boolean.bad.json", wire.ReasonMalformed, `field "value": want a decimal string or number, got boolean`},
		{"time_without_zone.bad.json", wire.ReasonMalformed, `field "observed_at": "2020-03-12T10:00:00" is not an RFC 3339 time with a zone`},
		{"time_unix_seconds.bad.json", wire.ReasonMalformed, `field "observed_at": want a string, got number`},
		{"time_zone_24h.bad.json", wire.ReasonMalformed, `field "observed_at": "2020-03-12T10:00:00+24:00" has a zone offset beyond ±23:59`},
		{"seq_negative.bad.json", wire.ReasonMalformed, `field "seq": want an unsigned integer, got -1`},
		{"seq_fraction.bad.json", wire.ReasonMalformed, `field "seq": want an unsigned integer, got 1234.5`},
		{"seq_overflow.bad.json", wire.ReasonMalformed, `field "seq": 18446744073709551616 does not fit in 64 bits`},
		{"seq_string.bad.json", wire.ReasonMalformed, `field "seq": want an unsigned integer, got string`},
		{"sig_not_base64.bad.json", wire.ReasonMalformed, `field "sig": not standard base64`},
		{"sig_too_short.bad.json", wire.ReasonMalformed, `field "sig": signature is 3 bytes, want 64`},
	}
	files, err := filepath.Glob("testdata/*.bad.json")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range cases {
		listed[c.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no case", f)
		}
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".bad.json"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = wire.Decode(data)
			if err == nil {
				t.Fatal("decoded")
			}
			if r := reasonOf(t, err); r != c.reason {
				t.Errorf("reason %q, want %q", r, c.reason)
			}
			if !strings.Contains(err.Error(), c.errMsg) {
				t.Errorf("error %q\ndoes not contain %q", err, c.errMsg)
			}
		})
	}
}

// TestDecodeRejectsWithoutAFile covers messages awkward to keep as files.
func TestDecodeRejectsWithoutAFile(t *testing.T) {
	good, err := os.ReadFile("testdata/unsigned.good.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		data   []byte
		errMsg string
	}{
		{"empty", nil, "empty message"},
		{"only whitespace", []byte(" \n"), "empty message"},
		{"over 4 KiB", append(append([]byte{}, good...), bytes.Repeat([]byte(" "), wire.MaxSize)...),
			fmt.Sprintf("message is %d bytes, more than the limit of 4096", len(good)+wire.MaxSize)},
		{"string", []byte(`"v"`), "message is not a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := wire.Decode(c.data)
			if err == nil {
				t.Fatal("decoded")
			}
			if r := reasonOf(t, err); r != wire.ReasonMalformed {
				t.Errorf("reason %q", r)
			}
			if !strings.Contains(err.Error(), c.errMsg) {
				t.Errorf("error %q\ndoes not contain %q", err, c.errMsg)
			}
		})
	}
}

// TestDecodeErrorNamesValidSenders: a rejection says who sent the message
// when the names in it are valid, and leaves out names that are not.
func TestDecodeErrorNamesValidSenders(t *testing.T) {
	data, err := os.ReadFile("testdata/seq_negative.bad.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = wire.Decode(data)
	want := `wire: signal rejected (malformed) from "eth-collector-1" for ethereum/base_fee_gwei: field "seq": want an unsigned integer, got -1`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}

	data, err = os.ReadFile("testdata/chain_upper_case.bad.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = wire.Decode(data)
	var re *wire.RejectError
	if !asReject(err, &re) || re.Source != "eth-collector-1" || re.Chain != "" || re.Kind != "base_fee_gwei" {
		t.Errorf("got %#v", re)
	}
}

// TestDecodeGoodFiles reads every testdata/*.good.json and checks the
// signing bytes it decodes to, whatever the JSON form.
func TestDecodeGoodFiles(t *testing.T) {
	vector := "infrarisk-signal-v1\neth-collector-1\nethereum\nbase_fee_gwei\n182.5\n2020-03-12T10:00:00Z\n1234"
	cases := []struct {
		file    string
		signing string
		signed  bool
	}{
		{"unsigned.good.json", vector, false},
		{"other_form.good.json", vector, false},
		{"signed.good.json", vector, true},
		{"signed_other_form.good.json", vector, true},
		{"edge.good.json", "infrarisk-signal-v1\nSol.Collector_2\nsolana\noracle_deviation\n-0.000001\n2024-03-01T05:29:59.123456789Z\n18446744073709551615", false},
	}
	files, err := filepath.Glob("testdata/*.good.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(cases) {
		t.Errorf("%d good files, %d cases", len(files), len(cases))
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".good.json"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			s, err := wire.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(s.SigningBytes()); got != c.signing {
				t.Errorf("signing bytes\n%s\nwant\n%s", got, c.signing)
			}
			if s.ObservedAt.Location() != time.UTC {
				t.Errorf("observed_at in %v, want UTC", s.ObservedAt.Location())
			}
			if (len(s.Sig) > 0) != c.signed {
				t.Errorf("signed %v, want %v", len(s.Sig) > 0, c.signed)
			}
		})
	}
}

// TestSignedVectorVerifies pins the signing bytes: the vector in testdata
// was signed once, and still verifies in both of its JSON forms. If this
// fails, the signing bytes changed and every deployed collector breaks.
func TestSignedVectorVerifies(t *testing.T) {
	if got := publicKey(t, vectorKey(t)); got != vectorPublic {
		t.Fatalf("vector key is %s", got)
	}
	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": vectorPublic}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"signed.good.json", "signed_other_form.good.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		s, err := wire.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		s.Seq++ // the signature covers seq: a changed seq must fail
		if err := v.Verify(s, "", s.ObservedAt); err == nil || reasonOf(t, err) != wire.ReasonBadSignature {
			t.Errorf("%s with seq+1: %v", f, err)
		}
		s.Seq--
		// A fresh verifier per file: the two forms carry the same seq.
		v, _ = wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": vectorPublic}})
		if err := v.Verify(s, wire.Subject("ethereum", "base_fee_gwei"), s.ObservedAt); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// FuzzDecode: Decode never panics, and whatever it accepts encodes and
// decodes back to the same signal.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"v":1,"source":"a","chain":"b","kind":"c","value":-0.0e-64,"observed_at":"0001-01-01T00:00:01Z","seq":0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := wire.Decode(data)
		if err != nil {
			var re *wire.RejectError
			if !asReject(err, &re) || (re.Reason != wire.ReasonMalformed && re.Reason != wire.ReasonBadVersion) {
				t.Fatalf("rejection %v", err)
			}
			return
		}
		enc, err := wire.Encode(s)
		if err != nil {
			t.Fatalf("decoded %+v but cannot encode it: %v", s, err)
		}
		back, err := wire.Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded %s does not decode: %v", enc, err)
		}
		if !sameSignal(s, back) {
			t.Fatalf("round trip changed the signal:\n%+v\n%+v", s, back)
		}
		if f := s.Float(); f != f || f > 1e300 || f < -1e300 {
			t.Fatalf("value %s reads as %v", s.Value, f)
		}
	})
}
