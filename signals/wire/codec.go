package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// message is the JSON form of a Signal, as Encode writes it.
type message struct {
	V          int    `json:"v"`
	Source     string `json:"source"`
	Chain      string `json:"chain"`
	Kind       string `json:"kind"`
	Value      string `json:"value"`
	ObservedAt string `json:"observed_at"`
	Seq        uint64 `json:"seq"`
	Sig        string `json:"sig,omitempty"`
}

// Encode checks s and writes its JSON form: the fields in the documented
// order, the value as a decimal string, observed_at in UTC and sig left out
// when s is unsigned. Encode does not sign; see Sign.
func Encode(s Signal) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("wire: encoding: %w", err)
	}
	m := message{
		V:          s.V,
		Source:     s.Source,
		Chain:      s.Chain,
		Kind:       s.Kind,
		Value:      s.Value.String(),
		ObservedAt: s.ObservedAt.UTC().Format(time.RFC3339Nano),
		Seq:        s.Seq,
	}
	if len(s.Sig) != 0 {
		m.Sig = base64.StdEncoding.EncodeToString(s.Sig)
	}
	return json.Marshal(m)
}

// Field indexes in the order of the wire form.
const (
	fV = iota
	fSource
	fChain
	fKind
	fValue
	fObservedAt
	fSeq
	fSig
	numFields
)

var fieldNames = [numFields]string{"v", "source", "chain", "kind", "value", "observed_at", "seq", "sig"}

func indexOf(names []string, name []byte) int {
	for i, n := range names {
		if n == string(name) {
			return i
		}
	}
	return -1
}

// Decode reads one message strictly. It rejects, with a *RejectError of
// reason ReasonMalformed, a message larger than MaxSize, anything but one
// JSON object, an unknown, repeated, missing or null field, a field of the
// wrong type, a name that does not match its pattern, a value that is not
// a finite decimal within the limits, a time that is not RFC 3339 with a
// zone, a seq that is not an unsigned 64-bit integer and a sig that is not
// 64 bytes in standard base64. A message whose "v" is an integer other
// than Version is rejected with ReasonBadVersion, whatever else it holds,
// since another version may have other fields.
//
// The RejectError carries the source, chain and kind when the message had
// valid ones, so that a log line can say who sent it.
func Decode(data []byte) (Signal, error) {
	var raw [numFields]json.RawMessage
	err := split(data, &raw)
	if v := raw[fV]; v != nil {
		if n, verr := strconv.ParseInt(string(v), 10, 64); verr == nil && n != Version {
			return Signal{}, decodeError(ReasonBadVersion, &raw, fmt.Errorf("unsupported version %d, want %d", n, Version))
		}
	}
	if err != nil {
		return Signal{}, decodeError(ReasonMalformed, &raw, err)
	}
	for i, r := range raw {
		if r == nil && i != fSig {
			return Signal{}, decodeError(ReasonMalformed, &raw, fmt.Errorf("missing field %q", fieldNames[i]))
		}
	}
	s, err := parse(&raw)
	if err != nil {
		return Signal{}, decodeError(ReasonMalformed, &raw, err)
	}
	return s, nil
}

// split reads the top-level object of a signal message into raw, by
// field, each a slice of data. On an unknown or repeated field it goes on
// reading, so that the version can still be found, and then reports the
// first such field.
func split(data []byte, raw *[numFields]json.RawMessage) error {
	if err := validJSON(data, MaxSize); err != nil {
		return err
	}
	return splitObject(data, fieldNames[:], raw[:], "message")
}

// validJSON checks that data is at most limit bytes of valid JSON.
func validJSON(data []byte, limit int) error {
	if len(data) > limit {
		return fmt.Errorf("message is %d bytes, more than the limit of %d", len(data), limit)
	}
	if !json.Valid(data) {
		if len(bytes.TrimSpace(data)) == 0 {
			return errors.New("empty message")
		}
		var v json.RawMessage
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("not valid")
		}
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

// splitObject reads the JSON object data, which must be valid JSON, into
// raw by field: raw[i] is the value of names[i], nil if absent. what names
// the object in errors.
func splitObject(data []byte, names []string, raw []json.RawMessage, what string) error {
	i := skipSpace(data, 0)
	if data[i] != '{' {
		return fmt.Errorf("%s is not a JSON object", what)
	}
	i++
	var fieldErr error
	for {
		i = skipSpace(data, i)
		switch data[i] {
		case '}':
			return fieldErr
		case ',':
			i = skipSpace(data, i+1)
		}
		end := endOfString(data, i)
		key := data[i:end]
		i = skipSpace(data, end) + 1 // the colon
		i = skipSpace(data, i)
		end = endOfValue(data, i)
		v := data[i:end:end]
		i = end
		if fieldErr != nil {
			continue
		}
		f := indexOf(names, key[1:len(key)-1])
		if f < 0 && bytes.IndexByte(key, '\\') >= 0 {
			name, err := unquote(key)
			if err != nil {
				return fmt.Errorf("invalid JSON: %w", err)
			}
			f = indexOf(names, []byte(name))
		}
		switch {
		case f < 0:
			name, _ := unquote(key)
			fieldErr = fmt.Errorf("unknown field %q", clip(name))
		case raw[f] != nil:
			fieldErr = fmt.Errorf("repeated field %q", names[f])
		default:
			raw[f] = v
		}
	}
}

// elements returns the values of the JSON array data, which must be valid
// JSON, each a slice of data.
func elements(data []byte) ([]json.RawMessage, error) {
	i := skipSpace(data, 0)
	if data[i] != '[' {
		return nil, fmt.Errorf("want an array, got %s", jsonType(data[i:]))
	}
	var out []json.RawMessage
	for i++; ; {
		i = skipSpace(data, i)
		switch data[i] {
		case ']':
			return out, nil
		case ',':
			i = skipSpace(data, i+1)
		}
		end := endOfValue(data, i)
		out = append(out, data[i:end:end])
		i = end
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// endOfString returns the index just past the valid JSON string at i.
func endOfString(data []byte, i int) int {
	for j := i + 1; ; j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
}

// endOfValue returns the index just past the valid JSON value at i.
func endOfValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		return endOfString(data, i)
	case '{', '[':
		depth := 0
		for j := i; ; j++ {
			switch data[j] {
			case '"':
				j = endOfString(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
		j++
	}
	return j
}

// parse reads every field of a split message; all but sig are present.
func parse(raw *[numFields]json.RawMessage) (Signal, error) {
	var s Signal
	var err error
	if s.V, err = intField(raw, fV); err != nil {
		return Signal{}, err
	}
	for _, f := range []struct {
		i   int
		dst *string
	}{{fSource, &s.Source}, {fChain, &s.Chain}, {fKind, &s.Kind}} {
		if *f.dst, err = stringField(raw, f.i); err != nil {
			return Signal{}, err
		}
	}
	if !ValidSource(s.Source) {
		return Signal{}, fmt.Errorf("field \"source\": %q does not match %s", clip(s.Source), sourcePattern)
	}
	if !ValidName(s.Chain) {
		return Signal{}, fmt.Errorf("field \"chain\": %q does not match %s", clip(s.Chain), namePattern)
	}
	if !ValidName(s.Kind) {
		return Signal{}, fmt.Errorf("field \"kind\": %q does not match %s", clip(s.Kind), namePattern)
	}
	if s.Value, err = valueField(raw[fValue]); err != nil {
		return Signal{}, fmt.Errorf("field \"value\": %w", err)
	}
	if s.ObservedAt, err = timeField(raw[fObservedAt], fieldNames[fObservedAt]); err != nil {
		return Signal{}, err
	}
	if s.Seq, err = seqField(raw[fSeq]); err != nil {
		return Signal{}, fmt.Errorf("field \"seq\": %w", err)
	}
	if raw[fSig] != nil {
		if s.Sig, err = sigField(raw[fSig]); err != nil {
			return Signal{}, err
		}
	}
	return s, nil
}

// timeField reads an RFC 3339 time with a zone, in UTC.
func timeField(r json.RawMessage, name string) (time.Time, error) {
	at, err := str(r, name)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, fmt.Errorf("field %q: %q is not an RFC 3339 time with a zone", name, clip(at))
	}
	// time.Parse takes offsets up to ±99:59; RFC 3339 allows ±23:59.
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return time.Time{}, fmt.Errorf("field %q: %q has a zone offset beyond ±23:59", name, clip(at))
	}
	t = t.UTC()
	if err := checkTime(t); err != nil {
		return time.Time{}, fmt.Errorf("field %q: %w", name, err)
	}
	return t, nil
}

// sigField reads a signature: standard base64 of 64 bytes.
func sigField(r json.RawMessage) ([]byte, error) {
	b64, err := str(r, "sig")
	if err != nil {
		return nil, err
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("field \"sig\": not standard base64: %w", err)
	}
	if len(sig) != sigSize {
		return nil, fmt.Errorf("field \"sig\": signature is %d bytes, want %d", len(sig), sigSize)
	}
	return sig, nil
}

// jsonType names the JSON type of a valid JSON value, for error messages.
func jsonType(r json.RawMessage) string {
	switch r[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func stringField(raw *[numFields]json.RawMessage, i int) (string, error) {
	return str(raw[i], fieldNames[i])
}

// str reads the JSON string r, the field name.
func str(r json.RawMessage, name string) (string, error) {
	if jsonType(r) != "string" {
		return "", fmt.Errorf("field %q: want a string, got %s", name, jsonType(r))
	}
	s, err := unquote(r)
	if err != nil {
		return "", fmt.Errorf("field %q: %w", name, err)
	}
	return s, nil
}

// unquote reads a valid JSON string.
func unquote(r json.RawMessage) (string, error) {
	// Without escapes, the text between the quotes is the string.
	if bytes.IndexByte(r, '\\') < 0 {
		return string(r[1 : len(r)-1]), nil
	}
	var s string
	err := json.Unmarshal(r, &s)
	return s, err
}

func intField(raw *[numFields]json.RawMessage, i int) (int, error) {
	r := raw[i]
	if jsonType(r) != "number" {
		return 0, fmt.Errorf("field %q: want an integer, got %s", fieldNames[i], jsonType(r))
	}
	n, err := strconv.Atoi(string(r))
	if err != nil {
		return 0, fmt.Errorf("field %q: want an integer, got %s", fieldNames[i], clip(string(r)))
	}
	return n, nil
}

func seqField(r json.RawMessage) (uint64, error) {
	if jsonType(r) != "number" {
		return 0, fmt.Errorf("want an unsigned integer, got %s", jsonType(r))
	}
	n, err := strconv.ParseUint(string(r), 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s does not fit in 64 bits", clip(string(r)))
	}
	if err != nil {
		return 0, fmt.Errorf("want an unsigned integer, got %s", clip(string(r)))
	}
	return n, nil
}

// valueField reads a value written as a JSON number or as a string holding
// one, exactly.
func valueField(r json.RawMessage) (decimal.Decimal, error) {
	text := string(r)
	switch jsonType(r) {
	case "number":
	case "string":
		var err error
		if text, err = unquote(r); err != nil {
			return decimal.Decimal{}, err
		}
		if !isJSONNumber(text) {
			return decimal.Decimal{}, fmt.Errorf("%q is not a decimal number", clip(text))
		}
	default:
		return decimal.Decimal{}, fmt.Errorf("want a decimal string or number, got %s", jsonType(r))
	}
	if len(text) > MaxValueLen {
		return decimal.Decimal{}, fmt.Errorf("value is %d bytes, more than %d", len(text), MaxValueLen)
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a decimal number", clip(text))
	}
	if err := checkValue(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s: %w", text, err)
	}
	return d, nil
}

// isJSONNumber reports whether s follows the JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// clip shortens untrusted text quoted in an error message.
func clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// decodeError builds the rejection of a message, naming its source, chain
// and kind where they are valid.
func decodeError(reason Reason, raw *[numFields]json.RawMessage, err error) *RejectError {
	e := &RejectError{Reason: reason, Err: err}
	name := func(i int, valid func(string) bool) string {
		if raw[i] == nil {
			return ""
		}
		if s, err := stringField(raw, i); err == nil && valid(s) {
			return s
		}
		return ""
	}
	e.Source = name(fSource, ValidSource)
	e.Chain = name(fChain, ValidName)
	e.Kind = name(fKind, ValidName)
	return e
}
