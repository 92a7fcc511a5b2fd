package wire

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nkeys"
)

// Defaults of VerifierOptions.
const (
	DefaultMaxFutureSkew = 5 * time.Second
	DefaultMaxAge        = 10 * time.Minute
)

// VerifierOptions configure a Verifier.
type VerifierOptions struct {
	// Trusted maps each source to its public nkey, such as a user key
	// "U…". A source with a key must sign, even when AllowUnsigned is set.
	Trusted map[string]string
	// AllowUnsigned accepts unsigned signals from sources that have no key
	// in Trusted. Anyone who can publish to the subjects can then move the
	// engine's parameters: for local experiments only.
	AllowUnsigned bool
	// MaxFutureSkew is how far past now an observed_at may be, for clock
	// skew between collector and engine; zero means
	// DefaultMaxFutureSkew.
	MaxFutureSkew time.Duration
	// MaxAge is how old an observed_at may be; zero means DefaultMaxAge.
	MaxAge time.Duration
	// CheckValue, if set, checks a kind and its value. It returns an error
	// wrapping ErrUnknownKind for a kind it does not know and any other
	// error for a value out of range.
	CheckValue func(kind string, v float64) error
}

// Verifier decides whether a decoded signal is accepted, and remembers the
// last accepted seq of each source to reject replays. It is safe for
// concurrent use.
type Verifier struct {
	keys          map[string]ed25519.PublicKey
	allowUnsigned bool
	maxFuture     time.Duration
	maxAge        time.Duration
	checkValue    func(kind string, v float64) error

	mu   sync.Mutex
	last map[string]uint64
}

// NewVerifier checks the options and returns a verifier that has accepted
// nothing yet.
func NewVerifier(opts VerifierOptions) (*Verifier, error) {
	if opts.MaxFutureSkew < 0 || opts.MaxAge < 0 {
		return nil, fmt.Errorf("wire: negative MaxFutureSkew %v or MaxAge %v", opts.MaxFutureSkew, opts.MaxAge)
	}
	v := &Verifier{
		keys:          make(map[string]ed25519.PublicKey, len(opts.Trusted)),
		allowUnsigned: opts.AllowUnsigned,
		maxFuture:     opts.MaxFutureSkew,
		maxAge:        opts.MaxAge,
		checkValue:    opts.CheckValue,
		last:          make(map[string]uint64),
	}
	if v.maxFuture == 0 {
		v.maxFuture = DefaultMaxFutureSkew
	}
	if v.maxAge == 0 {
		v.maxAge = DefaultMaxAge
	}
	for source, public := range opts.Trusted {
		if !ValidSource(source) {
			return nil, fmt.Errorf("wire: trusted source %q does not match %s", clip(source), sourcePattern)
		}
		key, err := ParsePublicKey(public)
		if err != nil {
			return nil, fmt.Errorf("wire: trusted source %q: %w", source, err)
		}
		v.keys[source] = key
	}
	return v, nil
}

// ParsePublicKey reads a public nkey ("U…", "A…", "N…", "O…" or "C…") as an
// Ed25519 public key. It refuses a seed, a curve key and a malformed or
// weak key, and never quotes its input, which might be a pasted seed.
func ParsePublicKey(public string) (ed25519.PublicKey, error) {
	if len(public) > 0 && public[0] == 'S' {
		return nil, errors.New("a seed where a public key belongs: use the public key, and treat this seed as leaked")
	}
	if _, err := nkeys.FromPublicKey(public); err != nil {
		return nil, fmt.Errorf("not a valid public nkey: %w", err)
	}
	prefix := nkeys.Prefix(public)
	if prefix == nkeys.PrefixByteCurve {
		return nil, errors.New("a curve (X) key cannot verify signatures")
	}
	raw, err := nkeys.Decode(prefix, []byte(public))
	if err != nil {
		return nil, fmt.Errorf("not a valid public nkey: %w", err)
	}
	return ed25519.PublicKey(raw), nil
}

// Verify accepts s or returns a *RejectError. subject is the subject the
// message arrived on ("" skips that check) and now the engine's clock. The
// checks, in order:
//
//  1. s is well formed, as Decode would have it (malformed, bad_version);
//  2. subject is Subject(s.Chain, s.Kind) (subject_mismatch);
//  3. CheckValue knows the kind (unknown_kind) and accepts the value
//     (out_of_range);
//  4. observed_at is at most MaxFutureSkew after now (future) and at most
//     MaxAge before it (stale);
//  5. the source has a trusted key (unknown_source), unless AllowUnsigned
//     is set and the signal is unsigned;
//  6. a source with a key signed (unsigned) and the signature verifies
//     under that key (bad_signature);
//  7. seq is above the last seq accepted from the source (replay).
//
// Only a signal that passes every check advances the source's seq.
//
// Verify is Check followed by Admit. An engine that verifies signatures on
// several cores runs Check concurrently and Admit in arrival order.
func (v *Verifier) Verify(s Signal, subject string, now time.Time) error {
	if err := v.Check(s, subject, now); err != nil {
		return err
	}
	return v.Admit(s)
}

// Check runs the checks of Verify that do not depend on earlier signals
// (1 to 6: everything but replay). It is safe to call concurrently and does
// not change the verifier.
func (v *Verifier) Check(s Signal, subject string, now time.Time) error {
	reject := func(r Reason, err error) error {
		return &RejectError{Reason: r, Source: s.Source, Chain: s.Chain, Kind: s.Kind, Err: err}
	}
	if err := s.check(); err != nil {
		if s.V != Version {
			return reject(ReasonBadVersion, err)
		}
		return reject(ReasonMalformed, err)
	}
	if subject != "" && subject != Subject(s.Chain, s.Kind) {
		return reject(ReasonSubjectMismatch, fmt.Errorf("arrived on %q, want %q", clip(subject), Subject(s.Chain, s.Kind)))
	}
	if err := v.checkContent(s, now); err != nil {
		return err
	}
	if reason, err := v.checkKey(s.Source, s.Sig, s.SigningBytes); err != nil {
		return reject(reason, err)
	}
	return nil
}

// checkContent runs checks 3 and 4 of Verify: kind, range and time window.
func (v *Verifier) checkContent(s Signal, now time.Time) error {
	reject := func(r Reason, err error) error {
		return &RejectError{Reason: r, Source: s.Source, Chain: s.Chain, Kind: s.Kind, Err: err}
	}
	if v.checkValue != nil {
		if err := v.checkValue(s.Kind, s.Float()); err != nil {
			if errors.Is(err, ErrUnknownKind) {
				return reject(ReasonUnknownKind, err)
			}
			return reject(ReasonOutOfRange, err)
		}
	}
	if d := s.ObservedAt.Sub(now); d > v.maxFuture {
		return reject(ReasonFuture, fmt.Errorf("observed %v after now, more than the allowed skew of %v", d, v.maxFuture))
	}
	if d := now.Sub(s.ObservedAt); d > v.maxAge {
		return reject(ReasonStale, fmt.Errorf("observed %v ago, more than the limit of %v", d, v.maxAge))
	}
	return nil
}

// checkKey runs checks 5 and 6 of Verify: the source's key and the
// signature over signed().
func (v *Verifier) checkKey(source string, sig []byte, signed func() []byte) (Reason, error) {
	key, known := v.keys[source]
	switch {
	case !known && !(v.allowUnsigned && len(sig) == 0):
		return ReasonUnknownSource, errors.New("no trusted key for the source")
	case known && len(sig) == 0:
		return ReasonUnsigned, errors.New("the source has a trusted key but the message carries no signature")
	case known && !ed25519.Verify(key, signed(), sig):
		return ReasonBadSignature, errors.New("signature does not verify under the source's trusted key")
	}
	return "", nil
}

// CheckBatch runs Check on every signal of a decoded batch and returns one
// result per signal, nil for a signal that passed. The batch's subject
// (BatchSubject of its chain; "" skips the check), source and signature
// are checked once, and a failure there rejects every signal with that
// reason; otherwise each signal stands or falls on its own kind, range and
// time. Like Check, it is safe to call concurrently and changes nothing:
// Admit each passing signal, in order.
func (v *Verifier) CheckBatch(b Batch, subject string, now time.Time) []error {
	errs := make([]error, len(b.Signals))
	var reason Reason
	var batchErr error
	if err := b.check(); err != nil {
		reason, batchErr = ReasonMalformed, err
		if b.V != Version {
			reason = ReasonBadVersion
		}
	} else if subject != "" && subject != BatchSubject(b.Chain) {
		reason, batchErr = ReasonSubjectMismatch, fmt.Errorf("batch arrived on %q, want %q", clip(subject), BatchSubject(b.Chain))
	}
	for i, s := range b.Signals {
		if batchErr != nil {
			errs[i] = &RejectError{Reason: reason, Source: s.Source, Chain: s.Chain, Kind: s.Kind, Err: batchErr}
			continue
		}
		errs[i] = v.checkContent(s, now)
	}
	if batchErr != nil {
		return errs
	}
	if reason, err := v.checkKey(b.Source, b.Sig, b.SigningBytes); err != nil {
		for i, s := range b.Signals {
			if errs[i] == nil {
				errs[i] = &RejectError{Reason: reason, Source: s.Source, Chain: s.Chain, Kind: s.Kind, Err: err}
			}
		}
	}
	return errs
}

// Admit runs the replay check of Verify on a signal that passed Check: its
// seq must be above the last admitted from its source, which it then
// becomes. Call it in arrival order.
func (v *Verifier) Admit(s Signal) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if last, seen := v.last[s.Source]; seen && s.Seq <= last {
		return &RejectError{Reason: ReasonReplay, Source: s.Source, Chain: s.Chain, Kind: s.Kind, Err: fmt.Errorf("seq %d not above the last accepted %d", s.Seq, last)}
	}
	v.last[s.Source] = s.Seq
	return nil
}

// LastSeq returns the last seq accepted from the source, 0 if none.
func (v *Verifier) LastSeq(source string) uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.last[source]
}
