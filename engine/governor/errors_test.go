package governor

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestValidateNamesTheField: each invalid config is reported as a
// *ConfigError naming the offending field.
func TestValidateNamesTheField(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Config)
		field  string
	}{
		{"empty param name", func(c *Config) { c.Params[1].Name = "" }, "Params[1].Name"},
		{"duplicate param", func(c *Config) { c.Params[2].Name = "margin_mult" }, "Params[2].Name"},
		{"zero direction", func(c *Config) { c.Params[0].Tighter = 0 }, "Params[0].Tighter"},
		{"NaN min", func(c *Config) { c.Params[0].Min = math.NaN() }, "Params[0].Min"},
		{"infinite max", func(c *Config) { c.Params[0].Max = math.Inf(1) }, "Params[0].Max"},
		{"min above max", func(c *Config) { c.Params[3].Min = 2e6 }, "Params[3].Min"},
		{"negative relative step", func(c *Config) { c.Params[0].MaxLoosenStep = -0.1 }, "Params[0].MaxLoosenStep"},
		{"negative absolute step", func(c *Config) { c.Params[0].MinLoosenAbs = -1 }, "Params[0].MinLoosenAbs"},
		{"no step at all", func(c *Config) { c.Params[0].MaxLoosenStep, c.Params[0].MinLoosenAbs = 0, 0 }, "Params[0].MaxLoosenStep"},
		{"no absolute step where 0 is allowed", func(c *Config) { c.Params[3].MinLoosenAbs = 0 }, "Params[3].MinLoosenAbs"},
		{"empty flag name", func(c *Config) { c.Flags[0].Name = "" }, "Flags[0].Name"},
		{"duplicate flag", func(c *Config) { c.Flags[1].Name = c.Flags[0].Name }, "Flags[1].Name"},
		{"negative delay", func(c *Config) { c.LoosenDelay = -time.Second }, "LoosenDelay"},
		{"exit not below enter", func(c *Config) { c.Regime.Exit[1] = 0.7 }, "Regime.Exit[1]"},
		{"enter not rising", func(c *Config) { c.Regime.Enter[2], c.Regime.Exit[2] = 0.7, 0.65 }, "Regime.Enter[2]"},
		{"exit not rising", func(c *Config) { c.Regime.Exit[1] = 0.3 }, "Regime.Exit[1]"},
		{"NaN enter", func(c *Config) { c.Regime.Enter[0] = math.NaN() }, "Regime.Enter[0]"},
		{"negative hold", func(c *Config) { c.Regime.Hold = -time.Minute }, "Regime.Hold"},
		{"zero regime", func(c *Config) { c.Regime = RegimeSpec{} }, "Regime.Exit[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig()
			c.mutate(&cfg)
			err := cfg.Validate()
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != c.field {
				t.Fatalf("error %v, want a ConfigError for %s", err, c.field)
			}
			if !errors.Is(err, ErrInvalidConfig) || !strings.HasPrefix(err.Error(), "governor: invalid config: "+c.field) {
				t.Errorf("error %q does not match ErrInvalidConfig or name %s first", err, c.field)
			}
			st := State{Version: StateVersion}
			if got, _, err := Step(cfg, st, minute(0), calm()); !errors.Is(err, ErrInvalidConfig) || !reflect.DeepEqual(got, st) {
				t.Errorf("Step: %v, state %+v", err, got)
			}
			if _, err := Initial(cfg, calm(), minute(0)); !errors.Is(err, ErrInvalidConfig) {
				t.Errorf("Initial: %v", err)
			}
		})
	}
	if err := testConfig().Validate(); err != nil {
		t.Errorf("test config: %v", err)
	}
}

func TestConfigErrorMessage(t *testing.T) {
	cfg := testConfig()
	cfg.Params[0].Min = 4
	want := `governor: invalid config: Params[0].Min ("margin_mult"): 4 is above Max 3`
	if err := cfg.Validate(); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestBadProposalLeavesStateUnchanged: an invalid proposal is a
// *ProposalError and the state comes back as it was.
func TestBadProposalLeavesStateUnchanged(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Proposal)
		kind   string
		pname  string
		is     error
		msg    string
	}{
		{"unknown parameter", func(p *Proposal) { p.Values["margin_multt"] = 2 }, "parameter", "margin_multt", ErrUnknownName,
			`governor: invalid proposal: unknown parameter "margin_multt"`},
		{"unknown parameters report the first by name", func(p *Proposal) { p.Values["zz"], p.Values["aa"] = 1, 1 }, "parameter", "aa", ErrUnknownName, ""},
		{"renamed parameter is reported as unknown", func(p *Proposal) { p.Values["scan"] = p.Values["scan_range"]; delete(p.Values, "scan_range") }, "parameter", "scan", ErrUnknownName, ""},
		{"missing parameter", func(p *Proposal) { delete(p.Values, "oi_cap") }, "parameter", "oi_cap", ErrMissingName,
			`governor: invalid proposal: missing parameter "oi_cap"`},
		{"nil values", func(p *Proposal) { p.Values = nil }, "parameter", "margin_mult", ErrMissingName, ""},
		{"NaN value", func(p *Proposal) { p.Values["scan_range"] = math.NaN() }, "parameter", "scan_range", ErrNotFinite,
			`governor: invalid proposal: parameter "scan_range" is NaN`},
		{"infinite value", func(p *Proposal) { p.Values["oi_cap"] = math.Inf(-1) }, "parameter", "oi_cap", ErrNotFinite, ""},
		{"unknown flag", func(p *Proposal) { p.Flags["halt_everything"] = true }, "flag", "halt_everything", ErrUnknownName, ""},
		{"missing flag", func(p *Proposal) { delete(p.Flags, "liquidations_paused") }, "flag", "liquidations_paused", ErrMissingName, ""},
		{"NaN stress", func(p *Proposal) { p.Stress = math.NaN() }, "stress", "", ErrNotFinite,
			`governor: invalid proposal: stress index is NaN`},
		{"infinite stress", func(p *Proposal) { p.Stress = math.Inf(1) }, "stress", "", ErrNotFinite, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig()
			st := mustInitial(t, cfg, calm(), minute(0))
			p := calm()
			c.mutate(&p)
			got, d, err := Step(cfg, st, minute(10), p)
			var pe *ProposalError
			if !errors.As(err, &pe) || pe.Kind != c.kind || pe.Name != c.pname {
				t.Fatalf("error %v, want a ProposalError for %s %q", err, c.kind, c.pname)
			}
			if !errors.Is(err, c.is) || !errors.Is(err, ErrInvalidProposal) {
				t.Errorf("error %v does not match %v and ErrInvalidProposal", err, c.is)
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("message %q, want %q", err, c.msg)
			}
			if !reflect.DeepEqual(got, st) || !reflect.DeepEqual(d, Decision{}) {
				t.Errorf("state or decision changed on error: %+v %+v", got, d)
			}
			if _, err := Initial(cfg, p, minute(0)); !errors.Is(err, c.is) {
				t.Errorf("Initial: %v, want %v", err, c.is)
			}
		})
	}
}

func TestTimeBackwardsLeavesStateUnchanged(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm(), minute(0))
	st, _ = mustStep(t, cfg, st, minute(10), calm())
	got, _, err := Step(cfg, st, minute(10).Add(-time.Nanosecond), calm().with(map[string]float64{"margin_mult": 3}))
	var te *TimeError
	if !errors.As(err, &te) || !errors.Is(err, ErrTimeBackwards) || !te.Last.Equal(minute(10)) {
		t.Fatalf("error %v, want a TimeError after %v", err, minute(10))
	}
	if !reflect.DeepEqual(got, st) {
		t.Errorf("state changed: %+v", got)
	}
	if _, _, err := Step(cfg, st, minute(10), calm()); err != nil {
		t.Errorf("a step at the same instant: %v", err)
	}
}

// TestStateMismatch: a state that was not made under the config is refused.
func TestStateMismatch(t *testing.T) {
	cfg := testConfig()
	good := mustInitial(t, cfg, calm(), minute(0))
	cases := []struct {
		name   string
		mutate func(*State)
	}{
		{"zero state", func(s *State) { *s = State{} }},
		{"other version", func(s *State) { s.Version = 2 }},
		{"invalid regime", func(s *State) { s.Regime = 9 }},
		{"missing parameter", func(s *State) { s.Params = s.Params[:3] }},
		{"renamed parameter", func(s *State) { s.Params[2].Name = "leverage" }},
		{"renamed flag", func(s *State) { s.Flags[0].Name = "paused" }},
		{"NaN value", func(s *State) { s.Params[1].Value = math.NaN() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := good
			st.Params = append([]ParamState(nil), good.Params...)
			st.Flags = append([]FlagState(nil), good.Flags...)
			c.mutate(&st)
			_, _, err := Step(cfg, st, minute(1), calm())
			var se *StateError
			if !errors.As(err, &se) || !errors.Is(err, ErrStateMismatch) {
				t.Errorf("error %v, want a StateError", err)
			}
		})
	}
}

// TestStateInAnotherOrder: a state is matched to the config by name, and
// the next state comes back in config order.
func TestStateInAnotherOrder(t *testing.T) {
	cfg := testConfig()
	st := mustInitial(t, cfg, calm(), minute(0))
	want, wantD := mustStep(t, cfg, st, minute(9), calm().with(map[string]float64{"oi_cap": 1e6}))
	st.Params[0], st.Params[3] = st.Params[3], st.Params[0]
	st.Flags[0], st.Flags[1] = st.Flags[1], st.Flags[0]
	got, gotD := mustStep(t, cfg, st, minute(9), calm().with(map[string]float64{"oi_cap": 1e6}))
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotD, wantD) {
		t.Errorf("reordered state steps differently:\n%+v\n%+v", got, want)
	}
}
