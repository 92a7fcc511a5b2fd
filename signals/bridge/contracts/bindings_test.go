package contracts

import (
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// TestCommittedBindingsMatchTheirABI regenerates every binding from its
// committed .abi and .bin with the code `abigen --v2` runs, and fails if a
// binding was edited by hand or its ABI changed without regenerating.
func TestCommittedBindingsMatchTheirABI(t *testing.T) {
	for _, b := range []struct{ typ, pkg, abi, bin, out string }{
		{"BridgeVault", "vault", "vault/BridgeVault.abi", "vault/BridgeVault.bin", "vault/bridge_vault.go"},
	} {
		t.Run(b.typ, func(t *testing.T) {
			abiJSON := readFile(t, b.abi)
			bin := readFile(t, b.bin)
			if strings.TrimSpace(bin) == "" {
				t.Fatalf("%s is empty", b.bin)
			}
			// The same arguments abigen passes for --abi/--bin/--pkg/--type.
			want, err := abigen.BindV2([]string{b.typ}, []string{abiJSON}, []string{bin}, b.pkg, map[string]string{}, map[string]string{})
			if err != nil {
				t.Fatalf("BindV2: %v", err)
			}
			if got := readFile(t, b.out); got != want {
				t.Errorf("%s differs from the binding of %s: run go generate ./signals/bridge/contracts and commit the result", b.out, b.abi)
			}
		})
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
