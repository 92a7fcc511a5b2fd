package dex

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// The topic0 of Sync and Swap as published for every Uniswap v2 pair
// (block explorers show the same values for each), and the Keccak-256 of
// their signatures.
func TestTopicsAreThoseOfUniswapV2Pairs(t *testing.T) {
	for _, tc := range []struct {
		name, signature, published string
		topic                      common.Hash
	}{
		{"Sync", "Sync(uint112,uint112)", "0x1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbbad1", syncTopic},
		{"Swap", "Swap(address,uint256,uint256,uint256,uint256,address)", "0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822", swapTopic},
	} {
		if want := common.HexToHash(tc.published); tc.topic != want || crypto.Keccak256Hash([]byte(tc.signature)) != want {
			t.Errorf("%s topic %s, want %s", tc.name, tc.topic, want)
		}
	}
}

func TestBurnShowsAsLiquidityAndDrop(t *testing.T) {
	c := newChain(t, 1)
	weth, usdc := units("1000", 18), units("2000000", 6)
	addr := c.deployPool(weth, usdc)
	// The same market with the tokens the other way round, as in the
	// USDC/WETH pair whose token0 is USDC.
	inverted := c.deployPool(usdc, weth)
	coll := newCollector(t, Options{Client: c.client, Window: time.Hour, Pools: []Pool{
		{Name: "uni-weth-usdc", Address: addr, BaseDecimals: 18, QuoteDecimals: 6},
		{Name: "uni-usdc-weth", Address: inverted, BaseDecimals: 18, QuoteDecimals: 6, QuoteIsToken0: true},
	}})
	venues := []string{"uni-weth-usdc", "uni-usdc-weth"}
	obs := poll(t, coll)
	for _, v := range venues {
		if !up(t, obs, v) || !last(t, obs, v, KindPoolLiquidity).Equal(decimal.NewFromInt(2_000_000)) || !last(t, obs, v, KindPoolLiquidityDrop).IsZero() {
			t.Fatalf("%s before the burn: %v, want pool_liquidity 2000000, drop 0", v, obs)
		}
	}

	// 40% of the liquidity withdrawn from both.
	lp := c.accounts[0]
	c.send(lp, &addr, c.pool.PackBurn(units("400", 18), units("800000", 6), lp.addr), 1)
	c.send(lp, &inverted, c.pool.PackBurn(units("800000", 6), units("400", 18), lp.addr), 1)
	burn := c.seal()
	obs = poll(t, coll)
	_, r1 := c.reserves(addr)
	quote := decimal.NewFromBigInt(r1, -6)
	for _, v := range venues {
		if !up(t, obs, v) {
			t.Errorf("%s: collector_up 0 after the burn", v)
		}
		liq := of(obs, v, KindPoolLiquidity)
		if len(liq) != 1 || !liq[0].Value.Equal(quote) || !quote.Equal(decimal.NewFromInt(1_200_000)) {
			t.Errorf("%s: pool_liquidity %v, want once the new quote reserve %s = 1200000", v, liq, quote)
		}
		drop := of(obs, v, KindPoolLiquidityDrop)
		if len(drop) != 1 || !near(drop[0].Value, "0.4") {
			t.Errorf("%s: pool_liquidity_drop %v, want 0.4", v, drop)
		}
		for _, o := range append(liq, drop...) {
			if o.At.Unix() != int64(burn.Time) {
				t.Errorf("%v stamped %s, want the burn's block time %d", o, o.At, burn.Time)
			}
		}
	}

	// The drop is the window's: still seen half an hour on, gone once the
	// depth before the burn has left the window.
	c.advance(30 * time.Minute)
	obs = poll(t, coll)
	if d := last(t, obs, venues[0], KindPoolLiquidityDrop); !near(d, "0.4") {
		t.Errorf("drop %s half an hour after the burn, want 0.4", d)
	}
	c.advance(31 * time.Minute)
	obs = poll(t, coll)
	if d, l := last(t, obs, venues[0], KindPoolLiquidityDrop), last(t, obs, venues[0], KindPoolLiquidity); !d.IsZero() || !l.Equal(quote) {
		t.Errorf("over an hour after the burn: drop %s, liquidity %s; want 0 and %s", d, l, quote)
	}
}

// trade is one swap of a test block: who trades (an account index), which
// way, and the recipient if not the trader.
type trade struct {
	who        int
	zeroForOne bool
	to         *common.Address
}

// trades sends the swaps of one block on the pool at addr and seals it.
// Priority fees fall with the position, so the block holds them in the
// order given, which the test checks. It returns the block and the
// reserves after it, computed with getAmountOut.
func (c *chain) trades(addr common.Address, r0, r1 *big.Int, ts []trade) (*types.Header, *big.Int, *big.Int) {
	c.t.Helper()
	r0, r1 = new(big.Int).Set(r0), new(big.Int).Set(r1)
	var txs []*types.Transaction
	for i, tr := range ts {
		a := c.accounts[tr.who]
		to := a.addr
		if tr.to != nil {
			to = *tr.to
		}
		var calldata []byte
		if tr.zeroForOne {
			in := units("10", 18)
			out := getAmountOut(in, r0, r1)
			r0.Add(r0, in)
			r1.Sub(r1, out)
			calldata = c.pool.PackSwap0For1(in, to)
		} else {
			in := units("20000", 6)
			out := getAmountOut(in, r1, r0)
			r1.Add(r1, in)
			r0.Sub(r0, out)
			calldata = c.pool.PackSwap1For0(in, to)
		}
		txs = append(txs, c.send(a, &addr, calldata, int64(len(ts)-i)))
	}
	h := c.seal()
	for i, tx := range txs {
		if got := c.receipt(tx).TransactionIndex; got != uint(i) {
			c.t.Fatalf("swap %d is transaction %d of its block, want %d", i, got, i)
		}
	}
	return h, r0, r1
}

func TestSandwichRateOfOneBlock(t *testing.T) {
	const attacker, victim, other, third = 1, 2, 3, 4
	for _, tc := range []struct {
		name  string
		swaps []trade
		// The share of the block's swaps that were sandwiched.
		rate string
	}{
		// One victim among three swaps: the attacker's two count too.
		{"front-run, victim, back-run", []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: attacker}}, "0.333333"},
		{"the other way round", []trade{{who: attacker}, {who: victim}, {who: attacker, zeroForOne: true}}, "0.333333"},
		{"two victims in one sandwich", []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: other, zeroForOne: true}, {who: attacker}}, "0.5"},
		{"three unrelated traders", []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: third}}, "0"},
		{"one trader twice the same way", []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: attacker, zeroForOne: true}}, "0"},
		{"middle swap the other way", []trade{{who: attacker, zeroForOne: true}, {who: victim}, {who: attacker}}, "0"},
		{"no swap between", []trade{{who: attacker, zeroForOne: true}, {who: attacker}, {who: victim, zeroForOne: true}}, "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t, 5)
			r0, r1 := units("1000", 18), units("2000000", 6)
			addr := c.deployPool(r0, r1)
			logger, logs := newLogger()
			coll := newCollector(t, Options{Client: c.client, Logger: logger, Pools: []Pool{
				{Name: "uni-weth-usdc", Address: addr, BaseDecimals: 18, QuoteDecimals: 6},
			}})
			poll(t, coll)

			h, _, want1 := c.trades(addr, r0, r1, tc.swaps)
			obs := poll(t, coll)
			if !up(t, obs, "uni-weth-usdc") {
				t.Fatalf("collector_up 0: %v", obs)
			}
			rate := of(obs, "uni-weth-usdc", KindSandwichRate)
			if len(rate) != 1 || !rate[0].Value.Equal(decimal.RequireFromString(tc.rate)) || rate[0].At.Unix() != int64(h.Time) {
				t.Errorf("sandwich_rate %v, want %s at the block's time %d", rate, tc.rate, h.Time)
			}
			if n := last(t, obs, "uni-weth-usdc", KindLiquidationSandwiched); !n.IsZero() {
				t.Errorf("liquidation_sandwiched %s without liquidators, want 0", n)
			}
			// The reserves after the block are the Sync events', as
			// getAmountOut predicts them.
			if got, want := last(t, obs, "uni-weth-usdc", KindPoolLiquidity), decimal.NewFromBigInt(want1, -6).Round(6); !got.Equal(want) {
				t.Errorf("pool_liquidity %s after the swaps, want %s", got, want)
			}
			warned := logs.lines("level=WARN", "sandwiched swap")
			if tc.rate == "0" && len(warned) != 0 {
				t.Errorf("sandwiches logged for a block without: %q", warned)
			}
			if tc.rate != "0" {
				v := c.accounts[victim].addr.Hex()
				a := c.accounts[attacker].addr.Hex()
				if len(logs.lines("level=WARN", "sandwiched swap", "victim="+v, "attacker="+a, "victim_tx=0x", "front_tx=0x", "back_tx=0x")) != 1 {
					t.Errorf("victim %s not logged once with attacker %s and transactions: %q", v, a, warned)
				}
			}
		})
	}
}

func TestSandwichedLiquidationsAreCounted(t *testing.T) {
	const attacker, victim = 1, 2
	liquidatorContract := common.HexToAddress("0x00000000000000000000000000000000001a0d1d")
	for _, tc := range []struct {
		name        string
		liquidators func(c *chain) []common.Address
		to          *common.Address
		want        int64
	}{
		{"victim sent by a liquidator", func(c *chain) []common.Address { return []common.Address{c.accounts[victim].addr} }, nil, 1},
		{"victim paying a liquidator", func(*chain) []common.Address { return []common.Address{liquidatorContract} }, &liquidatorContract, 1},
		{"the attacker a liquidator", func(c *chain) []common.Address { return []common.Address{c.accounts[attacker].addr} }, nil, 0},
		{"no liquidator involved", func(*chain) []common.Address { return []common.Address{liquidatorContract} }, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t, 3)
			r0, r1 := units("1000", 18), units("2000000", 6)
			addr := c.deployPool(r0, r1)
			coll := newCollector(t, Options{Client: c.client, Pools: []Pool{
				{Name: "uni-weth-usdc", Address: addr, BaseDecimals: 18, QuoteDecimals: 6, Liquidators: tc.liquidators(c)},
			}})
			poll(t, coll)
			c.trades(addr, r0, r1, []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true, to: tc.to}, {who: attacker}})
			obs := poll(t, coll)
			if n := last(t, obs, "uni-weth-usdc", KindLiquidationSandwiched); !n.Equal(decimal.NewFromInt(tc.want)) {
				t.Errorf("liquidation_sandwiched %s, want %d", n, tc.want)
			}
			if r := last(t, obs, "uni-weth-usdc", KindSandwichRate); !r.Equal(decimal.RequireFromString("0.333333")) {
				t.Errorf("sandwich_rate %s, want 0.333333", r)
			}
		})
	}
}

func TestSandwichesCountWithinTheWindow(t *testing.T) {
	const attacker, victim, other = 1, 2, 3
	c := newChain(t, 4)
	r0, r1 := units("1000", 18), units("2000000", 6)
	addr := c.deployPool(r0, r1)
	coll := newCollector(t, Options{Client: c.client, Window: time.Hour, Pools: []Pool{
		{Name: "uni-weth-usdc", Address: addr, BaseDecimals: 18, QuoteDecimals: 6, Liquidators: []common.Address{c.accounts[victim].addr}},
	}})
	poll(t, coll)
	_, r0, r1 = c.trades(addr, r0, r1, []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: attacker}})
	poll(t, coll)
	// Three more swaps, none sandwiched, half an hour later: 1 of 6.
	c.advance(30 * time.Minute)
	c.trades(addr, r0, r1, []trade{{who: attacker, zeroForOne: true}, {who: victim, zeroForOne: true}, {who: other}})
	obs := poll(t, coll)
	if r, n := last(t, obs, "uni-weth-usdc", KindSandwichRate), last(t, obs, "uni-weth-usdc", KindLiquidationSandwiched); !r.Equal(decimal.RequireFromString("0.166667")) || n.Cmp(decimal.NewFromInt(1)) != 0 {
		t.Errorf("sandwich_rate %s, liquidation_sandwiched %s; want 0.166667 (1 of 6) and 1", r, n)
	}
	// An hour after the sandwich, only the later block counts.
	c.advance(31 * time.Minute)
	obs = poll(t, coll)
	if r, n := last(t, obs, "uni-weth-usdc", KindSandwichRate), last(t, obs, "uni-weth-usdc", KindLiquidationSandwiched); !r.IsZero() || !n.IsZero() {
		t.Errorf("an hour after the sandwich: sandwich_rate %s, liquidation_sandwiched %s; want 0 and 0", r, n)
	}
}

func TestEveryBlockWithEventsIsObserved(t *testing.T) {
	c := newChain(t, 2)
	lp := c.accounts[0]
	addr := c.deployPool(big.NewInt(0), big.NewInt(0))
	first := c.head().Number.Uint64() + 1
	var blocks []*types.Header
	for _, quote := range []string{"1000", "3000", "500"} {
		c.send(lp, &addr, c.pool.PackMint(units("1", 18), units(quote, 6)), 1)
		blocks = append(blocks, c.seal())
		c.sim.Commit() // a block without events between
	}
	coll := newCollector(t, Options{Client: c.client, StartBlock: first, MaxRange: 2, Pools: []Pool{
		{Name: "pool", Address: addr, BaseDecimals: 18, QuoteDecimals: 6},
	}})
	obs := poll(t, coll)
	if !up(t, obs, "pool") {
		t.Fatalf("collector_up 0: %v", obs)
	}
	liq := of(obs, "pool", KindPoolLiquidity)
	drop := of(obs, "pool", KindPoolLiquidityDrop)
	// The three mints, then the head, which had none.
	wantLiq := []string{"1000", "4000", "4500", "4500"}
	wantDrop := []string{"0", "0", "0", "0"}
	if len(liq) != len(wantLiq) || len(drop) != len(wantDrop) {
		t.Fatalf("pool_liquidity %v and drop %v, want %d each", liq, drop, len(wantLiq))
	}
	head := c.head()
	for i := range wantLiq {
		at := head.Time
		if i < len(blocks) {
			at = blocks[i].Time
		}
		if !liq[i].Value.Equal(decimal.RequireFromString(wantLiq[i])) || liq[i].At.Unix() != int64(at) {
			t.Errorf("pool_liquidity %d: %v, want %s at %d", i, liq[i], wantLiq[i], at)
		}
		if !drop[i].Value.Equal(decimal.RequireFromString(wantDrop[i])) {
			t.Errorf("drop %d: %v, want %s", i, drop[i], wantDrop[i])
		}
	}
	// Nothing new: only collector_up.
	if obs := poll(t, coll); len(obs) != 1 || !up(t, obs, "pool") {
		t.Errorf("poll without a new block: %v, want collector_up 1 alone", obs)
	}
}

// flakyClient fails eth_getLogs while failLogs is set.
type flakyClient struct {
	Client
	failLogs atomic.Bool
}

func (f *flakyClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if f.failLogs.Load() {
		return nil, errors.New("upstream timeout")
	}
	return f.Client.FilterLogs(ctx, q)
}

func TestFailedRangeIsReadAgainByTheNextPoll(t *testing.T) {
	c := newChain(t, 1)
	addr := c.deployPool(units("1000", 18), units("2000000", 6))
	client := &flakyClient{Client: c.client}
	coll := newCollector(t, Options{Client: client, Timeout: 300 * time.Millisecond,
		Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
		Pools:   []Pool{{Name: "pool", Address: addr, BaseDecimals: 18, QuoteDecimals: 6}},
	})
	poll(t, coll)
	lp := c.accounts[0]
	c.send(lp, &addr, c.pool.PackBurn(units("400", 18), units("800000", 6), lp.addr), 1)
	burn := c.seal()

	client.failLogs.Store(true)
	obs, err := coll.Poll(context.Background())
	if err == nil || !strings.Contains(err.Error(), "eth_getLogs") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Poll error %v, want eth_getLogs retried until the deadline", err)
	}
	if len(obs) != 1 || up(t, obs, "pool") {
		t.Fatalf("poll %v, want collector_up 0 alone", obs)
	}

	client.failLogs.Store(false)
	obs = poll(t, coll)
	liq := of(obs, "pool", KindPoolLiquidity)
	if len(liq) != 1 || !liq[0].Value.Equal(decimal.NewFromInt(1_200_000)) || liq[0].At.Unix() != int64(burn.Time) {
		t.Errorf("pool_liquidity %v, want 1200000 at the burn's block", liq)
	}
	if d := last(t, obs, "pool", KindPoolLiquidityDrop); !near(d, "0.4") {
		t.Errorf("drop %s, want 0.4", d)
	}
}

func TestUnreachableNodeReportsEveryPoolDown(t *testing.T) {
	c := newChain(t, 1)
	a := c.deployPool(units("1", 18), units("2000", 6))
	b := c.deployPool(units("1", 18), units("2000", 6))
	coll := newCollector(t, Options{
		Client: c.client, Timeout: 300 * time.Millisecond,
		Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
		Pools:   []Pool{{Name: "a", Address: a, QuoteDecimals: 6}, {Name: "b", Address: b, QuoteDecimals: 6}},
	})
	poll(t, coll)
	c.sim.Close()
	obs, err := coll.Poll(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Poll error %v, want the poll's deadline after retries", err)
	}
	if len(obs) != 2 || up(t, obs, "a") || up(t, obs, "b") {
		t.Errorf("poll %v, want collector_up 0 for each pool alone", obs)
	}
}

func TestPoolWithoutContractIsDownAlone(t *testing.T) {
	c := newChain(t, 1)
	addr := c.deployPool(units("1", 18), units("2000", 6))
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Client: c.client, Logger: logger, Timeout: 30 * time.Second,
		Pools: []Pool{
			{Name: "real", Address: addr, QuoteDecimals: 6},
			{Name: "typo", Address: common.HexToAddress("0xdead"), QuoteDecimals: 6},
		},
	})
	start := time.Now()
	obs, err := coll.Poll(context.Background())
	if !errors.Is(err, bind.ErrNoCode) || !errors.Is(err, collect.ErrPermanent) || !strings.Contains(err.Error(), "pool typo") {
		t.Fatalf("Poll error %v, want pool typo's missing contract, permanent", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Poll took %v: a missing contract was retried", d)
	}
	if up(t, obs, "typo") || len(of(obs, "typo", KindPoolLiquidity)) != 0 {
		t.Errorf("pool without a contract: %v, want collector_up 0 alone", obs)
	}
	if !up(t, obs, "real") || !last(t, obs, "real", KindPoolLiquidity).Equal(decimal.NewFromInt(2000)) {
		t.Errorf("the other pool: %v, want collector_up 1 and pool_liquidity 2000", obs)
	}
	if len(logs.lines("level=INFO", "reserves read", "pool=real")) != 1 {
		t.Errorf("reserves of the real pool not logged once")
	}
}

func TestRunEmitsEveryPollAndStopsWhenContextEnds(t *testing.T) {
	c := newChain(t, 1)
	addr := c.deployPool(units("1", 18), units("2000", 6))
	var sink collect.Memory
	coll := newCollector(t, Options{
		Client: c.client, Sink: &sink, PollInterval: 20 * time.Millisecond,
		Pools: []Pool{{Name: "pool", Address: addr, QuoteDecimals: 6}},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- coll.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.Kind(collect.KindCollectorUp)) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s, %d polls emitted, want 3", len(sink.Kind(collect.KindCollectorUp)))
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return 5 s after its context ended")
	}
	// No new block after the first poll: one reading, at the head.
	if liq := sink.Kind(KindPoolLiquidity); len(liq) != 1 || liq[0].Chain != "pool" || !liq[0].Value.Equal(decimal.NewFromInt(2000)) {
		t.Errorf("Run emitted pool_liquidity %v, want 2000 once", liq)
	}
	for _, o := range sink.Kind(collect.KindCollectorUp) {
		if o.Chain != "pool" || !o.Value.Equal(decimal.NewFromInt(1)) {
			t.Errorf("Run emitted %v, want pool/collector_up 1", o)
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	c := newChain(t, 1)
	pair := common.HexToAddress("0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc")
	good := func() Options {
		return Options{Client: c.client, Sink: &collect.Memory{},
			Pools: []Pool{{Name: "uni-usdc-weth", Address: pair, BaseDecimals: 18, QuoteDecimals: 6, QuoteIsToken0: true}}}
	}
	if _, err := New(good()); err != nil {
		t.Fatalf("New(good options): %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no client", func(o *Options) { o.Client = nil }, "no client"},
		{"no sink", func(o *Options) { o.Sink = nil }, "no sink"},
		{"no pools", func(o *Options) { o.Pools = nil }, "no pools"},
		{"bad name", func(o *Options) { o.Pools[0].Name = "Uni WETH/USDC" }, `pool 0: name "Uni WETH/USDC" is not a valid signal name`},
		{"repeated name", func(o *Options) {
			o.Pools = append(o.Pools, Pool{Name: o.Pools[0].Name, Address: common.HexToAddress("0x1")})
		}, `pool name "uni-usdc-weth" repeated`},
		{"no address", func(o *Options) { o.Pools[0].Address = common.Address{} }, `pool "uni-usdc-weth" has no address`},
		{"repeated address", func(o *Options) { o.Pools = append(o.Pools, Pool{Name: "again", Address: pair}) }, `pool "again": address ` + pair.Hex() + " repeated"},
		{"negative window", func(o *Options) { o.Window = -time.Hour }, "negative duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(&o)
			if _, err := New(o); err == nil || !strings.Contains(err.Error(), "dex: "+tc.want) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
}
