package contracts

import (
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"

	"github.com/infrarisk/infrarisk/signals/dex/contracts/pool"
)

// TestCommittedBindingsMatchTheirABI regenerates every binding from its
// committed .abi and .bin with the code `abigen --v2` runs, and fails if a
// binding was edited by hand or its ABI changed without regenerating.
func TestCommittedBindingsMatchTheirABI(t *testing.T) {
	for _, b := range []struct{ typ, pkg, abi, bin, out string }{
		{"UniswapV2Pair", "contracts", "IUniswapV2Pair.abi", "", "uniswap_v2_pair.go"},
		{"TestPool", "pool", "pool/TestPool.abi", "pool/TestPool.bin", "pool/test_pool.go"},
	} {
		t.Run(b.typ, func(t *testing.T) {
			abiJSON := readFile(t, b.abi)
			var bin string
			if b.bin != "" {
				bin = readFile(t, b.bin)
				if strings.TrimSpace(bin) == "" {
					t.Fatalf("%s is empty", b.bin)
				}
			}
			// The same arguments abigen passes for --abi/--bin/--pkg/--type.
			want, err := abigen.BindV2([]string{b.typ}, []string{abiJSON}, []string{bin}, b.pkg, map[string]string{}, map[string]string{})
			if err != nil {
				t.Fatalf("BindV2: %v", err)
			}
			if got := readFile(t, b.out); got != want {
				t.Errorf("%s differs from the binding of %s: run go generate ./signals/dex/contracts and commit the result", b.out, b.abi)
			}
		})
	}
}

// TestPoolSpeaksThePairInterface checks that the test pool's events and
// getReserves are those of the pair interface the collector reads: the
// same topics and selector, the same indexed arguments.
func TestPoolSpeaksThePairInterface(t *testing.T) {
	pair := NewUniswapV2Pair().GetABI()
	testPool := pool.NewTestPool().GetABI()
	if len(pair.Events) != 4 {
		t.Fatalf("the pair interface has %d events, want Mint, Burn, Swap and Sync", len(pair.Events))
	}
	for name, want := range pair.Events {
		got, ok := testPool.Events[name]
		if !ok {
			t.Errorf("TestPool has no %s event", name)
			continue
		}
		if got.ID != want.ID || len(got.Inputs) != len(want.Inputs) {
			t.Errorf("TestPool's %s is %s, the pair's %s", name, got.Sig, want.Sig)
			continue
		}
		for i, in := range want.Inputs {
			if got.Inputs[i].Indexed != in.Indexed {
				t.Errorf("%s argument %s: indexed %v, the pair's %v", name, in.Name, got.Inputs[i].Indexed, in.Indexed)
			}
		}
	}
	if got, want := testPool.Methods["getReserves"].ID, pair.Methods["getReserves"].ID; string(got) != string(want) {
		t.Errorf("getReserves selector %x, the pair's %x", got, want)
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
