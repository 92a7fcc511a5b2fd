package update

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"
)

var (
	// ErrInvalid is wrapped by Sign and Encode when a message breaks the
	// contract.
	ErrInvalid = errors.New("update: invalid message")
	// ErrMalformed is wrapped by every Decode error, and so by Verify for
	// input that is not a well-formed message.
	ErrMalformed = errors.New("update: malformed message")
)

// Encode returns the wire form of a signed message: its canonical JSON
// (see the package documentation) including "sig".
func Encode(u Update) ([]byte, error) {
	if err := validate(&u, true); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	b := appendJSON(make([]byte, 0, 2048), &u, true)
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, over the %d-byte limit", ErrInvalid, len(b), MaxSize)
	}
	return b, nil
}

// appendJSON appends the canonical JSON of u: members in sorted order, no
// white space, strings escaped as RFC 8785 does. Without sig it is the body
// of the signing bytes.
func appendJSON(b []byte, u *Update, sig bool) []byte {
	b = append(b, `{"flags":{`...)
	for i, name := range flagNames {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, name)
		b = append(b, ':')
		b = strconv.AppendBool(b, u.Flags[name])
	}
	b = append(b, `},"issued_at":`...)
	b = appendTime(b, u.IssuedAt)
	b = append(b, `,"key_id":`...)
	b = appendString(b, u.KeyID)
	b = append(b, `,"market":`...)
	b = appendString(b, u.Market)
	b = append(b, `,"params":{`...)
	for i, s := range table {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s.name)
		b = append(b, ':')
		b = appendString(b, u.Params[s.name].StringFixed(s.places))
	}
	b = append(b, `},"reasons":[`...)
	for i, r := range u.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"after":`...)
		b = appendString(b, r.After)
		b = append(b, `,"before":`...)
		b = appendString(b, r.Before)
		b = append(b, `,"param":`...)
		b = appendString(b, r.Param)
		b = append(b, `,"text":`...)
		b = appendString(b, r.Text)
		b = append(b, `,"why":`...)
		b = appendString(b, r.Why)
		b = append(b, '}')
	}
	b = append(b, `],"regime":`...)
	b = appendString(b, u.Regime)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, u.Seq, 10)
	if sig {
		b = append(b, `,"sig":"`...)
		b = base64.StdEncoding.AppendEncode(b, u.Sig)
		b = append(b, '"')
	}
	b = append(b, `,"stress_index":`...)
	b = appendString(b, u.StressIndex.StringFixed(stressIndex.places))
	b = append(b, `,"v":`...)
	b = strconv.AppendInt(b, int64(u.V), 10)
	b = append(b, `,"valid_until":`...)
	b = appendTime(b, u.ValidUntil)
	return append(b, '}')
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendString writes s (valid UTF-8) as RFC 8785 and ECMAScript's
// JSON.stringify do: only the quote, the backslash and control characters
// are escaped, with the short forms where JSON has them.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// validate checks u against the contract; with signed it also needs the
// key and signature. Its errors name the field and carry no prefix.
func validate(u *Update, signed bool) error {
	if u.V != Version {
		return fmt.Errorf("v is %d, this reader knows %d", u.V, Version)
	}
	if err := checkMarket(u.Market); err != nil {
		return err
	}
	if u.Seq == 0 || u.Seq > MaxSeq {
		return fmt.Errorf("seq %d is outside 1 to 2^53−1", u.Seq)
	}
	if u.IssuedAt.IsZero() || u.IssuedAt.UTC().Year() > 9999 {
		return fmt.Errorf("issued_at %v is unset or beyond year 9999", u.IssuedAt)
	}
	if !u.ValidUntil.After(u.IssuedAt) || u.ValidUntil.UTC().Year() > 9999 {
		return fmt.Errorf("valid_until %v is not after issued_at %v, or beyond year 9999", u.ValidUntil, u.IssuedAt)
	}
	if !regimes[u.Regime] {
		return fmt.Errorf("regime %q is not normal, elevated, stressed or halted", u.Regime)
	}
	for _, s := range table {
		d, ok := u.Params[s.name]
		switch {
		case !ok:
			return fmt.Errorf("params: %s is missing", s.name)
		case d.Sign() < 0:
			return fmt.Errorf("params: %s %s is negative", s.name, d)
		case !d.Equal(d.Truncate(s.places)):
			return fmt.Errorf("params: %s %s has more than %d decimal places", s.name, d, s.places)
		}
	}
	if len(u.Params) != len(table) {
		return fmt.Errorf("params: unknown parameter %q", unknownKey(u.Params, func(k string) bool { _, ok := spec(k); return ok }))
	}
	for _, f := range flagNames {
		if _, ok := u.Flags[f]; !ok {
			return fmt.Errorf("flags: %s is missing", f)
		}
	}
	if len(u.Flags) != len(flagNames) {
		return fmt.Errorf("flags: unknown flag %q", unknownKey(u.Flags, func(k string) bool { return slices.Contains(flagNames, k) }))
	}
	if s := u.StressIndex; s.Sign() < 0 || s.GreaterThan(decimal.NewFromInt(1)) || !s.Equal(s.Truncate(stressIndex.places)) {
		return fmt.Errorf("stress_index %s is not within 0 to 1 with at most %d decimal places", s, stressIndex.places)
	}
	if len(u.Reasons) > MaxReasons {
		return fmt.Errorf("reasons: %d, over the limit of %d", len(u.Reasons), MaxReasons)
	}
	for i, r := range u.Reasons {
		for _, f := range []struct {
			name, value string
			max         int
		}{{"param", r.Param, MaxField}, {"before", r.Before, MaxField}, {"after", r.After, MaxField}, {"why", r.Why, MaxField}, {"text", r.Text, MaxText}} {
			if len(f.value) > f.max || !utf8.ValidString(f.value) {
				return fmt.Errorf("reasons[%d].%s is not valid UTF-8 of at most %d bytes", i, f.name, f.max)
			}
		}
	}
	if !signed {
		return nil
	}
	if err := checkKey(u.KeyID); err != nil {
		return err
	}
	if len(u.Sig) != 64 {
		return fmt.Errorf("sig is %d bytes, an Ed25519 signature is 64", len(u.Sig))
	}
	return nil
}

// checkMarket accepts a name that is one NATS subject token of printable
// ASCII: no space, '.', '*' or '>'.
func checkMarket(m string) error {
	if m == "" || len(m) > MaxField {
		return fmt.Errorf("market %q must be 1 to %d bytes", m, MaxField)
	}
	for i := 0; i < len(m); i++ {
		if c := m[i]; c <= ' ' || c >= 0x7f || c == '.' || c == '*' || c == '>' {
			return fmt.Errorf("market %q: %q cannot be part of a subject token", m, c)
		}
	}
	return nil
}

func checkKey(id string) error {
	if !nkeys.IsValidPublicKey(id) || nkeys.Prefix(id) == nkeys.PrefixByteCurve {
		return fmt.Errorf("key_id %q is not an nkeys public signing key", id)
	}
	return nil
}

func unknownKey[V any](m map[string]V, known func(string) bool) string {
	for k := range m {
		if !known(k) {
			return k
		}
	}
	return ""
}
