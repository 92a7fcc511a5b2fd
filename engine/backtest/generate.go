package backtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/market"
)

// GenerateBook draws n accounts typical of an options venue, from a PCG
// source seeded with (seed, 0) (math/rand/v2): the same seed gives the same
// book. Per account, with u a size in units of the underlying, lognormal
// with median 10 (σ = 1 in logs):
//
//   - with probability 0.7, one to three options: puts 55%, calls 45%;
//     short 60%, long 40%; strike near the money, spot·exp(0.08·Z) rounded
//     to the strike grid (2.5% of spot, rounded to 1, 2, 2.5 or 5 × 10ⁿ);
//     expiry one of the market surface's first three (fewer if it has
//     fewer); size u·U(0.3, 1);
//   - with probability 0.5, a future, long 55%, size u·U(0.5, 1.5), entered
//     at spot;
//   - with probability 0.35, or when it holds nothing else, spot held as
//     collateral, size u·U(0.5, 2);
//   - a leverage L ~ U(1.1, 5), equity over maintenance margin under the
//     static parameters at spot, which sets its cash: collateral = L·M − the
//     positions' value (negative: a USD loan against spot).
//
// Quantities are rounded to 0.01 and collateral to a cent; margins are
// taken after rounding, so each account starts at its leverage to within a
// cent. spot is the incident's first price.
func GenerateBook(seed uint64, n int, spot float64, mc market.Config, static *ParamSet) (Book, error) {
	if n <= 0 || !(spot > 0) {
		return Book{}, fmt.Errorf("%w: %d accounts at spot %g", ErrOptions, n, spot)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	expiries := make([]float64, 0, len(mc.Surface))
	for _, sl := range mc.Surface {
		expiries = append(expiries, sl.T)
	}
	slices.Sort(expiries)
	expiries = expiries[:min(3, len(expiries))]
	grid := strikeGrid(spot)
	round2 := func(x float64) decimal.Decimal { return decimal.NewFromFloat(x).Round(2) }

	b := Book{Accounts: make([]Account, n)}
	leverage := make([]float64, n)
	for i := range b.Accounts {
		u := 10 * math.Exp(rng.NormFloat64())
		var ps []Position
		if rng.Float64() < 0.7 {
			for range 1 + rng.IntN(3) {
				typ := "call"
				if rng.Float64() < 0.55 {
					typ = "put"
				}
				sign := 1.0
				if rng.Float64() < 0.6 {
					sign = -1
				}
				k := math.Max(grid, math.Round(spot*math.Exp(0.08*rng.NormFloat64())/grid)*grid)
				t := expiries[rng.IntN(len(expiries))]
				ps = append(ps, Position{
					Type: typ, Strike: decimal.NewFromFloat(k), ExpiryDays: t * 365,
					Quantity: round2(sign * math.Max(u*(0.3+0.7*rng.Float64()), 0.01)),
				})
			}
		}
		if rng.Float64() < 0.5 {
			sign := -1.0
			if rng.Float64() < 0.55 {
				sign = 1
			}
			ps = append(ps, Position{
				Type: "future", EntryPrice: decimal.NewFromFloat(spot),
				Quantity: round2(sign * math.Max(u*(0.5+rng.Float64()), 0.01)),
			})
		}
		if rng.Float64() < 0.35 || len(ps) == 0 {
			ps = append(ps, Position{Type: "spot", Quantity: round2(math.Max(u*(0.5+1.5*rng.Float64()), 0.01))})
		}
		leverage[i] = 1.1 + 3.9*rng.Float64()
		b.Accounts[i] = Account{ID: fmt.Sprintf("g%05d", i+1), Positions: ps}
	}

	// Collateral from the static margin at spot.
	h := flatten(b, spot)
	ra, err := buildArrays(h.instruments, static, spot)
	if err != nil {
		return Book{}, fmt.Errorf("backtest: generating the book: %w", err)
	}
	var m marks
	priceMarks(h.instruments, static.Surface, spot, &m)
	for i := range b.Accounts {
		maint := 0.0
		if len(h.hold[i]) > 0 {
			maint = ra.Margin(h.hold[i]).Maintenance * static.Maintenance
		}
		// A future's entry is in h.cash, so its value there is zero.
		value := m.equity(h.cash[i], h.hold[i])
		b.Accounts[i].CollateralUSD = decimal.NewFromFloat(leverage[i]*maint - value).Round(2)
	}
	return b, nil
}

// strikeGrid returns the strike spacing for a spot: 2.5% of it, rounded to
// 1, 2, 2.5 or 5 times a power of ten.
func strikeGrid(spot float64) float64 {
	raw := 0.025 * spot
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	best := p
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if math.Abs(f*p-raw) < math.Abs(best-raw) {
			best = f * p
		}
	}
	return best
}
