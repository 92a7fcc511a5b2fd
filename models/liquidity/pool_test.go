package liquidity

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// getAmountOut is UniswapV2Library.getAmountOut from Uniswap's v2-periphery
// (contracts/libraries/UniswapV2Library.sol), in integers as the contract
// computes it: the 0.3% fee is charged on the input (Uniswap v2 whitepaper,
// §3.2.1), and the division rounds down.
func getAmountOut(amountIn, reserveIn, reserveOut *big.Int) *big.Int {
	amountInWithFee := new(big.Int).Mul(amountIn, big.NewInt(997))
	numerator := new(big.Int).Mul(amountInWithFee, reserveOut)
	denominator := new(big.Int).Mul(reserveIn, big.NewInt(1000))
	denominator.Add(denominator, amountInWithFee)
	return numerator.Div(numerator, denominator)
}

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad integer %q", s)
	}
	return v
}

// TestAmountOutMatchesUniswapV2Library: the float formula, on reserves in
// whole tokens, agrees with the contract's integer result to within one raw
// unit of the output token, and is never below it by more than rounding
// (the contract rounds down). Outputs stay under 2⁵³ raw units, where a
// float can resolve one unit.
func TestAmountOutMatchesUniswapV2Library(t *testing.T) {
	tests := []struct {
		name                      string
		reserveIn, reserveOut, in string
		decimalsIn, decimalsOut   int
	}{
		{"WETH→USDC, 1 ETH", "10000000000000000000000", "25000000000000", "1000000000000000000", 18, 6},
		{"WETH→USDC, 100 ETH", "10000000000000000000000", "25000000000000", "100000000000000000000", 18, 6},
		{"WETH→USDC, pool-sized", "10000000000000000000000", "25000000000000", "10000000000000000000000", 18, 6},
		{"WETH→USDC, 1 wei", "10000000000000000000000", "25000000000000", "1", 18, 6},
		{"WETH→USDC, odd amount", "7777777777777777777777", "19283746501234", "123456789012345678901", 18, 6},
		{"WBTC→USDC", "50000000000", "3000000000000", "250000000", 8, 6},
		{"USDC→WBTC", "3000000000000", "50000000000", "125000000000", 6, 8},
		{"USDC→USDT, 1M each", "1000000000000", "1000000000000", "1000000000", 6, 6},
		{"whole tokens, rounding down", "1000", "1000", "10", 0, 0},
		{"whole tokens, thin", "3", "1000000000", "1", 0, 0},
		{"whole tokens, huge sale", "1000", "1000000000", "1000000000000", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rin, rout, in := bigInt(t, tt.reserveIn), bigInt(t, tt.reserveOut), bigInt(t, tt.in)
			want, _ := new(big.Float).SetInt(getAmountOut(in, rin, rout)).Float64()
			scaleIn, scaleOut := math.Pow10(tt.decimalsIn), math.Pow10(tt.decimalsOut)
			fIn, _ := new(big.Float).SetInt(rin).Float64()
			fOut, _ := new(big.Float).SetInt(rout).Float64()
			fAmount, _ := new(big.Float).SetInt(in).Float64()
			p := Pool{Base: fIn / scaleIn, Quote: fOut / scaleOut, Fee: 0.003}
			got := p.AmountOut(fAmount/scaleIn) * scaleOut
			if diff := got - want; math.Abs(diff) >= 1 || diff < -0.01 {
				t.Errorf("AmountOut %.6f raw units, getAmountOut %.0f (diff %.6g)", got, want, diff)
			}
		})
	}
}

// randomPool draws reserves over twelve orders of magnitude and a fee up to
// 1%.
func randomPool(r *rand.Rand) Pool {
	return Pool{
		Base:  math.Pow(10, -3+12*r.Float64()),
		Quote: math.Pow(10, -3+12*r.Float64()),
		Fee:   0.01 * r.Float64(),
	}
}

// TestConstantProductInvariant: the fee-adjusted input keeps the product of
// the reserves: (x + (1−f)·dx)·(y − dy) = x·y.
func TestConstantProductInvariant(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		p := randomPool(rng)
		dx := p.Base * math.Pow(10, -6+7*rng.Float64()) // up to ten times the reserve
		dy := p.AmountOut(dx)
		k := p.Base * p.Quote
		if got := (p.Base + (1-p.Fee)*dx) * (p.Quote - dy); math.Abs(got-k) > 1e-12*k {
			t.Fatalf("%+v, dx %g: (x+(1−f)dx)(y−dy) = %.17g, x·y = %.17g", p, dx, got, k)
		}
	}
}

// TestSlippageIsLossAgainstMid: the slippage is 1 − dy/(p·dx), is the fee
// for the smallest sale and is 1 for an unbounded one.
func TestSlippageIsLossAgainstMid(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		p := randomPool(rng)
		dx := p.Base * math.Pow(10, -6+7*rng.Float64())
		want := 1 - p.AmountOut(dx)/(p.Mid()*dx)
		if got := p.Slippage(dx); math.Abs(got-want) > 1e-12 {
			t.Fatalf("%+v, dx %g: slippage %.17g, 1 − dy/(p·dx) = %.17g", p, dx, got, want)
		}
	}
	p := Pool{Base: 100, Quote: 250000, Fee: 0.003}
	if got := p.Slippage(0); math.Abs(got-0.003) > 1e-15 {
		t.Errorf("slippage of nothing %.17g, want the fee", got)
	}
	if got := p.Slippage(1e300); got != 1 {
		t.Errorf("slippage of 1e300 %.17g, want 1", got)
	}
}

// TestSlippageByHand: 10 ETH into 1,000 ETH / 2,500,000 USDC at 0.3%:
// dy = 2.5e6·9.97/1009.97 = 24,678.9509, mid value 25,000, slippage
// 1 − 24,678.9509/25,000 = 1.28420%.
func TestSlippageByHand(t *testing.T) {
	p := Pool{Base: 1000, Quote: 2_500_000, Fee: 0.003}
	if got := p.AmountOut(10); math.Abs(got-24678.9509) > 1e-4 {
		t.Errorf("AmountOut(10) = %.4f, by hand 24678.9509", got)
	}
	if got := p.Slippage(10); math.Abs(got-0.0128420) > 1e-7 {
		t.Errorf("Slippage(10) = %.7f, by hand 0.0128420", got)
	}
	if got := p.SlippageOfQuoteSize(25_000); math.Abs(got-0.0128420) > 1e-7 {
		t.Errorf("SlippageOfQuoteSize(25000) = %.7f, by hand 0.0128420", got)
	}
}

// TestMaxSellRoundTrip: the largest sale within a tolerance has exactly that
// slippage, and anything larger has more.
func TestMaxSellRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		p := randomPool(rng)
		m := p.Fee + (1-p.Fee)*rng.Float64()*0.9
		if m <= p.Fee {
			continue
		}
		dx := p.MaxSell(m)
		if got := p.Slippage(dx); math.Abs(got-m) > 1e-12 {
			t.Fatalf("%+v: Slippage(MaxSell(%.17g)) = %.17g", p, m, got)
		}
		if got := p.Slippage(dx * (1 + 1e-6)); got <= m {
			t.Fatalf("%+v: a sale 1e-6 larger than MaxSell(%g) still slips only %.17g", p, m, got)
		}
		if got, want := p.MaxSellQuote(m), dx*p.Mid(); math.Abs(got-want) > 1e-12*want {
			t.Fatalf("%+v: MaxSellQuote(%g) = %g, MaxSell·mid = %g", p, m, got, want)
		}
		if got := p.SlippageOfQuoteSize(p.MaxSellQuote(m)); math.Abs(got-m) > 1e-12 {
			t.Fatalf("%+v: SlippageOfQuoteSize(MaxSellQuote(%.17g)) = %.17g", p, m, got)
		}
	}
	p := Pool{Base: 100, Quote: 250000, Fee: 0.003}
	for _, tt := range []struct {
		m, want float64
	}{{0.003, 0}, {0.001, 0}, {-1, 0}, {math.NaN(), 0}, {1, math.Inf(1)}, {2, math.Inf(1)}} {
		if got := p.MaxSell(tt.m); got != tt.want {
			t.Errorf("MaxSell(%g) = %g, want %g", tt.m, got, tt.want)
		}
	}
}

// TestFromDepth: a pool built from depth and mid has that mid and quote
// reserve, and selling base worth q at mid slips as selling q/mid of base.
func TestFromDepth(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 10000 {
		depth, mid := math.Pow(10, 2+8*rng.Float64()), math.Pow(10, -2+7*rng.Float64())
		p := FromDepth(depth, mid, 0.003)
		if p.Quote != depth || math.Abs(p.Mid()-mid) > 1e-12*mid {
			t.Fatalf("FromDepth(%g, %g) = %+v, mid %g", depth, mid, p, p.Mid())
		}
		q := depth * math.Pow(10, -6+6*rng.Float64())
		if a, b := p.SlippageOfQuoteSize(q), p.Slippage(q/mid); math.Abs(a-b) > 1e-12 {
			t.Fatalf("depth %g mid %g size %g: SlippageOfQuoteSize %.17g, Slippage(size/mid) %.17g", depth, mid, q, a, b)
		}
	}
}

// TestFromV3WorkedExample: an ETH/USDC 0.3% pool at P = 2,500 (√P = 50) with
// active liquidity L = 100,000 has virtual reserves x = L/√P = 2,000 ETH and
// y = L·√P = 5,000,000 USDC. Selling 100 ETH (mid value $250,000) returns
// dy = 5e6·99.7/(2000 + 99.7) = 237,414.869 USDC, a slippage of 5.03405%.
func TestFromV3WorkedExample(t *testing.T) {
	p := FromV3(100_000, 50, 0.003)
	if p != (Pool{Base: 2000, Quote: 5_000_000, Fee: 0.003}) {
		t.Fatalf("FromV3 = %+v, want x 2000, y 5e6", p)
	}
	if got := p.AmountOut(100); math.Abs(got-237414.869) > 1e-3 {
		t.Errorf("AmountOut(100) = %.4f, by hand 237414.869", got)
	}
	if got := p.Slippage(100); math.Abs(got-0.0503405) > 1e-7 {
		t.Errorf("Slippage(100) = %.7f, by hand 0.0503405", got)
	}
}

// TestFromV3MatchesSqrtPriceMath: within one tick range, the virtual pool
// returns what Uniswap v3's own swap step does for an exact input of token0
// (v3-core SwapMath.computeSwapStep: the fee comes off the input, then
// SqrtPriceMath.getNextSqrtPriceFromAmount0RoundingUp gives
// √Q = L·√P/(L + a·√P) and getAmount1Delta the output L·(√P − √Q)), in
// exact arithmetic.
func TestFromV3MatchesSqrtPriceMath(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	fees := []float64{0.0001, 0.0005, 0.003, 0.01}
	for range 10000 {
		l, sp := math.Pow(10, 2+8*rng.Float64()), math.Pow(10, -3+6*rng.Float64())
		fee := fees[rng.IntN(len(fees))]
		p := FromV3(l, sp, fee)
		if want := (Pool{Base: l / sp, Quote: l * sp, Fee: fee}); p != want {
			t.Fatalf("FromV3(%g, %g) = %+v, want %+v", l, sp, p, want)
		}
		amount := p.Base * math.Pow(10, -5+5*rng.Float64())
		a := amount * (1 - fee)
		sq := l * sp / (l + a*sp)
		want := l * (sp - sq)
		if got := p.AmountOut(amount); math.Abs(got-want) > 1e-9*want {
			t.Fatalf("L %g √P %g fee %g amount %g: AmountOut %.17g, v3 step %.17g", l, sp, fee, amount, got, want)
		}
		if math.Abs(p.Mid()-sp*sp) > 1e-12*sp*sp {
			t.Fatalf("mid %g, P %g", p.Mid(), sp*sp)
		}
	}
}

// TestInvalidPoolIsWorstCase: an invalid pool or amount sells for nothing
// and loses everything, and allows no sale.
func TestInvalidPoolIsWorstCase(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	pools := []Pool{
		{Base: 0, Quote: 1000, Fee: 0.003},
		{Base: -1, Quote: 1000, Fee: 0.003},
		{Base: nan, Quote: 1000, Fee: 0.003},
		{Base: inf, Quote: 1000, Fee: 0.003},
		{Base: 10, Quote: 0, Fee: 0.003},
		{Base: 10, Quote: -5, Fee: 0.003},
		{Base: 10, Quote: inf, Fee: 0.003},
		{Base: 10, Quote: 1000, Fee: -0.01},
		{Base: 10, Quote: 1000, Fee: 1.5},
		{Base: 10, Quote: 1000, Fee: nan},
		FromDepth(1000, 0, 0.003),
		FromDepth(1000, -2, 0.003),
		FromDepth(0, 2000, 0.003),
		FromDepth(nan, 2000, 0.003),
		FromV3(0, 50, 0.003),
		FromV3(1000, 0, 0.003),
	}
	for _, p := range pools {
		if p.AmountOut(1) != 0 || p.Slippage(1) != 1 || p.SlippageOfQuoteSize(1) != 1 || p.MaxSell(0.5) != 0 || p.MaxSellQuote(0.5) != 0 || !math.IsNaN(p.Mid()) {
			t.Errorf("%+v: AmountOut %g, Slippage %g, SlippageOfQuoteSize %g, MaxSell %g, Mid %g; want the worst case",
				p, p.AmountOut(1), p.Slippage(1), p.SlippageOfQuoteSize(1), p.MaxSell(0.5), p.Mid())
		}
	}
	p := Pool{Base: 10, Quote: 1000, Fee: 0.003}
	for _, dx := range []float64{-1, nan, inf, math.Inf(-1)} {
		if p.AmountOut(dx) != 0 || p.Slippage(dx) != 1 || p.SlippageOfQuoteSize(dx) != 1 {
			t.Errorf("amount %g: AmountOut %g, Slippage %g, SlippageOfQuoteSize %g; want 0, 1, 1",
				dx, p.AmountOut(dx), p.Slippage(dx), p.SlippageOfQuoteSize(dx))
		}
	}
	// A fee of 1 keeps everything: valid, and a total loss.
	if q := (Pool{Base: 10, Quote: 1000, Fee: 1}); q.AmountOut(1) != 0 || q.Slippage(1) != 1 {
		t.Errorf("fee 1: AmountOut %g, Slippage %g", q.AmountOut(1), q.Slippage(1))
	}
}

// TestPoolMonotone: a larger sale, a thinner pool or a higher fee never
// slips less, and a higher tolerance never allows a smaller sale; exactly
// after rounding, except for the fee (to 1e-15).
func TestPoolMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 50000 {
		p := randomPool(rng)
		dx := p.Base * math.Pow(10, -8+10*rng.Float64())
		q := p.Quote * math.Pow(10, -8+10*rng.Float64())
		s, sq := p.Slippage(dx), p.SlippageOfQuoteSize(q)
		bigger := 1 + rng.Float64()*math.Pow(10, -15*rng.Float64())
		if got := p.Slippage(dx * bigger); got < s {
			t.Fatalf("%+v: Slippage(%g) = %.17g < Slippage(%g) = %.17g", p, dx*bigger, got, dx, s)
		}
		if got := p.SlippageOfQuoteSize(q * bigger); got < sq {
			t.Fatalf("%+v: SlippageOfQuoteSize(%g) = %.17g < %.17g at %g", p, q*bigger, got, sq, q)
		}
		thin := p
		thin.Base /= bigger
		thin.Quote /= bigger
		if got := thin.Slippage(dx); got < s {
			t.Fatalf("thinner %+v: Slippage(%g) = %.17g < %.17g", thin, dx, got, s)
		}
		if got := thin.SlippageOfQuoteSize(q); got < sq {
			t.Fatalf("thinner %+v: SlippageOfQuoteSize(%g) = %.17g < %.17g", thin, q, got, sq)
		}
		dear := p
		dear.Fee = min(p.Fee*bigger, 1)
		if got := dear.Slippage(dx); got < s-1e-15 {
			t.Fatalf("dearer %+v: Slippage(%g) = %.17g < %.17g", dear, dx, got, s)
		}
		m := rng.Float64()
		if a, b := p.MaxSell(m), p.MaxSell(min(m*bigger, 1)); b < a {
			t.Fatalf("%+v: MaxSell(%g) = %g > MaxSell(%g) = %g", p, m, a, m*bigger, b)
		}
	}
}
