package netstate

import (
	"fmt"
	"time"
)

// Kind is a signal kind. The zero Kind is invalid.
type Kind uint8

// The signal kinds of the signal contract. Units and ranges are in Spec.
const (
	BaseFeeGwei Kind = iota + 1
	GasUsedRatio
	PendingTxs
	BlockIntervalS
	ParticipationRate
	FinalityLagEpochs
	ValidatorUptime
	ReorgDepth
	OracleAgeS
	OracleDeviation
	SequencerUp
	AdminEvent
	RPCDisagreement
	PoolLiquidity
	PoolLiquidityDrop
	SandwichRate
	LiquidationSandwiched
	BridgeOutflowRatio
	BridgePaused
	CollectorUp
	SequencerStatusAgeS
	numKinds
)

// Direction says which way a kind gets worse.
type Direction int8

const (
	HigherIsWorse Direction = 1
	LowerIsWorse  Direction = -1
)

// Spec describes a kind.
type Spec struct {
	Kind  Kind
	Name  string // wire name, as in infra.signal.<chain>.<name>
	Group string // congestion, consensus, oracle, l2, security, liquidity, mev, bridge, health
	Unit  string
	// Min and Max bound a valid value; a signal outside them is rejected.
	Min, Max float64
	// TTL is how long a value stays fresh: about three publication
	// intervals of a collector reading a live node.
	TTL time.Duration
	// Worse is the direction in which a larger value is worse.
	Worse Direction
	// Normal is the value of a healthy chain, read for a kind the chain
	// does not have.
	Normal float64
	// Conservative is read for a watched kind that is stale or missing: a
	// value at the bad end of anything seen in the incidents this engine is
	// built for, so the models see the chain as unable to settle.
	Conservative float64
	// Status marks a 0/1 kind whose time of last change matters.
	Status bool
}

// specs is the registry. Conservative values and their sources:
//   - base fee 1,000 gwei: above the 10-minute 90th percentile of 12 March
//     2020 (~225 gwei average) and the 2021–22 mint spikes; enough to price
//     any liquidation out of its gas budget.
//   - block interval 120 s: ten missed 12-second slots.
//   - participation 0 and finality lag 64 epochs: finality lost; the May
//     2023 incidents reached 3–9 epochs without finality.
//   - oracle age 86,400 s: a day, far beyond the 1-hour heartbeat of
//     Chainlink's ETH/USD feed; deviation 0.5 (LUNA's Chainlink floor held
//     $0.107 against a market near $0.01 in May 2022).
//   - sequencer down, collector down, bridge paused, an admin event and an
//     RPC disagreement present.
var specs = [numKinds]Spec{
	BaseFeeGwei:           {Name: "base_fee_gwei", Group: "congestion", Unit: "gwei", Min: 0, Max: 1e6, TTL: time.Minute, Worse: HigherIsWorse, Normal: 20, Conservative: 1000},
	GasUsedRatio:          {Name: "gas_used_ratio", Group: "congestion", Unit: "ratio", Min: 0, Max: 1, TTL: time.Minute, Worse: HigherIsWorse, Normal: 0.5, Conservative: 1},
	PendingTxs:            {Name: "pending_txs", Group: "congestion", Unit: "count", Min: 0, Max: 1e8, TTL: time.Minute, Worse: HigherIsWorse, Normal: 5000, Conservative: 500000},
	BlockIntervalS:        {Name: "block_interval_s", Group: "congestion", Unit: "s", Min: 0, Max: 86400, TTL: time.Minute, Worse: HigherIsWorse, Normal: 12, Conservative: 120},
	ParticipationRate:     {Name: "participation_rate", Group: "consensus", Unit: "ratio", Min: 0, Max: 1, TTL: 20 * time.Minute, Worse: LowerIsWorse, Normal: 0.99, Conservative: 0},
	FinalityLagEpochs:     {Name: "finality_lag_epochs", Group: "consensus", Unit: "epochs", Min: 0, Max: 1e7, TTL: 20 * time.Minute, Worse: HigherIsWorse, Normal: 2, Conservative: 64},
	ValidatorUptime:       {Name: "validator_uptime", Group: "consensus", Unit: "ratio", Min: 0, Max: 1, TTL: 20 * time.Minute, Worse: LowerIsWorse, Normal: 1, Conservative: 0},
	ReorgDepth:            {Name: "reorg_depth", Group: "consensus", Unit: "blocks", Min: 0, Max: 1e5, TTL: 10 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 64},
	OracleAgeS:            {Name: "oracle_age_s", Group: "oracle", Unit: "s", Min: 0, Max: 1e8, TTL: 2 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 86400},
	OracleDeviation:       {Name: "oracle_deviation", Group: "oracle", Unit: "ratio", Min: 0, Max: 100, TTL: 2 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 0.5},
	SequencerUp:           {Name: "sequencer_up", Group: "l2", Unit: "0/1", Min: 0, Max: 1, TTL: 2 * time.Minute, Worse: LowerIsWorse, Normal: 1, Conservative: 0, Status: true},
	AdminEvent:            {Name: "admin_event", Group: "security", Unit: "count", Min: 0, Max: 1e6, TTL: time.Hour, Worse: HigherIsWorse, Normal: 0, Conservative: 1},
	RPCDisagreement:       {Name: "rpc_disagreement", Group: "security", Unit: "0/1", Min: 0, Max: 1, TTL: 2 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1, Status: true},
	PoolLiquidity:         {Name: "pool_liquidity", Group: "liquidity", Unit: "quote units", Min: 0, Max: 1e15, TTL: 5 * time.Minute, Worse: LowerIsWorse, Normal: 1e15, Conservative: 0},
	PoolLiquidityDrop:     {Name: "pool_liquidity_drop", Group: "liquidity", Unit: "ratio", Min: 0, Max: 1, TTL: 5 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1},
	SandwichRate:          {Name: "sandwich_rate", Group: "mev", Unit: "ratio", Min: 0, Max: 1, TTL: 10 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1},
	LiquidationSandwiched: {Name: "liquidation_sandwiched", Group: "mev", Unit: "count", Min: 0, Max: 1e6, TTL: 10 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1},
	BridgeOutflowRatio:    {Name: "bridge_outflow_ratio", Group: "bridge", Unit: "ratio", Min: 0, Max: 1, TTL: 10 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1},
	BridgePaused:          {Name: "bridge_paused", Group: "bridge", Unit: "0/1", Min: 0, Max: 1, TTL: 10 * time.Minute, Worse: HigherIsWorse, Normal: 0, Conservative: 1, Status: true},
	SequencerStatusAgeS:   {Name: "sequencer_status_age_s", Group: "l2", Unit: "s", Min: 0, Max: 1e9, TTL: 2 * time.Minute, Worse: LowerIsWorse, Normal: 86400, Conservative: 0},
	CollectorUp:           {Name: "collector_up", Group: "health", Unit: "0/1", Min: 0, Max: 1, TTL: time.Minute, Worse: LowerIsWorse, Normal: 1, Conservative: 0, Status: true},
}

var byName = func() map[string]Kind {
	m := make(map[string]Kind, numKinds)
	for k := BaseFeeGwei; k < numKinds; k++ {
		m[specs[k].Name] = k
	}
	return m
}()

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return k >= BaseFeeGwei && k < numKinds }

// Spec returns k's spec. It panics for an invalid kind: a programmer error.
func (k Kind) Spec() Spec {
	if !k.Valid() {
		panic(fmt.Sprintf("netstate: invalid kind %d", uint8(k)))
	}
	s := specs[k]
	s.Kind = k
	return s
}

func (k Kind) String() string {
	if !k.Valid() {
		return fmt.Sprintf("Kind(%d)", uint8(k))
	}
	return specs[k].Name
}

// Lookup returns the kind with the given wire name.
func Lookup(name string) (Kind, bool) {
	k, ok := byName[name]
	return k, ok
}

// Kinds returns every kind, in declaration order.
func Kinds() []Kind {
	ks := make([]Kind, 0, numKinds-1)
	for k := BaseFeeGwei; k < numKinds; k++ {
		ks = append(ks, k)
	}
	return ks
}

// Worst returns whichever of a and b is worse for kind k.
func (k Kind) Worst(a, b float64) float64 {
	if k.Spec().Worse == HigherIsWorse {
		return max(a, b)
	}
	return min(a, b)
}

// ErrOutOfRange is the error of a value outside a kind's valid range.
type ErrOutOfRange struct {
	Kind  Kind
	Value float64
}

func (e *ErrOutOfRange) Error() string {
	s := e.Kind.Spec()
	return fmt.Sprintf("netstate: %s %g outside [%g, %g] %s", s.Name, e.Value, s.Min, s.Max, s.Unit)
}

// Check returns an *ErrOutOfRange unless v is a finite value inside k's range.
func (k Kind) Check(v float64) error {
	s := k.Spec()
	if !(v >= s.Min && v <= s.Max) { // also false for NaN
		return &ErrOutOfRange{Kind: k, Value: v}
	}
	return nil
}
