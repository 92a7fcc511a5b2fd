package liquidity

import (
	"errors"
	"fmt"
)

// ErrInvalidConfig is the error every *ConfigError matches with errors.Is.
var ErrInvalidConfig = errors.New("liquidity: invalid config")

// ConfigError reports one configuration field outside its domain.
type ConfigError struct {
	// Config names the configuration: "Config" or "BridgeConfig".
	Config string
	// Field names the offending field, e.g. "MaxCloseSlippage".
	Field string
	// Value is the offending value.
	Value float64
	// Want describes the accepted values, e.g. "in (Fee, 1)".
	Want string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("liquidity: %s.%s = %g, want %s", e.Config, e.Field, e.Value, e.Want)
}

// Unwrap makes every ConfigError match ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }
