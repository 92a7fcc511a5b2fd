package merton

import "github.com/infrarisk/infrarisk/models/iv"

// ImpliedVol returns the Black–Scholes implied vol of the Merton price: the
// vol at which Black–Scholes, with the same spot, rate and dividend,
// reproduces it. Across strikes this is the jump-diffusion smile; with
// crash jumps (μJ < 0) it slopes down, puts dearer than calls.
func (o Option) ImpliedVol() (float64, error) {
	return iv.ImpliedVol(o.Price(), o.Spot, o.Strike, o.T, o.Rate, o.Div, o.Type)
}

// Smile returns the implied vols of the option at each strike, priced on the
// out-of-the-money side (puts below the forward, calls above), where the
// price carries the most information about the vol.
func (o Option) Smile(strikes []float64) ([]float64, error) {
	fwd := o.diffusion().Forward()
	vols := make([]float64, len(strikes))
	for i, k := range strikes {
		q := o
		q.Strike, q.Type = k, callOrPut(k, fwd)
		v, err := q.ImpliedVol()
		if err != nil {
			return nil, err
		}
		vols[i] = v
	}
	return vols, nil
}
