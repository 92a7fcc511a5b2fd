package governor

import (
	"errors"
	"fmt"
	"time"
)

var (
	// ErrInvalidConfig is matched by every *ConfigError.
	ErrInvalidConfig = errors.New("governor: invalid config")
	// ErrInvalidProposal is matched by every *ProposalError.
	ErrInvalidProposal = errors.New("governor: invalid proposal")
	// ErrUnknownName is matched by a *ProposalError naming a parameter or
	// flag that the config does not define.
	ErrUnknownName = errors.New("governor: unknown name")
	// ErrMissingName is matched by a *ProposalError for a configured
	// parameter or flag that the proposal leaves out.
	ErrMissingName = errors.New("governor: missing name")
	// ErrNotFinite is matched by a *ProposalError for a NaN or infinite
	// value or stress index.
	ErrNotFinite = errors.New("governor: not a finite number")
	// ErrStateMismatch is matched by every *StateError.
	ErrStateMismatch = errors.New("governor: state does not match config")
	// ErrTimeBackwards is matched by every *TimeError.
	ErrTimeBackwards = errors.New("governor: time went backwards")
)

// ConfigError reports an invalid Config field.
type ConfigError struct {
	// Field is the Go path of the field, e.g. "Params[2].Min" or
	// "Regime.Exit[1]".
	Field string
	// Name is the parameter or flag name, or the regime of a threshold;
	// empty for a field that has none.
	Name string
	// Problem says what is wrong, e.g. "3 is above Max 2".
	Problem string
}

func (e *ConfigError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("governor: invalid config: %s: %s", e.Field, e.Problem)
	}
	return fmt.Sprintf("governor: invalid config: %s (%q): %s", e.Field, e.Name, e.Problem)
}

// Unwrap makes every ConfigError match ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// ProposalError reports a proposal that cannot be stepped.
type ProposalError struct {
	// Kind is "parameter", "flag" or "stress".
	Kind string
	// Name is the parameter or flag name; empty for the stress index.
	Name string
	// Value is the offending number when Err is ErrNotFinite.
	Value float64
	// Err is ErrUnknownName, ErrMissingName or ErrNotFinite.
	Err error
}

func (e *ProposalError) Error() string {
	switch {
	case e.Kind == "stress":
		return fmt.Sprintf("governor: invalid proposal: stress index is %g", e.Value)
	case errors.Is(e.Err, ErrUnknownName):
		return fmt.Sprintf("governor: invalid proposal: unknown %s %q", e.Kind, e.Name)
	case errors.Is(e.Err, ErrMissingName):
		return fmt.Sprintf("governor: invalid proposal: missing %s %q", e.Kind, e.Name)
	default:
		return fmt.Sprintf("governor: invalid proposal: %s %q is %g", e.Kind, e.Name, e.Value)
	}
}

// Unwrap makes a ProposalError match both ErrInvalidProposal and its Err.
func (e *ProposalError) Unwrap() []error { return []error{ErrInvalidProposal, e.Err} }

// StateError reports a State that cannot be stepped under a Config: made
// under another set of parameters or flags, by another schema version, or
// never initialised.
type StateError struct {
	Problem string
}

func (e *StateError) Error() string { return "governor: state does not match config: " + e.Problem }

// Unwrap makes every StateError match ErrStateMismatch.
func (e *StateError) Unwrap() error { return ErrStateMismatch }

// TimeError reports a step at a time before the state's last step.
type TimeError struct {
	Now, Last time.Time
}

func (e *TimeError) Error() string {
	return fmt.Sprintf("governor: time went backwards: %s is before the last step at %s",
		e.Now.Format(time.RFC3339Nano), e.Last.Format(time.RFC3339Nano))
}

// Unwrap makes every TimeError match ErrTimeBackwards.
func (e *TimeError) Unwrap() error { return ErrTimeBackwards }
