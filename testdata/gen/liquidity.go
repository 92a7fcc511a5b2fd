package main

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// liquidityDrain: ETH falls 35% over three hours on a healthy chain while
// the DEX pool liquidations sell into loses 97.5% of its depth.
var liquidityDrain = scenario{
	name: "synthetic-liquidity-drain", stream: 4,
	title: "A 35% crash while the liquidations' pool drains",
	story: `ETH falls by exactly 35% from its 02:00 level (near 2000 USD) to 05:00, with noise along the way, on a
healthy chain: ordinary gas, consensus and oracle (rounds triggered as on Chainlink's ETH/USD feed, 0.5% deviation
and a 1-hour heartbeat, landing 12 to 36 seconds after they are triggered). Over the same three hours the
Uniswap-style WETH/USDC pool the market's liquidations sell into, the venue ` + "`uni-weth-usdc`" + `, loses 97.5% of
its depth: its USDC side falls log-linearly from 40 million to 1 million dollars as liquidity providers withdraw,
and stays there to the end. Sandwiching rises as the pool thins, and from the drain on the market's own liquidations
are sandwiched too. Only the pool carries the stress: the engine's chain signals stay healthy, so parameters
that ignore the pool see an ordinary crash, while every liquidation's sale into the thin pool loses to its
price impact. Liquidity providers withdrawing as the price falls, leaving liquidations to sell into what remains,
is the pattern; the figures are drawn, not recorded.
`,
	how:  quietL1How("seconds since the simulated feed's last round landed"),
	pool: liquidityDrainPool,
	poolHow: []kv{
		{"pool_liquidity", "the pool's USDC reserve, in USD: 40,000,000 to 02:00, log-linear to 1,000,000 at 05:00, then 1,000,000; times a measurement noise e^(0.005·Z), rounded to the dollar"},
		{"pool_liquidity_drop", "the share of the depth withdrawn over the collector's 1-hour window, max(0, 1 − depth now / depth 60 minutes before, or at 00:00 before 01:00), about 0.71 through the drain"},
		{"sandwich_rate", "the share of the pool's swaps sandwiched: uniform in [0.01, 0.03], plus 0.25 × thinness, where thinness = ln(40M / depth) / ln 40 clamped to [0, 1] (0 at 40M, 1 at 1M)"},
		{"liquidation_sandwiched", "the market's liquidations sandwiched over the last hour: each minute one is, with probability 0.08 × thinness, counted over the 60 minutes to the row"},
		{"collector_up", "1 throughout"},
	},
	steps: 8 * 60, step: time.Minute,
	build: func(r *rand.Rand, w *incidentFiles, steps int, step time.Duration) {
		const (
			crashFrom, crashTo = 120, 300 // minutes: the crash and the drain
			start, move        = 2000.0, 0.65
			deep, thin         = 40e6, 1e6
			window             = 60 // minutes: the collector's window
		)
		fall := bridge(r, crashTo-crashFrom, math.Log(move), 0.003)
		fee := &logOU{x: math.Log(25), kappa: 0.1, sigma: 0.08}
		walk := newCrashWalk(start, crashFrom, crashTo, fall, 0.001, 0.0012)
		oracle := newPushOracle(synthEpoch, start)
		depths := make([]float64, steps)
		sandwiched := make([]bool, steps)
		for i := range steps {
			t := synthEpoch.Add(time.Duration(i) * step)
			price := walk.price(r, i)
			quietL1(r, w, t, fee, oracle, price, false)

			drained := math.Min(math.Max(float64(i-crashFrom)/float64(crashTo-crashFrom), 0), 1)
			depths[i] = math.Round(deep * math.Pow(thin/deep, drained) * math.Exp(0.005*r.NormFloat64()))
			thinness := math.Min(math.Max(math.Log(deep/depths[i])/math.Log(deep/thin), 0), 1)
			sandwiched[i] = r.Float64() < 0.08*thinness
			count := 0
			for j := max(i-window+1, 0); j <= i; j++ {
				if sandwiched[j] {
					count++
				}
			}
			drop := math.Max(0, 1-depths[i]/depths[max(i-window, 0)])
			w.venue(t, liquidityDrainPool, []kv{
				{"pool_liquidity", fixed(depths[i], 0)},
				{"pool_liquidity_drop", fixed(drop, 4)},
				{"sandwich_rate", fixed(uniform(r, 0.01, 0.03)+0.25*thinness, 4)},
				{"liquidation_sandwiched", strconv.Itoa(count)},
				{"collector_up", "1"},
			})
		}
	},
}

// liquidityDrainPool is the pool venue of synthetic-liquidity-drain.
const liquidityDrainPool = "uni-weth-usdc"
