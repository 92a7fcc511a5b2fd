package backtest

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/infrarisk/infrarisk/engine/governor"
)

// Every writer formats numbers at a fixed precision and iterates slices
// only, so the same result writes the same bytes: money in USD to the cent,
// prices to 6 places, ratios to 4 or 6.

var regimes = [...]governor.Regime{governor.Normal, governor.Elevated, governor.Stressed, governor.Halted}

// WriteSummary writes the summary people read: what ran, the static set,
// and one line per run.
func (r Result) WriteSummary(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "incident  %s: %d steps from %s to %s\n", r.Incident, r.Steps, r.Start.Format(time.RFC3339), r.End.Format(time.RFC3339))
	fmt.Fprintf(&b, "market    %s on %s\n", r.Market, r.Chain)
	source := "from the book given"
	if r.Generated {
		source = fmt.Sprintf("generated from seed %d", r.Seed)
	}
	fmt.Fprintf(&b, "book      %d accounts %s, %d instruments\n", len(r.Book.Accounts), source, r.Instruments)
	rejected, why := 0, []string{}
	for _, rj := range r.Rejected {
		rejected += rj.Count
		why = append(why, fmt.Sprintf("%s %d", rj.Reason, rj.Count))
	}
	fmt.Fprintf(&b, "signals   %d accepted, %d rejected", r.Signals, rejected)
	if len(why) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(why, ", "))
	}
	b.WriteString("\n")
	if s := r.Static; s != nil {
		fmt.Fprintf(&b, "static    scan range %s, vol shocks +%s/-%s, maintenance x%s, bonus %s, close factor %s, no pause, no grace\n",
			fixed(s.Margin.ScanRange, 4), fixed(s.Margin.VolShockUp, 4), fixed(s.Margin.VolShockDown, 4),
			fixed(s.Maintenance, 4), fixed(s.Bonus, 4), fixed(s.CloseFactor, 4))
	}
	if r.Pool != "" {
		fmt.Fprintf(&b, "pool      %s: every run's liquidations sell into it; %s is aware without it\n", r.Pool, NoPoolRun)
	}
	b.WriteString("\n")
	width := 7 // the two-run table's; wider for aware-no-pool
	for _, run := range r.Runs {
		width = max(width, len(run.Params))
	}
	fmt.Fprintf(&b, "%-*s %13s %12s %7s %13s %14s %14s %7s %8s %8s %7s\n",
		width, "params", "bad debt", "liquidations", "unfair", "bonus paid", "avg margin", "peak margin",
		"normal", "elevated", "stressed", "halted")
	for _, run := range r.Runs {
		fmt.Fprintf(&b, "%-*s %13s %12d %7d %13s %14s %14s", width, run.Params, fixed(run.BadDebt, 2), run.Liquidations,
			run.Unfair, fixed(run.BonusPaid, 2), fixed(run.AverageMargin, 2), fixed(run.PeakMargin, 2))
		total := time.Duration(0)
		for _, d := range run.Regime {
			total += d
		}
		for i, reg := range regimes {
			share := 0.0
			if total > 0 {
				share = 100 * float64(run.Regime[reg]) / float64(total)
			}
			width := []int{7, 8, 8, 7}[i]
			fmt.Fprintf(&b, " %*s", width, fixed(share, 1)+"%")
		}
		b.WriteString("\n")
	}
	st, aw, np := r.run("static"), r.run("aware"), r.run(NoPoolRun)
	if (st != nil && aw != nil) || r.Pool != "" {
		b.WriteString("\n")
	}
	if st != nil && aw != nil {
		avoided := st.BadDebt - aw.BadDebt
		fmt.Fprintf(&b, "bad debt avoided by the aware parameters: %s", fixed(avoided, 2))
		if st.BadDebt > 0 {
			fmt.Fprintf(&b, " (%s%% of the static run's)", fixed(100*avoided/st.BadDebt, 1))
		}
		b.WriteString("\n")
		if st.AverageMargin > 0 {
			fmt.Fprintf(&b, "average margin held, aware over static: %sx\n", fixed(aw.AverageMargin/st.AverageMargin, 4))
		}
	}
	if aw != nil && np != nil {
		avoided := np.BadDebt - aw.BadDebt
		fmt.Fprintf(&b, "bad debt avoided by the pool's slippage model (%s less aware): %s", NoPoolRun, fixed(avoided, 2))
		if np.BadDebt > 0 {
			fmt.Fprintf(&b, " (%s%% of the %s run's)", fixed(100*avoided/np.BadDebt, 1), NoPoolRun)
		}
		b.WriteString("\n")
	}
	if r.Pool != "" {
		b.WriteString("sold into the pool: price impact (of it beyond the bonuses, in bad debt)")
		for i, run := range r.Runs {
			sep := ","
			if i == 0 {
				sep = ":"
			}
			fmt.Fprintf(&b, "%s %s %s (%s)", sep, run.Params, fixed(run.SlippageLoss, 2), fixed(run.SlippageUncovered, 2))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// run returns the run of the given name, or nil.
func (r Result) run(params string) *RunResult {
	for i := range r.Runs {
		if r.Runs[i].Params == params {
			return &r.Runs[i]
		}
	}
	return nil
}

// SummaryHeader is the header of WriteSummaryCSV's rows.
var SummaryHeader = []string{
	"incident", "market", "chain", "params", "accounts", "seed", "steps",
	"bad_debt", "bad_debt_realized", "bad_debt_open", "liquidations", "unfair_liquidations", "waited_liquidations",
	"bonus_paid", "avg_margin", "peak_margin",
	"hours_normal", "hours_elevated", "hours_stressed", "hours_halted",
	"blocked_halt", "blocked_paused", "blocked_sequencer", "blocked_gas",
	"revaluations", "margin_error_bound",
}

// WriteSummaryCSV writes a header and one row per run (see SummaryHeader).
// seed is empty for a book given rather than generated.
func (r Result) WriteSummaryCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(SummaryHeader)
	seed := ""
	if r.Generated {
		seed = strconv.FormatUint(r.Seed, 10)
	}
	for _, run := range r.Runs {
		row := []string{
			r.Incident, r.Market, r.Chain, run.Params, strconv.Itoa(len(r.Book.Accounts)), seed, strconv.Itoa(r.Steps),
			fixed(run.BadDebt, 2), fixed(run.BadDebtRealized, 2), fixed(run.BadDebtOpen, 2),
			strconv.Itoa(run.Liquidations), strconv.Itoa(run.Unfair), strconv.Itoa(run.Waited),
			fixed(run.BonusPaid, 2), fixed(run.AverageMargin, 2), fixed(run.PeakMargin, 2),
		}
		for _, reg := range regimes {
			row = append(row, fixed(run.Regime[reg].Hours(), 4))
		}
		row = append(row,
			strconv.Itoa(run.Blocked.Halt), strconv.Itoa(run.Blocked.Paused),
			strconv.Itoa(run.Blocked.Sequencer), strconv.Itoa(run.Blocked.Gas),
			strconv.Itoa(run.Revaluations), fixed(run.MarginErrorBound, 6))
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteTimelineCSV writes one row per step: the prices, the recorded
// infrastructure (with a pool, its depth: pool_liquidity_usd), the
// engine's regime and stress index, and for each run the margin held, the
// realized bad debt and the liquidations so far, and the accounts waiting
// to be liquidated.
func (r Result) WriteTimelineCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"time", "price", "oracle_price", "base_fee_gwei", "sequencer_up"}
	if r.Pool != "" {
		header = append(header, "pool_liquidity_usd")
	}
	header = append(header, "regime", "stress_index")
	for _, run := range r.Runs {
		for _, col := range []string{"margin", "bad_debt", "liquidations", "unfair", "pending"} {
			header = append(header, run.Params+"_"+col)
		}
	}
	cw.Write(header)
	for _, p := range r.Timeline {
		up := "0"
		if p.SequencerUp {
			up = "1"
		}
		row := []string{p.At.Format(time.RFC3339), fixed(p.Price, 6), fixed(p.Oracle, 6), fixed(p.BaseFee, 6), up}
		if r.Pool != "" {
			row = append(row, fixed(p.PoolDepth, 2))
		}
		row = append(row, p.Regime.String(), fixed(p.Stress, 4))
		for k := range r.Runs {
			rp := p.Runs[k]
			row = append(row, fixed(rp.Margin, 2), fixed(rp.BadDebt, 2),
				strconv.Itoa(rp.Liquidations), strconv.Itoa(rp.Unfair), strconv.Itoa(rp.Pending))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteLiquidationsCSV writes every liquidation that landed, run by run;
// with a pool, each one's slippage too, before its shortfall.
func (r Result) WriteLiquidationsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"params", "time", "triggered", "account", "oracle_price", "price", "fraction", "notional", "bonus"}
	if r.Pool != "" {
		header = append(header, "slippage")
	}
	cw.Write(append(header, "shortfall", "unfair"))
	for _, run := range r.Runs {
		for _, l := range run.Log {
			row := []string{
				run.Params, l.At.Format(time.RFC3339), l.Triggered.Format(time.RFC3339), l.Account,
				fixed(l.Oracle, 6), fixed(l.Price, 6), fixed(l.Fraction, 4), fixed(l.Notional, 2), fixed(l.Bonus, 2),
			}
			if r.Pool != "" {
				row = append(row, fixed(l.Slippage, 2))
			}
			cw.Write(append(row, fixed(l.Shortfall, 2), strconv.FormatBool(l.Unfair)))
		}
	}
	cw.Flush()
	return cw.Error()
}

// fixed formats x with places decimals, without a sign on zero.
func fixed(x float64, places int) string {
	s := strconv.FormatFloat(x, 'f', places, 64)
	if strings.TrimLeft(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}
