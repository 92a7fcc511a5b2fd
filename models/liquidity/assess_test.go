package liquidity

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/quick"
)

// TestAssessByHand: a $2.1M pool that lost 45% over the window, projected
// one more window: y' = 2.1e6·0.55 = 1,155,000. With f = 0.3%, τ = 1%,
// r = 3%, M = 5%:
//
//	$5k:   s = 1 − 0.997/(1 + 0.997·5000/1155000)   = 0.72846%,
//	       loss = 1 − (1 − s)(1 − 0.03·0.01)           = 0.75824%
//	$500k: s = 1 − 0.997/(1 + 0.997·500000/1155000) = 30.3577%,
//	       loss = 1 − (1 − s)(1 − 0.0003)              = 30.3786%
//	close: s* = 1 − 0.95/0.9997 = 4.97149%,
//	       q* = 1155000·(s* − 0.003)/(0.997·(1 − s*)) = 56,949.31,
//	       φ = 56949.31/500000 = 11.3899%
//	bonus min(0.75824%, 15%), shortfall 30.3786% − 15% = 15.3786%
func TestAssessByHand(t *testing.T) {
	a := Assess(2_100_000, 2500, 0.45, 0.03, 0, 5_000, 500_000, DefaultConfig())
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"projected depth", a.Pool.Quote, 1_155_000},
		{"projected base reserve", a.Pool.Base, 1_155_000.0 / 2500},
		{"typical", a.TypicalSlippage, 0.007582391582649728},
		{"largest", a.LargestSlippage, 0.30378618717871175},
		{"close fraction", a.CloseFraction, 0.11389862112653774},
		{"bonus", a.Bonus, 0.007582391582649728},
		{"shortfall", a.Shortfall, 0.30378618717871175 - 0.15},
	} {
		if math.Abs(f.got-f.want) > 1e-12*max(1, f.want) {
			t.Errorf("%s %.17g, by hand %.17g", f.name, f.got, f.want)
		}
	}
	want := []string{
		"pool depth $2.1M (−45% over the window), $1.16M if the drain continues 1 more window",
		"selling a typical liquidation ($5k) loses 0.8% incl. 3% sandwich rate",
		"selling the largest liquidation ($500k) loses 30.4% incl. 3% sandwich rate",
		"only 11.4% of the largest liquidation can be sold losing at most 5%",
		"the largest liquidation loses 15.4% more than the 15% bonus cap can pay",
	}
	if !slices.Equal(a.Reasons, want) {
		t.Errorf("reasons\n got %q\nwant %q", a.Reasons, want)
	}
}

// TestAssessDrainProjection: the drop is projected DrainWindows more windows
// (none, one, two), and a rise in liquidity is not credited.
func TestAssessDrainProjection(t *testing.T) {
	cfg := DefaultConfig()
	for _, tt := range []struct {
		windows, drop, want float64
	}{
		{0, 0.45, 1_000_000},
		{1, 0.45, 550_000},
		{2, 0.45, 302_500},
		{1, 0, 1_000_000},
		{1, -0.3, 1_000_000},
		{1, 1, 0},
		{1, 1.7, 0},
	} {
		cfg.DrainWindows = tt.windows
		a := Assess(1_000_000, 2000, tt.drop, 0, 0, 10_000, 100_000, cfg)
		if math.Abs(a.Pool.Quote-tt.want) > 1e-9*tt.want {
			t.Errorf("%g windows, drop %g: projected depth %g, want %g", tt.windows, tt.drop, a.Pool.Quote, tt.want)
		}
	}
	cfg = DefaultConfig()
	rose := Assess(1_000_000, 2000, -0.3, 0, 0, 10_000, 100_000, cfg)
	flat := Assess(1_000_000, 2000, 0, 0, 0, 10_000, 100_000, cfg)
	if rose.LargestSlippage != flat.LargestSlippage || !strings.Contains(rose.Reasons[0], "+30% over the window, not credited") {
		t.Errorf("a rise in liquidity was credited: %g vs %g, %q", rose.LargestSlippage, flat.LargestSlippage, rose.Reasons)
	}
}

// TestAssessSandwichedLiquidations: when liquidations were sandwiched more
// often than the pool's swaps, their rate is used and the reasons say so.
func TestAssessSandwichedLiquidations(t *testing.T) {
	cfg := DefaultConfig()
	pool := Assess(5_000_000, 2000, 0, 0.01, 0, 10_000, 100_000, cfg)
	liq := Assess(5_000_000, 2000, 0, 0.01, 0.2, 10_000, 100_000, cfg)
	if liq.SandwichRate != 0.2 || pool.SandwichRate != 0.01 {
		t.Fatalf("rates used %g and %g, want 0.2 and 0.01", liq.SandwichRate, pool.SandwichRate)
	}
	if liq.TypicalSlippage <= pool.TypicalSlippage {
		t.Errorf("typical loss %g with 20%% of liquidations sandwiched, %g without", liq.TypicalSlippage, pool.TypicalSlippage)
	}
	if !hasReason(liq.Reasons, "20% of recent liquidations were sandwiched against 1% of the pool's swaps") {
		t.Errorf("reasons %q", liq.Reasons)
	}
	if hasReason(pool.Reasons, "recent liquidations") {
		t.Errorf("reasons mention liquidations' rate when the pool's is higher: %q", pool.Reasons)
	}
}

// TestAssessInvalidInputsAreWorstCase: invalid inputs give total losses and
// no close, with a reason, and no panic.
func TestAssessInvalidInputsAreWorstCase(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	type in struct{ depth, mid, drop, rate, liqRate, typical, largest float64 }
	ok := in{2_000_000, 2000, 0.1, 0.02, 0, 10_000, 200_000}
	tests := []struct {
		name    string
		edit    func(*in)
		typical bool // the typical loss is a total loss
		reason  string
	}{
		{"NaN depth", func(v *in) { v.depth = nan }, true, "depth NaN is not positive and finite"},
		{"negative depth", func(v *in) { v.depth = -5 }, true, "depth -5 is not positive and finite"},
		{"zero depth", func(v *in) { v.depth = 0 }, true, "depth 0 is not positive and finite"},
		{"infinite depth", func(v *in) { v.depth = inf }, true, "depth +Inf is not positive and finite"},
		{"NaN mid", func(v *in) { v.mid = nan }, true, "mid price NaN"},
		{"zero mid", func(v *in) { v.mid = 0 }, true, "mid price 0"},
		{"negative mid", func(v *in) { v.mid = -2000 }, true, "mid price -2000"},
		{"NaN drop", func(v *in) { v.drop = nan }, true, "drop is NaN: read as all liquidity withdrawn"},
		{"NaN largest", func(v *in) { v.largest = nan }, false, "largest liquidation size NaN"},
		{"negative largest", func(v *in) { v.largest = -1 }, false, "largest liquidation size -1"},
		{"infinite largest", func(v *in) { v.largest = inf }, false, "largest liquidation size +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ok
			tt.edit(&v)
			a := Assess(v.depth, v.mid, v.drop, v.rate, v.liqRate, v.typical, v.largest, DefaultConfig())
			if a.LargestSlippage != 1 || a.CloseFraction != 0 || a.Shortfall != 1-DefaultConfig().BonusCap {
				t.Errorf("largest loss %g, close fraction %g, shortfall %g; want 1, 0, 0.85", a.LargestSlippage, a.CloseFraction, a.Shortfall)
			}
			if tt.typical && (a.TypicalSlippage != 1 || a.Bonus != DefaultConfig().BonusCap) {
				t.Errorf("typical loss %g, bonus %g; want 1 and the cap", a.TypicalSlippage, a.Bonus)
			}
			if !hasReason(a.Reasons, tt.reason) {
				t.Errorf("no reason %q in %q", tt.reason, a.Reasons)
			}
		})
	}
	t.Run("NaN sandwich rates", func(t *testing.T) {
		a := Assess(ok.depth, ok.mid, ok.drop, nan, nan, ok.typical, ok.largest, DefaultConfig())
		if a.SandwichRate != 1 || !hasReason(a.Reasons, "sandwich rate is NaN") || !hasReason(a.Reasons, "sandwiched liquidations is NaN") {
			t.Errorf("rate used %g, reasons %q", a.SandwichRate, a.Reasons)
		}
	})
	t.Run("invalid config", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.MaxCloseSlippage = nan
		a := Assess(ok.depth, ok.mid, ok.drop, ok.rate, ok.liqRate, ok.typical, ok.largest, cfg)
		if a.TypicalSlippage != 1 || a.LargestSlippage != 1 || a.CloseFraction != 0 || a.Bonus != 1 || a.Shortfall != 1 {
			t.Errorf("invalid config: %+v", a)
		}
		if !hasReason(a.Reasons, "MaxCloseSlippage") {
			t.Errorf("reasons %q", a.Reasons)
		}
	})
}

// TestAssessOutputsStayInRange: for arbitrary inputs every output is a
// fraction in [0, 1], never NaN.
func TestAssessOutputsStayInRange(t *testing.T) {
	inRange := func(depth, mid, drop, rate, liqRate, typical, largest float64) bool {
		a := Assess(depth, mid, drop, rate, liqRate, typical, largest, DefaultConfig())
		for _, v := range []float64{a.Drop, a.SandwichRate, a.TypicalSlippage, a.LargestSlippage, a.CloseFraction, a.Bonus, a.Shortfall} {
			if !(v >= 0 && v <= 1) {
				return false
			}
		}
		return len(a.Reasons) > 0
	}
	if err := quick.Check(inRange, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -1, 1, 0.5, 1e300, 1e-300}
	rng := rand.New(rand.NewPCG(31, 32))
	for range 5000 {
		var v [7]float64
		for i := range v {
			v[i] = special[rng.IntN(len(special))]
		}
		if !inRange(v[0], v[1], v[2], v[3], v[4], v[5], v[6]) {
			t.Fatalf("inputs %v: an output left [0, 1]: %+v", v, Assess(v[0], v[1], v[2], v[3], v[4], v[5], v[6], DefaultConfig()))
		}
	}
}

// randomInputs draws a market: depth $10k–$1B, drop up to 90%, sandwich
// rates up to 30%, sizes $1–$100M.
type inputs struct {
	depth, mid, drop, rate, liqRate, typical, largest float64
	cfg                                               Config
}

func randomInputs(r *rand.Rand) inputs {
	cfg := DefaultConfig()
	cfg.Fee = []float64{0.0001, 0.0005, 0.003, 0.01}[r.IntN(4)]
	cfg.Tolerance = 0.05 * r.Float64()
	cfg.MaxCloseSlippage = cfg.Fee + (0.2-cfg.Fee)*r.Float64()
	cfg.DrainWindows = float64(r.IntN(3))
	return inputs{
		depth: math.Pow(10, 4+5*r.Float64()), mid: math.Pow(10, -1+5*r.Float64()),
		drop: 0.9 * r.Float64(), rate: 0.3 * r.Float64(), liqRate: 0.3 * r.Float64() * float64(r.IntN(2)),
		typical: math.Pow(10, 8*r.Float64()), largest: math.Pow(10, 8*r.Float64()),
		cfg: cfg,
	}
}

func (in inputs) assess() Assessment {
	return Assess(in.depth, in.mid, in.drop, in.rate, in.liqRate, in.typical, in.largest, in.cfg)
}

// TestAssessMonotone: less depth, a larger drop, a higher sandwich rate
// (of swaps or of liquidations), a higher tolerance or a larger size never
// lowers a loss, the bonus or the shortfall, and never raises the close
// fraction; exactly after rounding, except the tolerance (to 1e-15).
func TestAssessMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	more := func(r *rand.Rand) float64 { return 1 + r.Float64()*math.Pow(10, -15*r.Float64()) }
	worsen := []struct {
		name string
		f    func(*inputs, *rand.Rand)
	}{
		{"less depth", func(in *inputs, r *rand.Rand) { in.depth /= more(r) }},
		{"larger drop", func(in *inputs, r *rand.Rand) { in.drop += (1 - in.drop) * r.Float64() * math.Pow(10, -15*r.Float64()) }},
		{"higher sandwich rate", func(in *inputs, r *rand.Rand) { in.rate += (1 - in.rate) * r.Float64() * math.Pow(10, -15*r.Float64()) }},
		{"more sandwiched liquidations", func(in *inputs, r *rand.Rand) {
			in.liqRate += (1 - in.liqRate) * r.Float64() * math.Pow(10, -15*r.Float64())
		}},
		{"larger typical size", func(in *inputs, r *rand.Rand) { in.typical *= more(r) }},
		{"larger largest size", func(in *inputs, r *rand.Rand) { in.largest *= more(r) }},
		{"drain projected longer", func(in *inputs, r *rand.Rand) { in.cfg.DrainWindows += float64(1 + r.IntN(2)) }},
	}
	for range 20000 {
		in := randomInputs(rng)
		before := in.assess()
		w := worsen[rng.IntN(len(worsen))]
		after := in
		w.f(&after, rng)
		checkWorse(t, w.name, in, before, after.assess(), 0)
	}
	for range 8000 {
		in := randomInputs(rng)
		before := in.assess()
		after := in
		after.cfg.Tolerance += (1 - after.cfg.Tolerance) * rng.Float64() * math.Pow(10, -15*rng.Float64())
		checkWorse(t, "higher tolerance", in, before, after.assess(), 1e-15)
	}
}

func checkWorse(t *testing.T, name string, in inputs, before, after Assessment, tol float64) {
	t.Helper()
	for _, f := range []struct {
		field string
		b, a  float64
	}{
		{"typical loss", before.TypicalSlippage, after.TypicalSlippage},
		{"largest loss", before.LargestSlippage, after.LargestSlippage},
		{"bonus", before.Bonus, after.Bonus},
		{"shortfall", before.Shortfall, after.Shortfall},
		{"less close fraction", -before.CloseFraction, -after.CloseFraction},
	} {
		if f.a < f.b-tol {
			t.Fatalf("%s lowered the %s: %.17g → %.17g\ninputs %+v", name, f.field, f.b, f.a, in)
		}
	}
}

// TestCloseFractionIsLargestWithinLimit: the close fraction, checked
// against the forward model: selling that fraction of the largest
// liquidation loses at most MaxCloseSlippage, and selling 1e-6 more of it
// loses more.
func TestCloseFractionIsLargestWithinLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	var partial, full, none int
	for range 20000 {
		in := randomInputs(rng)
		a := in.assess()
		loss := func(fraction float64) float64 {
			return ExpectedLoss(a.Pool.SlippageOfQuoteSize(fraction*in.largest), a.SandwichRate, in.cfg.Tolerance)
		}
		m := in.cfg.MaxCloseSlippage
		switch phi := a.CloseFraction; {
		case phi == 1:
			full++
			if got := loss(1); got > m+1e-12 {
				t.Fatalf("closes in full yet loses %.17g > %g: %+v", got, m, in)
			}
		case phi == 0:
			none++
			if got := loss(1e-9); got <= m {
				t.Fatalf("closes nothing yet a sliver loses only %.17g ≤ %g: %+v", got, m, in)
			}
		default:
			partial++
			if got := loss(phi); got > m+1e-12 {
				t.Fatalf("fraction %g loses %.17g > %g: %+v", phi, got, m, in)
			}
			if got := loss(phi * (1 + 1e-6)); got <= m {
				t.Fatalf("fraction %g·(1+1e-6) still loses only %.17g ≤ %g: %+v", phi, got, m, in)
			}
		}
	}
	t.Logf("%d partial, %d full, %d none", partial, full, none)
	if partial < 500 || full < 500 || none < 50 {
		t.Errorf("draws cover too little: %d partial, %d full, %d none", partial, full, none)
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	tests := []struct {
		field string
		edit  func(*Config)
	}{
		{"Fee", func(c *Config) { c.Fee = -0.001 }},
		{"Fee", func(c *Config) { c.Fee = 1 }},
		{"Fee", func(c *Config) { c.Fee = math.NaN() }},
		{"Tolerance", func(c *Config) { c.Tolerance = 1.2 }},
		{"Tolerance", func(c *Config) { c.Tolerance = math.NaN() }},
		{"MaxCloseSlippage", func(c *Config) { c.MaxCloseSlippage = c.Fee }},
		{"MaxCloseSlippage", func(c *Config) { c.MaxCloseSlippage = 1 }},
		{"BonusCap", func(c *Config) { c.BonusCap = -0.1 }},
		{"DrainWindows", func(c *Config) { c.DrainWindows = -1 }},
		{"DrainWindows", func(c *Config) { c.DrainWindows = math.Inf(1) }},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		tt.edit(&c)
		err := c.Validate()
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != tt.field || ce.Config != "Config" || !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: Validate() = %v, want a ConfigError for %s", tt.field, err, tt.field)
		}
	}
}

func hasReason(reasons []string, text string) bool {
	return slices.ContainsFunc(reasons, func(r string) bool { return strings.Contains(r, text) })
}
