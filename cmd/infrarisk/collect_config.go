package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"gopkg.in/yaml.v3"

	"github.com/infrarisk/infrarisk/signals/adminwatch"
	"github.com/infrarisk/infrarisk/signals/bridge"
	"github.com/infrarisk/infrarisk/signals/chainlink"
	"github.com/infrarisk/infrarisk/signals/dex"
)

// feedsFile is the --feeds file of collect: the oracle feeds, the L2
// sequencer uptime feed and the contracts whose admin changes are watched.
// See cmd/infrarisk/testdata/feeds.example.yaml.
type feedsFile struct {
	// Poll is how often the feeds are read (default 10 s).
	Poll  duration `yaml:"poll"`
	Feeds []struct {
		Name      string   `yaml:"name"`
		Address   string   `yaml:"address"`
		Heartbeat duration `yaml:"heartbeat"`
		Reference string   `yaml:"reference"`
	} `yaml:"feeds"`
	Sequencer string `yaml:"sequencer"`
	Admin     struct {
		Contracts []string `yaml:"contracts"`
		// Selectors are function signatures ("setOracle(address)") or
		// 4-byte selectors ("0x7adbf973").
		Selectors []string `yaml:"selectors"`
		Window    duration `yaml:"window"`
	} `yaml:"admin"`
	// Pools and Bridges are venues on this chain: each publishes under its
	// own name as the chain (the engine's configuration declares them as
	// venues). Window is the span of their drops, sandwich rates and
	// outflows (default 1h).
	Pools []struct {
		Name          string   `yaml:"name"`
		Address       string   `yaml:"address"`
		BaseDecimals  uint8    `yaml:"base_decimals"`
		QuoteDecimals uint8    `yaml:"quote_decimals"`
		QuoteIsToken0 bool     `yaml:"quote_is_token0"`
		Liquidators   []string `yaml:"liquidators"`
	} `yaml:"pools"`
	Bridges []struct {
		Name     string `yaml:"name"`
		Address  string `yaml:"address"`
		Decimals uint8  `yaml:"decimals"`
	} `yaml:"bridges"`
	Window duration `yaml:"window"`
}

type duration time.Duration

func (d *duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a duration such as 10s or 1h", n.Line, n.Value)
	}
	*d = duration(v)
	return nil
}

// collectPlan is what the feeds file asks for, checked.
type collectPlan struct {
	poll      time.Duration
	feeds     []chainlink.Feed
	sequencer *common.Address
	contracts []common.Address
	selectors []adminwatch.Selector
	window    time.Duration
	pools     []dex.Pool
	bridges   []bridge.Bridge
	// venueWindow is the pools' and bridges' window.
	venueWindow time.Duration
}

func loadFeeds(path string) (collectPlan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return collectPlan{}, err
	}
	p, err := parseFeeds(data)
	if err != nil {
		return collectPlan{}, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

func parseFeeds(data []byte) (collectPlan, error) {
	var f feedsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return collectPlan{}, err
	}
	p := collectPlan{poll: time.Duration(f.Poll), window: time.Duration(f.Admin.Window)}
	seen := map[string]bool{}
	for i, fd := range f.Feeds {
		if fd.Name == "" {
			return collectPlan{}, fmt.Errorf("feed %d: no name", i+1)
		}
		if seen[fd.Name] {
			return collectPlan{}, fmt.Errorf("feed %q: listed twice", fd.Name)
		}
		seen[fd.Name] = true
		addr, err := address(fd.Address)
		if err != nil {
			return collectPlan{}, fmt.Errorf("feed %q: address: %w", fd.Name, err)
		}
		if fd.Heartbeat == 0 {
			return collectPlan{}, fmt.Errorf("feed %q: no heartbeat (Chainlink ETH/USD on Ethereum: 1h)", fd.Name)
		}
		feed := chainlink.Feed{Name: fd.Name, Address: addr, Heartbeat: time.Duration(fd.Heartbeat)}
		if fd.Reference != "" {
			ref, err := address(fd.Reference)
			if err != nil {
				return collectPlan{}, fmt.Errorf("feed %q: reference: %w", fd.Name, err)
			}
			feed.Reference = &ref
		}
		p.feeds = append(p.feeds, feed)
	}
	if f.Sequencer != "" {
		addr, err := address(f.Sequencer)
		if err != nil {
			return collectPlan{}, fmt.Errorf("sequencer: %w", err)
		}
		p.sequencer = &addr
	}
	for _, c := range f.Admin.Contracts {
		addr, err := address(c)
		if err != nil {
			return collectPlan{}, fmt.Errorf("admin contract: %w", err)
		}
		p.contracts = append(p.contracts, addr)
	}
	for _, s := range f.Admin.Selectors {
		sel, err := selector(s)
		if err != nil {
			return collectPlan{}, fmt.Errorf("admin selector %q: %w", s, err)
		}
		p.selectors = append(p.selectors, sel)
	}
	if len(p.selectors) > 0 && len(p.contracts) == 0 {
		return collectPlan{}, errors.New("admin selectors given but no admin contracts to watch")
	}
	p.venueWindow = time.Duration(f.Window)
	venues := map[string]bool{}
	venue := func(kind, name string) error {
		if name == "" {
			return fmt.Errorf("a %s without a name", kind)
		}
		if venues[name] {
			return fmt.Errorf("%s %q: the name is taken by another pool or bridge", kind, name)
		}
		venues[name] = true
		return nil
	}
	for _, pl := range f.Pools {
		if err := venue("pool", pl.Name); err != nil {
			return collectPlan{}, err
		}
		addr, err := address(pl.Address)
		if err != nil {
			return collectPlan{}, fmt.Errorf("pool %q: address: %w", pl.Name, err)
		}
		pool := dex.Pool{Name: pl.Name, Address: addr, BaseDecimals: pl.BaseDecimals, QuoteDecimals: pl.QuoteDecimals, QuoteIsToken0: pl.QuoteIsToken0}
		for _, l := range pl.Liquidators {
			a, err := address(l)
			if err != nil {
				return collectPlan{}, fmt.Errorf("pool %q: liquidator: %w", pl.Name, err)
			}
			pool.Liquidators = append(pool.Liquidators, a)
		}
		p.pools = append(p.pools, pool)
	}
	for _, b := range f.Bridges {
		if err := venue("bridge", b.Name); err != nil {
			return collectPlan{}, err
		}
		addr, err := address(b.Address)
		if err != nil {
			return collectPlan{}, fmt.Errorf("bridge %q: address: %w", b.Name, err)
		}
		p.bridges = append(p.bridges, bridge.Bridge{Name: b.Name, Address: addr, Decimals: b.Decimals})
	}
	return p, nil
}

func address(s string) (common.Address, error) {
	if !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%q is not a 20-byte hex address", s)
	}
	a := common.HexToAddress(s)
	// A mixed-case address carries an EIP-55 checksum: hold it to it.
	if strings.ToLower(s) != s && strings.ToUpper(s[2:]) != s[2:] && a.Hex() != s {
		return common.Address{}, fmt.Errorf("%q fails its EIP-55 checksum (want %s)", s, a.Hex())
	}
	return a, nil
}

func selector(s string) (adminwatch.Selector, error) {
	if strings.Contains(s, "(") {
		if strings.ContainsAny(s, " \t") {
			return adminwatch.Selector{}, errors.New("write the canonical signature, without spaces or parameter names")
		}
		return adminwatch.SelectorOf(s), nil
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != 4 || !strings.HasPrefix(s, "0x") {
		return adminwatch.Selector{}, errors.New("want a signature such as setOracle(address) or a 4-byte selector such as 0x7adbf973")
	}
	var sel adminwatch.Selector
	sel.Name = s
	copy(sel.ID[:], b)
	return sel, nil
}
