package margin

import (
	"errors"
	"fmt"
)

// ErrInvalidInput is the error every *InputError matches with errors.Is.
var ErrInvalidInput = errors.New("margin: invalid input")

// InputError reports one value outside its domain: a parameter, a scenario,
// the market, an instrument or a holding.
type InputError struct {
	// What names the offending object, e.g. "params", "scenario 3",
	// "instrument 12" or "holding 0 of book 1".
	What string
	// Field names the offending field, e.g. "ScanRange" or "vol".
	Field string
	// Value is the offending value.
	Value float64
	// Want describes the accepted values, e.g. "in (0, 1)".
	Want string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("margin: %s: %s = %g, want %s", e.What, e.Field, e.Value, e.Want)
}

// Unwrap makes every InputError match ErrInvalidInput.
func (e *InputError) Unwrap() error { return ErrInvalidInput }

func inputError(what, field string, value float64, want string) error {
	return &InputError{What: what, Field: field, Value: value, Want: want}
}
