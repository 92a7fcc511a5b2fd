package wire

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"
)

// Version is the message schema version written in "v".
const Version = 1

// Subjects.
const (
	// SubjectPrefix starts every signal subject.
	SubjectPrefix = "infra.signal."
	// SubjectAll matches every signal subject.
	SubjectAll = SubjectPrefix + ">"
)

// Limits of a message.
const (
	// MaxSize is the largest message Decode reads, in bytes.
	MaxSize = 4 << 10
	// MaxValueLen is the longest value text, in bytes.
	MaxValueLen = 64
	// MaxValueExp bounds the decimal exponent of a value: a value is
	// c·10^e with |e| ≤ MaxValueExp, so that its canonical form stays
	// short and its float64 finite.
	MaxValueExp = 64
)

// signingPrefix is the domain separator that starts the signing bytes, so
// that a signature over a signal is never valid as anything else.
const signingPrefix = "infrarisk-signal-v1\n"

// Subject returns the subject a signal of the chain and kind is published
// on: infra.signal.<chain>.<kind>.
func Subject(chain, kind string) string {
	return SubjectPrefix + chain + "." + kind
}

// Signal is one observation of one kind of network health on one chain.
// See the package documentation for the wire form of each field.
type Signal struct {
	// V is the schema version, Version.
	V int
	// Source names the collector that observed the value; the verifier
	// looks its public key up by this name.
	Source string
	Chain  string
	Kind   string
	// Value is kept as the exact decimal the collector wrote.
	Value decimal.Decimal
	// ObservedAt is when the collector observed the value; Decode returns
	// it in UTC.
	ObservedAt time.Time
	// Seq increases strictly with every signal of the source.
	Seq uint64
	// Sig is the Ed25519 signature over SigningBytes; empty if unsigned.
	Sig []byte
}

// Float returns the value as the nearest float64. It is finite for every
// signal that Decode accepts.
func (s Signal) Float() float64 {
	return s.Value.InexactFloat64()
}

// SigningBytes returns the canonical bytes the signature covers: the UTF-8
// of
//
//	infrarisk-signal-v1\n<source>\n<chain>\n<kind>\n<value>\n<observed_at>\n<seq>
//
// with the value as decimal.String, observed_at as RFC 3339 with
// nanoseconds in UTC (time.RFC3339Nano) and seq in decimal. It does not
// depend on how the JSON was written.
func (s Signal) SigningBytes() []byte {
	value := s.Value.String()
	b := make([]byte, 0, len(signingPrefix)+len(s.Source)+len(s.Chain)+len(s.Kind)+len(value)+len(time.RFC3339Nano)+20+5)
	b = append(b, signingPrefix...)
	b = append(b, s.Source...)
	b = append(b, '\n')
	b = append(b, s.Chain...)
	b = append(b, '\n')
	b = append(b, s.Kind...)
	b = append(b, '\n')
	b = append(b, value...)
	b = append(b, '\n')
	b = s.ObservedAt.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '\n')
	return strconv.AppendUint(b, s.Seq, 10)
}

// Sign checks the signal as Encode does and sets s.Sig to kp's Ed25519
// signature over its signing bytes. Any nkeys key pair with a seed signs,
// except a curve (X) key.
func Sign(s *Signal, kp nkeys.KeyPair) error {
	if err := s.check(); err != nil {
		return fmt.Errorf("wire: signing: %w", err)
	}
	sig, err := kp.Sign(s.SigningBytes())
	if err != nil {
		return fmt.Errorf("wire: signing: %w", err)
	}
	s.Sig = sig
	return nil
}

// ValidName reports whether s is a valid chain or kind name:
// ^[a-z0-9_-]{1,64}$.
func ValidName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// ValidSource reports whether s is a valid source name:
// ^[A-Za-z0-9_.-]{1,128}$.
func ValidSource(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

const (
	namePattern   = "^[a-z0-9_-]{1,64}$"
	sourcePattern = "^[A-Za-z0-9_.-]{1,128}$"
)

// check reports the first field of s that Encode could not write or Decode
// would not read back. It does not look at Sig beyond its length.
func (s *Signal) check() error {
	if s.V != Version {
		return fmt.Errorf("unsupported version %d, want %d", s.V, Version)
	}
	if !ValidSource(s.Source) {
		return fmt.Errorf("field \"source\": %q does not match %s", s.Source, sourcePattern)
	}
	if !ValidName(s.Chain) {
		return fmt.Errorf("field \"chain\": %q does not match %s", s.Chain, namePattern)
	}
	if !ValidName(s.Kind) {
		return fmt.Errorf("field \"kind\": %q does not match %s", s.Kind, namePattern)
	}
	if err := checkValue(s.Value); err != nil {
		return fmt.Errorf("field \"value\": %w", err)
	}
	if err := checkTime(s.ObservedAt); err != nil {
		return fmt.Errorf("field \"observed_at\": %w", err)
	}
	if len(s.Sig) != 0 && len(s.Sig) != sigSize {
		return fmt.Errorf("field \"sig\": signature is %d bytes, want %d", len(s.Sig), sigSize)
	}
	return nil
}

const sigSize = 64 // ed25519.SignatureSize

var errValueRange = fmt.Errorf("exponent outside ±%d", MaxValueExp)

func checkValue(d decimal.Decimal) error {
	if e := d.Exponent(); e < -MaxValueExp || e > MaxValueExp {
		return errValueRange
	}
	// The canonical form (what Encode writes and the signature covers)
	// must itself be a value Decode reads back: at most MaxValueLen bytes.
	// A short text such as 1e64 can have a long canonical form.
	if n := len(d.String()); n > MaxValueLen {
		return fmt.Errorf("canonical form is %d bytes, more than %d", n, MaxValueLen)
	}
	return nil
}

var errZeroTime = errors.New("zero time")

func checkTime(t time.Time) error {
	if t.IsZero() {
		return errZeroTime
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("year %d in UTC outside 1–9999", y)
	}
	return nil
}
