package skew_test

import (
	"fmt"

	"github.com/infrarisk/infrarisk/models/skew"
	"github.com/infrarisk/infrarisk/models/svi"
)

// Stress the 27 March 2026 ETH smile (raw SVI fitted to Deribit's quotes of
// 5 January 2026) and read the skew a desk would quote.
func Example() {
	const expiry = 0.2209036889 // years
	base := svi.Raw{A: 0, B: 0.1439508365, Rho: -0.09631597107, M: 0.05818810678, Sigma: 0.5883043207}
	cfg := skew.DefaultConfig()
	for _, s := range []float64{0, 0.5, 1} {
		st, err := skew.StressSlice(base, expiry, s, cfg)
		if err != nil {
			panic(err)
		}
		m, err := skew.Metrics(st.Raw, expiry)
		if err != nil {
			panic(err)
		}
		fmt.Printf("stress %.1f: λ %.2f/yr  ATM %.4f  25Δ RR %+.4f  BF %.4f  fit RMSE %.4f\n",
			s, st.Intensity, m.ATMVol, m.RiskReversal25, m.Butterfly25, st.RMSE)
	}
	// Output:
	// stress 0.0: λ 0.00/yr  ATM 0.6236  25Δ RR -0.0254  BF 0.0136  fit RMSE 0.0000
	// stress 0.5: λ 1.25/yr  ATM 0.6613  25Δ RR -0.0365  BF 0.0107  fit RMSE 0.0008
	// stress 1.0: λ 5.00/yr  ATM 0.7628  25Δ RR -0.0582  BF 0.0036  fit RMSE 0.0021
}

// The 25-delta strikes and vols of a three-month smile with a put skew.
func ExampleMetrics() {
	r := svi.Raw{A: 0.02, B: 0.1, Rho: -0.5, M: 0.05, Sigma: 0.2}
	m, err := skew.Metrics(r, 0.25)
	if err != nil {
		panic(err)
	}
	fmt.Printf("ATM %.4f\n", m.ATMVol)
	fmt.Printf("25Δ put  %.4f at k = %+.4f\n", m.Put25Vol, m.Put25K)
	fmt.Printf("25Δ call %.4f at k = %+.4f\n", m.Call25Vol, m.Call25K)
	fmt.Printf("RR %+.4f  BF %.4f\n", m.RiskReversal25, m.Butterfly25)
	// Output:
	// ATM 0.4153
	// 25Δ put  0.4737 at k = -0.1317
	// 25Δ call 0.3866 at k = +0.1491
	// RR -0.0871  BF 0.0149
}
