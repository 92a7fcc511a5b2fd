package update

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/market"
)

func TestSignEncodeVerifyRoundTrip(t *testing.T) {
	_, stressed := calmAndStressed(t)
	kp := testKey(t, 1)
	m, data := signed(t, stressed, 42, kp)
	got, err := Verify(data, map[string]bool{publicKey(t, kp): true})
	if err != nil {
		t.Fatal(err)
	}
	sameMessage(t, m, got)
	if again, _ := Encode(got); !bytes.Equal(again, data) {
		t.Errorf("re-encoding the verified message changes it:\n%s\n%s", data, again)
	}
}

// emit writes v as JSON with every object's members in reverse order and
// two-space indentation: the same message, formatted as no encoder here
// would.
func emit(b *bytes.Buffer, v any, indent string) {
	switch v := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(v))
		slices.Reverse(keys)
		b.WriteString("{\n")
		for i, k := range keys {
			kb, _ := json.Marshal(k)
			fmt.Fprintf(b, "%s  %s :  ", indent, kb)
			emit(b, v[k], indent+"  ")
			if i < len(keys)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(indent + "}")
	case []any:
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(indent + "  ")
			emit(b, x, indent+"  ")
			if i < len(v)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(indent + "]")
	default:
		vb, _ := json.Marshal(v)
		b.Write(vb)
	}
}

func generic(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestReformattedJSONStillVerifies(t *testing.T) {
	_, stressed := calmAndStressed(t)
	kp := testKey(t, 1)
	m, data := signed(t, stressed, 42, kp)
	trusted := map[string]bool{publicKey(t, kp): true}
	for _, tt := range []struct {
		name   string
		change func([]byte) []byte
	}{
		{"indented", func(d []byte) []byte {
			var b bytes.Buffer
			_ = json.Indent(&b, d, "\t", "    ")
			return b.Bytes()
		}},
		{"members reversed", func(d []byte) []byte {
			var b bytes.Buffer
			emit(&b, generic(t, d), "")
			return b.Bytes()
		}},
		{"re-marshalled with HTML escapes", func(d []byte) []byte { // "<", ">" and "&" as \u003c…
			out, _ := json.Marshal(generic(t, d))
			return out
		}},
		{"escaped characters", func(d []byte) []byte {
			d = bytes.Replace(d, []byte(`"ETH-OPTIONS"`), []byte(`"\u0045TH-OPTIONS"`), 1)
			return bytes.ReplaceAll(d, []byte("→"), []byte(`\u2192`))
		}},
		{"CRLF and trailing space", func(d []byte) []byte {
			return append(bytes.ReplaceAll(d, []byte(`,"`), []byte(",\r\n \"")), " \n"...)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			re := tt.change(slices.Clone(data))
			if bytes.Equal(re, data) {
				t.Fatal("reformatting changed nothing")
			}
			got, err := Verify(re, trusted)
			if err != nil {
				t.Fatalf("%v\n%s", err, re)
			}
			sameMessage(t, m, got)
		})
	}
}

func TestTamperingBreaksTheSignature(t *testing.T) {
	_, stressed := calmAndStressed(t)
	kp, other := testKey(t, 1), testKey(t, 2)
	_, data := signed(t, stressed, 42, kp)
	trusted := map[string]bool{publicKey(t, kp): true, publicKey(t, other): true}
	for _, tt := range []struct {
		name   string
		tamper func(*Update)
	}{
		{"param", func(u *Update) { u.Params[market.ScanRange] = u.Params[market.ScanRange].Sub(decimal.New(1, -4)) }},
		{"param place", func(u *Update) { u.Params[GracePeriodSeconds] = u.Params[GracePeriodSeconds].Add(decimal.New(1, 0)) }},
		{"flag", func(u *Update) { u.Flags[market.NewPositionsPaused] = !u.Flags[market.NewPositionsPaused] }},
		{"halt", func(u *Update) { u.Flags[Halt] = !u.Flags[Halt] }},
		{"seq", func(u *Update) { u.Seq++ }},
		{"market", func(u *Update) { u.Market = "BTC-OPTIONS" }},
		{"issued_at", func(u *Update) { u.IssuedAt = u.IssuedAt.Add(time.Nanosecond) }},
		{"valid_until", func(u *Update) { u.ValidUntil = u.ValidUntil.Add(time.Hour) }},
		{"regime", func(u *Update) { u.Regime = "normal" }},
		{"stress_index", func(u *Update) { u.StressIndex = decimal.Zero }},
		{"reason text", func(u *Update) { u.Reasons[0].Text += "." }},
		{"reason dropped", func(u *Update) { u.Reasons = u.Reasons[1:] }},
		{"reasons reordered", func(u *Update) { u.Reasons[0], u.Reasons[1] = u.Reasons[1], u.Reasons[0] }},
		{"key_id of another trusted key", func(u *Update) { u.KeyID = publicKey(t, other) }},
		{"signature", func(u *Update) { u.Sig[10] ^= 1 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			tt.tamper(&u)
			forged, err := Encode(u)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Verify(forged, trusted)
			if !errors.Is(err, ErrBadSignature) || got.Market != "" {
				t.Fatalf("got %v, want %v and a zero update", err, ErrBadSignature)
			}
		})
	}
}

func TestUntrustedKeyIsRejected(t *testing.T) {
	_, stressed := calmAndStressed(t)
	kp := testKey(t, 1)
	_, data := signed(t, stressed, 42, kp)
	for _, trusted := range []map[string]bool{nil, {}, {publicKey(t, testKey(t, 2)): true}, {publicKey(t, kp): false}} {
		got, err := Verify(data, trusted)
		if !errors.Is(err, ErrUntrustedKey) || !strings.Contains(err.Error(), publicKey(t, kp)) || got.Market != "" {
			t.Errorf("trusted %v: %v", trusted, err)
		}
	}
}

func TestMalformedInputIsRejectedWithAClearError(t *testing.T) {
	calm, _ := calmAndStressed(t)
	m, data := signed(t, calm, 42, testKey(t, 1))
	base := string(data)
	if !strings.Contains(base, `"regime":"normal",`) || !strings.Contains(base, `"p_fail":"0.0000",`) {
		t.Fatalf("base message changed shape: %s", base)
	}
	replace := func(old, new string) func() string {
		return func() string {
			if !strings.Contains(base, old) {
				t.Fatalf("%q not in the message", old)
			}
			return strings.Replace(base, old, new, 1)
		}
	}
	fixed := func(s string) func() string { return func() string { return s } }
	set := func(name string, value any) func() string {
		return func() string {
			v := generic(t, data).(map[string]any)
			v[name] = value
			out, _ := json.Marshal(v)
			return string(out)
		}
	}
	curve, _ := nkeys.CreateCurveKeys()
	curvePub, _ := curve.PublicKey()
	many := `"reasons":[` + strings.Repeat(`{"after":"","before":"","param":"","text":"","why":""},`, MaxReasons)
	for _, tt := range []struct {
		name  string
		input func() string
		want  string
	}{
		{"empty", fixed(""), "truncated or empty JSON"},
		{"not JSON", fixed("hello"), "invalid JSON at byte 1"},
		{"null", fixed("null"), "not a JSON object"},
		{"array", fixed("[]"), "not a JSON object"},
		{"truncated", func() string { return base[:len(base)/2] }, "truncated or empty JSON"},
		{"trailing data", func() string { return base + "{}" }, "invalid character '{' after top-level value"},
		{"too large", func() string { return base + strings.Repeat(" ", MaxSize) }, "over the 65536-byte limit"},
		{"invalid UTF-8", replace("ETH-OPTIONS", "ETH-\xff"), "not valid UTF-8"},
		{"unknown member", replace("{", `{"extra":1,`), `unknown member "extra"`},
		{"member twice", replace("{", `{"seq":43,`), `member "seq" appears twice`},
		{"param twice", replace(`"params":{`, `"params":{"scan_range":"0.9999",`), `member "scan_range" appears twice`},
		{"reason nested", replace(`"reasons":[`, `"reasons":[[[1]],`), "reasons[0]: got a JSON array, want object"},
		{"reason member unknown", replace(`"reasons":[`, `"reasons":[{"after":"","before":"","param":"","text":"","why":"","who":""},`), `reasons[0]: unknown member "who"`},
		{"reason member twice", replace(`"reasons":[{`, `"reasons":[{"after":"",`), `reasons[0]: member "after" appears twice`},
		{"escaped member twice", replace(`{`, `{"\u0073eq":1,`), `member "seq" appears twice`},
		{"member missing", replace(`"regime":"normal",`, ""), "regime is missing or null"},
		{"member null", replace(`"market":"ETH-OPTIONS"`, `"market":null`), "market is missing or null"},
		{"version", replace(`"v":1`, `"v":2`), "v is 2, this reader knows 1"},
		{"seq zero", replace(`"seq":42`, `"seq":0`), "seq 0 is outside 1 to 2^53−1"},
		{"seq beyond 2^53", replace(`"seq":42`, `"seq":9007199254740992`), "seq 9007199254740992 is outside"},
		{"seq as string", replace(`"seq":42`, `"seq":"42"`), "seq: got a JSON string, want number"},
		{"seq negative", replace(`"seq":42`, `"seq":-1`), "seq: got the JSON number -1, want an integer from 1 to 2^53−1"},
		{"seq fractional", replace(`"seq":42`, `"seq":42.5`), "seq: got the JSON number 42.5, want an integer"},
		{"param places", replace(`"scan_range":"0.1503"`, `"scan_range":"0.15"`), `params.scan_range "0.15" is not a non-negative decimal with exactly 4 places`},
		{"param exponent", replace(`"scan_range":"0.1503"`, `"scan_range":"1.503e-1"`), `params.scan_range "1.503e-1" is not`},
		{"param negative", replace(`"scan_range":"0.1503"`, `"scan_range":"-0.1503"`), `params.scan_range "-0.1503" is not`},
		{"param leading zero", replace(`"liquidation_horizon_s":"3612"`, `"liquidation_horizon_s":"03612"`), `"03612" is not a non-negative decimal with exactly 0 places`},
		{"param as number", replace(`"scan_range":"0.1503"`, `"scan_range":0.1503`), "params.scan_range: got a JSON number, want string"},
		{"param unknown", replace(`"params":{`, `"params":{"leverage":"10.0000",`), `params: unknown parameter "leverage"`},
		{"param missing", replace(`"p_fail":"0.0000",`, ""), "params: p_fail is missing"},
		{"params null", set("params", nil), "params is missing or null"},
		{"param null", replace(`"scan_range":"0.1503"`, `"scan_range":null`), "params.scan_range is missing or null"},
		{"flag unknown", replace(`"flags":{`, `"flags":{"frozen":true,`), `flags: unknown flag "frozen"`},
		{"flag missing", replace(`"halt":false,`, ""), "flags: halt is missing"},
		{"flag as string", replace(`"halt":false`, `"halt":"false"`), "flags.halt: got a JSON string, want boolean"},
		{"time with offset", replace(`"issued_at":"2020-03-12T09:00:00Z"`, `"issued_at":"2020-03-12T10:00:00+01:00"`), `issued_at "2020-03-12T10:00:00+01:00" is not an RFC 3339 time in UTC`},
		{"time with trailing zeros", replace(`"issued_at":"2020-03-12T09:00:00Z"`, `"issued_at":"2020-03-12T09:00:00.000Z"`), "is not an RFC 3339 time in UTC"},
		{"time not a time", replace(`"valid_until":"2020-03-12T09:01:00Z"`, `"valid_until":"soon"`), `valid_until "soon" is not`},
		{"expires before issued", replace(`"valid_until":"2020-03-12T09:01:00Z"`, `"valid_until":"2020-03-12T08:59:00Z"`), "is not after issued_at"},
		{"regime unknown", replace(`"regime":"normal"`, `"regime":"panic"`), `regime "panic" is not normal, elevated, stressed or halted`},
		{"stress index above 1", replace(`"stress_index":"0.000"`, `"stress_index":"1.001"`), "stress_index 1.001 is not within 0 to 1"},
		{"stress index places", replace(`"stress_index":"0.000"`, `"stress_index":"0.00"`), `stress_index "0.00" is not a non-negative decimal with exactly 3 places`},
		{"too many reasons", replace(`"reasons":[`, many), "reasons: over the limit of 64"},
		{"reason incomplete", replace(`"reasons":[`, `"reasons":[{"param":"scan_range"},`), "reasons[0].after is missing or null"},
		{"reason text too long", replace(`"reasons":[`, `"reasons":[{"after":"","before":"","param":"","text":"`+strings.Repeat("x", MaxText+1)+`","why":""},`), "reasons[0].text is not valid UTF-8 of at most 256 bytes"},
		{"reasons null", set("reasons", nil), "reasons is missing or null"},
		{"reasons an object", set("reasons", map[string]any{}), "reasons: got a JSON object, want array"},
		{"key not an nkey", replace(m.KeyID, "UABC"), `key_id "UABC" is not an nkeys public signing key`},
		{"key a curve key", replace(m.KeyID, curvePub), "is not an nkeys public signing key"},
		{"sig not base64", replace(`"sig":"`, `"sig":"!`), "sig is not standard base64"},
		{"sig short", set("sig", base64.StdEncoding.EncodeToString(make([]byte, 32))), "sig is 32 bytes, an Ed25519 signature is 64"},
		{"market with a dot", replace(`"market":"ETH-OPTIONS"`, `"market":"ETH.OPTIONS"`), `market "ETH.OPTIONS": '.' cannot be part of a subject token`},
		{"market empty", replace(`"market":"ETH-OPTIONS"`, `"market":""`), `market "" must be 1 to 64 bytes`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u, err := Verify([]byte(tt.input()), map[string]bool{m.KeyID: true})
			if !errors.Is(err, ErrMalformed) || !strings.HasPrefix(err.Error(), "update: malformed message: ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %v containing %q", err, ErrMalformed, tt.want)
			}
			if u.Market != "" || u.Params != nil {
				t.Errorf("an error came with an update: %+v", u)
			}
		})
	}
}

func TestSignRefusesAMessageThatBreaksTheContract(t *testing.T) {
	kp := testKey(t, 1)
	pubOnly, _ := nkeys.FromPublicKey(publicKey(t, kp))
	for _, tt := range []struct {
		name   string
		change func(*Update)
		key    nkeys.KeyPair
		want   string
	}{
		{"seq zero", func(u *Update) { u.Seq = 0 }, kp, "seq 0"},
		{"no validity", func(u *Update) { u.ValidUntil = u.IssuedAt }, kp, "valid_until"},
		{"no time", func(u *Update) { u.IssuedAt = time.Time{} }, kp, "issued_at"},
		{"market not a token", func(u *Update) { u.Market = "ETH OPTIONS" }, kp, "subject token"},
		{"regime unknown", func(u *Update) { u.Regime = "Regime(7)" }, kp, "regime"},
		{"too many places", func(u *Update) { u.Params[market.ScanRange] = decimal.RequireFromString("0.150250") }, kp, "scan_range 0.15025 has more than 4 decimal places"},
		{"negative param", func(u *Update) { u.Params[market.CloseFactor] = decimal.NewFromInt(-1) }, kp, "close_factor -1 is negative"},
		{"unknown param", func(u *Update) { u.Params["leverage"] = decimal.NewFromInt(10) }, kp, `unknown parameter "leverage"`},
		{"flag missing", func(u *Update) { delete(u.Flags, Halt) }, kp, "flags: halt is missing"},
		{"reason too long", func(u *Update) { u.Reasons = []Reason{{Text: strings.Repeat("x", MaxText+1)}} }, kp, "reasons[0].text"},
		{"public key only", func(*Update) {}, pubOnly, "update: sign: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u := FromMarket(crafted(), 1, time.Minute)
			tt.change(&u)
			before := fmt.Sprintf("%+v", u)
			err := Sign(&u, tt.key)
			if err == nil || !strings.HasPrefix(err.Error(), "update: ") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if after := fmt.Sprintf("%+v", u); after != before {
				t.Errorf("a refused Sign changed the message:\n%s\n%s", before, after)
			}
		})
	}
}

func TestEncodeRefusesAnUnsignedMessage(t *testing.T) {
	u := FromMarket(crafted(), 1, time.Minute)
	if _, err := Encode(u); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "key_id") {
		t.Fatalf("encoded an unsigned message: %v", err)
	}
}

// TestSigningBytesAreRFC8785: the signing bytes are the context line and
// the JSON Canonicalization Scheme form of the message without "sig", so a
// consumer in another language verifies with a JCS library. Go's encoder,
// which sorts map keys, stands in for one here: for the strings and integers
// of a message it writes what JCS writes, except that it escapes U+2028 and
// U+2029, which the text below therefore leaves out.
func TestSigningBytesAreRFC8785(t *testing.T) {
	u := crafted()
	u.Notes = []string{"quote \" backslash \\ <tag> & amp", "tab\t newline\n cr\r bs\b ff\f nul\x00 unit\x1f del\x7f", "é → ∞ 😀"}
	m := FromMarket(u, 9007199254740991, time.Minute)
	if err := Sign(&m, testKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	v := generic(t, data).(map[string]any)
	delete(v, "sig")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	want := signingContext + strings.TrimSuffix(b.String(), "\n")
	if got := string(signingBytes(&m)); got != want {
		t.Fatalf("signing bytes\n%s\nwant\n%s", got, want)
	}
	// U+2028 and U+2029 go out as UTF-8, as RFC 8785 has them.
	u.Notes = []string{"line\u2028para\u2029"}
	m2 := FromMarket(u, 1, time.Minute)
	if !bytes.Contains(signingBytes(&m2), []byte("line\u2028para\u2029")) {
		t.Errorf("U+2028 or U+2029 escaped: %s", signingBytes(&m2))
	}
	// The wire form is canonical too, with "sig" in its sorted place.
	if !bytes.Contains(data, []byte(`"seq":9007199254740991,"sig":"`)) {
		t.Errorf("sig not between seq and stress_index: %s", data)
	}
}

func TestFreshUntilValidUntil(t *testing.T) {
	u := FromMarket(crafted(), 1, time.Minute)
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{
		{t0, true},
		{t0.Add(59 * time.Second), true},
		{t0.Add(time.Minute - time.Nanosecond), true},
		{t0.Add(time.Minute), false},
		{t0.Add(time.Hour), false},
	} {
		if got := u.Fresh(tt.at); got != tt.want {
			t.Errorf("fresh at %s: %t, want %t", tt.at.Sub(t0), got, tt.want)
		}
	}
	if (Update{}).Fresh(t0) {
		t.Error("the zero update is fresh")
	}
}

func TestSubjectIsRiskParamsDotMarket(t *testing.T) {
	if got := Subject("ETH-OPTIONS"); got != "risk.params.ETH-OPTIONS" {
		t.Errorf("got %s", got)
	}
}
