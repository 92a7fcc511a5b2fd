package svi

import (
	"errors"
	"fmt"
)

var (
	// ErrInvalidParams is the error every *ParamError matches with errors.Is.
	ErrInvalidParams = errors.New("svi: invalid parameters")
	// ErrTooFewQuotes is returned by Calibrate when fewer than MinQuotes
	// quotes are given.
	ErrTooFewQuotes = errors.New("svi: too few quotes")
	// ErrNoConvergence is returned by Calibrate when the outer search does
	// not meet its tolerance within the iteration budget.
	ErrNoConvergence = errors.New("svi: calibration did not converge")
)

// ParamError reports a parameter set that violates Cond.
type ParamError struct {
	// Form names the parametrisation: "raw", "natural" or "jump-wings".
	Form string
	// Cond is the violated condition, e.g. "b ≥ 0".
	Cond string
	// Value is the offending value of the left-hand side of Cond.
	Value float64
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("svi: invalid %s parameters: %s violated (value %g)", e.Form, e.Cond, e.Value)
}

// Unwrap makes every ParamError match ErrInvalidParams.
func (e *ParamError) Unwrap() error { return ErrInvalidParams }

// QuoteError reports an unusable input quote.
type QuoteError struct {
	// Index is the position of the quote in the caller's slice.
	Index int
	// Field names the offending field, e.g. "vol" or "weight".
	Field string
	// Value is the offending value.
	Value float64
	// Want describes the accepted values, e.g. "positive and finite".
	Want string
	// Err is the underlying error, if any (an implied-vol bound).
	Err error
}

func (e *QuoteError) Error() string {
	msg := fmt.Sprintf("svi: quote %d: %s %g is not %s", e.Index, e.Field, e.Value, e.Want)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *QuoteError) Unwrap() error { return e.Err }

// CalendarArbitrageError reports the worst calendar-spread violation found by
// CheckCalendar: at log-moneyness K the total variance W1 of the earlier
// expiry T1 exceeds the total variance W2 of the later expiry T2.
type CalendarArbitrageError struct {
	T1, T2 float64
	K      float64
	W1, W2 float64
}

func (e *CalendarArbitrageError) Error() string {
	return fmt.Sprintf("svi: calendar arbitrage between t=%g and t=%g at k=%g: w=%g > w=%g",
		e.T1, e.T2, e.K, e.W1, e.W2)
}
