package client

import (
	"fmt"
	"maps"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
)

// WhyNoUpdate is Params.Why before any update has been accepted.
const WhyNoUpdate = "no update yet"

// Params are the parameters a margin system uses at one moment: the last
// accepted update's while it is fresh, else the fallback set. Values and
// Flags are the caller's own copies.
type Params struct {
	// Values holds every parameter of ParamNames.
	Values map[string]decimal.Decimal
	// Flags holds every flag of FlagNames.
	Flags map[string]bool
	// Seq, Regime and ValidUntil are the update's; zero when falling back.
	Seq        uint64
	Regime     string
	ValidUntil time.Time
	// Fallback is true when Values and Flags are Options.Fallback and
	// Options.FallbackFlags; Why then says why.
	Fallback bool
	Why      string
	// Update is the accepted message (nil when falling back), for its
	// reasons, stress index and signature. It is shared: read it only.
	Update *update.Update
}

// Param returns the named parameter.
func (p Params) Param(name string) (decimal.Decimal, bool) {
	d, ok := p.Values[name]
	return d, ok
}

// accepted is an update the client took, with what Current hands out for
// it. It is never changed after it is built.
type accepted struct {
	u *update.Update
}

func (a *accepted) params() Params {
	return Params{
		Values:     maps.Clone(a.u.Params),
		Flags:      maps.Clone(a.u.Flags),
		Seq:        a.u.Seq,
		Regime:     a.u.Regime,
		ValidUntil: a.u.ValidUntil,
		Update:     a.u,
	}
}

func (c *Client) fallback(why string) Params {
	return Params{
		Values:   maps.Clone(c.opts.Fallback),
		Flags:    maps.Clone(c.opts.FallbackFlags),
		Fallback: true,
		Why:      why,
	}
}

// timeFormat writes times in reasons and logs as the update's wire form does.
const timeFormat = time.RFC3339Nano

// whyExpired is Params.Why once the last accepted update has expired.
func whyExpired(u *update.Update) string {
	return fmt.Sprintf("engine silent: last update (seq %d) expired at %s", u.Seq, u.ValidUntil.UTC().Format(timeFormat))
}
