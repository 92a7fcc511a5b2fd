package backtest

import (
	"math"

	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/svi"
)

// valuer margins one run's book. It builds the risk arrays of the whole
// instrument table at a reference price and keeps each account's
// maintenance margin from them, until the price has moved more than the
// threshold from the reference or the margin parameters change; then it
// rebuilds. Between rebuilds an account's margin is the one at the
// reference, off by at most its sensitivity bound times the move (see
// bound). Arrays at the exact price of a step are built on demand for the
// decisions that must be exact (a liquidation about to land).
type valuer struct {
	instruments []margin.Instrument
	threshold   float64

	params *ParamSet
	ref    float64
	arrays margin.RiskArrays
	sens   []sensitivity

	// exact holds arrays at two other prices (the oracle's and the true
	// one of a step), the one used last in exact[0].
	exact [2]exactArrays

	rebuilds int
}

// exactArrays are risk arrays at one price.
type exactArrays struct {
	price  float64
	arrays margin.RiskArrays
}

// sensitivity bounds how fast one unit of an instrument moves the terms of
// an account's margin, per unit of price, anywhere within the threshold of
// the reference price (see bound).
type sensitivity struct {
	scan, tail, oracle float64
}

// stale reports that margins must be rebuilt for p at price.
func (v *valuer) stale(p *ParamSet, price float64) bool {
	return v.params == nil || !v.params.sameMargin(p) || math.Abs(price/v.ref-1) > v.threshold
}

// rebuild makes price the reference under p.
func (v *valuer) rebuild(p *ParamSet, price float64) error {
	ra, err := buildArrays(v.instruments, p, price)
	if err != nil {
		return err
	}
	v.params, v.ref, v.arrays, v.exact = p, price, ra, [2]exactArrays{}
	v.sens = sensitivities(v.instruments, p, price, v.threshold, v.sens)
	v.rebuilds++
	return nil
}

// at returns risk arrays at exactly price under the current parameters.
func (v *valuer) at(price float64) (margin.RiskArrays, error) {
	if v.ref == 0 {
		if err := v.rebuild(v.params, price); err != nil {
			return margin.RiskArrays{}, err
		}
	}
	if price == v.ref {
		return v.arrays, nil
	}
	switch price {
	case v.exact[0].price:
		return v.exact[0].arrays, nil
	case v.exact[1].price:
		v.exact[0], v.exact[1] = v.exact[1], v.exact[0]
		return v.exact[0].arrays, nil
	}
	ra, err := buildArrays(v.instruments, v.params, price)
	if err != nil {
		return margin.RiskArrays{}, err
	}
	v.exact[1], v.exact[0] = v.exact[0], exactArrays{price: price, arrays: ra}
	return ra, nil
}

// maintenance is an account's maintenance margin on ra: the margin model's,
// scaled by the parameters' maintenance multiplier.
func (v *valuer) maintenance(ra margin.RiskArrays, hold []margin.Holding) float64 {
	if len(hold) == 0 {
		return 0
	}
	return ra.Margin(hold).Maintenance * v.params.Maintenance
}

func buildArrays(instruments []margin.Instrument, p *ParamSet, price float64) (margin.RiskArrays, error) {
	m := margin.Market{Spot: price, Surface: market.SurfaceVol{Forward: price, Slices: p.Surface}}
	return margin.NewRiskArrays(m, p.Grid, instruments)
}

// bound returns K, the most an account's maintenance margin can move per
// unit of price within the threshold of the reference:
//
//	|M(S) − M(S₀)| ≤ K·|S − S₀|   for |S/S₀ − 1| ≤ threshold
//	K = m·( max((1 − p)·Σᵢ|qᵢ|·ℓᵢ + p·Σᵢ|qᵢ|·ℓᵢᵗ, s·shorts) + o·Σᵢ|qᵢ|·(1 + γᵢ) )
//
// with m the maintenance multiplier, p the fail contingency, s the
// short-option minimum, o the oracle contingency, and per instrument ℓ and
// ℓᵗ the largest slope over the grid of its cover-weighted and unweighted
// scenario loss, and 1 + γ that of its delta notional (see sensitivities).
// Each term of the margin is a maximum, a sum or an absolute value of
// functions with those slopes: the scan is the largest scenario loss;
// scan + fail = (1 − p)·scan + p·tail; the short-option floor makes
// scan + fail + floor = max(scan + fail, s·S·shorts); the oracle charge is
// o·|Σ qᵢ·Δᵢ·S|.
func (v *valuer) bound(hold []margin.Holding) float64 {
	g := v.params.Grid.Params
	var scan, tail, oracle, shorts float64
	for _, h := range hold {
		q, s := math.Abs(h.Quantity), v.sens[h.Instrument]
		scan += q * s.scan
		tail += q * s.tail
		oracle += q * s.oracle
		if h.Quantity < 0 && v.instruments[h.Instrument].Kind == margin.Option {
			shorts -= h.Quantity
		}
	}
	fc := g.FailContingency
	return v.params.Maintenance * (max((1-fc)*scan+fc*tail, g.ShortOptionMinimum*shorts) + g.OracleContingency*oracle)
}

// sensitivities bounds each instrument's slopes within the threshold h of
// the reference price S₀.
//
// A future or spot loses cₛ·S·xₛ in scenario s (cover c, move x): slope
// cₛ·|xₛ|, and its delta notional is S: slope 1.
//
// An option is worth V(S) = BS(S, σ(S)) at a zero rate, its vol read from
// the smile at k = ln(K/S) (the surface is quoted around the price), and
// loses Lₛ = cₛ·(V(S) − BS(S·(1 + xₛ), fₛ·σ(S))) with fₛ the scenario's vol
// factor. With |Δ| ≤ 1 at a zero rate, vega at most S·√T/√(2π), and
// S·|dσ/dS| = |w′(k)|/(2·σ·Tⱼ) on the SVI slice j the vol is read from
// (|w′| ≤ b·(1 + |ρ|), σ ≥ σₘᵢₙ = √(min w / Tⱼ)):
//
//	|dLₛ/dS| ≤ cₛ·((1 + g) + (1 + xₛ)·(1 + fₛ·g)),   g = √T·b·(1 + |ρ|) / (2·√(2π)·Tⱼ·σₘᵢₙ)
//
// and the delta notional Δ·S has slope Δ + S·Γ + S·vanna·dσ/dS, bounded by
// 1 + γ with
//
//	γ = 1/(√(2π)·σₘᵢₙ·√T) + (1/√(2πe) + σ_h·√T/√(2π))·b·(1 + |ρ|)/(2·Tⱼ·σₘᵢₙ²)
//
// where σ_h is the largest vol over the log-moneyness the band reaches
// (|d₂|·φ(d₁) ≤ 1/√(2πe) + σ·√T·φ(d₁)); SVI's total variance is convex in
// k, so that is at an end of the band.
func sensitivities(instruments []margin.Instrument, p *ParamSet, ref, h float64, out []sensitivity) []sensitivity {
	if cap(out) < len(instruments) {
		out = make([]sensitivity, len(instruments))
	}
	out = out[:len(instruments)]
	g := p.Grid
	sqrt2pi := math.Sqrt(2 * math.Pi)
	band := -math.Log1p(-min(h, 0.5))
	for i, in := range instruments {
		var s sensitivity
		if in.Kind != margin.Option {
			for _, sc := range g.Scenarios {
				s.scan = max(s.scan, sc.Cover*math.Abs(sc.PriceMove))
				s.tail = max(s.tail, math.Abs(sc.PriceMove))
			}
			s.oracle = 1
			out[i] = s
			continue
		}
		sl := sliceFor(p.Surface, in.Expiry)
		slope := sl.Raw.B * (1 + math.Abs(sl.Raw.Rho))
		sigMin := math.Sqrt(max(sl.Raw.MinTotalVariance(), 1e-12) / sl.T)
		rootT := math.Sqrt(in.Expiry)
		gv := rootT * slope / (2 * sqrt2pi * sl.T * sigMin)
		w := g.Params.TermWeight(in.Expiry)
		for _, sc := range g.Scenarios {
			f := max(1+sc.VolShock*w, margin.MinVolFactor) // Params.VolFactor
			l := (1 + gv) + (1+sc.PriceMove)*(1+f*gv)
			s.scan = max(s.scan, sc.Cover*l)
			s.tail = max(s.tail, l)
		}
		k := math.Log(in.Strike / ref)
		sigBand := math.Sqrt(max(sl.Raw.TotalVariance(k-band), sl.Raw.TotalVariance(k+band)) / sl.T)
		gamma := 1/(sqrt2pi*sigMin*rootT) +
			(1/math.Sqrt(2*math.Pi*math.E)+sigBand*rootT/sqrt2pi)*slope/(2*sl.T*sigMin*sigMin)
		s.oracle = 1 + gamma
		out[i] = s
	}
	return out
}

// sliceFor picks the slice market.SurfaceVol reads an expiry's vol from:
// the nearest at or after it, else the last.
func sliceFor(slices []svi.Slice, t float64) svi.Slice {
	best := -1
	for i, sl := range slices {
		if sl.T >= t && (best < 0 || sl.T < slices[best].T) {
			best = i
		}
	}
	if best < 0 {
		for i, sl := range slices {
			if best < 0 || sl.T > slices[best].T {
				best = i
			}
		}
	}
	return slices[best]
}
