package update

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/market"
)

// direction is the way a value is rounded to its places.
type direction int8

const (
	up   direction = 1  // towards +∞ (decimal.RoundCeil)
	down direction = -1 // towards −∞ (decimal.RoundFloor)
)

// paramSpec is how one parameter is written: its places and rounding.
type paramSpec struct {
	name   string
	places int32
	dir    direction
}

// table is the one place where the places and rounding of every parameter
// are set. A published value must never be less safe than the computed one,
// so each rounds towards the side that protects the venue: a wider scan
// range, larger vol shocks, a longer horizon, higher multipliers, a larger
// bonus and close factor, a higher failure probability and a higher
// deep-underwater health (more accounts stay liquidatable while liquidations
// pause) all round up; the grace period rounds down, since a shorter grace
// leaves positions unliquidatable for less time. Ratios carry 4 places
// (a hundredth of a percent), durations whole seconds.
var table = sortedByName([]paramSpec{
	{market.ScanRange, 4, up},
	{market.VolShockUp, 4, up},
	{market.VolShockDown, 4, up},
	{market.HorizonSeconds, 0, up},
	{market.MaintenanceMultiplier, 4, up},
	{market.InitialMultiplier, 4, up},
	{market.LiquidationBonus, 4, up},
	{market.CloseFactor, 4, up},
	{GracePeriodSeconds, 0, down},
	{DeepUnderwaterHealth, 4, up},
	{PFail, 4, up},
})

// stressIndex is how the stress index is written: a higher index reads as
// the more cautious one.
var stressIndex = paramSpec{"stress_index", 3, up}

// flagNames are the flags every message carries, in wire (sorted) order.
var flagNames = slices.Sorted(slices.Values([]string{market.NewPositionsPaused, LiquidationsPaused, Halt}))

func sortedByName(specs []paramSpec) []paramSpec {
	slices.SortFunc(specs, func(a, b paramSpec) int { return strings.Compare(a.name, b.name) })
	return specs
}

func spec(name string) (paramSpec, bool) {
	i, ok := slices.BinarySearchFunc(table, name, func(s paramSpec, n string) int { return strings.Compare(s.name, n) })
	if !ok {
		return paramSpec{}, false
	}
	return table[i], true
}

// round rounds a computed value. The float is taken as its shortest decimal
// (decimal.NewFromFloat), so 0.15 stays 0.1500 rather than becoming 0.1501
// from its binary expansion, and the published value read back as a float
// is never on the wrong side of the computed one.
func (s paramSpec) round(v float64) decimal.Decimal {
	return s.roundExact(decimal.NewFromFloat(v))
}

func (s paramSpec) roundExact(d decimal.Decimal) decimal.Decimal {
	if s.dir == down {
		return d.RoundFloor(s.places)
	}
	return d.RoundCeil(s.places)
}
