package margin

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/bs"
)

// Kind is the kind of an instrument.
type Kind uint8

const (
	// Option is a European call or put on the underlying, settled in the
	// quote currency (linear, not coin-margined).
	Option Kind = iota
	// Future is a linear future or perpetual: it gains S'−S per unit long.
	// Its basis to spot is ignored (delta 1 to spot).
	Future
	// Spot is the underlying held as collateral: delta 1, no expiry.
	Spot
)

func (k Kind) String() string {
	switch k {
	case Option:
		return "option"
	case Future:
		return "future"
	case Spot:
		return "spot"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Instrument is one contract on a market's underlying. Strike, Expiry and
// Type matter for options only.
type Instrument struct {
	Kind Kind
	// Type is bs.Call or bs.Put.
	Type bs.OptionType
	// Strike is in the quote currency.
	Strike float64
	// Expiry is the time to expiry in years.
	Expiry float64
}

// Call returns a European call.
func Call(strike, expiry float64) Instrument {
	return Instrument{Kind: Option, Type: bs.Call, Strike: strike, Expiry: expiry}
}

// Put returns a European put.
func Put(strike, expiry float64) Instrument {
	return Instrument{Kind: Option, Type: bs.Put, Strike: strike, Expiry: expiry}
}

// LinearFuture returns a future or perpetual.
func LinearFuture() Instrument { return Instrument{Kind: Future} }

// SpotAsset returns the underlying itself.
func SpotAsset() Instrument { return Instrument{Kind: Spot} }

// Validate reports an unknown kind or, for an option, an unknown type, a
// non-positive strike or an expiry outside [0, 100] years, as an
// *InputError naming the instrument by index i.
func (in Instrument) Validate(i int) error {
	bad := func(field string, v float64, want string) error {
		return inputError(fmt.Sprintf("instrument %d", i), field, v, want)
	}
	switch in.Kind {
	case Future, Spot:
		return nil
	case Option:
	default:
		return bad("Kind", float64(in.Kind), "Option, Future or Spot")
	}
	switch {
	case in.Type != bs.Call && in.Type != bs.Put:
		return bad("Type", float64(in.Type), "bs.Call or bs.Put")
	case !(in.Strike > 0 && in.Strike <= math.MaxFloat64):
		return bad("Strike", in.Strike, "positive and finite")
	case !(in.Expiry >= 0 && in.Expiry <= 100):
		return bad("Expiry", in.Expiry, "in [0, 100] years")
	}
	return nil
}

// Position is an instrument and a signed quantity (negative: short).
type Position struct {
	Instrument Instrument
	Quantity   float64
}
