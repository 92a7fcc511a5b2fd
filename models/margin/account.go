package margin

import (
	"math"
)

// Holding is an account's signed quantity of the instrument at index
// Instrument of a RiskArrays (negative: short).
type Holding struct {
	Instrument int
	Quantity   float64
}

// Result is an account's margin in one underlying, with its parts.
type Result struct {
	// Maintenance is max(0, ScenarioLoss) + Contingencies.
	Maintenance float64
	// Initial is Maintenance × Params.InitialMultiplier.
	Initial float64
	// WorstScenario is the index in the grid of the scenario with the
	// largest cover-weighted loss (the first on a tie; −1 on an empty
	// grid), and ScenarioLoss that loss, negative when every scenario
	// gains.
	WorstScenario int
	ScenarioLoss  float64
	// TailLoss is the largest unweighted loss over the grid, each
	// scenario's loss divided by its cover, floored at 0: what the account
	// loses if the worst scenario, tail moves included, runs its course
	// with no liquidation. It feeds the fail contingency.
	TailLoss float64
	// NetDelta is Σ qᵢ·Δᵢ and ShortOptions the number of option contracts
	// held short, Σ max(−qᵢ, 0) over options.
	NetDelta, ShortOptions float64
	// Contingencies is Oracle + Fail + ShortOption.
	Contingencies float64
	// Oracle is OracleContingency·|NetDelta|·S.
	Oracle float64
	// Fail is FailContingency·(TailLoss − max(0, ScenarioLoss)).
	Fail float64
	// ShortOption is what the short-option minimum adds:
	// max(0, ShortOptionMinimum·S·ShortOptions − max(0, ScenarioLoss) − Fail).
	ShortOption float64
}

// Margin returns the margin of an account holding the given quantities:
//
//	loss_s       = Σᵢ qᵢ·riskArray[i][s]
//	ScenarioLoss = max_s loss_s
//	Maintenance  = max(0, ScenarioLoss) + Oracle + Fail + ShortOption
//	Initial      = Maintenance × InitialMultiplier
//
// Holdings may repeat an instrument, since the scan is linear in quantity,
// but the short-option minimum counts each holding's short quantity, so a
// short and a long of one option in separate holdings are not netted:
// aggregate per instrument first. Quantities must be finite (MarginDecimal
// checks them); a NaN yields NaN requirements.
//
// It does not allocate. It panics if a holding's index is out of range (a
// programmer error: the index must come from the instrument list the arrays
// were built from).
func (ra RiskArrays) Margin(holdings []Holding) Result {
	var buf [MaxScenarios]float64
	acc := buf[:ra.ns]
	var netDelta, shorts float64
	for _, h := range holdings {
		i, q := h.Instrument, h.Quantity
		row := ra.loss[i*ra.ns : i*ra.ns+ra.ns]
		row = row[:len(acc)]
		for s, l := range row {
			acc[s] += q * l
		}
		netDelta += q * ra.delta[i]
		if q < 0 && ra.option[i] {
			shorts -= q
		}
	}
	return ra.result(acc, netDelta, shorts)
}

func (ra RiskArrays) result(acc []float64, netDelta, shorts float64) Result {
	p := ra.grid.Params
	r := Result{WorstScenario: -1, NetDelta: netDelta, ShortOptions: shorts}
	tail := 0.0
	for s, l := range acc {
		if r.WorstScenario < 0 || l > r.ScenarioLoss {
			r.WorstScenario, r.ScenarioLoss = s, l
		}
		tail = max(tail, l*ra.invCover[s])
	}
	scan := max(r.ScenarioLoss, 0)
	r.TailLoss = tail
	r.Oracle = p.OracleContingency * math.Abs(netDelta) * ra.spot
	r.Fail = p.FailContingency * (tail - scan)
	r.ShortOption = max(p.ShortOptionMinimum*ra.spot*shorts-scan-r.Fail, 0)
	r.Contingencies = r.Oracle + r.Fail + r.ShortOption
	r.Maintenance = scan + r.Contingencies
	r.Initial = r.Maintenance * p.InitialMultiplier
	return r
}

// Book is an account's holdings in one underlying with that underlying's
// risk arrays.
type Book struct {
	Arrays   RiskArrays
	Holdings []Holding
}

// Total is an account's margin summed over underlyings.
type Total struct {
	Maintenance, Initial float64
}

// MarginBooks margins each underlying's book on its own arrays and sums the
// requirements. Nothing offsets across underlyings: a long in one and a
// short in another are each margined in full, which overstates the risk of
// correlated underlyings and never understates it.
func MarginBooks(books []Book) Total {
	var t Total
	for _, b := range books {
		r := b.Arrays.Margin(b.Holdings)
		t.Maintenance += r.Maintenance
		t.Initial += r.Initial
	}
	return t
}

// PortfolioMargin builds the risk arrays of the positions' distinct
// instruments and margins them in one step: the convenience path for a
// single account, where a venue margining many accounts builds the arrays
// once with NewRiskArrays. Positions in the same instrument are added up.
func PortfolioMargin(m Market, g Grid, positions []Position) (Result, error) {
	index := make(map[Instrument]int, len(positions))
	var instruments []Instrument
	var holdings []Holding
	for _, p := range positions {
		i, ok := index[p.Instrument]
		if !ok {
			i = len(instruments)
			index[p.Instrument] = i
			instruments = append(instruments, p.Instrument)
			holdings = append(holdings, Holding{Instrument: i})
		}
		holdings[i].Quantity += p.Quantity
	}
	ra, err := NewRiskArrays(m, g, instruments)
	if err != nil {
		return Result{}, err
	}
	return ra.Margin(holdings), nil
}
