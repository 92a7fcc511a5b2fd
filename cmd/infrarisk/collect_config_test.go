package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestFeedsExampleParses(t *testing.T) {
	p, err := loadFeeds("testdata/feeds.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.feeds) != 1 || p.feeds[0].Heartbeat != time.Hour || p.feeds[0].Reference == nil {
		t.Errorf("feeds %+v", p.feeds)
	}
	if p.feeds[0].Address != common.HexToAddress("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419") {
		t.Errorf("address %s", p.feeds[0].Address)
	}
	// A signature's selector is the first 4 bytes of its Keccak-256 hash.
	want := crypto.Keccak256([]byte("proposeAggregator(address)"))[:4]
	if len(p.selectors) != 2 || string(p.selectors[0].ID[:]) != string(want) || p.selectors[1].ID != [4]byte{0x8f, 0x28, 0x39, 0xba} {
		t.Errorf("selectors %+v", p.selectors)
	}
	if p.poll != 10*time.Second || p.window != time.Hour || p.sequencer != nil {
		t.Errorf("poll %v window %v sequencer %v", p.poll, p.window, p.sequencer)
	}
	if len(p.pools) != 1 || p.pools[0].Name != "uni-weth-usdc" || p.pools[0].QuoteDecimals != 6 || !p.pools[0].QuoteIsToken0 || len(p.pools[0].Liquidators) != 1 {
		t.Errorf("pools %+v", p.pools)
	}
	if len(p.bridges) != 1 || p.bridges[0].Name != "arb-bridge-weth" || p.bridges[0].Decimals != 18 || p.venueWindow != time.Hour {
		t.Errorf("bridges %+v, window %v", p.bridges, p.venueWindow)
	}
}

func TestFeedsFileErrors(t *testing.T) {
	const good = `"0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419"`
	for _, c := range []struct{ name, yaml, err string }{
		{"unknown field", "feeds: []\ncolour: red\n", "field colour not found"},
		{"no name", "feeds:\n  - {address: " + good + ", heartbeat: 1h}\n", "feed 1: no name"},
		{"twice", "feeds:\n  - {name: a, address: " + good + ", heartbeat: 1h}\n  - {name: a, address: " + good + ", heartbeat: 1h}\n", `feed "a": listed twice`},
		{"bad address", "feeds:\n  - {name: a, address: 0x12, heartbeat: 1h}\n", "not a 20-byte hex address"},
		{"bad checksum", "feeds:\n  - {name: a, address: \"0x5F4eC3Df9cbd43714FE2740f5E3616155c5b8419\", heartbeat: 1h}\n", "EIP-55 checksum"},
		{"no heartbeat", "feeds:\n  - {name: a, address: " + good + "}\n", "no heartbeat"},
		{"bad duration", "poll: soon\n", `"soon" is not a duration`},
		{"bad selector", "admin: {contracts: [" + good + "], selectors: [\"0x12\"]}\n", "4-byte selector"},
		{"spaced signature", "admin: {contracts: [" + good + "], selectors: [\"set(address a)\"]}\n", "canonical signature"},
		{"selectors alone", "admin: {selectors: [\"0x8f2839ba\"]}\n", "no admin contracts"},
		{"pool without a name", "pools:\n  - {address: " + good + "}\n", "a pool without a name"},
		{"venue twice", "pools:\n  - {name: v, address: " + good + "}\nbridges:\n  - {name: v, address: " + good + "}\n", `bridge "v": the name is taken`},
		{"bad liquidator", "pools:\n  - {name: v, address: " + good + ", liquidators: [\"0x1\"]}\n", `pool "v": liquidator`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := parseFeeds([]byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("err %v, want one containing %q", err, c.err)
			}
		})
	}
}

func TestCollectUsageErrors(t *testing.T) {
	key := t.TempDir() + "/k.seed"
	os.WriteFile(key, nil, 0o600)
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--rpc", "http://x"}, "--chain"},
		{[]string{"--chain", "ethereum"}, "nothing to collect"},
		{[]string{"--chain", "ethereum", "--rpc", "http://x"}, "--key is required"},
		{[]string{"--chain", "ethereum", "--beacon", "http://x", "--feeds", "f.yaml", "--dry-run"}, "--feeds needs an --rpc"},
		{[]string{"--chain", "ethereum", "--rpc", "http://x", "--quorum", "2", "--dry-run"}, "--quorum 2"},
		{[]string{"--chain", "Ethereum", "--rpc", "http://x", "--dry-run"}, `--chain "Ethereum"`},
	} {
		var stderr strings.Builder
		if code := run(append([]string{"collect"}, c.args...), nil, &strings.Builder{}, &stderr); code != exitUsage || !strings.Contains(stderr.String(), c.err) {
			t.Errorf("%v: exit %d, stderr %q; want usage error naming %q", c.args, code, stderr.String(), c.err)
		}
	}
}
