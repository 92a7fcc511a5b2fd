package svi_test

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/svi"
)

// Calibrate a slice to quotes given by strike, then check it for butterfly
// arbitrage and read it in jump-wings form.
func Example() {
	const (
		forward = 100.0
		expiry  = 0.5
	)
	truth := svi.Raw{A: 0.02, B: 0.15, Rho: -0.4, M: 0.05, Sigma: 0.2}
	var strikes, vols []float64
	for k := -0.8; k <= 0.8001; k += 0.1 {
		strikes = append(strikes, forward*math.Exp(k))
		vols = append(vols, truth.ImpliedVol(k, expiry))
	}
	quotes, err := svi.QuotesFromStrikes(forward, strikes, vols, nil)
	if err != nil {
		panic(err)
	}
	fit, err := svi.Calibrate(quotes, expiry, svi.CalibrateOptions{})
	if err != nil {
		panic(err)
	}
	r := fit.Raw
	fmt.Printf("a=%.4f b=%.4f ρ=%.4f m=%.4f σ=%.4f\n", r.A, r.B, r.Rho, r.M, r.Sigma)
	fmt.Printf("ATM vol %.4f, RMSE below 1e-8: %t\n", r.ImpliedVol(0, expiry), fit.RMSE < 1e-8)

	rep := r.CheckButterfly(-1.5, 1.5, 301)
	fmt.Printf("butterfly-free: %t (min g %.4f at k=%.4f)\n", rep.Free, rep.MinG, rep.KAtMinG)

	jw := r.JumpWings(expiry)
	fmt.Printf("v=%.4f ψ=%.4f p=%.4f c=%.4f ṽ=%.4f\n", jw.V, jw.Psi, jw.P, jw.C, jw.VTilde)
	// Output:
	// a=0.0200 b=0.1500 ρ=-0.4000 m=0.0500 σ=0.2000
	// ATM vol 0.3284, RMSE below 1e-8: true
	// butterfly-free: true (min g 0.2685 at k=-1.5000)
	// v=0.1078 ψ=-0.2075 p=0.9043 c=0.3876 ṽ=0.0950
}
