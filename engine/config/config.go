// Package config reads the engine's configuration file: the chains it
// watches and the markets it publishes parameters for, each with its base
// implied-vol surface. Model settings take their documented defaults
// (models/*.DefaultConfig); the file names what differs per market.
//
// See example.yaml in this folder for every field with a comment.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/svi"
)

// File is the configuration file.
type File struct {
	// Heartbeat is how often every market is re-evaluated and republished
	// without new signals (staleness is re-read at each heartbeat).
	Heartbeat Duration `yaml:"heartbeat"`
	// Validity is how long a published update stays valid.
	Validity Duration `yaml:"validity"`
	// Warmup is how long a market that has never published waits for its
	// chain to report every watched kind before publishing anyway
	// (conservatively). Consumers keep their own conservative set meanwhile.
	Warmup Duration `yaml:"warmup"`
	Chains []Chain  `yaml:"chains"`
	// Venues are places on a chain whose state a market's liquidations
	// depend on: DEX pools the collateral is sold into, bridges behind a
	// wrapped collateral. Each is a signal namespace of its own: its
	// collectors publish with the venue's name as the chain.
	Venues  []Venue  `yaml:"venues"`
	Markets []Market `yaml:"markets"`
}

// Venue is a DEX pool or a bridge.
type Venue struct {
	Name string `yaml:"name"`
	// Chain is the chain the venue is on.
	Chain string `yaml:"chain"`
	// Type is pool or bridge: it picks the watched signal kinds.
	Type string `yaml:"type"`
}

// Watched returns the watch set of a venue's type.
func (v Venue) Watched() (netstate.KindSet, error) {
	switch v.Type {
	case "pool":
		return netstate.PoolKinds, nil
	case "bridge":
		return netstate.BridgeKinds, nil
	}
	return 0, fmt.Errorf("%w: venue %q: type %q is neither pool nor bridge", ErrInvalid, v.Name, v.Type)
}

// Chain is a chain whose health signals the engine keeps.
type Chain struct {
	Name string `yaml:"name"`
	// Layer is l1 (congestion, consensus, oracle) or l2 (congestion,
	// sequencer, oracle): it picks the watched signal kinds.
	Layer string `yaml:"layer"`
	// NativeUSD is the gas token's price, for the gas share of the
	// liquidation bonus.
	NativeUSD float64 `yaml:"native_usd"`
}

// Market is a market the engine publishes parameters for.
type Market struct {
	Name  string `yaml:"name"`
	Chain string `yaml:"chain"`
	// ReferenceDays picks the expiry whose ATM vol scales the scan range.
	ReferenceDays float64 `yaml:"reference_days"`
	// ScanRange, if set, replaces the healthy chain's scan range.
	ScanRange float64 `yaml:"scan_range"`
	// Pool, if set, is the venue (a pool) the market's collateral is sold
	// into on liquidation: its depth and sandwiching set the bonus and cap
	// the close factor.
	Pool string `yaml:"pool"`
	// Bridge, if set, is the venue (a bridge) behind the market's wrapped
	// collateral: its outflow and pause add a haircut.
	Bridge string `yaml:"bridge"`
	// LargestLiquidationUSD is the largest position the close factor must
	// be able to sell into the pool (default 10× the typical liquidation).
	LargestLiquidationUSD float64 `yaml:"largest_liquidation_usd"`
	Surface               []Slice `yaml:"surface"`
}

// Slice is one expiry of a base surface, in raw SVI.
type Slice struct {
	Years float64 `yaml:"t"`
	A     float64 `yaml:"a"`
	B     float64 `yaml:"b"`
	Rho   float64 `yaml:"rho"`
	M     float64 `yaml:"m"`
	Sigma float64 `yaml:"sigma"`
}

// Duration reads "5s", "1m30s" and the like.
type Duration time.Duration

// UnmarshalYAML parses a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration (like 5s or 1m): %w", n.Line, n.Value, err)
	}
	*d = Duration(v)
	return nil
}

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("config: invalid")

// Load reads and validates a configuration file. Unknown fields are errors,
// so a misspelt setting is never silently ignored.
func Load(path string) (File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return File{}, fmt.Errorf("config: %w", err)
	}
	f, err := Parse(data)
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse reads and validates a configuration from memory.
func Parse(data []byte) (File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("config: %w", err)
	}
	if f.Heartbeat == 0 {
		f.Heartbeat = Duration(5 * time.Second)
	}
	if f.Validity == 0 {
		f.Validity = Duration(30 * time.Second)
	}
	if f.Warmup == 0 {
		f.Warmup = Duration(30 * time.Second)
	}
	if _, err := f.MarketConfigs(); err != nil {
		return File{}, err
	}
	return f, nil
}

// Watched returns the watch set of a chain's layer.
func (c Chain) Watched() (netstate.KindSet, error) {
	switch c.Layer {
	case "l1":
		return netstate.L1Kinds, nil
	case "l2":
		return netstate.L2Kinds, nil
	}
	return 0, fmt.Errorf("%w: chain %q: layer %q is neither l1 nor l2", ErrInvalid, c.Name, c.Layer)
}

// Chain returns the chain of the given name.
func (f File) Chain(name string) (Chain, bool) {
	for _, c := range f.Chains {
		if c.Name == name {
			return c, true
		}
	}
	return Chain{}, false
}

// MarketConfigs validates the file and returns each market's full
// configuration: the models' defaults with the file's settings.
func (f File) MarketConfigs() ([]market.Config, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	if time.Duration(f.Heartbeat) <= 0 || time.Duration(f.Validity) < time.Duration(f.Heartbeat) {
		return nil, bad("heartbeat %s must be positive and validity %s at least the heartbeat",
			time.Duration(f.Heartbeat), time.Duration(f.Validity))
	}
	chains := map[string]bool{}
	for _, c := range f.Chains {
		if c.Name == "" || chains[c.Name] {
			return nil, bad("chain names must be set and unique (%q)", c.Name)
		}
		if _, err := c.Watched(); err != nil {
			return nil, err
		}
		if !(c.NativeUSD > 0) {
			return nil, bad("chain %q: native_usd %g must be positive", c.Name, c.NativeUSD)
		}
		chains[c.Name] = true
	}
	venues := map[string]string{}
	for _, v := range f.Venues {
		if v.Name == "" || chains[v.Name] || venues[v.Name] != "" {
			return nil, bad("venue names must be set and unique among chains and venues (%q)", v.Name)
		}
		if !chains[v.Chain] {
			return nil, bad("venue %q: chain %q is not among the chains", v.Name, v.Chain)
		}
		if _, err := v.Watched(); err != nil {
			return nil, err
		}
		venues[v.Name] = v.Type
	}
	if len(f.Markets) == 0 {
		return nil, bad("no markets")
	}
	seen := map[string]bool{}
	var out []market.Config
	for _, m := range f.Markets {
		if seen[m.Name] {
			return nil, bad("market %q appears twice", m.Name)
		}
		seen[m.Name] = true
		c, ok := f.Chain(m.Chain)
		if !ok {
			return nil, bad("market %q: chain %q is not among the chains", m.Name, m.Chain)
		}
		surface := make([]svi.Slice, len(m.Surface))
		for i, s := range m.Surface {
			surface[i] = svi.Slice{T: s.Years, Raw: svi.Raw{A: s.A, B: s.B, Rho: s.Rho, M: s.M, Sigma: s.Sigma}}
		}
		mc := market.DefaultConfig(m.Name, m.Chain, c.Layer == "l2", surface)
		if m.ReferenceDays > 0 {
			mc.ReferenceExpiry = m.ReferenceDays / 365
		}
		if m.ScanRange > 0 {
			mc.Liquidation.ScanRange = m.ScanRange
			mc.Margin.ScanRange = m.ScanRange
		}
		for _, ref := range []struct{ name, want, field string }{{m.Pool, "pool", "pool"}, {m.Bridge, "bridge", "bridge"}} {
			if ref.name != "" && venues[ref.name] != ref.want {
				return nil, bad("market %q: %s %q is not a venue of type %s", m.Name, ref.field, ref.name, ref.want)
			}
		}
		mc.Pool, mc.Bridge = m.Pool, m.Bridge
		if m.LargestLiquidationUSD < 0 {
			return nil, bad("market %q: largest_liquidation_usd %g is negative", m.Name, m.LargestLiquidationUSD)
		}
		if m.LargestLiquidationUSD > 0 {
			mc.Liquidation.LargestLiquidationUSD = m.LargestLiquidationUSD
		}
		if err := mc.Validate(); err != nil {
			return nil, err
		}
		out = append(out, mc)
	}
	return out, nil
}
