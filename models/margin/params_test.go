package margin

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestDefaultParamsAreValid(t *testing.T) {
	p := DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []GridShape{SPAN16, DeribitLike, PMRMLike} {
		p.Shape = s
		if err := NewGrid(p).Validate(); err != nil {
			t.Errorf("%v: %v", s, err)
		}
	}
}

// TestParamsValidateNamesTheBadField: each field outside its domain is
// reported as an *InputError naming it, with its value, wrapping
// ErrInvalidInput, and with the package prefix.
func TestParamsValidateNamesTheBadField(t *testing.T) {
	for _, c := range []struct {
		field string
		set   func(*Params)
	}{
		{"Shape", func(p *Params) { p.Shape = 9 }},
		{"ScanRange", func(p *Params) { p.ScanRange = 0 }},
		{"ScanRange", func(p *Params) { p.ScanRange = math.NaN() }},
		{"ScanRange", func(p *Params) { p.ScanRange = 1 }},
		{"VolShockUp", func(p *Params) { p.VolShockUp = -0.1 }},
		{"VolShockUp", func(p *Params) { p.VolShockUp = math.Inf(1) }},
		{"VolShockDown", func(p *Params) { p.VolShockDown = 1 }},
		{"VolShockFloorDays", func(p *Params) { p.VolShockFloorDays = 0 }},
		{"VolShockPower", func(p *Params) { p.VolShockPower = -1 }},
		{"VolShockPowerLong", func(p *Params) { p.VolShockPowerLong = 3 }},
		{"ExtremeCover", func(p *Params) { p.ExtremeCover = 1.2 }},
		{"ExtremeMultiple", func(p *Params) { p.ExtremeMultiple = 0.5 }},
		{"ExtremeMultiple×ScanRange", func(p *Params) { p.ScanRange = 0.6 }},
		{"ExtremeMultiple×ScanRange", func(p *Params) { p.Shape, p.ExtremeCover, p.ScanRange = PMRMLike, 0, 0.8 }},
		{"OracleContingency", func(p *Params) { p.OracleContingency = -0.01 }},
		{"FailContingency", func(p *Params) { p.FailContingency = 1.01 }},
		{"ShortOptionMinimum", func(p *Params) { p.ShortOptionMinimum = math.NaN() }},
		{"InitialMultiplier", func(p *Params) { p.InitialMultiplier = 0.9 }},
	} {
		p := DefaultParams()
		c.set(&p)
		err := p.Validate()
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error %v, want an *InputError on it", c.field, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "margin: params: "+c.field) {
			t.Errorf("%s: message %q", c.field, err)
		}
	}
	// Extreme scenarios switched off need no multiple.
	p := DefaultParams()
	p.ExtremeCover, p.ExtremeMultiple, p.ScanRange = 0, 0, 0.6
	if err := p.Validate(); err != nil {
		t.Errorf("no extreme scenarios: %v", err)
	}
}
