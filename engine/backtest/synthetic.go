package backtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/replay"
)

// SyntheticStart is when synthetic incidents begin: 1 January 2030, as the
// synthetic folders under testdata/incidents, so that no synthetic row
// passes for a recorded one.
var SyntheticStart = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// Synthetic draws an incident on chain ethereum in memory, one step every
// step for span, from a PCG source seeded with (seed, 1): the same seed
// gives the same incident. It is for runs longer than the recorded
// incidents, such as the year-long benchmark. Every L1 kind has a row at
// every step:
//
//   - price: geometric Brownian motion at 60% annual vol from 2,000 USD;
//   - congestion episodes, starting at exponential gaps of mean 30 days and
//     lasting 6 hours: the base fee ramps log-linearly over the first hour to
//     a level drawn in [300, 800] gwei and holds, blocks are 97% full, and
//     the price drifts down 15% over the episode on top of its noise;
//   - base fee otherwise: log-scale mean reversion toward 20 gwei (rate 0.05
//     and volatility 0.05 a step), within [3, 150]; fullness 0.5 ± 0.05;
//   - the oracle as Chainlink's ETH/USD feed: a round is triggered by a 0.5%
//     deviation or the 1-hour heartbeat and lands at once, or 2 to 15
//     minutes later during congestion; oracle_age_s and oracle_deviation
//     follow from it;
//   - block interval 12 s, participation 0.99, finality lag 2 epochs,
//     collector up: healthy throughout.
//
// It panics unless 0 < step ≤ span.
func Synthetic(seed uint64, span, step time.Duration) Incident {
	if step <= 0 || span < step {
		panic(fmt.Sprintf("backtest: Synthetic needs 0 < step ≤ span (got %s, %s)", step, span))
	}
	n := int(span/step) + 1
	rng := rand.New(rand.NewPCG(seed, 1))
	perStep := step.Seconds()
	year := 365 * 24 * time.Hour
	volStep := 0.6 * math.Sqrt(float64(step)/float64(year))
	episode := int(math.Ceil((6 * time.Hour).Seconds() / perStep))
	ramp := max(1, int(math.Ceil(time.Hour.Seconds()/perStep)))
	heartbeat := int(math.Ceil(time.Hour.Seconds() / perStep))
	drift := math.Log(0.85) / float64(episode)

	d := &synthetic{
		n: n, step: step,
		price: make([]float64, n), oracle: make([]float64, n), fee: make([]float64, n),
		used: make([]float64, n), age: make([]float64, n), dev: make([]float64, n),
	}
	nextEpisode := int(rng.ExpFloat64() * (30 * 24 * time.Hour).Seconds() / perStep)
	episodeEnd, peak := -1, 0.0
	logFee := math.Log(20.0)
	price := 2000.0
	answer, updated := price, 0
	pending, landAt, pendingAnswer := false, 0, 0.0
	for i := range n {
		if i == nextEpisode {
			episodeEnd = i + episode
			peak = math.Log(300 + 500*rng.Float64())
			nextEpisode = episodeEnd + int(rng.ExpFloat64()*(30*24*time.Hour).Seconds()/perStep)
		}
		congested := i < episodeEnd
		if i > 0 {
			move := volStep*rng.NormFloat64() - volStep*volStep/2
			if congested {
				move += drift
			}
			price *= math.Exp(move)
		}
		calm := logFee + 0.05*(math.Log(20)-logFee) + 0.05*rng.NormFloat64()
		logFee = min(max(calm, math.Log(3)), math.Log(150))
		fee, used := math.Exp(logFee), min(max(0.5+0.05*rng.NormFloat64(), 0.2), 0.9)
		if congested {
			into := min(i-(episodeEnd-episode)+1, ramp)
			fee = math.Exp(logFee + (peak-logFee)*float64(into)/float64(ramp))
			used = 0.97
		}
		if !pending && (math.Abs(price/answer-1) >= 0.005 || i-updated >= heartbeat) {
			pending, pendingAnswer, landAt = true, price, i
			if congested {
				landAt = i + int(math.Ceil((2+13*rng.Float64())*60/perStep))
			}
		}
		if pending && i >= landAt {
			answer, updated, pending = pendingAnswer, i, false
		}
		d.price[i], d.oracle[i] = round(price, 4), round(answer, 4)
		d.fee[i], d.used[i] = round(fee, 3), round(used, 4)
		d.age[i] = float64(i-updated) * perStep
		d.dev[i] = round(math.Abs(d.oracle[i]-d.price[i])/d.price[i], 6)
	}
	prices := make([]Price, n)
	for i := range prices {
		prices[i] = Price{At: d.at(i), Price: d.price[i], Oracle: d.oracle[i]}
	}
	return Incident{
		Name:  fmt.Sprintf("synthetic-%s-seed-%d", span, seed),
		Chain: "ethereum", Start: d.at(0), End: d.at(n - 1), Spacing: step,
		Signals: d.rows, Prices: prices,
	}
}

// synthetic holds a synthetic incident's series; its signal rows are made
// as they are read, so a year of them need not sit in memory.
type synthetic struct {
	n                                  int
	step                               time.Duration
	price, oracle, fee, used, age, dev []float64
}

func (d *synthetic) at(i int) time.Time { return SyntheticStart.Add(time.Duration(i) * d.step) }

var (
	twelve, ninetyNine, two, one = decimal.NewFromInt(12), decimal.RequireFromString("0.99"), decimal.NewFromInt(2), decimal.NewFromInt(1)
)

func (d *synthetic) rows(yield func(replay.Row) bool) {
	for i := range d.n {
		at := d.at(i)
		for _, r := range [...]struct {
			kind  string
			value decimal.Decimal
		}{
			{"base_fee_gwei", decimal.NewFromFloat(d.fee[i])},
			{"gas_used_ratio", decimal.NewFromFloat(d.used[i])},
			{"block_interval_s", twelve},
			{"participation_rate", ninetyNine},
			{"finality_lag_epochs", two},
			{"oracle_age_s", decimal.NewFromFloat(d.age[i])},
			{"oracle_deviation", decimal.NewFromFloat(d.dev[i])},
			{"collector_up", one},
		} {
			if !yield(replay.Row{At: at, Chain: "ethereum", Kind: r.kind, Value: r.value}) {
				return
			}
		}
	}
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
