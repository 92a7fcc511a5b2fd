package dex

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/shopspring/decimal"
)

// direction is the way a swap trades, seen from the pool.
type direction int8

const (
	noDirection direction = iota
	zeroForOne            // token0 in, token1 out
	oneForZero            // token1 in, token0 out
)

func (d direction) String() string {
	switch d {
	case zeroForOne:
		return "0for1"
	case oneForZero:
		return "1for0"
	}
	return "none"
}

// opposite is the other way; noDirection has none.
func (d direction) opposite() direction {
	switch d {
	case zeroForOne:
		return oneForZero
	case oneForZero:
		return zeroForOne
	}
	return noDirection
}

// directionOf is the way a Swap event traded: by the pool's net change in
// token0, amount0In − amount0Out (a flash swap may pay in and take out
// both tokens). A pool gaining token0 swapped it for token1; a pool losing
// it swapped token1 for it; no change has no direction.
func directionOf(amount0In, amount0Out *big.Int) direction {
	switch amount0In.Cmp(amount0Out) {
	case 1:
		return zeroForOne
	case -1:
		return oneForZero
	}
	return noDirection
}

// swap is one Swap event of a pool.
type swap struct {
	// trader is the transaction's sender (its from); zero when it was not
	// read (in a block with fewer than three swaps of the pool) or could
	// not be recovered.
	trader common.Address
	// sender and to are the event's: the account that called the pool
	// (often a router) and the recipient of the output.
	sender, to common.Address
	dir        direction
	tx         common.Hash
	// base is the base asset traded, in units, for the log.
	base decimal.Decimal
}

// sandwich is a victim swap with the front-run and back-run that enclose
// it, as indexes into a block's swaps.
type sandwich struct {
	front, victim, back int
}

// sandwiches finds the sandwiched swaps among one block's swaps of one
// pool, given in log-index order. Swap V is sandwiched when an earlier
// swap A and a later swap B, both by one trader other than V's, trade A in
// V's direction and B in the opposite one: the front-run buys what the
// victim buys and the back-run sells it back. A swap without a direction
// is never a victim, nor a front-run or a back-run, and neither is a swap
// of an unknown trader a front-run or a back-run. Each victim is
// reported once, with the first such B after it and the first front-run
// of B's trader before it.
func sandwiches(swaps []swap) []sandwich {
	var out []sandwich
	for v, sv := range swaps {
		if sv.dir == noDirection {
			continue
		}
		// The earliest same-way swap before V of each other trader.
		fronts := map[common.Address]int{}
		for a := range v {
			sa := swaps[a]
			if _, seen := fronts[sa.trader]; !seen && sa.dir == sv.dir && sa.trader != sv.trader && sa.trader != (common.Address{}) {
				fronts[sa.trader] = a
			}
		}
		if len(fronts) == 0 {
			continue
		}
		for b := v + 1; b < len(swaps); b++ {
			sb := swaps[b]
			if a, ok := fronts[sb.trader]; ok && sb.dir == sv.dir.opposite() {
				out = append(out, sandwich{front: a, victim: v, back: b})
				break
			}
		}
	}
	return out
}
