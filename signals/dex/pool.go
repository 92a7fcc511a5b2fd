package dex

import (
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/dex/contracts"
)

// places is the precision of every value this collector emits: depths in
// quote units and ratios, rounded half away from zero.
const places = 6

// poolState is what the collector knows of one pool.
type poolState struct {
	Pool
	log         *slog.Logger
	liquidators map[common.Address]bool

	ready              bool // reserves known
	reserve0, reserve1 *big.Int
	peaks              peakWindow
	swaps              swapWindow
	emitted            uint64 // the last block observed
	err                error  // the pool's failure in the current poll
}

func newPoolState(p Pool, log *slog.Logger) *poolState {
	s := &poolState{
		Pool:        p,
		log:         log.With("pool", p.Name, "address", p.Address.Hex()),
		liquidators: map[common.Address]bool{},
	}
	for _, a := range p.Liquidators {
		s.liquidators[a] = true
	}
	return s
}

// depth is the quote reserve in quote units, exactly.
func (p *poolState) depth() decimal.Decimal {
	return p.units(p.quoteReserve(), true)
}

// units scales an amount of the base (quote false) or the quote token
// into units.
func (p *poolState) units(amount *big.Int, quote bool) decimal.Decimal {
	if quote {
		return decimal.NewFromBigInt(amount, -int32(p.QuoteDecimals))
	}
	return decimal.NewFromBigInt(amount, -int32(p.BaseDecimals))
}

// baseTraded is the base a swap traded: the pool's net change in it.
func (p *poolState) baseTraded(ev *contracts.UniswapV2PairSwap) decimal.Decimal {
	in, out := ev.Amount0In, ev.Amount0Out
	if p.QuoteIsToken0 {
		in, out = ev.Amount1In, ev.Amount1Out
	}
	return p.units(new(big.Int).Sub(in, out), false).Abs()
}

// quoteReserve is the reserve of the quote token, in its smallest unit.
func (p *poolState) quoteReserve() *big.Int {
	if p.QuoteIsToken0 {
		return p.reserve0
	}
	return p.reserve1
}

// baseReserve is the reserve of the base token, in its smallest unit.
func (p *poolState) baseReserve() *big.Int {
	if p.QuoteIsToken0 {
		return p.reserve1
	}
	return p.reserve0
}

// setReserves records the reserves in effect from at on.
func (p *poolState) setReserves(r0, r1 *big.Int, at time.Time) {
	p.reserve0, p.reserve1 = r0, r1
	p.ready = true
	p.peaks.add(at, p.depth())
}

// block is one block's logs of one pool, in log-index order.
type block struct {
	number uint64
	hash   common.Hash
	at     time.Time
	logs   []types.Log
}

// apply reads a block's Sync and Swap events (senders maps the
// transactions of its swaps to their senders, when it has three or more)
// and returns the pool's observations as of the block.
func (p *poolState) apply(pair *contracts.UniswapV2Pair, b block, senders map[common.Hash]common.Address, window time.Duration) ([]collect.Observation, error) {
	var swaps []swap
	var r0, r1 *big.Int
	for i := range b.logs {
		l := &b.logs[i]
		switch l.Topics[0] {
		case syncTopic:
			ev, err := pair.UnpackSyncEvent(l)
			if err != nil {
				return nil, fmt.Errorf("dex: pool %s: Sync in block %d: %w", p.Name, b.number, err)
			}
			r0, r1 = ev.Reserve0, ev.Reserve1
		case swapTopic:
			ev, err := pair.UnpackSwapEvent(l)
			if err != nil {
				return nil, fmt.Errorf("dex: pool %s: Swap in block %d: %w", p.Name, b.number, err)
			}
			swaps = append(swaps, swap{
				trader: senders[l.TxHash], sender: ev.Sender, to: ev.To,
				dir: directionOf(ev.Amount0In, ev.Amount0Out), tx: l.TxHash,
				base: p.baseTraded(ev),
			})
		}
	}
	if r1 != nil {
		p.setReserves(r0, r1, b.at)
	}
	if len(swaps) > 0 {
		p.swaps.add(p.count(b, swaps))
	}
	return p.observe(b.number, b.at, window), nil
}

// count finds a block's sandwiches, logs them and counts them.
func (p *poolState) count(b block, swaps []swap) swapCount {
	c := swapCount{at: b.at, swaps: len(swaps)}
	for _, s := range sandwiches(swaps) {
		v := swaps[s.victim]
		liq := p.liquidators[v.trader] || p.liquidators[v.sender] || p.liquidators[v.to]
		c.victims++
		if liq {
			c.liquidations++
		}
		p.log.Warn("sandwiched swap", "block", b.number, "victim_tx", v.tx, "victim", v.trader.Hex(),
			"direction", v.dir, "base", v.base, "attacker", swaps[s.front].trader.Hex(),
			"front_tx", swaps[s.front].tx, "back_tx", swaps[s.back].tx, "liquidation", liq)
	}
	return c
}

// observe returns the pool's observations as of block n, of time t.
func (p *poolState) observe(n uint64, t time.Time, window time.Duration) []collect.Observation {
	p.emitted = n
	depth := p.depth()
	drop := decimal.Zero
	if peak, ok := p.peaks.peak(t, window); ok && peak.GreaterThan(depth) {
		drop = peak.Sub(depth).DivRound(peak, places)
	}
	sw := p.swaps.total(t, window)
	rate := decimal.Zero
	if sw.swaps > 0 {
		rate = decimal.NewFromInt(int64(sw.victims)).DivRound(decimal.NewFromInt(int64(sw.swaps)), places)
	}
	obs := func(kind string, v decimal.Decimal) collect.Observation {
		return collect.Observation{Chain: p.Name, Kind: kind, Value: v, At: t}
	}
	return []collect.Observation{
		obs(KindPoolLiquidity, depth.Round(places)),
		obs(KindPoolLiquidityDrop, drop),
		obs(KindSandwichRate, rate),
		obs(KindLiquidationSandwiched, decimal.NewFromInt(int64(sw.liquidations))),
	}
}
