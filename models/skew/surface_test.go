package skew

import (
	"errors"
	"fmt"
	"testing"

	"github.com/infrarisk/infrarisk/models/svi"
)

// TestStressedSurfacesAreFreeOfCalendarArbitrage: with one intensity for
// all expiries the exact stressed surface inherits the base surface's
// freedom from calendar arbitrage; the refitted slices must keep it.
func TestStressedSurfacesAreFreeOfCalendarArbitrage(t *testing.T) {
	for name, surface := range map[string][]svi.Slice{"ETH": ethSurface, "BTC": btcSurface} {
		if err := svi.CheckCalendar(surface, -3, 3, 601); err != nil {
			t.Fatalf("%s base surface: %v", name, err)
		}
		for _, s := range stressLevels {
			t.Run(fmt.Sprintf("%s/s=%g", name, s), func(t *testing.T) {
				out, err := StressSurface(surface, s, DefaultConfig())
				if err != nil {
					t.Fatal(err)
				}
				if len(out) != len(surface) {
					t.Fatalf("%d slices, want %d", len(out), len(surface))
				}
				for i := range out {
					if out[i].T != surface[i].T {
						t.Errorf("slice %d at T=%g, want %g", i, out[i].T, surface[i].T)
					}
				}
				// Wider than StressSurface's own check, which stays on the grids.
				if err := svi.CheckCalendar(out, -2, 2, 401); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

func TestStressSurfaceReportsCalendarErrorsWithTheSlices(t *testing.T) {
	dup := []svi.Slice{ethSurface[1], ethSurface[1]}
	out, err := StressSurface(dup, 0.5, DefaultConfig())
	if err == nil || len(out) != 2 {
		t.Fatalf("got %d slices and %v, want both slices and an error", len(out), err)
	}
}

func TestStressSurfaceNamesTheFailingExpiry(t *testing.T) {
	bad := []svi.Slice{ethSurface[0], {T: 0.5, Raw: svi.Raw{A: 0.01, B: 0.1, Rho: 2, Sigma: 0.1}}}
	out, err := StressSurface(bad, 0.5, DefaultConfig())
	if out != nil || !errors.Is(err, svi.ErrInvalidParams) {
		t.Fatalf("got %v, %v", out, err)
	}
}
