package skew

import "github.com/infrarisk/infrarisk/models/svi"

// Base slices for the tests: raw SVI fitted by this project's svi.Calibrate
// (default options, unit weights) to the out-of-the-money implied vols (puts
// below the forward, calls above it) of the Deribit BTC and ETH option
// snapshot of 5 January 2026, 15:33 UTC, published with the repository
// znmahbub/SVCJ-Deribit-Inverse-Options-Pricer (MIT). Log-moneyness is taken
// against the median futures price of each expiry; T is the snapshot's time
// to maturity in years. The comments give the quote count, forward and fit
// RMSE in vol. Each surface is free of calendar arbitrage on k ∈ [−3, 3].
var (
	ethSurface = []svi.Slice{
		// 16 Jan 2026: 18 quotes, forward 3182.59, RMSE 1.9e-3.
		{T: 0.02925413376, Raw: svi.Raw{A: 0, B: 0.05523442675, Rho: -0.3611792185, M: -0.07639159315, Sigma: 0.200954939}},
		// 27 Feb 2026: 25 quotes, forward 3196.17, RMSE 4.1e-3.
		{T: 0.1442438668, Raw: svi.Raw{A: 0, B: 0.1200285112, Rho: -0.1627921787, M: -0.01173567541, Sigma: 0.4519086604}},
		// 27 Mar 2026: 54 quotes, forward 3207.95, RMSE 5.0e-3.
		{T: 0.2209036889, Raw: svi.Raw{A: 0, B: 0.1439508365, Rho: -0.09631597107, M: 0.05818810678, Sigma: 0.5883043207}},
		// 25 Sep 2026: 46 quotes, forward 3267.42, RMSE 1.4e-3.
		{T: 0.7191925321, Raw: svi.Raw{A: 0, B: 0.2550313684, Rho: -0.2713135615, M: -0.1704050633, Sigma: 1.208875885}},
	}
	btcSurface = []svi.Slice{
		// 23 Jan 2026: 19 quotes, forward 93884, RMSE 7.2e-4.
		{T: 0.04841908927, Raw: svi.Raw{A: 0.005100003673, B: 0.04498669116, Rho: -0.7106024748, M: -0.1088021621, Sigma: 0.1225643585}},
		// 27 Feb 2026: 32 quotes, forward 94319.5, RMSE 3.6e-3.
		{T: 0.1442438668, Raw: svi.Raw{A: 0, B: 0.08473546471, Rho: -0.2810567894, M: -0.03912319093, Sigma: 0.3212756012}},
		// 26 Jun 2026: 41 quotes, forward 95789, RMSE 3.9e-3.
		{T: 0.4700481105, Raw: svi.Raw{A: 0, B: 0.1480693631, Rho: -0.1514010295, M: 0.08114729095, Sigma: 0.6381935123}},
		// 25 Dec 2026: 23 quotes, forward 97963.1, RMSE 7.9e-4.
		{T: 0.9683369537, Raw: svi.Raw{A: 0, B: 0.2041140964, Rho: -0.2866136335, M: -0.01504214748, Sigma: 1.063790837}},
	}
)

// namedSlice is a base slice with a name for subtests.
type namedSlice struct {
	name string
	svi.Slice
}

func baseSlices() []namedSlice {
	names := []string{"ETH-16JAN26", "ETH-27FEB26", "ETH-27MAR26", "ETH-25SEP26", "BTC-23JAN26", "BTC-27FEB26", "BTC-26JUN26", "BTC-25DEC26"}
	all := append(append([]svi.Slice(nil), ethSurface...), btcSurface...)
	out := make([]namedSlice, len(all))
	for i, sl := range all {
		out[i] = namedSlice{names[i], sl}
	}
	return out
}

// stressLevels is the grid of stress indices the behaviour tests walk.
var stressLevels = []float64{0, 0.25, 0.5, 0.75, 1}
