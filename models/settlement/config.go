package settlement

import (
	"fmt"
	"time"
)

// Config holds every tunable constant of the model. Defaults and their
// sources are in DefaultConfig.
type Config struct {
	// Quantile q of the delay added to the base horizon.
	Quantile float64
	// MaxDelay is the longest delay the venue tolerates: p_fail = P(D > MaxDelay).
	MaxDelay time.Duration
	// MaxHorizon caps the effective horizon: the conservative maximum that a
	// fully stale state yields.
	MaxHorizon time.Duration
	// SlotSeconds is the block interval of a healthy chain.
	SlotSeconds float64
	// SurgeMean is the mean remaining length τ of a demand surge at full
	// blocks, and DrainFullness u_d the block fullness while it drains.
	SurgeMean     time.Duration
	DrainFullness float64
	// RequiresFinality: settlement counts only once final.
	RequiresFinality bool
	// FinalityRecoveryMean is the mean time to recover finality.
	FinalityRecoveryMean time.Duration
	// SequencerOutageMean is the mean length of a sequencer outage.
	SequencerOutageMean time.Duration
	// Grace is the period after a sequencer recovery during which the
	// venue holds liquidations back.
	Grace time.Duration
	// OracleHeartbeat is the feed's heartbeat; OracleDelay a delay the
	// protocol adds on purpose.
	OracleHeartbeat, OracleDelay time.Duration
}

// DefaultConfig returns the defaults, with their sources:
//   - Quantile 0.99 and MaxDelay 1 h: a liquidation a venue cannot land
//     within an hour is one its margin did not price.
//   - MaxHorizon 24 h: the longest horizon SPAN-style exchange margins use
//     for crypto (two days for some CME contracts; a day is the conservative
//     cap for a venue that must stay open).
//   - SlotSeconds 12: Ethereum's slot time.
//   - SurgeMean 3 h: on 12 March 2020 the 10-minute average gas price stayed
//     above 100 gwei from 11:30 to 18:00 UTC (6.5 h; Anyblock Analytics); an
//     exponential with a 3 h mean gives a surge of 6.5 h or more an 11%
//     chance once it has begun.
//   - DrainFullness 0.25: blocks a quarter full after a surge let the base
//     fee fall 1/16 per block, half the EIP-1559 maximum of 1/8.
//   - FinalityRecoveryMean 45 min: the two May 2023 losses of finality lasted
//     about 25 and 64 minutes (Prysm post-mortem); their mean is 44.5.
//   - SequencerOutageMean 78 min: Arbitrum One's sequencer stall of
//     15 December 2023.
//   - Grace 1 h: the usual grace period after a sequencer recovery
//     (Chainlink's L2 sequencer-feed guidance; Aave v3's PriceOracleSentinel).
//   - OracleHeartbeat 1 h: Chainlink ETH/USD on Ethereum; OracleDelay 0.
func DefaultConfig() Config {
	return Config{
		Quantile:             0.99,
		MaxDelay:             time.Hour,
		MaxHorizon:           24 * time.Hour,
		SlotSeconds:          12,
		SurgeMean:            3 * time.Hour,
		DrainFullness:        0.25,
		RequiresFinality:     true,
		FinalityRecoveryMean: 45 * time.Minute,
		SequencerOutageMean:  78 * time.Minute,
		Grace:                time.Hour,
		OracleHeartbeat:      time.Hour,
	}
}

// Validate reports the first field out of its domain.
func (c Config) Validate() error {
	bad := func(field string, v any) error {
		return fmt.Errorf("settlement: config %s = %v out of range", field, v)
	}
	switch {
	case !(c.Quantile > 0 && c.Quantile < 1):
		return bad("Quantile", c.Quantile)
	case c.MaxDelay <= 0:
		return bad("MaxDelay", c.MaxDelay)
	case c.MaxHorizon <= 0:
		return bad("MaxHorizon", c.MaxHorizon)
	case !(c.SlotSeconds > 0):
		return bad("SlotSeconds", c.SlotSeconds)
	case c.SurgeMean < 0:
		return bad("SurgeMean", c.SurgeMean)
	case !(c.DrainFullness >= 0 && c.DrainFullness < 0.5):
		return bad("DrainFullness", c.DrainFullness)
	case c.FinalityRecoveryMean <= 0:
		return bad("FinalityRecoveryMean", c.FinalityRecoveryMean)
	case c.SequencerOutageMean <= 0:
		return bad("SequencerOutageMean", c.SequencerOutageMean)
	case c.Grace < 0 || c.OracleHeartbeat < 0 || c.OracleDelay < 0:
		return bad("Grace/OracleHeartbeat/OracleDelay", []time.Duration{c.Grace, c.OracleHeartbeat, c.OracleDelay})
	}
	return nil
}
