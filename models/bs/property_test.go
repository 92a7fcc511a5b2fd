package bs

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// randomOption draws an option over a wide range of moneyness, expiry, rates
// and vols.
func randomOption(rng *rand.Rand) Option {
	typ := Call
	if rng.IntN(2) == 0 {
		typ = Put
	}
	return Option{
		Type:   typ,
		Spot:   100,
		Strike: 100 * math.Exp(rng.Float64()*3-1.5),
		T:      math.Exp(rng.Float64()*7 - 6), // ~0.0025 to 2.7 years
		Rate:   rng.Float64()*0.2 - 0.05,
		Div:    rng.Float64() * 0.1,
		Vol:    0.02 + rng.Float64()*2,
	}
}

// TestPutCallParity: C − P = S·e^{−qT} − K·e^{−rT} (model-free).
func TestPutCallParity(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		o := randomOption(rng)
		c, p := o, o
		c.Type, p.Type = Call, Put
		want := o.Spot*math.Exp(-o.Div*o.T) - o.Strike*o.Discount()
		got := c.Price() - p.Price()
		if !scalar.EqualWithinAbs(got, want, 1e-12*math.Max(o.Spot, o.Strike)) {
			t.Fatalf("%+v: C−P = %.15g, want %.15g", o, got, want)
		}
	}
}

// TestPriceMonotone: prices rise with vol; calls fall and puts rise with
// strike; every price lies within its no-arbitrage bounds.
func TestPriceMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		o := randomOption(rng)
		v0 := o.Price()
		hi := o
		hi.Vol *= 1.01
		if hi.Price() < v0*(1-1e-14) { // an ulp or two of rounding in deep ITM prices
			t.Fatalf("%+v: price falls with vol: %g → %g", o, v0, hi.Price())
		}
		k := o
		k.Strike *= 1.01
		if d := (k.Price() - v0) * o.Type.Sign(); d > 1e-12*o.Spot {
			t.Fatalf("%+v: price moves the wrong way with strike by %g", o, d)
		}
		fwd, df := o.Forward(), o.Discount()
		lower := df * math.Max(o.Type.Sign()*(fwd-o.Strike), 0)
		upper := df * fwd
		if o.Type == Put {
			upper = df * o.Strike
		}
		if v0 < lower*(1-1e-14) || v0 > upper*(1+1e-14) {
			t.Fatalf("%+v: price %g outside [%g, %g]", o, v0, lower, upper)
		}
	}
}

// richardson returns the derivative at 0 of f by central differences with
// steps h and h/2, extrapolated (error O(h⁴)).
func richardson(f func(h float64) float64, h float64) float64 {
	central := func(h float64) float64 { return (f(h) - f(-h)) / (2 * h) }
	return (4*central(h/2) - central(h)) / 3
}

// TestGreeksMatchFiniteDifferences checks every greek, vanna and volga
// included, against differences of the price or of an analytic greek.
func TestGreeksMatchFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		o := randomOption(rng)
		o.T = 0.05 + o.T // keep away from expiry, where differences are ill-conditioned
		g := o.Greeks()
		bumped := func(f func(o *Option, h float64)) func(h float64) Option {
			return func(h float64) Option { b := o; f(&b, h); return b }
		}
		spot := bumped(func(o *Option, h float64) { o.Spot += h })
		vol := bumped(func(o *Option, h float64) { o.Vol += h })
		expiry := bumped(func(o *Option, h float64) { o.T += h })
		rate := bumped(func(o *Option, h float64) { o.Rate += h })
		hs, hv := 1e-3*o.Spot, 1e-3*o.Vol

		check(t, "delta", o, g.Delta, richardson(func(h float64) float64 { return spot(h).Price() }, hs))
		check(t, "gamma", o, g.Gamma, richardson(func(h float64) float64 { return spot(h).Greeks().Delta }, hs))
		check(t, "vanna", o, g.Vanna, richardson(func(h float64) float64 { return spot(h).Greeks().Vega }, hs))
		check(t, "vega", o, g.Vega, richardson(func(h float64) float64 { return vol(h).Price() }, hv))
		check(t, "volga", o, g.Volga, richardson(func(h float64) float64 { return vol(h).Greeks().Vega }, hv))
		check(t, "theta", o, g.Theta, -richardson(func(h float64) float64 { return expiry(h).Price() }, 1e-4))
		check(t, "rho", o, g.Rho, richardson(func(h float64) float64 { return rate(h).Price() }, 1e-4))

		b := o.Black76()
		bg := b.Greeks()
		check(t, "Black-76 delta", o, bg.Delta, richardson(func(h float64) float64 { c := b; c.Forward += h; return c.Price() }, hs))
		check(t, "Black-76 theta", o, bg.Theta, -richardson(func(h float64) float64 { c := b; c.T += h; return c.Price() }, 1e-4))
		check(t, "Black-76 rho", o, bg.Rho, richardson(func(h float64) float64 { c := b; c.Rate += h; return c.Price() }, 1e-4))
	}
}

func check(t *testing.T, name string, o Option, got, want float64) {
	t.Helper()
	// Extrapolated differences are good to about 1e-8 of the price scale.
	if !scalar.EqualWithinAbsOrRel(got, want, 1e-7*o.Spot/100, 1e-6) {
		t.Fatalf("%s of %+v: analytic %.10g, finite difference %.10g", name, o, got, want)
	}
}

// TestDegenerateInputsTakeLimits: at expiry or zero vol the price is the
// discounted intrinsic value and no output is NaN.
func TestDegenerateInputsTakeLimits(t *testing.T) {
	tests := []struct {
		name         string
		o            Option
		price, delta float64
		gamma        float64
	}{
		{"call ITM at expiry", Option{Type: Call, Spot: 110, Strike: 100, T: 0, Rate: 0.05}, 10, 1, 0},
		{"call OTM at expiry", Option{Type: Call, Spot: 90, Strike: 100, T: 0, Rate: 0.05, Vol: 0.3}, 0, 0, 0},
		{"put ITM at expiry", Option{Type: Put, Spot: 90, Strike: 100, T: 0, Vol: 0.3}, 10, -1, 0},
		{"call ATM at expiry", Option{Type: Call, Spot: 100, Strike: 100, T: 0, Vol: 0.3}, 0, 0.5, math.Inf(1)},
		{"put ATM at expiry", Option{Type: Put, Spot: 100, Strike: 100, T: 0, Vol: 0.3}, 0, -0.5, math.Inf(1)},
		// Zero vol, one year, r = 5%: forward 100·e^{0.05} > K = 104, so the
		// call is worth e^{−0.05}(100e^{0.05} − 104) = 100 − 104e^{−0.05}.
		{"call zero vol", Option{Type: Call, Spot: 100, Strike: 104, T: 1, Rate: 0.05}, 100 - 104*math.Exp(-0.05), 1, 0},
		{"put zero vol", Option{Type: Put, Spot: 100, Strike: 104, T: 1, Rate: 0.05}, 0, 0, 0},
		{"deep OTM call", Option{Type: Call, Spot: 1, Strike: 1e6, T: 1, Vol: 0.2}, 0, 0, 0},
		{"deep ITM put", Option{Type: Put, Spot: 1, Strike: 1e6, T: 1, Vol: 0.2}, 1e6 - 1, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.o.Greeks()
			for _, v := range []float64{g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho, g.Vanna, g.Volga} {
				if math.IsNaN(v) {
					t.Fatalf("NaN in %+v", g)
				}
			}
			if !scalar.EqualWithinAbsOrRel(g.Price, tt.price, 1e-12, 1e-12) {
				t.Errorf("price %.15g, want %.15g", g.Price, tt.price)
			}
			if !scalar.EqualWithinAbs(g.Delta, tt.delta, 1e-12) {
				t.Errorf("delta %g, want %g", g.Delta, tt.delta)
			}
			if g.Gamma != tt.gamma && !(math.Abs(g.Gamma) < 1e-300 && tt.gamma == 0) {
				t.Errorf("gamma %g, want %g", g.Gamma, tt.gamma)
			}
		})
	}
}
