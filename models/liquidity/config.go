package liquidity

import "math"

// Config sets how Assess reads a pool's depth into liquidation terms.
type Config struct {
	// Fee is the pool's swap fee f, charged on the input.
	Fee float64
	// Tolerance τ is the slippage a liquidator accepts: its minimum output
	// sits τ below mid, and a sandwich takes all of it.
	Tolerance float64
	// MaxCloseSlippage M is the largest expected loss, sandwiches included,
	// at which a liquidation may still be sold.
	MaxCloseSlippage float64
	// BonusCap is the largest liquidation bonus the venue pays.
	BonusCap float64
	// DrainWindows k is how many more windows the observed drop in depth is
	// projected to repeat before a liquidation lands: y' = y·(1 − d)^k.
	DrainWindows float64
}

// DefaultConfig returns the defaults, with their sources:
//   - Fee 0.003: Uniswap v2 (997/1000 in getAmountOut) and the 0.3% tier of
//     Uniswap v3.
//   - Tolerance 0.01: a liquidator selling into a falling market accepts
//     more than a retail swap; 1% is the conservative reading of common bot
//     settings, since a sandwich takes all of it.
//   - MaxCloseSlippage 0.05: a liquidation losing more than 5% consumes most
//     of a 4.5–10% bonus (Aave v3's range), leaving the liquidator nothing
//     for gas and price risk.
//   - BonusCap 0.15: the liquidation package's BonusMax (MakerDAO's penalty
//     was 13% in March 2020).
//   - DrainWindows 1: the drain continues for one more window.
func DefaultConfig() Config {
	return Config{
		Fee:              0.003,
		Tolerance:        0.01,
		MaxCloseSlippage: 0.05,
		BonusCap:         0.15,
		DrainWindows:     1,
	}
}

// Validate reports the first field out of its domain as a *ConfigError.
func (c Config) Validate() error {
	bad := func(field string, v float64, want string) error {
		return &ConfigError{Config: "Config", Field: field, Value: v, Want: want}
	}
	switch {
	case !(c.Fee >= 0 && c.Fee < 1):
		return bad("Fee", c.Fee, "in [0, 1)")
	case !(c.Tolerance >= 0 && c.Tolerance <= 1):
		return bad("Tolerance", c.Tolerance, "in [0, 1]")
	case !(c.MaxCloseSlippage > c.Fee && c.MaxCloseSlippage < 1):
		return bad("MaxCloseSlippage", c.MaxCloseSlippage, "in (Fee, 1)")
	case !(c.BonusCap >= 0 && c.BonusCap <= 1):
		return bad("BonusCap", c.BonusCap, "in [0, 1]")
	case !(c.DrainWindows >= 0 && !math.IsInf(c.DrainWindows, 1)):
		return bad("DrainWindows", c.DrainWindows, "finite and ≥ 0")
	}
	return nil
}

// BridgeConfig sets the haircut of a wrapped collateral asset:
// h = min(Base + Slope·max(outflow, 0) + Paused·[paused], Max).
type BridgeConfig struct {
	// Base is the haircut of a healthy bridge.
	Base float64
	// Slope is the haircut per unit of net outflow, the outflow being a
	// fraction of the value locked at the start of the window.
	Slope float64
	// Paused is the jump while the bridge's withdrawals are paused.
	Paused float64
	// Max caps the haircut.
	Max float64
}

// DefaultBridgeConfig returns the defaults, with their reasons:
//   - Base 0: a canonical bridge that redeems at par needs no haircut; a
//     venue that doubts one lists the asset with a base haircut instead.
//   - Slope 0.5: each 1% of the backing withdrawn over the window adds 0.5%,
//     so a 20% run costs 10% and a full run reaches the cap. Holders who
//     leave first are paid in full; those left carry the shortfall if the
//     run reveals one, and half the run is that bet.
//   - Paused 0.25: while withdrawals are paused the asset cannot be
//     redeemed; an operational pause is lifted at par, a pause that hides
//     an exploit (Nomad, August 2022; Multichain, July 2023) is not, and
//     the bridged assets left behind traded far below par. A quarter weighs
//     the two.
//   - Max 0.5: past half its value an asset is not collateral a haircut can
//     fix; delisting is a decision for the venue, not a parameter.
func DefaultBridgeConfig() BridgeConfig {
	return BridgeConfig{Base: 0, Slope: 0.5, Paused: 0.25, Max: 0.5}
}

// Validate reports the first field out of its domain as a *ConfigError.
func (c BridgeConfig) Validate() error {
	bad := func(field string, v float64, want string) error {
		return &ConfigError{Config: "BridgeConfig", Field: field, Value: v, Want: want}
	}
	switch {
	case !(c.Base >= 0 && c.Base <= 1):
		return bad("Base", c.Base, "in [0, 1]")
	case !(c.Slope >= 0 && !math.IsInf(c.Slope, 1)):
		return bad("Slope", c.Slope, "finite and ≥ 0")
	case !(c.Paused >= 0 && c.Paused <= 1):
		return bad("Paused", c.Paused, "in [0, 1]")
	case !(c.Max >= c.Base && c.Max <= 1):
		return bad("Max", c.Max, "in [Base, 1]")
	}
	return nil
}
