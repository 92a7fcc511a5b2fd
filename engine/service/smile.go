package service

import (
	"context"
	"sort"

	"github.com/infrarisk/infrarisk/models/skew"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Smile is one expiry of a market's implied-vol surface, base and
// stressed, sampled on a grid of log-moneyness k = ln(K/F), with the
// 25-delta risk reversal of each (σ(25Δ call) − σ(25Δ put)).
type Smile struct {
	Years        float64   `json:"t_years"`
	K            []float64 `json:"k"`
	BaseVol      []float64 `json:"base_vol"`
	StressedVol  []float64 `json:"stressed_vol"`
	BaseRR25     float64   `json:"base_rr25"`
	StressedRR25 float64   `json:"stressed_rr25"`
}

// smileGrid is the log-moneyness sampled: ±0.6 in steps of 0.025.
func smileGrid() []float64 {
	const half, step = 24, 0.025
	k := make([]float64, 2*half+1)
	for i := range k {
		k[i] = float64(i-half) * step
	}
	return k
}

// Smiles returns every market's base and stressed smiles as of its last
// evaluation, by market, expiries in increasing order. A market not yet
// evaluated is absent.
func (s *Service) Smiles(ctx context.Context) (map[string][]Smile, error) {
	reply := make(chan map[string][]Smile, 1)
	f := func() {
		out := map[string][]Smile{}
		for _, mc := range s.pipe.Markets() {
			mu, ok := s.last[mc.Name]
			if !ok || len(mu.Surface) != len(mc.Surface) {
				continue
			}
			var smiles []Smile
			for i, base := range mc.Surface {
				smiles = append(smiles, smile(base, mu.Surface[i]))
			}
			sort.Slice(smiles, func(a, b int) bool { return smiles[a].Years < smiles[b].Years })
			out[mc.Name] = smiles
		}
		reply <- out
	}
	select {
	case s.views <- f:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case out := <-reply:
		return out, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// smile samples a base and a stressed slice of the same expiry. A risk
// reversal the model cannot find (no 25-delta strike) is 0.
func smile(base, stressed svi.Slice) Smile {
	k := smileGrid()
	sm := Smile{Years: base.T, K: k, BaseVol: make([]float64, len(k)), StressedVol: make([]float64, len(k))}
	for i, x := range k {
		sm.BaseVol[i] = base.Raw.ImpliedVol(x, base.T)
		sm.StressedVol[i] = stressed.Raw.ImpliedVol(x, stressed.T)
	}
	if m, err := skew.Metrics(base.Raw, base.T); err == nil {
		sm.BaseRR25 = m.RiskReversal25
	}
	if m, err := skew.Metrics(stressed.Raw, stressed.T); err == nil {
		sm.StressedRR25 = m.RiskReversal25
	}
	return sm
}
