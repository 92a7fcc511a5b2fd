package keys

import (
	"crypto/ed25519"
	"fmt"

	"github.com/nats-io/nkeys"
)

// signer is a key pair that keeps its expanded Ed25519 private key: nkeys
// rebuilds it from the seed on every signature, which costs about as much
// as the signature itself.
type signer struct {
	nkeys.KeyPair
	private ed25519.PrivateKey
	public  string
}

// Signer returns kp with signing and its public key served from memory. The
// signatures are the same bytes kp would make.
func Signer(kp nkeys.KeyPair) (nkeys.KeyPair, error) {
	seed, err := kp.Seed()
	if err != nil {
		return nil, fmt.Errorf("keys: signer: %w", err)
	}
	prefix, raw, err := nkeys.DecodeSeed(seed)
	if err != nil {
		return nil, fmt.Errorf("keys: signer: %w", err)
	}
	if prefix == nkeys.PrefixByteCurve {
		return nil, fmt.Errorf("keys: signer: a curve key cannot sign")
	}
	public, err := kp.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("keys: signer: %w", err)
	}
	return &signer{KeyPair: kp, private: ed25519.NewKeyFromSeed(raw), public: public}, nil
}

func (s *signer) Sign(input []byte) ([]byte, error) { return ed25519.Sign(s.private, input), nil }
func (s *signer) PublicKey() (string, error)        { return s.public, nil }
