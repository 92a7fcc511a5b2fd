package update

import (
	"errors"
	"fmt"

	"github.com/nats-io/nkeys"
)

var (
	// ErrUntrustedKey is wrapped by Verify when the message is signed by a
	// key outside the trusted set.
	ErrUntrustedKey = errors.New("update: untrusted key")
	// ErrBadSignature is wrapped by Verify when the signature does not
	// match the message.
	ErrBadSignature = errors.New("update: bad signature")
)

// signingContext opens the signing bytes, so that a signature over a
// parameter update cannot be taken for one over anything else the same key
// might sign.
const signingContext = "infrarisk/risk.params/v1\n"

// signingBytes are what is signed: the context line, then the canonical JSON
// of the message without "sig".
func signingBytes(u *Update) []byte {
	b := make([]byte, 0, 2048)
	b = append(b, signingContext...)
	return appendJSON(b, u, false)
}

// Sign signs u with kp: it sets KeyID to kp's public key and Sig to the
// Ed25519 signature of the signing bytes. A message that breaks the contract
// is not signed (the error wraps ErrInvalid) and u is left as it was.
func Sign(u *Update, kp nkeys.KeyPair) error {
	pub, err := kp.PublicKey()
	if err != nil {
		return fmt.Errorf("update: sign: %w", err)
	}
	v := *u
	v.KeyID, v.Sig = pub, nil
	if err := checkKey(pub); err != nil {
		return fmt.Errorf("update: sign: %w", err)
	}
	if err := validate(&v, false); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	sig, err := kp.Sign(signingBytes(&v))
	if err != nil {
		return fmt.Errorf("update: sign: %w", err)
	}
	u.KeyID, u.Sig = pub, sig
	return nil
}

// Verify decodes a message and checks that it is signed by a trusted key:
// trusted holds the public keys (key_id values) a consumer accepts. Errors
// wrap ErrMalformed, ErrUntrustedKey or ErrBadSignature, and the Update
// returned with one is zero. Verify does not judge freshness or order: a
// consumer also checks Fresh and that seq is above the last one it applied.
func Verify(data []byte, trusted map[string]bool) (Update, error) {
	u, err := Decode(data)
	if err != nil {
		return Update{}, err
	}
	if !trusted[u.KeyID] {
		return Update{}, fmt.Errorf("%w: %s (market %s, seq %d)", ErrUntrustedKey, u.KeyID, u.Market, u.Seq)
	}
	pub, err := nkeys.FromPublicKey(u.KeyID)
	if err != nil {
		return Update{}, fmt.Errorf("%w: key_id: %w", ErrMalformed, err)
	}
	if err := pub.Verify(signingBytes(&u), u.Sig); err != nil {
		return Update{}, fmt.Errorf("%w: market %s, seq %d, key %s", ErrBadSignature, u.Market, u.Seq, u.KeyID)
	}
	return u, nil
}
