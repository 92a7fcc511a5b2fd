package backtest

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/infrarisk/infrarisk/engine/governor"
)

// Plot is one chart of a result, as SVG.
type Plot struct {
	// Name is the chart's file name: price.svg, margin.svg or bad_debt.svg.
	Name string
	SVG  []byte
}

// ErrNoTimeline is returned by Plots for a result run without a timeline.
var ErrNoTimeline = errors.New("backtest: the result has no timeline (Options.Timeline)")

// maxPlotPoints bounds the points drawn per line: a year of minutes is
// thinned to every k-th step (and the last).
const maxPlotPoints = 3000

var (
	runColors = map[string]color.Color{
		"static":  color.RGBA{R: 120, G: 120, B: 120, A: 255},
		"aware":   color.RGBA{R: 31, G: 119, B: 180, A: 255},
		NoPoolRun: color.RGBA{R: 255, G: 127, B: 14, A: 255},
	}
	bandColors = [...]color.Color{
		governor.Elevated: color.RGBA{R: 255, G: 243, B: 176, A: 255},
		governor.Stressed: color.RGBA{R: 255, G: 201, B: 139, A: 255},
		governor.Halted:   color.RGBA{R: 244, G: 166, B: 166, A: 255},
	}
)

// Plots draws the price and the oracle over the engine's regimes, the
// margin held and the realized bad debt of each run, against hours since
// the start.
func (r Result) Plots() ([]Plot, error) {
	charts, err := r.charts()
	if err != nil {
		return nil, err
	}
	var out []Plot
	for _, c := range charts {
		canvas := vgsvg.New(9*vg.Inch, 4*vg.Inch)
		c.plot.Draw(draw.New(canvas))
		var buf bytes.Buffer
		if _, err := canvas.WriteTo(&buf); err != nil {
			return nil, err
		}
		out = append(out, Plot{Name: c.name + ".svg", SVG: buf.Bytes()})
	}
	return out, nil
}

type chart struct {
	name string
	plot *plot.Plot
}

func (r Result) charts() ([]chart, error) {
	if len(r.Timeline) == 0 {
		return nil, ErrNoTimeline
	}
	idx := r.thinned()
	hours := func(i int) float64 { return r.Timeline[i].At.Sub(r.Start).Hours() }
	xLabel := "hours since " + r.Start.Format(time.RFC3339)

	price := newPlot(fmt.Sprintf("%s: price, oracle and the engine's regime", r.Incident), xLabel, "USD")
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range r.Timeline {
		lo, hi = min(lo, p.Price, p.Oracle), max(hi, p.Price, p.Oracle)
	}
	pad := 0.05 * max(hi-lo, hi*0.01)
	lo, hi = lo-pad, hi+pad
	price.Y.Min, price.Y.Max = lo, hi
	if err := r.regimeBands(price, lo, hi); err != nil {
		return nil, err
	}
	if err := addLine(price, "price", idx, hours, func(i int) float64 { return r.Timeline[i].Price }, color.Black, false); err != nil {
		return nil, err
	}
	if err := addLine(price, "oracle", idx, hours, func(i int) float64 { return r.Timeline[i].Oracle }, color.RGBA{R: 214, G: 39, B: 40, A: 255}, true); err != nil {
		return nil, err
	}

	marginPlot := newPlot(fmt.Sprintf("%s: maintenance margin held", r.Incident), xLabel, "USD")
	debt := newPlot(fmt.Sprintf("%s: bad debt realized", r.Incident), xLabel, "USD")
	for k, run := range r.Runs {
		c := runColors[run.Params]
		if err := addLine(marginPlot, run.Params, idx, hours, func(i int) float64 { return r.Timeline[i].Runs[k].Margin }, c, false); err != nil {
			return nil, err
		}
		if err := addLine(debt, run.Params, idx, hours, func(i int) float64 { return r.Timeline[i].Runs[k].BadDebt }, c, false); err != nil {
			return nil, err
		}
	}
	marginPlot.Y.Min, debt.Y.Min = 0, 0
	debt.Y.Max = max(debt.Y.Max, 1)

	return []chart{{"price", price}, {"margin", marginPlot}, {"bad_debt", debt}}, nil
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, x, y
	p.Legend.Top = true
	p.Y.Tick.Marker = plainTicks{}
	return p
}

// plainTicks are gonum's default ticks labelled in plain decimals
// (750000, not 750000.00 or 7.5e+05).
type plainTicks struct{}

func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', -1, 64)
		}
	}
	return ts
}

// thinned returns the timeline indices to draw.
func (r Result) thinned() []int {
	n := len(r.Timeline)
	stride := (n + maxPlotPoints - 1) / maxPlotPoints
	var idx []int
	for i := 0; i < n; i += stride {
		idx = append(idx, i)
	}
	if idx[len(idx)-1] != n-1 {
		idx = append(idx, n-1)
	}
	return idx
}

func addLine(p *plot.Plot, name string, idx []int, x, y func(int) float64, c color.Color, dashed bool) error {
	xys := make(plotter.XYs, len(idx))
	for j, i := range idx {
		xys[j] = plotter.XY{X: x(i), Y: y(i)}
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return fmt.Errorf("backtest: plotting %s: %w", name, err)
	}
	l.LineStyle.Color, l.LineStyle.Width = c, vg.Points(1.2)
	if dashed {
		l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

// regimeBands shades the spans the engine spent above normal, from each
// step to the next.
func (r Result) regimeBands(p *plot.Plot, lo, hi float64) error {
	tl := r.Timeline
	named := map[governor.Regime]bool{}
	for i := 0; i < len(tl); {
		reg := tl[i].Regime
		j := i
		for j+1 < len(tl) && tl[j+1].Regime == reg {
			j++
		}
		end := tl[j].At
		if j+1 < len(tl) {
			end = tl[j+1].At
		}
		if reg > governor.Normal && int(reg) < len(bandColors) {
			x0, x1 := tl[i].At.Sub(r.Start).Hours(), end.Sub(r.Start).Hours()
			band, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: lo}, {X: x1, Y: lo}, {X: x1, Y: hi}, {X: x0, Y: hi}})
			if err != nil {
				return fmt.Errorf("backtest: plotting regimes: %w", err)
			}
			band.Color, band.LineStyle.Width = bandColors[reg], 0
			p.Add(band)
			if !named[reg] {
				named[reg] = true
				p.Legend.Add(reg.String(), band)
			}
		}
		i = j + 1
	}
	return nil
}
