package liquidation

import (
	"fmt"
	"time"

	"github.com/infrarisk/infrarisk/models/liquidity"
)

// Config is a market's static setting: the parameters of a healthy chain
// and how strongly each reacts to stress.
type Config struct {
	// ScanRange R₀ is the price scan range (fraction of spot) at the base
	// vol and horizon. Deribit's portfolio margin scans BTC and ETH ±16%
	// (±10% for some maintenance tables); 0.15 sits between.
	ScanRange float64
	// VolShockUp and VolShockDown are the relative vol shocks of a healthy
	// chain; VolShockStress is kᵥ, their growth at full stress.
	VolShockUp, VolShockDown, VolShockStress float64
	// BaseHorizon H₀ is the liquidation horizon of a healthy chain.
	BaseHorizon time.Duration
	// FailMultiplier k_p raises maintenance margin with p_fail.
	FailMultiplier float64
	// InitialRatio i₀ is initial over maintenance margin on a healthy chain
	// (Deribit: initial 1.3× maintenance in its standard tables);
	// InitialStress kᵢ its growth at full stress.
	InitialRatio, InitialStress float64
	// Liquidation bonus: floor, cap, base slippage and its stress growth.
	// Aave v3 bonuses run 4.5–10%; Maker's penalty was 13% in 2020.
	BonusMin, BonusMax, Slippage, SlippageStress float64
	// A typical liquidation: its gas units, size in USD, and the number of
	// blocks N over which its fee is projected.
	LiquidationGas, LiquidationSizeUSD float64
	FeeProjectionBlocks                float64
	// CloseFactor c₀ on a healthy chain (Aave: 0.5) and the p_fail at which
	// it reaches 1 (liquidate in full while a liquidation can still land).
	CloseFactor, FullCloseAtPFail float64
	// Grace period: ratio to the outage, floor and cap.
	GraceRatio         float64
	GraceMin, GraceMax time.Duration
	// DeepUnderwater is the health factor below which an account stays
	// liquidatable even while liquidations are paused (Aave's 0.95).
	DeepUnderwater float64
	// OracleUnusable is the oracle age, in heartbeats, and
	// OracleUnusableDeviation the deviation, past which the oracle is
	// unusable.
	OracleUnusable, OracleUnusableDeviation float64
	OracleHeartbeat                         time.Duration
	// PauseNewAt is the stress index from which new positions pause (the
	// governor's "stressed" threshold by default).
	PauseNewAt float64
	// LargestLiquidationUSD is the largest position a market with a pool
	// must be able to sell into it: the close factor is capped to the
	// share of it the pool takes within Liquidity.MaxCloseSlippage.
	LargestLiquidationUSD float64
	// Liquidity reads a pool's depth into slippage; Bridge a bridge's
	// outflow and pause into a collateral haircut (package liquidity).
	Liquidity liquidity.Config
	Bridge    liquidity.BridgeConfig
}

// DefaultConfig returns a setting for an ETH options market; the comments on
// Config say where each figure comes from.
func DefaultConfig() Config {
	return Config{
		ScanRange:  0.15,
		VolShockUp: 0.30, VolShockDown: 0.20, VolShockStress: 1,
		BaseHorizon:    time.Hour,
		FailMultiplier: 1,
		InitialRatio:   1.3, InitialStress: 0.5,
		BonusMin: 0.02, BonusMax: 0.15, Slippage: 0.01, SlippageStress: 4,
		LiquidationGas: 500_000, LiquidationSizeUSD: 10_000, FeeProjectionBlocks: 25,
		CloseFactor: 0.5, FullCloseAtPFail: 0.5,
		GraceRatio: 0.5, GraceMin: 5 * time.Minute, GraceMax: 2 * time.Hour,
		DeepUnderwater: 0.95,
		OracleUnusable: 3, OracleUnusableDeviation: 0.05, OracleHeartbeat: time.Hour,
		PauseNewAt:            0.5,
		LargestLiquidationUSD: 100_000,
		Liquidity:             liquidity.DefaultConfig(),
		Bridge:                liquidity.DefaultBridgeConfig(),
	}
}

// Validate reports the first setting out of its domain.
func (c Config) Validate() error {
	type check struct {
		name string
		ok   bool
	}
	for _, ch := range []check{
		{"ScanRange", c.ScanRange > 0 && c.ScanRange < 1},
		{"VolShockUp", c.VolShockUp >= 0},
		{"VolShockDown", c.VolShockDown >= 0 && c.VolShockDown < 1},
		{"VolShockStress", c.VolShockStress >= 0},
		{"BaseHorizon", c.BaseHorizon > 0},
		{"FailMultiplier", c.FailMultiplier >= 0},
		{"InitialRatio", c.InitialRatio >= 1},
		{"InitialStress", c.InitialStress >= 0},
		{"BonusMin", c.BonusMin >= 0 && c.BonusMin <= c.BonusMax},
		{"BonusMax", c.BonusMax < 1},
		{"Slippage", c.Slippage >= 0 && c.SlippageStress >= 0},
		{"LiquidationGas", c.LiquidationGas > 0},
		{"LiquidationSizeUSD", c.LiquidationSizeUSD > 0},
		{"FeeProjectionBlocks", c.FeeProjectionBlocks >= 0},
		{"CloseFactor", c.CloseFactor > 0 && c.CloseFactor <= 1},
		{"LargestLiquidationUSD", c.LargestLiquidationUSD >= c.LiquidationSizeUSD},
		{"FullCloseAtPFail", c.FullCloseAtPFail > 0 && c.FullCloseAtPFail <= 1},
		{"GraceRatio", c.GraceRatio >= 0},
		{"GraceMin", c.GraceMin >= 0 && c.GraceMin <= c.GraceMax},
		{"DeepUnderwater", c.DeepUnderwater > 0 && c.DeepUnderwater < 1},
		{"OracleUnusable", c.OracleUnusable > 1 && c.OracleUnusableDeviation > 0 && c.OracleHeartbeat > 0},
		{"PauseNewAt", c.PauseNewAt > 0 && c.PauseNewAt <= 1},
	} {
		if !ch.ok {
			return fmt.Errorf("liquidation: config %s out of range", ch.name)
		}
	}
	if err := c.Liquidity.Validate(); err != nil {
		return fmt.Errorf("liquidation: config Liquidity: %w", err)
	}
	if err := c.Bridge.Validate(); err != nil {
		return fmt.Errorf("liquidation: config Bridge: %w", err)
	}
	return nil
}
