package keys_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/signals/keys"
)

// TestNewWriteLoadRoundTrip: a new key written to a file loads back as the
// same key pair, and what it signs verifies under its public key.
func TestNewWriteLoadRoundTrip(t *testing.T) {
	seed, public, err := keys.New()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(seed, "SU") || !nkeys.IsValidPublicUserKey(public) {
		t.Fatalf("seed %.2s…, public %s: want a user key pair", seed, public)
	}
	path := filepath.Join(t.TempDir(), "collector.seed")
	if err := keys.WriteSeedFile(path, seed); err != nil {
		t.Fatal(err)
	}
	kp, err := keys.LoadSeedFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := keys.PublicKey(kp)
	if err != nil || got != public {
		t.Fatalf("loaded public key %s (%v), want %s", got, err, public)
	}
	sig, err := kp.Sign([]byte("msg"))
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := nkeys.FromPublicKey(public)
	if err != nil {
		t.Fatal(err)
	}
	if err := verifier.Verify([]byte("msg"), sig); err != nil {
		t.Error(err)
	}
	if other, _, _ := keys.New(); other == seed {
		t.Error("New returned the same seed twice")
	}
}

// TestWriteSeedFileIsPrivateAndNeverOverwrites: the file is 0600 whatever
// the umask allows, and an existing file, a key in use, is left alone.
func TestWriteSeedFileIsPrivateAndNeverOverwrites(t *testing.T) {
	first, _, _ := keys.New()
	second, _, _ := keys.New()
	path := filepath.Join(t.TempDir(), "engine.seed")
	if err := keys.WriteSeedFile(path, first); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode %o, want 600", mode)
	}
	err = keys.WriteSeedFile(path, second)
	if !errors.Is(err, os.ErrExist) || !strings.HasPrefix(err.Error(), "keys: ") {
		t.Errorf("second write: %v", err)
	}
	data, _ := os.ReadFile(path)
	if strings.TrimSpace(string(data)) != first {
		t.Error("the first seed was overwritten")
	}
}

// TestWriteSeedFileRefusesNonSeeds: a public key or garbage is not
// written, and no file is left behind.
func TestWriteSeedFileRefusesNonSeeds(t *testing.T) {
	_, public, _ := keys.New()
	curve, _ := nkeys.CreateCurveKeys()
	curveSeed, _ := curve.Seed()
	for name, seed := range map[string]string{"public key": public, "garbage": "hello", "curve seed": string(curveSeed)} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.seed")
			if err := keys.WriteSeedFile(path, seed); err == nil {
				t.Fatal("written")
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a file was left: %v", err)
			}
		})
	}
}

// TestLoadSeedFile: surrounding whitespace is fine; errors name the file
// and never quote what is in it.
func TestLoadSeedFile(t *testing.T) {
	dir := t.TempDir()
	seed, public, _ := keys.New()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	kp, err := keys.LoadSeedFile(write("spaced.seed", "\n  "+seed+"\r\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := keys.PublicKey(kp); got != public {
		t.Errorf("public key %s, want %s", got, public)
	}
	cases := []struct {
		name, content, errMsg string
	}{
		{"truncated.seed", seed[:20], "truncated.seed: not an nkeys seed"},
		{"public.seed", public, "public.seed: not an nkeys seed"},
		{"empty.seed", "", "empty.seed: not an nkeys seed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := keys.LoadSeedFile(write(c.name, c.content))
			if err == nil || !strings.HasPrefix(err.Error(), "keys: seed file ") || !strings.Contains(err.Error(), c.errMsg) {
				t.Fatalf("got %v, want %q", err, c.errMsg)
			}
			if c.content != "" && strings.Contains(err.Error(), c.content) {
				t.Error("the error quotes the file")
			}
		})
	}
	_, err = keys.LoadSeedFile(filepath.Join(dir, "missing.seed"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.seed") {
		t.Errorf("missing file: %v", err)
	}
}

// TestLoadTrusted reads good and bad trusted-source files.
func TestLoadTrusted(t *testing.T) {
	dir := t.TempDir()
	_, a, _ := keys.New()
	_, b, _ := keys.New()
	account, _ := nkeys.CreateAccount()
	accountPublic, _ := account.PublicKey()
	seed, _, _ := keys.New()
	curve, _ := nkeys.CreateCurveKeys()
	curvePublic, _ := curve.PublicKey()

	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("trusted.yaml", "# collectors\nsources:\n  eth-collector-1: "+a+"\n  sol.collector_2: \""+b+"\"\n  acct: "+accountPublic+"\n")
	got, err := keys.LoadTrusted(good)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"eth-collector-1": a, "sol.collector_2": b, "acct": accountPublic}
	if len(got) != len(want) {
		t.Errorf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}

	cases := []struct {
		name, content, errMsg string
	}{
		{"seed.yaml", "sources:\n  eth-collector-1: " + seed + "\n", `seed.yaml: source "eth-collector-1": a seed where a public key belongs`},
		{"garbage.yaml", "sources:\n  eth-collector-1: " + a + "\n  eth-collector-2: UNOTAKEY\n", `garbage.yaml: source "eth-collector-2": not a valid public nkey`},
		{"curve.yaml", "sources:\n  box: " + curvePublic + "\n", `curve.yaml: source "box": a curve (X) key cannot verify`},
		{"name.yaml", "sources:\n  \"eth collector\": " + a + "\n", `name.yaml: source "eth collector": name does not match`},
		{"empty_key.yaml", "sources:\n  eth-collector-1:\n", `empty_key.yaml: source "eth-collector-1": not a valid public nkey`},
		{"unknown.yaml", "sources:\n  eth-collector-1: " + a + "\nsource:\n  x: y\n", "unknown.yaml: yaml: unmarshal errors:\n  line 3: field source not found"},
		{"duplicate.yaml", "sources:\n  eth-collector-1: " + a + "\n  eth-collector-1: " + b + "\n", `duplicate.yaml: yaml: unmarshal errors:` + "\n" + `  line 3: mapping key "eth-collector-1" already defined`},
		{"list.yaml", "sources:\n  - " + a + "\n", "list.yaml: yaml: unmarshal errors"},
		{"no_sources.yaml", "sources: {}\n", "no_sources.yaml: no sources"},
		{"blank.yaml", "", "blank.yaml: empty file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := keys.LoadTrusted(write(c.name, c.content))
			if err == nil || !strings.HasPrefix(err.Error(), "keys: trusted sources ") || !strings.Contains(err.Error(), c.errMsg) {
				t.Fatalf("got %v\nwant %q", err, c.errMsg)
			}
			if strings.Contains(err.Error(), seed) {
				t.Error("the error quotes a seed")
			}
		})
	}
	if _, err := keys.LoadTrusted(filepath.Join(dir, "none.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
