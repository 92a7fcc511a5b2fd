package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/config"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/pipeline"
	"github.com/infrarisk/infrarisk/models/netstate"
	"github.com/infrarisk/infrarisk/models/skew"
	"github.com/infrarisk/infrarisk/models/svi"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const sweepHelp = `Usage: infrarisk sweep --kind KIND --values V1,V2,... [--kind2 KIND --values2 W1,W2,...] [flags]

Runs a market's models over a grid of signal values, every other watched
kind at its normal (healthy) value, and prints CSV: one row per grid point
with the stress index, p_fail, the effective liquidation horizon H_eff, the
proposed (ungoverned) parameters and the stressed smile's ATM vol and
25-delta risk reversal at the reference expiry. With --smile it prints the
stressed smile instead: one row per grid point and log-moneyness k.

Example: p_fail and H_eff against the base fee and the finality lag,
  infrarisk sweep --kind base_fee_gwei --values 10,50,100,200,500,1000 \
                  --kind2 finality_lag_epochs --values2 2,4,8,16

Flags:
`

func runSweep(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "engine/config/example.yaml", "engine configuration file")
	name := fs.String("market", "", "market to evaluate (default: the configuration's first)")
	kind := fs.String("kind", "", "signal kind to sweep")
	values := fs.String("values", "", "its values, comma-separated")
	kind2 := fs.String("kind2", "", "a second kind, swept for every value of the first")
	values2 := fs.String("values2", "", "its values, comma-separated")
	smile := fs.Bool("smile", false, "print the stressed smile (k from -0.6 to 0.6) at each grid point")
	fs.Usage = func() { io.WriteString(stderr, sweepHelp); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	axes, err := sweepAxes(*kind, *values, *kind2, *values2)
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk sweep: %v\n", err)
		return exitUsage
	}
	cfg, err := config.Load(*cfgPath)
	if err == nil {
		err = sweep(cfg, *name, axes, *smile, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "infrarisk sweep: %v\n", err)
		return exitError
	}
	return exitOK
}

type sweepAxis struct {
	kind   netstate.Kind
	values []float64
}

func sweepAxes(kind, values, kind2, values2 string) ([]sweepAxis, error) {
	parse := func(kind, values, flagName string) (sweepAxis, error) {
		k, ok := netstate.Lookup(kind)
		if !ok {
			return sweepAxis{}, fmt.Errorf("--%s %q is not a signal kind", flagName, kind)
		}
		ax := sweepAxis{kind: k}
		for _, f := range strings.Split(values, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				return sweepAxis{}, fmt.Errorf("%s value %q is not a number", kind, f)
			}
			if err := k.Check(v); err != nil {
				return sweepAxis{}, err
			}
			ax.values = append(ax.values, v)
		}
		return ax, nil
	}
	if kind == "" || values == "" {
		return nil, errors.New("--kind and --values are required")
	}
	a, err := parse(kind, values, "kind")
	if err != nil {
		return nil, err
	}
	axes := []sweepAxis{a}
	if (kind2 == "") != (values2 == "") {
		return nil, errors.New("--kind2 and --values2 go together")
	}
	if kind2 != "" {
		b, err := parse(kind2, values2, "kind2")
		if err != nil {
			return nil, err
		}
		if b.kind == a.kind {
			return nil, errors.New("--kind2 is the same kind as --kind")
		}
		axes = append(axes, b)
	}
	return axes, nil
}

// sweepAt is the fixed evaluation time: the models read only ages, so any
// time does.
var sweepAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func sweep(cfg config.File, name string, axes []sweepAxis, smile bool, stdout io.Writer) error {
	p, err := pipeline.New(cfg, 0)
	if err != nil {
		return err
	}
	mc := p.Markets()[0]
	if name != "" {
		var ok bool
		if mc, ok = p.Market(name); !ok {
			return fmt.Errorf("no market %q in the configuration", name)
		}
	}
	w := csv.NewWriter(stdout)
	head := []string{axes[0].kind.String()}
	if len(axes) > 1 {
		head = append(head, axes[1].kind.String())
	}
	if smile {
		head = append(head, "t", "k", "base_vol", "stressed_vol")
	} else {
		head = append(head, "stress_index", "p_fail", "h_eff_s", "scan_range", "liquidation_horizon_s", "maintenance_multiplier",
			"initial_multiplier", "liquidation_bonus", "close_factor", "liquidations_paused", "atm_vol", "rr25")
	}
	w.Write(head)
	second := []float64{math.NaN()}
	if len(axes) > 1 {
		second = axes[1].values
	}
	for _, v1 := range axes[0].values {
		for _, v2 := range second {
			p, err := pipeline.New(cfg, 0) // a fresh state: nothing carried over
			if err != nil {
				return err
			}
			st, _ := p.State(mc.Chain)
			for _, k := range netstate.Kinds() {
				if !st.Watched.Has(k) {
					continue
				}
				v := k.Spec().Normal
				switch {
				case k == axes[0].kind:
					v = v1
				case len(axes) > 1 && k == axes[1].kind:
					v = v2
				}
				sig := wire.Signal{Chain: mc.Chain, Kind: k.String(), ObservedAt: sweepAt}
				sig.Value = decimalOf(v)
				if err := p.Observe(sig, nil); err != nil {
					return err
				}
			}
			for _, ax := range axes { // a swept kind the chain does not watch
				v := v1
				if ax.kind != axes[0].kind {
					v = v2
				}
				if !st.Watched.Has(ax.kind) {
					p.Observe(wire.Signal{Chain: mc.Chain, Kind: ax.kind.String(), Value: decimalOf(v), ObservedAt: sweepAt}, nil)
				}
			}
			mu, _, _, err := p.Evaluate(mc, sweepAt)
			if err != nil {
				return err
			}
			lead := []string{num(v1)}
			if len(axes) > 1 {
				lead = append(lead, num(v2))
			}
			if smile {
				if err := smileRows(w, lead, mc, mu); err != nil {
					return err
				}
				continue
			}
			ref := referenceSlice(mc, mu.Surface)
			m, err := skew.Metrics(ref.Raw, ref.T)
			if err != nil {
				return err
			}
			pr := mu.Proposed
			w.Write(append(lead, num(mu.Stress.Index), num(pr.PFail), num(pr.Settlement.HEff.Seconds()), num(pr.ScanRange),
				num(pr.Horizon.Seconds()), num(pr.MaintenanceMultiplier), num(pr.InitialMultiplier), num(pr.Bonus),
				num(pr.CloseFactor), strconv.FormatBool(pr.LiquidationsPaused), num(m.ATMVol), num(m.RiskReversal25)))
		}
	}
	w.Flush()
	return w.Error()
}

// smileRows writes the base and stressed vols of every slice at k from
// -0.6 to 0.6.
func smileRows(w *csv.Writer, lead []string, mc market.Config, mu market.Update) error {
	for i, s := range mu.Surface {
		base := mc.Surface[i]
		for j := -12; j <= 12; j++ {
			k := float64(j) / 20
			w.Write(append(append([]string(nil), lead...), num(s.T), num(k), num(base.Raw.ImpliedVol(k, base.T)), num(s.Raw.ImpliedVol(k, s.T))))
		}
	}
	return nil
}

// referenceSlice is the slice at or after the market's reference expiry.
func referenceSlice(mc market.Config, surface []svi.Slice) svi.Slice {
	for _, s := range surface {
		if s.T >= mc.ReferenceExpiry {
			return s
		}
	}
	return surface[len(surface)-1]
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }

// decimalOf is v as an exact decimal (the shortest that reads back as v).
func decimalOf(v float64) decimal.Decimal {
	return decimal.RequireFromString(strconv.FormatFloat(v, 'g', -1, 64))
}
