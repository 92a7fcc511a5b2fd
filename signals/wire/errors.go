package wire

import (
	"errors"
	"strings"
)

// Reason says why a signal was rejected. Its values are stable and
// lower-case, for use as a metric label.
type Reason string

// The reasons Decode and Verify give. The engine adds its own for checks
// it makes after Verify.
const (
	ReasonMalformed       Reason = "malformed"
	ReasonBadVersion      Reason = "bad_version"
	ReasonSubjectMismatch Reason = "subject_mismatch"
	ReasonUnknownKind     Reason = "unknown_kind"
	ReasonOutOfRange      Reason = "out_of_range"
	ReasonFuture          Reason = "future"
	ReasonStale           Reason = "stale"
	ReasonUnknownSource   Reason = "unknown_source"
	ReasonUnsigned        Reason = "unsigned"
	ReasonBadSignature    Reason = "bad_signature"
	ReasonReplay          Reason = "replay"
)

// Reasons returns every reason of this package, in the order Decode and
// Verify check them, for example to initialise a counter per label.
func Reasons() []Reason {
	return []Reason{
		ReasonMalformed, ReasonBadVersion, ReasonSubjectMismatch, ReasonUnknownKind, ReasonOutOfRange,
		ReasonFuture, ReasonStale, ReasonUnknownSource, ReasonUnsigned, ReasonBadSignature, ReasonReplay,
	}
}

var (
	// ErrRejected matches every *RejectError under errors.Is.
	ErrRejected = errors.New("wire: signal rejected")
	// ErrUnknownKind is wrapped by a VerifierOptions.CheckValue error to
	// say that the kind is unknown rather than its value out of range.
	ErrUnknownKind = errors.New("wire: unknown kind")
)

// RejectError is a rejected signal: why, from whom, and the underlying
// error. Source, Chain and Kind are empty when the message did not carry
// valid ones.
type RejectError struct {
	Reason              Reason
	Source, Chain, Kind string
	Err                 error
}

// Error reads, for example:
//
//	wire: signal rejected (bad_signature) from "eth-collector-1" for ethereum/base_fee_gwei: signature does not verify
func (e *RejectError) Error() string {
	var b strings.Builder
	b.WriteString("wire: signal rejected (")
	b.WriteString(string(e.Reason))
	b.WriteByte(')')
	if e.Source != "" {
		b.WriteString(" from \"")
		b.WriteString(e.Source)
		b.WriteByte('"')
	}
	if e.Chain != "" || e.Kind != "" {
		b.WriteString(" for ")
		b.WriteString(e.Chain)
		b.WriteByte('/')
		b.WriteString(e.Kind)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *RejectError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrRejected) true for every RejectError.
func (e *RejectError) Is(target error) bool { return target == ErrRejected }
