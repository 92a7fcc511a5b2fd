package liquidity_test

import (
	"fmt"

	"github.com/infrarisk/infrarisk/models/liquidity"
)

// A Uniswap v2 pool of 1,000 ETH and 2,500,000 USDC: selling 10 ETH returns
// 24,678.95 USDC against a mid value of 25,000, and a 2% tolerance allows a
// sale of 17.4 ETH.
func ExamplePool() {
	p := liquidity.Pool{Base: 1000, Quote: 2_500_000, Fee: 0.003}
	fmt.Printf("mid %.0f, 10 ETH → %.2f USDC, slippage %.3f%%\n", p.Mid(), p.AmountOut(10), 100*p.Slippage(10))
	fmt.Printf("within 2%%: %.2f ETH\n", p.MaxSell(0.02))
	// Output:
	// mid 2500, 10 ETH → 24678.95 USDC, slippage 1.284%
	// within 2%: 17.40 ETH
}

// A Uniswap v3 ETH/USDC pool at P = 2,500 (√P = 50) with active liquidity
// 100,000 behaves, within its tick range, as a v2 pool of 2,000 ETH and
// 5,000,000 USDC.
func ExampleFromV3() {
	p := liquidity.FromV3(100_000, 50, 0.003)
	fmt.Printf("virtual reserves %.0f ETH, %.0f USDC\n", p.Base, p.Quote)
	fmt.Printf("selling 100 ETH: %.2f USDC, slippage %.2f%%\n", p.AmountOut(100), 100*p.Slippage(100))
	// Output:
	// virtual reserves 2000 ETH, 5000000 USDC
	// selling 100 ETH: 237414.87 USDC, slippage 5.03%
}

// A swap slipping 0.4% with a 1% tolerance, when one swap in ten is
// sandwiched: 0.4% + 0.1·1%·(1 − 0.4%) = 0.4996%.
func ExampleExpectedLoss() {
	fmt.Printf("%.4f%%\n", 100*liquidity.ExpectedLoss(0.004, 0.1, 0.01))
	// Output: 0.4996%
}

// A $2.1M pool that lost 45% of its liquidity over the window, with 3% of
// its swaps sandwiched: typical liquidations of $50k and a largest of $500k.
func ExampleAssess() {
	a := liquidity.Assess(2_100_000, 2500, 0.45, 0.03, 0, 50_000, 500_000, liquidity.DefaultConfig())
	fmt.Printf("typical %.2f%%, largest %.2f%%, close %.1f%%, bonus %.2f%%, shortfall %.2f%%\n",
		100*a.TypicalSlippage, 100*a.LargestSlippage, 100*a.CloseFraction, 100*a.Bonus, 100*a.Shortfall)
	for _, r := range a.Reasons {
		fmt.Println(r)
	}
	// Output:
	// typical 4.45%, largest 30.38%, close 11.4%, bonus 4.45%, shortfall 15.38%
	// pool depth $2.1M (−45% over the window), $1.16M if the drain continues 1 more window
	// selling a typical liquidation ($50k) loses 4.5% incl. 3% sandwich rate
	// selling the largest liquidation ($500k) loses 30.4% incl. 3% sandwich rate
	// only 11.4% of the largest liquidation can be sold losing at most 5%
	// the largest liquidation loses 15.4% more than the 15% bonus cap can pay
}

// A bridge that lost 12% of its locked value over the window, then paused.
func ExampleHaircut() {
	cfg := liquidity.DefaultBridgeConfig()
	for _, paused := range []bool{false, true} {
		fmt.Printf("%.0f%%: %s\n", 100*liquidity.Haircut(0.12, paused, cfg), liquidity.HaircutReason(0.12, paused, cfg))
	}
	// Output:
	// 6%: bridge outflow 12% of the value locked over the window: haircut 6%
	// 31%: bridge outflow 12% of the value locked over the window; withdrawals paused (+25%): haircut 31%
}
