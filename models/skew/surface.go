package skew

import (
	"fmt"
	"math"

	"github.com/infrarisk/infrarisk/models/svi"
)

// calendarPoints is the number of points CheckCalendar scans between
// refinements.
const calendarPoints = 201

// StressSurface stresses every slice of a surface at the same index s, so
// with the same crash intensity at every expiry, and checks the result for
// calendar-spread arbitrage with svi.CheckCalendar on the widest of the
// slices' strike grids. The slices are returned in the order given.
//
// Exact stressed prices are free of calendar arbitrage when the base
// surface is, but the SVI refit of each expiry could break that. When
// CheckCalendar reports an error (a *svi.CalendarArbitrageError, or two
// slices with one expiry) the stressed slices are returned with it,
// wrapped, so that the caller can decide. An error of StressSlice, including
// a refit that did not converge, is returned for the first slice that
// fails, wrapped with its expiry, and no slices.
func StressSurface(slices []svi.Slice, s float64, cfg Config) ([]svi.Slice, error) {
	out := make([]svi.Slice, len(slices))
	kMax := 0.0
	for i, sl := range slices {
		st, err := StressSlice(sl.Raw, sl.T, s, cfg)
		if err != nil {
			return nil, fmt.Errorf("skew: expiry %g: %w", sl.T, err)
		}
		out[i] = svi.Slice{T: sl.T, Raw: st.Raw}
		kMax = math.Max(kMax, st.LogMoneyness[len(st.LogMoneyness)-1])
	}
	if len(out) < 2 {
		return out, nil
	}
	if err := svi.CheckCalendar(out, -kMax, kMax, calendarPoints); err != nil {
		return out, fmt.Errorf("skew: stressed surface: %w", err)
	}
	return out, nil
}
