package update

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
)

// Version is the message schema version written in "v".
const Version = 1

// Names of the parameters and flags that are not governed; the governed
// ones are named by the market package's constants.
const (
	GracePeriodSeconds   = "grace_period_s"
	DeepUnderwaterHealth = "deep_underwater_health"
	PFail                = "p_fail"
	LiquidationsPaused   = "liquidations_paused"
	Halt                 = "halt"
)

// Limits of a message. Decode rejects anything beyond them and Sign and
// Encode refuse to produce it.
const (
	// MaxSize is the largest encoded message, in bytes.
	MaxSize = 64 << 10
	// MaxReasons is the most reasons a message carries; FromMarket keeps
	// the most important and says how many it left out.
	MaxReasons = 64
	// MaxText is the longest reason text, in bytes; FromMarket shortens a
	// longer one at a character boundary.
	MaxText = 256
	// MaxField is the longest market name and reason param, before, after
	// and why, in bytes.
	MaxField = 64
	// MaxSeq is the largest sequence number: 2^53−1, so that a reader that
	// holds JSON numbers as doubles still reads it exactly.
	MaxSeq = 1<<53 - 1
)

// Reason explains one entry of the message: a governed parameter, flag or
// the regime that changed or was held (Before and After set), or a model
// finding (Before and After empty). Param is "" for a finding that concerns
// no single parameter.
type Reason struct {
	Param, Before, After, Why, Text string
}

// Update is a market's parameter-update message. See the package
// documentation for the wire form and the meaning of each field.
type Update struct {
	V      int
	Market string
	// Seq increases strictly with every update of the market.
	Seq        uint64
	IssuedAt   time.Time
	ValidUntil time.Time
	Regime     string
	// Params holds every parameter of the rounding table, each with at most
	// its number of places.
	Params      map[string]decimal.Decimal
	Flags       map[string]bool
	StressIndex decimal.Decimal
	Reasons     []Reason
	// KeyID is the signer's nkeys public key and Sig its Ed25519
	// signature; Sign sets both.
	KeyID string
	Sig   []byte
}

// Why values of the reasons that do not come from the governor.
const (
	whyStress    = "stress"
	whyModel     = "model"
	whyNote      = "note"
	whyTruncated = "truncated"
)

// FromMarket builds the unsigned message for a market update: every
// parameter rounded in its conservative direction (see the package
// documentation), issued at u.At and valid for validFor after it.
//
// A parameter that u lacks or that is not finite is left out, so that Sign
// refuses the message rather than publish a guess. A stress index outside 0
// to 1 is published as the nearer end, and one that is not a number as 1.
func FromMarket(u market.Update, seq uint64, validFor time.Duration) Update {
	at := u.At.UTC()
	out := Update{
		V:          Version,
		Market:     u.Market,
		Seq:        seq,
		IssuedAt:   at,
		ValidUntil: at.Add(validFor),
		Regime:     u.Regime.String(),
		Params:     make(map[string]decimal.Decimal, len(table)),
		Flags: map[string]bool{
			market.NewPositionsPaused: u.Flags[market.NewPositionsPaused],
			LiquidationsPaused:        u.LiquidationsPaused,
			Halt:                      u.Halt,
		},
		StressIndex: stressIndex.round(unitInterval(u.Stress.Index)),
		Reasons:     reasons(u),
	}
	for _, s := range table {
		var v float64
		var ok bool
		switch s.name {
		case GracePeriodSeconds:
			// From the nanoseconds, exactly: 2339.9 s must not become 2340.
			out.Params[s.name] = s.roundExact(decimal.New(int64(u.Grace), -9))
			continue
		case DeepUnderwaterHealth:
			v, ok = u.DeepUnderwater, true
		case PFail:
			v, ok = u.PFail, true
		default:
			v, ok = u.Values[s.name]
		}
		if ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out.Params[s.name] = s.round(v)
		}
	}
	return out
}

// reasons lists, most important first: the regime, the governed parameters
// and flags (in the governor's config order), the stress findings (most
// severe first), the liquidation model's findings and the notes. Past
// MaxReasons the tail is replaced by one entry counting what was left out.
func reasons(u market.Update) []Reason {
	d := u.Decision
	var rs []Reason
	if r := d.RegimeReason; r != nil {
		rs = append(rs, Reason{Param: "regime", Before: r.From.String(), After: r.To.String(), Why: string(r.Why), Text: r.String()})
	}
	for _, r := range d.Reasons {
		rs = append(rs, Reason{Param: r.Param, Before: formatParam(r.Param, r.Before), After: formatParam(r.Param, r.After), Why: string(r.Why), Text: r.String()})
	}
	for _, r := range d.FlagReasons {
		rs = append(rs, Reason{Param: r.Flag, Before: strconv.FormatBool(r.Before), After: strconv.FormatBool(r.After), Why: string(r.Why), Text: r.String()})
	}
	for _, r := range u.Stress.Reasons {
		rs = append(rs, Reason{Why: whyStress, Text: r.Group.String() + ": " + r.Text})
	}
	for _, r := range u.Proposed.Reasons {
		if r.Param == "stress" {
			continue // the stress findings again, already listed
		}
		rs = append(rs, Reason{Param: modelParam(r.Param), Why: whyModel, Text: r.Text})
	}
	for _, n := range u.Notes {
		rs = append(rs, Reason{Why: whyNote, Text: n})
	}
	if len(rs) > MaxReasons {
		left := len(rs) - (MaxReasons - 1)
		rs = append(rs[:MaxReasons-1], Reason{Why: whyTruncated, Text: fmt.Sprintf("%d more reasons left out", left)})
	}
	for i := range rs {
		r := &rs[i]
		r.Param, r.Before, r.After, r.Why = clip(r.Param, MaxField), clip(r.Before, MaxField), clip(r.After, MaxField), clip(r.Why, MaxField)
		r.Text = clip(r.Text, MaxText)
	}
	return rs
}

// unitInterval clamps a stress index to [0, 1], NaN to 1.
func unitInterval(x float64) float64 {
	switch {
	case math.IsNaN(x) || x > 1:
		return 1
	case x < 0:
		return 0
	}
	return x
}

// modelParam maps the liquidation model's reason names to wire names.
func modelParam(name string) string {
	switch name {
	case "bonus":
		return market.LiquidationBonus
	case "grace":
		return GracePeriodSeconds
	case "horizon":
		return market.HorizonSeconds
	}
	return name
}

// formatParam writes a governor before/after value as the parameter is
// written in params.
func formatParam(name string, v float64) string {
	s, ok := spec(name)
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return s.round(v).StringFixed(s.places)
}

// clip makes s valid UTF-8 of at most n bytes, ending in "…" if shortened.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	const ellipsis = "…"
	cut := n - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}

// Param returns the named parameter.
func (u Update) Param(name string) (decimal.Decimal, bool) {
	d, ok := u.Params[name]
	return d, ok
}

// Fresh reports whether the update is still in force at now: now is before
// valid_until. A consumer with no fresh update for a market falls back to
// its own conservative set.
func (u Update) Fresh(now time.Time) bool {
	return now.Before(u.ValidUntil)
}

// Subject returns the subject a market's updates are published on.
func Subject(market string) string {
	return "risk.params." + market
}

// regimes are the valid regime names.
var regimes = func() map[string]bool {
	m := map[string]bool{}
	for r := governor.Normal; r <= governor.Halted; r++ {
		m[r.String()] = true
	}
	return m
}()
