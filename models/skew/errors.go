package skew

import (
	"errors"
	"fmt"
)

// ErrNoDeltaStrike is returned by Metrics when the delta equation has no
// root within reach of the forward, which happens only for a slice whose
// call wing grows as fast as 2k or faster (Lee's moment bound).
var ErrNoDeltaStrike = errors.New("skew: no 25-delta strike")

// ConfigError reports a Config field outside its domain.
type ConfigError struct {
	// Field names the offending field.
	Field string
	// Value is its value.
	Value float64
	// Want describes the accepted values.
	Want string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("skew: config %s = %g is not %s", e.Field, e.Value, e.Want)
}

// InputError reports an argument outside its domain, such as a stress
// index outside [0, 1] or a non-positive expiry.
type InputError struct {
	// Name names the argument.
	Name string
	// Value is its value.
	Value float64
	// Want describes the accepted values.
	Want string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("skew: %s = %g is not %s", e.Name, e.Value, e.Want)
}

// ButterflyError reports a refitted stressed slice with butterfly
// arbitrage: Gatheral and Jacquier's g(k) is G < 0 at log-moneyness K.
// Exact stressed prices inherit freedom from butterfly arbitrage from the
// base slice, so this points at a base slice that has some, or at an SVI
// refit that introduced it.
type ButterflyError struct {
	K, G float64
}

func (e *ButterflyError) Error() string {
	return fmt.Sprintf("skew: stressed slice has butterfly arbitrage: g(%g) = %g", e.K, e.G)
}
