package market

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/models/liquidation"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/settlement"
	"github.com/infrarisk/infrarisk/models/skew"
	"github.com/infrarisk/infrarisk/models/stress"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Names of the governed parameters and flag, as they appear on the wire.
const (
	ScanRange             = "scan_range"
	VolShockUp            = "vol_shock_up"
	VolShockDown          = "vol_shock_down"
	HorizonSeconds        = "liquidation_horizon_s"
	MaintenanceMultiplier = "maintenance_multiplier"
	InitialMultiplier     = "initial_multiplier"
	LiquidationBonus      = "liquidation_bonus"
	CloseFactor           = "close_factor"
	NewPositionsPaused    = "new_positions_paused"
)

// Config is one market's static configuration.
type Config struct {
	// Name identifies the market (risk.params.<Name>); Chain the chain whose
	// state drives it.
	Name, Chain string
	// L2 marks a market that settles through a sequencer.
	L2 bool
	// Pool and Bridge, if set, name the venues (signal namespaces of their
	// own) of the pool the collateral is sold into and the bridge behind
	// it; Inputs carries their states.
	Pool, Bridge string
	// Surface is the base implied-vol surface: SVI slices by expiry.
	Surface []svi.Slice
	// ReferenceExpiry (years) picks the slice whose ATM vol scales the scan
	// range: the first at or after it, else the last.
	ReferenceExpiry float64

	Stress      stress.Config
	Skew        skew.Config
	Settlement  settlement.Config
	Liquidation liquidation.Config
	// Margin is the healthy chain's margin setting; the stressed one takes
	// its scan range, shocks and contingencies from the parameters.
	Margin   margin.Params
	Governor governor.Config
}

// DefaultGovernor returns bounds for the governed parameters: each loosens
// by at most 10% of its value every 5 minutes (Aave's risk stewards bound
// automated changes by a maximum change and a minimum delay in the same
// way), and regimes are entered at stress 0.25, 0.5 and 0.85 and left below
// 0.15, 0.35 and 0.7 after holding 10 minutes. The scan range stops at 45%:
// with the ±2× extreme scenarios of SPAN-shaped grids that already scans a
// 90% fall.
func DefaultGovernor() governor.Config {
	p := func(name string, lo, hi, minStep float64) governor.ParamSpec {
		return governor.ParamSpec{Name: name, Tighter: governor.TighterUp, Min: lo, Max: hi, MaxLoosenStep: 0.10, MinLoosenAbs: minStep}
	}
	return governor.Config{
		Params: []governor.ParamSpec{
			p(ScanRange, 0.02, 0.45, 0.001),
			p(VolShockUp, 0, 5, 0.005),
			p(VolShockDown, 0, 0.9, 0.005),
			p(HorizonSeconds, 60, 86400, 60),
			p(MaintenanceMultiplier, 1, 3, 0.01),
			p(InitialMultiplier, 1, 6, 0.01),
			p(LiquidationBonus, 0, 0.25, 0.001),
			p(CloseFactor, 0.05, 1, 0.01),
		},
		Flags:       []governor.FlagSpec{{Name: NewPositionsPaused, Conservative: true}},
		LoosenDelay: 5 * time.Minute,
		Regime: governor.RegimeSpec{
			Enter: [3]float64{0.25, 0.5, 0.85},
			Exit:  [3]float64{0.15, 0.35, 0.7},
			Hold:  10 * time.Minute,
		},
	}
}

// DefaultConfig returns a market with every model at its defaults and the
// given base surface.
func DefaultConfig(name, chain string, l2 bool, surface []svi.Slice) Config {
	return Config{
		Name: name, Chain: chain, L2: l2,
		Surface:         surface,
		ReferenceExpiry: 30.0 / 365,
		Stress:          stress.DefaultConfig(),
		Skew:            skew.DefaultConfig(),
		Settlement:      settlement.DefaultConfig(),
		Liquidation:     liquidation.DefaultConfig(),
		Margin:          margin.DefaultParams(),
		Governor:        DefaultGovernor(),
	}
}

// ErrInvalidConfig is wrapped by every configuration error.
var ErrInvalidConfig = errors.New("market: invalid config")

// Validate checks every part and returns the first problem, naming the
// market and the part.
func (c Config) Validate() error {
	wrap := func(part string, err error) error {
		if err == nil {
			return nil
		}
		return fmt.Errorf("%w: market %q: %s: %w", ErrInvalidConfig, c.Name, part, err)
	}
	if c.Name == "" || c.Chain == "" {
		return fmt.Errorf("%w: market needs a name and a chain (got %q, %q)", ErrInvalidConfig, c.Name, c.Chain)
	}
	if len(c.Surface) == 0 {
		return wrap("surface", errors.New("no slices"))
	}
	for i, s := range c.Surface {
		if !(s.T > 0) {
			return wrap("surface", fmt.Errorf("slice %d: expiry %g", i, s.T))
		}
		if err := s.Raw.Validate(); err != nil {
			return wrap("surface", fmt.Errorf("slice %d: %w", i, err))
		}
	}
	if !(c.ReferenceExpiry > 0) {
		return wrap("reference expiry", fmt.Errorf("%g", c.ReferenceExpiry))
	}
	for _, part := range []struct {
		name string
		err  error
	}{
		{"skew", c.Skew.Validate()},
		{"settlement", c.Settlement.Validate()},
		{"liquidation", c.Liquidation.Validate()},
		{"margin", c.Margin.Validate()},
		{"governor", c.Governor.Validate()},
	} {
		if err := wrap(part.name, part.err); err != nil {
			return err
		}
	}
	return nil
}

// referenceSlice returns the index of the slice that scales the scan range.
func (c Config) referenceSlice() int {
	idx := make([]int, len(c.Surface))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return c.Surface[idx[a]].T < c.Surface[idx[b]].T })
	for _, i := range idx {
		if c.Surface[i].T >= c.ReferenceExpiry {
			return i
		}
	}
	return idx[len(idx)-1]
}
