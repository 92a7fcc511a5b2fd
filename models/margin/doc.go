// Package margin computes portfolio margin as the worst loss over a grid of
// price and volatility scenarios, from risk arrays precomputed per
// instrument, in the family of CME SPAN, Deribit's portfolio margin and
// Derive's PMRM.
//
// # Scenarios and risk arrays
//
// A scenario moves spot by a fraction x and shocks every implied vol by a
// relative amount v, and its loss counts with a weight c (the cover). For a
// market with spot S and rate r, the risk array of an instrument holds its
// loss per unit long in every scenario s:
//
//	option:        Lₛ = cₛ·(V(S, σ) − V(S·(1 + xₛ), σ·fₛ(T)))
//	future, spot:  Lₛ = −cₛ·S·xₛ
//	fₛ(T) = max(1 + vₛ·w(T), 0.1)
//	w(T)  = (30 days / max(T, floor))^p      p = VolShockPower for T ≤ 30 days,
//	                                         VolShockPowerLong beyond
//
// V is the Black–Scholes price and σ the surface's vol at the option's
// strike and expiry, kept as spot moves (sticky strike). The term weight w
// makes short expiries' vols move more (Derive's PMRM; Deribit has used the
// same form); it is 1 at 30 days, so VolShockUp and VolShockDown read as the
// shocks of a 30-day option.
//
// The default grid is SPAN's 16 scenarios, with R = ScanRange:
//
//	x ∈ {0, ±R/3, ±2R/3, ±R}, each with v = +VolShockUp and −VolShockDown, c = 1
//	x = ±ExtremeMultiple·R,   v = 0,                                       c = ExtremeCover
//
// A Deribit-like grid (9 price points × vol up, same, down, plus a weighted
// pair of large moves), a PMRM-like one (Derive's 23 scenarios) and custom
// grids are also built; see GridShape and NewCustomGrid.
//
// # Account margin
//
// For holdings qᵢ of instruments i:
//
//	lossₛ         = Σᵢ qᵢ·Lᵢₛ
//	ScenarioLoss  = maxₛ lossₛ
//	TailLoss      = max(0, maxₛ lossₛ/cₛ)
//	Oracle        = OracleContingency·|Σᵢ qᵢ·Δᵢ|·S
//	Fail          = p_fail·(TailLoss − max(0, ScenarioLoss))
//	ShortOption   = max(0, ShortOptionMinimum·S·(contracts short) − max(0, ScenarioLoss) − Fail)
//	Maintenance   = max(0, ScenarioLoss) + Oracle + Fail + ShortOption
//	Initial       = Maintenance·InitialMultiplier
//
// The oracle contingency covers a liquidation engine acting on a price that
// is off the market by up to OracleContingency: the account's value is then
// misjudged by that fraction of its net delta notional.
//
// The fail contingency prices the chance p_fail = FailContingency that a
// liquidation does not complete within the horizon. The grid charges tail
// moves at their cover (35% in SPAN) because a working liquidation closes
// the account before most of such a move; if the liquidation fails, the
// account rides the whole move and the venue needs TailLoss. Weighting what
// the venue needs when the liquidation lands (ScenarioLoss) and when it
// does not (TailLoss) by their probabilities gives the requirement
//
//	(1 − p_fail)·ScenarioLoss + p_fail·TailLoss = ScenarioLoss + Fail,
//
// which is ScenarioLoss for a healthy chain and TailLoss, every scenario at
// full weight, when liquidations cannot land at all.
//
// The short-option minimum is SPAN's: the requirement before the oracle
// charge is at least ShortOptionMinimum·S per option contract held short,
// so a deep out-of-the-money short, which loses little on the grid, still
// carries a charge. ShortOption is what the floor adds.
//
// Defaults and their sources are listed at DefaultParams.
//
// # Stress and monotonicity
//
// The infrastructure layer widens ScanRange and the vol shocks and raises
// the contingencies as liquidations become slower or less certain, and a
// worse chain must never lower anyone's margin. The contingencies are linear
// in their parameters and monotone on any grid. The scan is a maximum over
// the grid's points, so it grows with the shocks only if the points of the
// smaller shocks stay in the grid of the larger ones, and SPAN's points do
// not: they are fractions of the scan range and move with it. A short
// butterfly whose body sits 10% above spot loses most at +10%, a point of
// the grid at R = 0.15 (2R/3) that moves to +10.67% at R = 0.16, so its
// margin falls as R widens. No finite grid whose outer point is R itself
// holds the points of every smaller range; only rounding R up onto a fixed
// lattice of points would, at the price of many more scenarios.
//
// Grid.Nest fixes this for the comparisons that matter: a grid built from
// stressed Params and nested over the grid of the unstressed ones holds
// every unstressed scenario, so when every shock and contingency of the
// stressed Params is at least the unstressed one (and the term structure is
// shared), every portfolio's margin is at least its unstressed margin:
// ScenarioLoss and TailLoss are maxima over a superset, ScenarioLoss + Fail
// = (1 − p_fail)·ScenarioLoss + p_fail·TailLoss grows with both, and the
// short-option floor and the oracle charge do not fall. An engine that
// raises stress step by step nests each level's grid over the previous one,
// and margin then never falls along the way; it drops the accumulated
// scenarios when the stress episode ends. MaxScenarios leaves room for eight
// SPAN16 levels (four DeribitLike ones).
//
// # Money
//
// Inside, quantities and amounts are float64. At the boundary, MarginDecimal
// takes decimal quantities and returns decimal requirements rounded up: a
// venue that rounds margin down under-collects. Amounts are cut to 15
// significant digits, the precision float64 holds exactly, before rounding
// up, so that representation noise (0.1 + 0.2 is 0.30000000000000004) does
// not add a unit in the last place.
//
// # Several underlyings
//
// Each underlying is margined on its own risk arrays and the requirements
// are summed (MarginBooks). Nothing offsets across underlyings: a long BTC
// book and a short ETH book are each margined in full. That overstates the
// risk of correlated books and never understates it.
//
// # What the model ignores
//
//   - Cross-underlying offsets (above).
//   - Liquidity and concentration: no add-on for positions too large to
//     close at the grid's prices, and no bid–ask on the close.
//   - Time decay over the horizon: shocks are instantaneous (as in Derive's
//     PMRM; SPAN revalues at the next trading day).
//   - Skew and term-structure shocks beyond the term weight: every vol of an
//     expiry moves by the same relative amount; a stressed surface can be
//     passed in as the Market's Surface instead.
//   - Basis: futures and perpetuals move one for one with spot; funding is
//     not modelled.
//   - Coin-margined (inverse) contracts: every payoff is in the quote
//     currency.
//   - Per-strike netting of short calls against long puts (Derive, Deribit)
//     in the short-option minimum: every short contract counts, which is
//     more conservative.
//   - Vega-offset and forward contingencies (Deribit's and Derive's).
//
// Building the risk arrays costs one Black–Scholes price per instrument and
// scenario; margining an account costs one multiply-add per holding and
// scenario and does not allocate. Nothing in the package performs I/O,
// reads a clock or keeps global state; RiskArrays are immutable and safe for
// concurrent use.
package margin
