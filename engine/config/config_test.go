package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExampleLoads(t *testing.T) {
	f, err := Load("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := f.MarketConfigs()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Name != "ETH-OPTIONS" || ms[0].L2 || !ms[1].L2 || len(ms[0].Surface) != 4 {
		t.Fatalf("markets %+v", ms)
	}
	if time.Duration(f.Heartbeat) != 5*time.Second || time.Duration(f.Validity) != 30*time.Second {
		t.Errorf("durations %v %v", f.Heartbeat, f.Validity)
	}
	if ms[0].ReferenceExpiry != 30.0/365 {
		t.Errorf("reference expiry %g", ms[0].ReferenceExpiry)
	}
}

// TestBadFilesSayWhatIsWrong pairs each testdata/*.bad.yaml with the text its
// error must contain.
func TestBadFilesSayWhatIsWrong(t *testing.T) {
	want := map[string]string{
		"unknown-field.bad.yaml": "field chian not found",
		"unknown-chain.bad.yaml": `market "X": chain "solana" is not among the chains`,
		"bad-layer.bad.yaml":     `chain "ethereum": layer "l3" is neither l1 nor l2`,
		"bad-duration.bad.yaml":  `"five seconds" is not a duration`,
		"bad-slice.bad.yaml":     `market "X": surface: slice 0`,
		"validity.bad.yaml":      "validity 5s at least the heartbeat",
		"venue-type.bad.yaml":    `venue "uni-weth-usdc": type "amm" is neither pool nor bridge`,
		"venue-chain.bad.yaml":   `venue "uni-weth-usdc": chain "solana" is not among the chains`,
		"venue-name.bad.yaml":    `venue names must be set and unique among chains and venues ("ethereum")`,
		"market-pool.bad.yaml":   `market "X": pool "arb-bridge" is not a venue of type pool`,
	}
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	if len(files) != len(want) {
		t.Fatalf("%d bad files, %d expectations", len(files), len(want))
	}
	for _, path := range files {
		_, err := Load(path)
		text := want[filepath.Base(path)]
		if err == nil || !strings.Contains(err.Error(), text) {
			t.Errorf("%s: error %v, want it to contain %q", path, err, text)
		}
		if err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error does not name the file: %v", path, err)
		}
	}
	if _, err := Parse([]byte("markets: []\n")); !errors.Is(err, ErrInvalid) {
		t.Errorf("no markets: %v", err)
	}
}

func TestVenuesReachTheirMarkets(t *testing.T) {
	f, err := Parse([]byte(`
chains: [{name: ethereum, layer: l1, native_usd: 2000}]
venues:
  - {name: uni-weth-usdc, chain: ethereum, type: pool}
  - {name: arb-bridge-weth, chain: ethereum, type: bridge}
markets:
  - name: X
    chain: ethereum
    pool: uni-weth-usdc
    bridge: arb-bridge-weth
    largest_liquidation_usd: 250000
    surface: [{t: 0.1, a: 0.01, b: 0.1, rho: -0.3, m: 0, sigma: 0.2}]
  - name: Y
    chain: ethereum
    surface: [{t: 0.1, a: 0.01, b: 0.1, rho: -0.3, m: 0, sigma: 0.2}]
`))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := f.MarketConfigs()
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].Pool != "uni-weth-usdc" || ms[0].Bridge != "arb-bridge-weth" || ms[0].Liquidation.LargestLiquidationUSD != 250000 {
		t.Errorf("market X: pool %q bridge %q largest %g", ms[0].Pool, ms[0].Bridge, ms[0].Liquidation.LargestLiquidationUSD)
	}
	if ms[1].Pool != "" || ms[1].Bridge != "" {
		t.Errorf("market Y has venues %q %q", ms[1].Pool, ms[1].Bridge)
	}
}
