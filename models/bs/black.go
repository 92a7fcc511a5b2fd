package bs

import "math"

// Greeks are a European option's price and sensitivities. See the package
// comment for units.
type Greeks struct {
	Price, Delta, Gamma, Vega, Theta, Rho, Vanna, Volga float64
}

// forwardTerms holds what every formula shares once F, K, s and D are known.
type forwardTerms struct {
	theta          float64 // +1 call, −1 put
	f, k, s, t, df float64
	d1, d2         float64
	nd1            float64 // φ(d₁)
	cdf1, cdf2     float64 // Φ(θd₁), Φ(θd₂)
}

func newForwardTerms(typ OptionType, f, k, vol, t, df float64) forwardTerms {
	if t < 0 {
		t = 0
	}
	if vol < 0 {
		vol = 0
	}
	ft := forwardTerms{theta: typ.Sign(), f: f, k: k, t: t, df: df, s: vol * math.Sqrt(t)}
	if ft.s > 0 {
		ft.d1 = math.Log(f/k)/ft.s + ft.s/2
		ft.d2 = ft.d1 - ft.s
	} else {
		// Limit s → 0: d₁ = d₂ → ±∞ off the money, 0 at the money.
		switch {
		case f > k:
			ft.d1, ft.d2 = math.Inf(1), math.Inf(1)
		case f < k:
			ft.d1, ft.d2 = math.Inf(-1), math.Inf(-1)
		}
	}
	ft.nd1 = normPDF(ft.d1)
	ft.cdf1 = normCDF(ft.theta * ft.d1)
	ft.cdf2 = normCDF(ft.theta * ft.d2)
	return ft
}

// undiscounted is θ(F·Φ(θd₁) − K·Φ(θd₂)), floored at the intrinsic value,
// which rounding in Φ could otherwise undercut by an ulp.
func (ft forwardTerms) undiscounted() float64 {
	v := ft.theta * (ft.f*ft.cdf1 - ft.k*ft.cdf2)
	intrinsic := math.Max(ft.theta*(ft.f-ft.k), 0)
	return math.Max(v, intrinsic)
}

// gammaF is ∂²/∂F² of the undiscounted price: φ(d₁)/(F·s).
func (ft forwardTerms) gammaF() float64 {
	if ft.s == 0 {
		if ft.f == ft.k {
			return math.Inf(1)
		}
		return 0
	}
	return ft.nd1 / (ft.f * ft.s)
}

// vegaF is ∂/∂σ of the undiscounted price: F·φ(d₁)·√T.
func (ft forwardTerms) vegaF() float64 { return ft.f * ft.nd1 * math.Sqrt(ft.t) }

// vannaVolga returns ∂²/∂F∂σ and ∂²/∂σ² of the undiscounted price.
func (ft forwardTerms) vannaVolga(vol float64) (vanna, volga float64) {
	if ft.s == 0 || vol == 0 {
		return 0, 0
	}
	return -ft.nd1 * ft.d2 / vol, ft.vegaF() * ft.d1 * ft.d2 / vol
}

// Black76 is a European option on a forward or futures price (Black 1976),
// discounted at the continuously compounded rate Rate.
type Black76 struct {
	Type                          OptionType
	Forward, Strike, T, Rate, Vol float64
}

func (o Black76) terms() forwardTerms {
	return newForwardTerms(o.Type, o.Forward, o.Strike, o.Vol, o.T, math.Exp(-o.Rate*math.Max(o.T, 0)))
}

// Price returns exp(−rT)·θ(F·Φ(θd₁) − K·Φ(θd₂)), computing only what the
// price needs (series such as Merton's call it in their inner loop).
func (o Black76) Price() float64 {
	if !(o.T > 0 && o.Vol > 0) {
		ft := o.terms()
		return ft.df * ft.undiscounted()
	}
	s := o.Vol * math.Sqrt(o.T)
	d1 := math.Log(o.Forward/o.Strike)/s + s/2
	theta := o.Type.Sign()
	v := theta * (o.Forward*normCDF(theta*d1) - o.Strike*normCDF(theta*(d1-s)))
	v = max(v, theta*(o.Forward-o.Strike), 0)
	if o.Rate == 0 {
		return v
	}
	return math.Exp(-o.Rate*o.T) * v
}

// Greeks returns the price and its sensitivities, with delta and gamma taken
// in the forward and rho = ∂V/∂r = −T·V with the forward held fixed.
func (o Black76) Greeks() Greeks {
	ft := o.terms()
	price := o.Price() // the same rounding as Price, to the last bit
	vanna, volga := ft.vannaVolga(o.Vol)
	return Greeks{
		Price: price,
		Delta: ft.df * ft.theta * ft.cdf1,
		Gamma: ft.df * ft.gammaF(),
		Vega:  ft.df * ft.vegaF(),
		Theta: o.theta(ft, price),
		Rho:   -ft.t * price,
		Vanna: ft.df * vanna,
		Volga: ft.df * volga,
	}
}

// theta is −∂V/∂T = −D·F·φ(d₁)·σ/(2√T) + r·V.
func (o Black76) theta(ft forwardTerms, price float64) float64 {
	return -ft.df*timeDecay(ft, o.Vol) + o.Rate*price
}

// timeDecay is F·φ(d₁)·σ/(2√T), the undiscounted loss of time value per year;
// at T = 0 it is 0 off the money and +Inf at the money.
func timeDecay(ft forwardTerms, vol float64) float64 {
	if ft.t == 0 {
		if ft.f == ft.k && vol > 0 {
			return math.Inf(1)
		}
		return 0
	}
	return ft.f * ft.nd1 * vol / (2 * math.Sqrt(ft.t))
}
