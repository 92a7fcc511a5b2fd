// Package keys creates, stores and loads the Ed25519 keys that sign
// signals and parameter updates. Keys are nkeys: a seed ("SU…" for a user
// key) stays with its holder, in a file only its owner can read; the
// public key ("U…") is shared.
//
// The engine trusts collectors through a YAML file that maps each source
// to its public key:
//
//	sources:
//	  eth-collector-1: UABC…
//	  eth-collector-2: UDEF…
package keys

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/nats-io/nkeys"
	"gopkg.in/yaml.v3"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// New creates a user key pair and returns its seed ("SU…") and public key
// ("U…").
func New() (seed, public string, err error) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		return "", "", fmt.Errorf("keys: creating a key pair: %w", err)
	}
	defer kp.Wipe()
	s, err := kp.Seed()
	if err != nil {
		return "", "", fmt.Errorf("keys: creating a key pair: %w", err)
	}
	public, err = kp.PublicKey()
	if err != nil {
		return "", "", fmt.Errorf("keys: creating a key pair: %w", err)
	}
	return string(s), public, nil
}

// WriteSeedFile writes the seed to a new file readable and writable only by
// its owner (mode 0600). It refuses to overwrite an existing file, so that
// a key in use is never lost, and refuses a seed that does not sign.
func WriteSeedFile(path, seed string) error {
	if _, err := parseSeed([]byte(seed)); err != nil {
		return fmt.Errorf("keys: writing seed file %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("keys: writing seed file: %w", err)
	}
	// The umask can only narrow the mode; Chmod makes it exactly 0600.
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(seed + "\n")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("keys: writing seed file %s: %w", path, err)
	}
	return nil
}

// LoadSeedFile reads a seed file written by WriteSeedFile, or any file
// holding one nkeys seed and surrounding whitespace, and returns its key
// pair. Errors name the file but never quote its contents.
func LoadSeedFile(path string) (nkeys.KeyPair, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: reading seed file: %w", err)
	}
	kp, err := parseSeed(bytes.TrimSpace(data))
	if err != nil {
		return nil, fmt.Errorf("keys: seed file %s: %w", path, err)
	}
	return kp, nil
}

var errNotSeed = errors.New("not an nkeys seed (\"S…\")")

// parseSeed reads a seed of a key that signs with Ed25519.
func parseSeed(seed []byte) (nkeys.KeyPair, error) {
	prefix, _, err := nkeys.DecodeSeed(seed)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNotSeed, err)
	}
	if prefix == nkeys.PrefixByteCurve {
		return nil, errors.New("a curve (X) seed cannot sign")
	}
	return nkeys.FromSeed(seed)
}

// trustedFile is the YAML form of the trusted sources.
type trustedFile struct {
	Sources map[string]string `yaml:"sources"`
}

// LoadTrusted reads the trusted sources file, a YAML mapping of source
// names to public nkeys under "sources", for VerifierOptions.Trusted. It
// refuses unknown top-level fields, an empty list, a source name the signal
// contract does not allow and a key that is not a public signing key; the
// error names the file and the source.
func LoadTrusted(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: reading trusted sources: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f trustedFile
	if err := dec.Decode(&f); err == io.EOF {
		return nil, fmt.Errorf("keys: trusted sources %s: empty file", path)
	} else if err != nil {
		return nil, fmt.Errorf("keys: trusted sources %s: %w", path, err)
	}
	if len(f.Sources) == 0 {
		return nil, fmt.Errorf("keys: trusted sources %s: no sources", path)
	}
	out := make(map[string]string, len(f.Sources))
	// In order, so that of several bad entries the same one is reported.
	for _, source := range slices.Sorted(maps.Keys(f.Sources)) {
		public := f.Sources[source]
		if !wire.ValidSource(source) {
			return nil, fmt.Errorf("keys: trusted sources %s: source %q: name does not match ^[A-Za-z0-9_.-]{1,128}$", path, source)
		}
		if _, err := wire.ParsePublicKey(public); err != nil {
			return nil, fmt.Errorf("keys: trusted sources %s: source %q: %w", path, source, err)
		}
		out[source] = public
	}
	return out, nil
}

// PublicKey returns the public key of kp, such as "U…".
func PublicKey(kp nkeys.KeyPair) (string, error) {
	public, err := kp.PublicKey()
	if err != nil {
		return "", fmt.Errorf("keys: public key: %w", err)
	}
	return public, nil
}
