package main

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// congestionCrash: twelve hours of congestion with the base fee held
// between 300 and 800 gwei, and within it a 40% fall of ETH over six hours,
// while the oracle's transmissions wait in the mempool.
var congestionCrash = scenario{
	name: "synthetic-congestion-crash", stream: 1,
	title: "Long congestion and a 40% crash",
	story: `Twelve hours of congestion, 04:00 to 16:00, with the base fee held between 300 and 800 gwei (ramping up
over the hour before and down over the two hours after), and within them a fall of ETH by exactly 40% from its 06:00
level (near 2000 USD) to 12:00, with noise along the way. Oracle rounds are triggered as on Chainlink's ETH/USD feed
(0.5% deviation, 1-hour heartbeat) but, while the base fee is above 200 gwei, take 2 to 15 minutes to land
instead of 12 to 36 seconds. Consensus stays healthy. Black Thursday had gas at tens to about 200 gwei and a
fall of about half in a day; this scenario holds the congestion longer and higher.
`,
	how: []kv{
		{"base_fee_gwei", "log-scale mean reversion (rate 0.1, volatility 0.08 a minute) toward 25 gwei, ramping log-linearly to 500 gwei 03:00–04:00 and back 16:00–18:00; clamped to [300, 800] 04:00–16:00, [5, 900] otherwise"},
		{"gas_used_ratio", "0.5 ± normal noise (sd 0.08, clamped to [0.2, 0.9]) when calm; uniform in [0.95, 1] while the base fee is above 200 gwei"},
		{"block_interval_s", "12, or 24 (a missed slot) with probability 0.01, 0.04 while congested"},
		{"participation_rate", "uniform in [0.98, 0.99], [0.97, 0.99] while congested"},
		{"finality_lag_epochs", "2 throughout"},
		{"oracle_age_s", "seconds since the simulated feed's last round landed"},
		{"oracle_deviation", "\\|feed answer − price\\| / price"},
		{"collector_up", "1 throughout"},
	},
	steps: 24 * 60, step: time.Minute,
	build: func(r *rand.Rand, w *incidentFiles, steps int, step time.Duration) {
		const (
			calmFee, jamFee     = 25.0, 500.0
			rampUp, jamFrom     = 180, 240 // minutes
			jamTo, rampDown     = 960, 1080
			crashFrom, crashTo  = 360, 720
			start, crash, sigma = 2000.0, 0.6, 0.0008
		)
		fall := bridge(r, crashTo-crashFrom, math.Log(crash), 0.004)
		fee := &logOU{x: math.Log(calmFee), kappa: 0.1, sigma: 0.08}
		walk := newCrashWalk(start, crashFrom, crashTo, fall, sigma, 0.0015)
		oracle := newPushOracle(synthEpoch, start)
		for i := range steps {
			t := synthEpoch.Add(time.Duration(i) * step)
			price := walk.price(r, i)

			target, lo, hi := calmFee, 5.0, 900.0
			switch {
			case i >= rampUp && i < jamFrom:
				target = calmFee * math.Pow(jamFee/calmFee, float64(i-rampUp)/float64(jamFrom-rampUp))
			case i >= jamFrom && i < jamTo:
				target, lo, hi = jamFee, 300, 800
			case i >= jamTo && i < rampDown:
				target = jamFee * math.Pow(calmFee/jamFee, float64(i-jamTo)/float64(rampDown-jamTo))
			}
			baseFee := fee.next(r, target, lo, hi)
			jammed := baseFee > 200

			gasUsed, pMiss, part, delay := math.Min(math.Max(0.5+0.08*r.NormFloat64(), 0.2), 0.9), 0.01, uniform(r, 0.98, 0.99), uniform(r, 12, 36)
			if jammed {
				gasUsed, pMiss, part, delay = uniform(r, 0.95, 1), 0.04, uniform(r, 0.97, 0.99), uniform(r, 120, 900)
			}
			age, dev, oraclePrice := oracle.observe(t, price, seconds(delay), false)
			w.step(t, []kv{
				{"base_fee_gwei", fixed(baseFee, 3)},
				{"gas_used_ratio", fixed(gasUsed, 4)},
				{"block_interval_s", blockInterval(r, pMiss)},
				{"participation_rate", fixed(part, 4)},
				{"finality_lag_epochs", "2"},
				age, dev,
				{"collector_up", "1"},
			}, "ETH", fixed(price, 4), oraclePrice)
		}
	},
}

// frozenOracle: the oracle stops updating for three hours while ETH falls
// 25%.
var frozenOracle = scenario{
	name: "synthetic-frozen-oracle", stream: 2,
	title: "Oracle frozen for three hours while the price moves 25%",
	story: `The feed (triggered as Chainlink's ETH/USD: 0.5% deviation, 1-hour heartbeat, rounds landing 12 to 36
seconds after they are triggered) lands no round from 02:00 to 05:00, as if its transmitters had stopped, while
ETH falls by exactly 25% from its 02:00 level (near 2000 USD), with noise along the way. At 05:00 the feed resumes and catches up.
Chain and consensus stay healthy: the oracle kinds alone carry the stress, its age passing 3 hours and its
deviation reaching about a third (0.25 / 0.75 of the price).
`,
	how:   quietL1How("seconds since the simulated feed's last round landed; no round lands 02:00–05:00"),
	steps: 8 * 60, step: time.Minute,
	build: func(r *rand.Rand, w *incidentFiles, steps int, step time.Duration) {
		const (
			freezeFrom, freezeTo = 120, 300 // minutes
			start, move          = 2000.0, 0.75
		)
		fall := bridge(r, freezeTo-freezeFrom, math.Log(move), 0.002)
		fee := &logOU{x: math.Log(25), kappa: 0.1, sigma: 0.08}
		walk := newCrashWalk(start, freezeFrom, freezeTo, fall, 0.001, 0.0012)
		oracle := newPushOracle(synthEpoch, start)
		for i := range steps {
			t := synthEpoch.Add(time.Duration(i) * step)
			price := walk.price(r, i)
			frozen := i >= freezeFrom && i < freezeTo
			quietL1(r, w, t, fee, oracle, price, frozen)
		}
	},
}

// deepReorg: the network splits for 60 slots; the collector's endpoints
// disagree, then its primary reorganizes 60 blocks.
var deepReorg = scenario{
	name: "synthetic-deep-reorg", stream: 3,
	title: "A 60-block reorg and RPC disagreement",
	story: `At 01:48 the network splits (as after a client bug) and the collector's endpoints follow different forks
for 60 slots (12 minutes): ` + "`rpc_disagreement`" + ` is 1 from 01:48 to 02:00, participation falls to 55–65% and finality
stalls. At 02:00 the primary endpoint switches to the other fork, a 60-block reorg: ` + "`reorg_depth`" + ` reports 60 for the
collector's reorg memory of 10 minutes, then 0. Finality returns two epochs after the split heals (the lag is
back at 2 from 02:12:48). A 60-block reorg stays within the 64 slots of two epochs, the reach of an unfinalized
reorg on a healthy beacon chain; Polygon PoS reorganized 157 blocks on 22 February 2023. The price moves as on a
quiet day. A real EVM collector emits no block values for a block its endpoints disagree on; this scenario keeps
every watched kind at every step, so that only the reorg and disagreement signals carry the event.
`,
	how: []kv{
		{"base_fee_gwei", "log-scale mean reversion toward 25 gwei (rate 0.1, volatility 0.08 a minute), clamped to [5, 200]"},
		{"gas_used_ratio", "0.5 ± normal noise (sd 0.08, clamped to [0.2, 0.9])"},
		{"block_interval_s", "12, or 24 (a missed slot) with probability 0.01, 0.4 during the split"},
		{"participation_rate", "uniform in [0.98, 0.99]; uniform in [0.55, 0.65] during the split"},
		{"finality_lag_epochs", "2; from the split until two epochs after it heals, 3 in its first epoch (6.4 minutes) and one more each epoch after"},
		{"reorg_depth", "60 from 02:00 for 10 minutes, else 0"},
		{"rpc_disagreement", "1 from 01:48 until 02:00, else 0"},
		{"oracle_age_s", "seconds since the simulated feed's last round landed (0.5% deviation, 1-hour heartbeat, 12–36 s to land)"},
		{"oracle_deviation", "\\|feed answer − price\\| / price"},
		{"collector_up", "1 throughout"},
	},
	steps: 4 * 60, step: time.Minute,
	build: func(r *rand.Rand, w *incidentFiles, steps int, step time.Duration) {
		const depth = 60
		splitFrom := synthEpoch.Add(108 * time.Minute)
		splitTo := splitFrom.Add(depth * 12 * time.Second)
		finalAgain := splitTo.Add(2 * epochSeconds * time.Second)
		reorgUntil := splitTo.Add(10 * time.Minute)
		fee := &logOU{x: math.Log(25), kappa: 0.1, sigma: 0.08}
		logPrice := math.Log(2000.0)
		oracle := newPushOracle(synthEpoch, 2000)
		for i := range steps {
			t := synthEpoch.Add(time.Duration(i) * step)
			if i > 0 {
				logPrice += 0.001 * r.NormFloat64()
			}
			price := math.Exp(logPrice)
			split := !t.Before(splitFrom) && t.Before(splitTo)
			part, pMiss, disagree, reorg, lag := uniform(r, 0.98, 0.99), 0.01, "0", "0", uint64(2)
			if split {
				part, pMiss, disagree = uniform(r, 0.55, 0.65), 0.4, "1"
			}
			if !t.Before(splitTo) && t.Before(reorgUntil) {
				reorg = strconv.Itoa(depth)
			}
			if !t.Before(splitFrom) && t.Before(finalAgain) {
				lag = 2 + uint64(t.Sub(splitFrom)/(epochSeconds*time.Second)) + 1
			}
			baseFee := fee.next(r, 25, 5, 200)
			gasUsed := math.Min(math.Max(0.5+0.08*r.NormFloat64(), 0.2), 0.9)
			age, dev, oraclePrice := oracle.observe(t, price, seconds(uniform(r, 12, 36)), false)
			w.step(t, []kv{
				{"base_fee_gwei", fixed(baseFee, 3)},
				{"gas_used_ratio", fixed(gasUsed, 4)},
				{"block_interval_s", blockInterval(r, pMiss)},
				{"participation_rate", fixed(part, 4)},
				{"finality_lag_epochs", strconv.FormatUint(lag, 10)},
				{"reorg_depth", reorg},
				{"rpc_disagreement", disagree},
				age, dev,
				{"collector_up", "1"},
			}, "ETH", fixed(price, 4), oraclePrice)
		}
	},
}
