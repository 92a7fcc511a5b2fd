package margin

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/infrarisk/infrarisk/models/bs"
)

// The hand-worked examples share one market and one small grid.
//
// Market: S = 100, r = 0, flat vol σ = 50%.
// Params: R = ScanRange = 10%, VolShockUp = 40%, VolShockDown = 30%,
// w(T) = (30 d / T)^0.5 on both sides of 30 days, no extreme scenarios, no
// contingencies unless a test sets them, InitialMultiplier 1.25.
// Grid (NewCustomGrid, moves {−1, 0, +1}·R × vols {up, down}):
//
//	s0: S' =  90, up    s1: S' =  90, down
//	s2: S' = 100, up    s3: S' = 100, down
//	s4: S' = 110, up    s5: S' = 110, down
//
// A 30-day option (T = 30/365) has w = 1: vol 0.5·1.4 = 0.70 up and
// 0.5·0.7 = 0.35 down. A 90-day option has w = (30/90)^0.5 = 0.577350:
// vol 0.5·(1 + 0.4·0.577350) = 0.615470 up, 0.5·(1 − 0.3·0.577350) =
// 0.413397 down.
var (
	t30 = 30.0 / 365
	t90 = 90.0 / 365
	// The 90-day shocked vols, exactly: 0.615470 and 0.413397 to six decimals.
	vol90Up   = 0.5 * (1 + 0.4*math.Sqrt(1.0/3))
	vol90Down = 0.5 * (1 - 0.3*math.Sqrt(1.0/3))
)

func handParams() Params {
	p := DefaultParams()
	p.ScanRange, p.VolShockUp, p.VolShockDown = 0.10, 0.40, 0.30
	p.VolShockPower, p.VolShockPowerLong = 0.5, 0.5
	p.ExtremeCover = 0
	p.OracleContingency, p.FailContingency, p.ShortOptionMinimum = 0, 0, 0
	p.InitialMultiplier = 1.25
	return p
}

func handGrid(p Params) Grid { return NewCustomGrid(p, []float64{-1, 0, 1}, []float64{1, -1}) }

var handMarket = Market{Spot: 100, Rate: 0, Surface: FlatVol(0.5)}

// handPrices are the Black–Scholes values the examples below use, to six
// decimals (r = 0).
var handPrices = []struct {
	typ             bs.OptionType
	spot, strike, t float64
	vol, value      float64
}{
	{bs.Call, 100, 100, t30, 0.50, 5.713768},
	{bs.Put, 100, 100, t30, 0.50, 5.713768},
	{bs.Call, 90, 100, t30, 0.70, 3.611531},
	{bs.Put, 90, 100, t30, 0.70, 13.611531},
	{bs.Call, 90, 100, t30, 0.35, 0.719813},
	{bs.Put, 90, 100, t30, 0.35, 10.719813},
	{bs.Call, 100, 100, t30, 0.70, 7.992709},
	{bs.Call, 100, 100, t30, 0.35, 4.001383},
	{bs.Call, 110, 100, t30, 0.70, 14.317432},
	{bs.Put, 110, 100, t30, 0.70, 4.317432},
	{bs.Call, 110, 100, t30, 0.35, 10.963033},
	{bs.Put, 110, 100, t30, 0.35, 0.963033},
	{bs.Call, 100, 110, t30, 0.50, 2.275434},
	{bs.Call, 90, 110, t30, 0.70, 1.658524},
	{bs.Call, 90, 110, t30, 0.35, 0.084716},
	{bs.Call, 100, 110, t30, 0.70, 4.317432},
	{bs.Call, 100, 110, t30, 0.35, 0.963033},
	{bs.Call, 110, 110, t30, 0.70, 8.791980},
	{bs.Call, 110, 110, t30, 0.35, 4.401521},
	{bs.Call, 100, 100, t90, 0.50, 9.879627},
	{bs.Call, 90, 100, t90, vol90Up, 7.210804},
	{bs.Call, 90, 100, t90, vol90Down, 3.762715},
	{bs.Call, 100, 100, t90, vol90Up, 12.145188},
	{bs.Call, 100, 100, t90, vol90Down, 8.175055},
	{bs.Call, 110, 100, t90, vol90Up, 18.362245},
	{bs.Call, 110, 100, t90, vol90Down, 14.488713},
	{bs.Call, 100, 150, t30, 0.50, 0.012108},
	{bs.Call, 110, 150, t30, 0.70, 0.678017},
}

// TestHandPricesAreBlackScholes recomputes every value the hand examples
// state, so that the arithmetic in their comments rests on checked numbers.
func TestHandPricesAreBlackScholes(t *testing.T) {
	for _, h := range handPrices {
		got := bs.Option{Type: h.typ, Spot: h.spot, Strike: h.strike, T: h.t, Vol: h.vol}.Price()
		if !scalar.EqualWithinAbs(got, h.value, 5e-7) {
			t.Errorf("%v S=%g K=%g T=%.6f σ=%g: Black–Scholes %.7f, stated %.6f", h.typ, h.spot, h.strike, h.t, h.vol, got, h.value)
		}
	}
	// The covered call's oracle charge uses the 110 call's delta N(d₁).
	if d := (bs.Option{Type: bs.Call, Spot: 100, Strike: 110, T: t30, Vol: 0.5}).Greeks().Delta; !scalar.EqualWithinAbs(d, 0.276515, 5e-7) {
		t.Errorf("delta of the 110 call %.7f, stated 0.276515", d)
	}
	// The grid's 90-day vols are the ones the table prices at.
	p := handParams()
	for _, c := range []struct{ shock, want float64 }{{0.4, vol90Up}, {-0.3, vol90Down}} {
		if got := 0.5 * p.VolFactor(c.shock, t90); !scalar.EqualWithinAbs(got, c.want, 1e-15) {
			t.Errorf("90-day vol under shock %g: %.16f, want %.16f", c.shock, got, c.want)
		}
	}
}

// handCase margins positions on the hand grid and checks the figures worked
// out in its comment.
type handCase struct {
	name                 string
	params               func(*Params)
	positions            []Position
	worst                int
	scenarioLoss         float64
	oracle, shortOption  float64
	maintenance, initial float64
	tolerance            float64
}

// TestMarginMatchesHandWorkedExamples: each case's comment derives its
// figures from handPrices.
func TestMarginMatchesHandWorkedExamples(t *testing.T) {
	cases := []handCase{
		{
			// Short straddle: short 1 call and 1 put at 100, 30 days.
			// Value now V₀ = 5.713768 + 5.713768 = 11.427536; the short
			// loses V' − V₀:
			//   s0: 3.611531 + 13.611531 = 17.223062 → +5.795526
			//   s1: 0.719813 + 10.719813 = 11.439626 → +0.012090
			//   s2: 7.992709 +  7.992709 = 15.985418 → +4.557882
			//   s3: 4.001383 +  4.001383 =  8.002766 → −3.424770
			//   s4: 14.317432 + 4.317432 = 18.634864 → +7.207328
			//   s5: 10.963033 + 0.963033 = 11.926066 → +0.498530
			// Worst s4: maintenance 7.207328, initial 1.25·7.207328 = 9.009160.
			name: "short straddle",
			positions: []Position{
				{Call(100, t30), -1},
				{Put(100, t30), -1},
			},
			worst: 4, scenarioLoss: 7.207328,
			maintenance: 7.207328, initial: 9.009160, tolerance: 3e-6,
		},
		{
			// Covered call: long 1 spot, short 1 call at 110, 30 days,
			// with OracleContingency 0.5%. Spot loses −100·x; the call is
			// worth 2.275434 now and the short loses C' − 2.275434:
			//   s0: +10 + (1.658524 − 2.275434) = 10 − 0.616910 =  9.383090
			//   s1: +10 + (0.084716 − 2.275434) = 10 − 2.190718 =  7.809282
			//   s2:   0 + (4.317432 − 2.275434)                 =  2.041998
			//   s3:   0 + (0.963033 − 2.275434)                 = −1.312401
			//   s4: −10 + (8.791980 − 2.275434) = −10 + 6.516546 = −3.483454
			//   s5: −10 + (4.401521 − 2.275434) = −10 + 2.126087 = −7.873913
			// Worst s0: 9.383090. Net delta 1 − 0.276515 = 0.723485, oracle
			// 0.005·0.723485·100 = 0.361743 (0.3617425). Maintenance
			// 9.383090 + 0.3617425 = 9.744833, initial 1.25·9.7448325 =
			// 12.181041.
			name:   "covered call",
			params: func(p *Params) { p.OracleContingency = 0.005 },
			positions: []Position{
				{SpotAsset(), 1},
				{Call(110, t30), -1},
			},
			worst: 0, scenarioLoss: 9.383090, oracle: 0.3617425,
			maintenance: 9.7448325, initial: 12.181041, tolerance: 3e-6,
		},
		{
			// Calendar spread: short 1 call at 100 for 30 days, long 1 call
			// at 100 for 90 days. Now: 5.713768 and 9.879627. The loss is
			// (C30' − 5.713768) − (C90' − 9.879627):
			//   s0: (3.611531 − 5.713768) − (7.210804 − 9.879627) = −2.102237 + 2.668823 =  0.566586
			//   s1: (0.719813 − 5.713768) − (3.762715 − 9.879627) = −4.993955 + 6.116912 =  1.122957
			//   s2: (7.992709 − 5.713768) − (12.145188 − 9.879627) = 2.278941 − 2.265561 =  0.013380
			//   s3: (4.001383 − 5.713768) − (8.175055 − 9.879627) = −1.712385 + 1.704572 = −0.007813
			//   s4: (14.317432 − 5.713768) − (18.362245 − 9.879627) = 8.603664 − 8.482618 = 0.121046
			//   s5: (10.963033 − 5.713768) − (14.488713 − 9.879627) = 5.249265 − 4.609086 = 0.640179
			// Worst s1 (spot down, vols down: the long 90-day call loses
			// more than the short 30-day one gains): maintenance 1.122957,
			// initial 1.403696.
			name: "calendar spread",
			positions: []Position{
				{Call(100, t30), -1},
				{Call(100, t90), 1},
			},
			worst: 1, scenarioLoss: 1.122957,
			maintenance: 1.122957, initial: 1.403696, tolerance: 3e-6,
		},
		{
			// Short 1 deep out-of-the-money call at 150, 30 days, with a
			// 1% short-option minimum. Worst scenario s4 (110, vol 0.70):
			// 0.678017 − 0.012108 = 0.665909. The floor is 0.01·100·1 = 1,
			// so the short-option charge adds 1 − 0.665909 = 0.334091 and
			// maintenance is 1, initial 1.25.
			name:   "short-option minimum",
			params: func(p *Params) { p.ShortOptionMinimum = 0.01 },
			positions: []Position{
				{Call(150, t30), -1},
			},
			worst: 4, scenarioLoss: 0.665909, shortOption: 0.334091,
			maintenance: 1, initial: 1.25, tolerance: 2e-6,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := handParams()
			if c.params != nil {
				c.params(&p)
			}
			r, err := PortfolioMargin(handMarket, handGrid(p), c.positions)
			if err != nil {
				t.Fatal(err)
			}
			if r.WorstScenario != c.worst {
				t.Errorf("worst scenario s%d, hand s%d", r.WorstScenario, c.worst)
			}
			for _, f := range []struct {
				name      string
				got, want float64
			}{
				{"scenario loss", r.ScenarioLoss, c.scenarioLoss},
				{"oracle", r.Oracle, c.oracle},
				{"short option", r.ShortOption, c.shortOption},
				{"maintenance", r.Maintenance, c.maintenance},
				{"initial", r.Initial, c.initial},
			} {
				if !scalar.EqualWithinAbs(f.got, f.want, c.tolerance) {
					t.Errorf("%s %.7f, hand %.6f", f.name, f.got, f.want)
				}
			}
		})
	}
}

// TestContingenciesMatchHandFigures: long 1 future at S = 100 on a grid of
// ±10% (full weight) and ±20% (cover 0.35), OracleContingency 0.5%,
// FailContingency 0.1. Losses −100·x·c: −10% → 10, +10% → −10,
// −20% → 20·0.35 = 7, +20% → −7. ScenarioLoss 10; TailLoss
// max(10, 7/0.35 = 20) = 20; Fail 0.1·(20 − 10) = 1; Oracle
// 0.005·|1|·100 = 0.5; maintenance 10 + 0.5 + 1 = 11.5; initial 14.375.
func TestContingenciesMatchHandFigures(t *testing.T) {
	p := handParams()
	p.ExtremeMultiple, p.ExtremeCover = 2, 0.35
	p.OracleContingency, p.FailContingency = 0.005, 0.1
	g := NewCustomGrid(p, []float64{-1, 1}, []float64{0})
	r, err := PortfolioMargin(handMarket, g, []Position{{LinearFuture(), 1}})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{
		Maintenance: 11.5, Initial: 14.375, WorstScenario: 0, ScenarioLoss: 10, TailLoss: 20,
		NetDelta: 1, Contingencies: 1.5, Oracle: 0.5, Fail: 1,
	}
	if !resultsEqual(r, want, 1e-12) {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
}

func resultsEqual(a, b Result, tol float64) bool {
	eq := func(x, y float64) bool { return scalar.EqualWithinAbsOrRel(x, y, tol, tol) }
	return a.WorstScenario == b.WorstScenario && eq(a.Maintenance, b.Maintenance) && eq(a.Initial, b.Initial) &&
		eq(a.ScenarioLoss, b.ScenarioLoss) && eq(a.TailLoss, b.TailLoss) && eq(a.NetDelta, b.NetDelta) &&
		eq(a.ShortOptions, b.ShortOptions) && eq(a.Contingencies, b.Contingencies) && eq(a.Oracle, b.Oracle) &&
		eq(a.Fail, b.Fail) && eq(a.ShortOption, b.ShortOption)
}
