package bs

import "math"

// Option is a European option on a spot price under Black–Scholes–Merton:
// the underlying yields Div continuously (a dividend, a borrow fee, or the
// foreign rate of a currency pair) and cash earns Rate, both continuously
// compounded; T is in years and Vol annualised.
type Option struct {
	Type                            OptionType
	Spot, Strike, T, Rate, Div, Vol float64
}

// Forward returns S·exp((r − q)T).
func (o Option) Forward() float64 { return o.Spot * math.Exp((o.Rate-o.Div)*math.Max(o.T, 0)) }

// Discount returns exp(−rT).
func (o Option) Discount() float64 { return math.Exp(-o.Rate * math.Max(o.T, 0)) }

// Black76 returns the same option written on its forward.
func (o Option) Black76() Black76 {
	return Black76{Type: o.Type, Forward: o.Forward(), Strike: o.Strike, T: o.T, Rate: o.Rate, Vol: o.Vol}
}

func (o Option) terms() forwardTerms {
	return newForwardTerms(o.Type, o.Forward(), o.Strike, o.Vol, o.T, o.Discount())
}

// Price returns θ(S·e^{−qT}·Φ(θd₁) − K·e^{−rT}·Φ(θd₂)).
//
// It is the hot path of scenario revaluation, so it computes only what the
// price needs (no density, one exponential fewer without a dividend) and
// leaves the s = 0 limits to the shared code of Greeks.
func (o Option) Price() float64 {
	if !(o.T > 0 && o.Vol > 0) {
		ft := o.terms()
		return ft.df * ft.undiscounted()
	}
	s := o.Vol * math.Sqrt(o.T)
	d1 := (math.Log(o.Spot/o.Strike)+(o.Rate-o.Div)*o.T)/s + s/2
	d2 := d1 - s
	df := math.Exp(-o.Rate * o.T)
	carry := 1.0
	if o.Div != 0 {
		carry = math.Exp(-o.Div * o.T)
	}
	theta := o.Type.Sign()
	sPV, kPV := o.Spot*carry, o.Strike*df
	v := theta * (sPV*normCDF(theta*d1) - kPV*normCDF(theta*d2))
	return max(v, theta*(sPV-kPV), 0)
}

// Greeks returns the price and its sensitivities to spot, vol, time and rate
// (with the dividend yield held fixed).
func (o Option) Greeks() Greeks {
	ft := o.terms()
	price := o.Price() // the same rounding as Price, to the last bit
	// ∂F/∂S = F/S = e^{(r−q)T}; D·∂F/∂S = e^{−qT}.
	carry := math.Exp(-o.Div * math.Max(o.T, 0))
	dFdS := ft.f / o.Spot
	vanna, volga := ft.vannaVolga(o.Vol)
	return Greeks{
		Price: price,
		Delta: carry * ft.theta * ft.cdf1,
		Gamma: ft.df * ft.gammaF() * dFdS * dFdS,
		Vega:  ft.df * ft.vegaF(),
		// −∂V/∂T = −D·F·φ(d₁)σ/(2√T) − θ·r·K·D·Φ(θd₂) + θ·q·S·e^{−qT}·Φ(θd₁)
		Theta: -ft.df*timeDecay(ft, o.Vol) - ft.theta*o.Rate*o.Strike*ft.df*ft.cdf2 + ft.theta*o.Div*o.Spot*carry*ft.cdf1,
		// ∂V/∂r with S and q fixed: θ·K·T·D·Φ(θd₂).
		Rho:   ft.theta * o.Strike * ft.t * ft.df * ft.cdf2,
		Vanna: ft.df * vanna * dFdS,
		Volga: ft.df * volga,
	}
}
