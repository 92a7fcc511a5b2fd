package update

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Decode parses a message strictly: at most MaxSize bytes of UTF-8, one JSON
// object with every member of the contract and no other, no member twice in
// any object, each of its kind and not null, decimals and times in their one
// written form and everything within the contract's limits. It does not
// check the signature: see Verify. Every error wraps ErrMalformed.
func Decode(data []byte) (Update, error) {
	u, err := decode(data)
	if err != nil {
		return Update{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return u, nil
}

func decode(data []byte) (Update, error) {
	if len(data) > MaxSize {
		return Update{}, fmt.Errorf("%d bytes, over the %d-byte limit", len(data), MaxSize)
	}
	if !utf8.Valid(data) {
		return Update{}, errors.New("not valid UTF-8")
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		var syn *json.SyntaxError
		if errors.As(err, &syn) && syn.Error() != "unexpected end of JSON input" {
			return Update{}, fmt.Errorf("invalid JSON at byte %d: %w", syn.Offset, err)
		}
		return Update{}, errors.New("truncated or empty JSON")
	}
	s := &scanner{data: data}
	s.space()
	if kindOf(data[s.i]) != kObject {
		return Update{}, errors.New("not a JSON object")
	}
	w, err := s.message()
	if err != nil {
		return Update{}, err
	}
	if w.V != Version {
		return Update{}, fmt.Errorf("v is %d, this reader knows %d", w.V, Version)
	}
	u := Update{V: w.V, Market: w.Market, Seq: w.Seq, Regime: w.Regime, Flags: w.Flags, Reasons: w.Reasons, KeyID: w.KeyID}
	if u.IssuedAt, err = parseTime("issued_at", w.IssuedAt); err != nil {
		return Update{}, err
	}
	if u.ValidUntil, err = parseTime("valid_until", w.ValidUntil); err != nil {
		return Update{}, err
	}
	u.Params = make(map[string]decimal.Decimal, len(w.Params))
	for name, v := range w.Params {
		p, _ := spec(name) // the scanner took known names only
		if u.Params[name], err = parseDecimal("params."+name, v, p.places); err != nil {
			return Update{}, err
		}
	}
	if u.StressIndex, err = parseDecimal("stress_index", w.StressIndex, stressIndex.places); err != nil {
		return Update{}, err
	}
	if u.Sig, err = base64.StdEncoding.Strict().DecodeString(w.Sig); err != nil {
		return Update{}, fmt.Errorf("sig is not standard base64: %w", err)
	}
	if err := validate(&u, true); err != nil {
		return Update{}, err
	}
	return u, nil
}

// parseTime reads a time in the one form appendJSON writes it.
func parseTime(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.UTC().Format(time.RFC3339Nano) != s {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time in UTC like 2020-03-12T09:00:00.5Z (no trailing zeros)", field, s)
	}
	return t.UTC(), nil
}

// parseDecimal reads a non-negative decimal written with exactly places
// places and no exponent, sign or extra zeros.
func parseDecimal(field, s string, places int32) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil || d.Sign() < 0 || d.StringFixed(places) != s {
		return decimal.Decimal{}, fmt.Errorf("%s %q is not a non-negative decimal with exactly %d places", field, s, places)
	}
	return d, nil
}

// wire is a message's members as read, before their values are checked.
type wire struct {
	V                                                 int
	Seq                                               uint64
	Market, IssuedAt, ValidUntil, Regime, StressIndex string
	KeyID, Sig                                        string
	Params                                            map[string]string
	Flags                                             map[string]bool
	Reasons                                           []Reason
}

// The members of a message and of a reason, in wire order, and their
// kinds.
var (
	messageMembers = []string{"flags", "issued_at", "key_id", "market", "params", "reasons", "regime", "seq", "sig", "stress_index", "v", "valid_until"}
	messageKinds   = []kind{kObject, kString, kString, kString, kObject, kArray, kString, kNumber, kString, kString, kNumber, kString}
	reasonMembers  = []string{"after", "before", "param", "text", "why"}
	paramNames     = func() []string {
		names := make([]string, len(table))
		for i, s := range table {
			names[i] = s.name
		}
		return names
	}()
)

// scanner reads a message from JSON that json.Valid has accepted, so it
// can take the grammar for granted and check only the schema.
type scanner struct {
	data []byte
	i    int
}

// message reads the object at s.i: every member of a message once and no
// other, each of its kind and not null (encoding/json would keep the last of
// two equal names silently, and take a null for a zero).
func (s *scanner) message() (wire, error) {
	var w wire
	err := s.object("", "member", messageMembers, true, func(i int, k kind) error {
		name := messageMembers[i]
		if err := expect("", name, k, messageKinds[i]); err != nil {
			return err
		}
		var err error
		switch name {
		case "flags":
			w.Flags = make(map[string]bool, len(flagNames))
			return s.object(name, "flag", flagNames, false, func(i int, k kind) error {
				if err := expect(name, flagNames[i], k, kBool); err != nil {
					return err
				}
				w.Flags[flagNames[i]] = s.token()[0] == 't'
				return nil
			})
		case "params":
			w.Params = make(map[string]string, len(paramNames))
			return s.object(name, "parameter", paramNames, false, func(i int, k kind) error {
				if err := expect(name, paramNames[i], k, kString); err != nil {
					return err
				}
				w.Params[paramNames[i]] = s.str()
				return nil
			})
		case "reasons":
			w.Reasons, err = s.reasons()
		case "v":
			tok := s.token()
			if w.V, err = strconv.Atoi(string(tok)); err != nil {
				err = fmt.Errorf("v: got the JSON number %s, want an integer", tok)
			}
		case "seq":
			tok := s.token()
			if w.Seq, err = strconv.ParseUint(string(tok), 10, 64); err != nil {
				err = fmt.Errorf("seq: got the JSON number %s, want an integer from 1 to 2^53−1", tok)
			}
		case "issued_at":
			w.IssuedAt = s.str()
		case "key_id":
			w.KeyID = s.str()
		case "market":
			w.Market = s.str()
		case "regime":
			w.Regime = s.str()
		case "sig":
			w.Sig = s.str()
		case "stress_index":
			w.StressIndex = s.str()
		case "valid_until":
			w.ValidUntil = s.str()
		}
		return err
	})
	return w, err
}

func (s *scanner) reasons() ([]Reason, error) {
	var rs []Reason
	s.i++ // '['
	for {
		s.space()
		switch s.data[s.i] {
		case ']':
			s.i++
			return rs, nil
		case ',':
			s.i++
			s.space()
		}
		path := "reasons[" + strconv.Itoa(len(rs)) + "]"
		if err := expect("", path, kindOf(s.data[s.i]), kObject); err != nil {
			return nil, err
		}
		if len(rs) == MaxReasons {
			return nil, fmt.Errorf("reasons: over the limit of %d", MaxReasons)
		}
		var r Reason
		fields := [...]*string{&r.After, &r.Before, &r.Param, &r.Text, &r.Why} // as reasonMembers
		err := s.object(path, "member", reasonMembers, true, func(i int, k kind) error {
			if err := expect(path, reasonMembers[i], k, kString); err != nil {
				return err
			}
			*fields[i] = s.str()
			return nil
		})
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
}

// object reads the object at s.i, whose member names must be among names
// (at most 32), each at most once, and all of them if all is set. each is
// called with the index of every member's name and its value's kind, with
// s.i at the value, which it must consume. A name outside names is an
// unknown noun.
func (s *scanner) object(path, noun string, names []string, all bool, each func(i int, k kind) error) error {
	prefix := ""
	if path != "" {
		prefix = path + ": "
	}
	var seen uint32
	s.i++ // '{'
	for {
		s.space()
		switch s.data[s.i] {
		case '}':
			s.i++
			for i, name := range names {
				if all && seen&(1<<i) == 0 {
					return fmt.Errorf("%s is missing or null", join(path, name))
				}
			}
			return nil
		case ',':
			s.i++
			s.space()
		}
		i, name := s.key(names)
		if i < 0 {
			return fmt.Errorf("%sunknown %s %q", prefix, noun, name)
		}
		if seen&(1<<i) != 0 {
			return fmt.Errorf("%smember %q appears twice", prefix, name)
		}
		seen |= 1 << i
		s.space()
		s.i++ // ':'
		s.space()
		if err := each(i, kindOf(s.data[s.i])); err != nil {
			return err
		}
	}
}

// key reads the member name at s.i and returns its index in names, or −1,
// and the name.
func (s *scanner) key(names []string) (int, string) {
	raw, escaped := s.rawString()
	if escaped {
		name := unescape(raw)
		return slices.Index(names, name), name
	}
	inner := raw[1 : len(raw)-1]
	for i, n := range names {
		if string(inner) == n {
			return i, n
		}
	}
	return -1, string(inner)
}

// str reads the string at s.i, unescaped.
func (s *scanner) str() string {
	raw, escaped := s.rawString()
	if escaped {
		return unescape(raw)
	}
	return string(raw[1 : len(raw)-1])
}

// rawString moves past the string at s.i and returns it with its quotes,
// and whether it holds an escape.
func (s *scanner) rawString() ([]byte, bool) {
	start := s.i
	escaped := false
	for s.i++; s.data[s.i] != '"'; s.i++ {
		if s.data[s.i] == '\\' {
			escaped = true
			s.i++
		}
	}
	s.i++
	return s.data[start:s.i], escaped
}

func unescape(raw []byte) string {
	var v string
	_ = json.Unmarshal(raw, &v) // a valid JSON string: cannot fail
	return v
}

// token reads the number or literal at s.i.
func (s *scanner) token() []byte {
	start := s.i
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return s.data[start:s.i]
		}
		s.i++
	}
	return s.data[start:s.i]
}

func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// kind is the kind of a JSON value, told by its first byte.
type kind byte

const (
	kString kind = iota + 1
	kNumber
	kBool
	kNull
	kObject
	kArray
)

func kindOf(c byte) kind {
	switch c {
	case '"':
		return kString
	case 't', 'f':
		return kBool
	case 'n':
		return kNull
	case '{':
		return kObject
	case '[':
		return kArray
	}
	return kNumber
}

func (k kind) String() string {
	return [...]string{"", "string", "number", "boolean", "null", "object", "array"}[k]
}

// expect checks the kind of the member name of path.
func expect(path, name string, got, want kind) error {
	switch {
	case got == kNull:
		return fmt.Errorf("%s is missing or null", join(path, name))
	case got != want:
		return fmt.Errorf("%s: got a JSON %s, want %s", join(path, name), got, want)
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
