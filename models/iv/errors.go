package iv

import (
	"errors"
	"fmt"
)

// Sentinel errors. Test for them with errors.Is.
var (
	// ErrInvalidInput reports a non-finite or out-of-domain argument.
	ErrInvalidInput = errors.New("iv: invalid input")
	// ErrBelowIntrinsic reports a price below the option's intrinsic value.
	ErrBelowIntrinsic = errors.New("iv: price below intrinsic value")
	// ErrAboveMaximum reports a price at or above the option's supremum
	// (the forward for a call, the strike for a put, undiscounted).
	ErrAboveMaximum = errors.New("iv: price at or above maximum")
	// ErrNotRepresentable reports inputs so extreme that the volatility
	// cannot be resolved in double precision: the normalised price
	// price/√(F·K) is subnormal, or σ = s/√T overflows.
	ErrNotRepresentable = errors.New("iv: implied volatility not representable in double precision")
)

// BoundsError reports a price outside the open no-arbitrage interval
// (Lower, Upper) in which an implied volatility exists. It matches
// ErrBelowIntrinsic or ErrAboveMaximum under errors.Is.
type BoundsError struct {
	Price, Lower, Upper float64
}

func (e *BoundsError) Error() string {
	if e.Price < e.Lower {
		return fmt.Sprintf("%v: price %g < intrinsic %g", ErrBelowIntrinsic, e.Price, e.Lower)
	}
	return fmt.Sprintf("%v: price %g, maximum %g", ErrAboveMaximum, e.Price, e.Upper)
}

// Is reports whether target is the sentinel that describes this violation.
func (e *BoundsError) Is(target error) bool {
	if e.Price < e.Lower {
		return target == ErrBelowIntrinsic
	}
	return target == ErrAboveMaximum
}

func invalid(name string, v float64, want string) error {
	return fmt.Errorf("%w: %s = %g, want %s", ErrInvalidInput, name, v, want)
}
