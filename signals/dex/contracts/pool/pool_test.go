package pool_test

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/dex/contracts/pool"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

// testPool is a deployed TestPool.
type testPool struct {
	t    *testing.T
	c    *evmtest.Chain
	p    *pool.TestPool
	addr common.Address
}

func deploy(t *testing.T) *testPool {
	t.Helper()
	c := evmtest.New(t, false)
	addr, _ := c.Deploy(pool.TestPoolMetaData.Bin, nil)
	return &testPool{t: t, c: c, p: pool.NewTestPool(), addr: addr}
}

// send calls the pool with calldata in a transaction, mines it and
// returns its receipt.
func (tp *testPool) send(calldata []byte) *types.Receipt {
	tp.t.Helper()
	tx, err := bind.Transact(bind.NewBoundContract(tp.addr, abi.ABI{}, tp.c.Client, tp.c.Client, tp.c.Client), tp.c.Auth, calldata)
	if err != nil {
		tp.t.Fatalf("transact: %v", err)
	}
	tp.c.Mine(tx)
	r, err := tp.c.Client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		tp.t.Fatal(err)
	}
	return r
}

// reserves reads getReserves.
func (tp *testPool) reserves() pool.GetReservesOutput {
	tp.t.Helper()
	out, err := tp.c.Client.CallContract(context.Background(), ethereum.CallMsg{To: &tp.addr, Data: tp.p.PackGetReserves()}, nil)
	if err != nil {
		tp.t.Fatal(err)
	}
	r, err := tp.p.UnpackGetReserves(out)
	if err != nil {
		tp.t.Fatal(err)
	}
	return r
}

// events names the receipt's logs, in order.
func (tp *testPool) events(r *types.Receipt) []string {
	var out []string
	a := tp.p.GetABI()
	for _, l := range r.Logs {
		ev, err := a.EventByID(l.Topics[0])
		if err != nil {
			tp.t.Fatalf("log with unknown topic %s", l.Topics[0])
		}
		out = append(out, ev.Name)
	}
	return out
}

// sync decodes the receipt's Sync event.
func (tp *testPool) sync(r *types.Receipt) *pool.TestPoolSync {
	tp.t.Helper()
	for _, l := range r.Logs {
		if ev, err := tp.p.UnpackSyncEvent(l); err == nil {
			return ev
		}
	}
	tp.t.Fatal("no Sync event")
	return nil
}

// getAmountOut is Uniswap v2's getAmountOut (v2-periphery), written anew:
// the output of amountIn after the 0.3% fee, rounded down.
func getAmountOut(amountIn, reserveIn, reserveOut *big.Int) *big.Int {
	withFee := new(big.Int).Mul(amountIn, big.NewInt(997))
	num := new(big.Int).Mul(withFee, reserveOut)
	den := new(big.Int).Add(new(big.Int).Mul(reserveIn, big.NewInt(1000)), withFee)
	return num.Quo(num, den)
}

func pow10(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }

func amount(v, decimals int64) *big.Int { return new(big.Int).Mul(big.NewInt(v), pow10(decimals)) }

func TestGetAmountOutOfKnownSwaps(t *testing.T) {
	weth, usdc := amount(1000, 18), amount(2_000_000, 6)
	// Worked by hand: 997·10¹⁸·2·10¹² / (1000·10²¹ + 997·10¹⁸), rounded down.
	if got := getAmountOut(amount(1, 18), weth, usdc); got.Cmp(big.NewInt(1_992_013_962)) != 0 {
		t.Errorf("1 WETH buys %v, want 1992013962 (1992.013962 USDC)", got)
	}
	if got, want := getAmountOut(amount(2000, 6), usdc, weth), "996006981039903216"; got.String() != want {
		t.Errorf("2000 USDC buys %v, want %s", got, want)
	}
}

func TestSwapsPayGetAmountOut(t *testing.T) {
	tp := deploy(t)
	tp.send(tp.p.PackMint(amount(1000, 18), amount(2_000_000, 6)))
	recipient := common.HexToAddress("0x00000000000000000000000000000000000b0b00")
	for _, tc := range []struct {
		name       string
		zeroForOne bool
		in         *big.Int
	}{
		{"1 WETH for USDC", true, amount(1, 18)},
		{"2000 USDC for WETH", false, amount(2000, 6)},
		{"100 WETH for USDC", true, amount(100, 18)},
		{"a millionth of a WETH", true, big.NewInt(1_000_000_000_000)},
		{"500000 USDC for WETH", false, amount(500_000, 6)},
	} {
		before := tp.reserves()
		var r *types.Receipt
		var wantIn0, wantIn1, wantOut0, wantOut1 *big.Int
		if tc.zeroForOne {
			out := getAmountOut(tc.in, before.Reserve0, before.Reserve1)
			wantIn0, wantIn1, wantOut0, wantOut1 = tc.in, big.NewInt(0), big.NewInt(0), out
			r = tp.send(tp.p.PackSwap0For1(tc.in, recipient))
		} else {
			out := getAmountOut(tc.in, before.Reserve1, before.Reserve0)
			wantIn0, wantIn1, wantOut0, wantOut1 = big.NewInt(0), tc.in, out, big.NewInt(0)
			r = tp.send(tp.p.PackSwap1For0(tc.in, recipient))
		}
		// As UniswapV2Pair.swap: the reserves updated (Sync), then Swap.
		if order := tp.events(r); !slices.Equal(order, []string{"Sync", "Swap"}) {
			t.Errorf("%s: events %v, want Sync then Swap", tc.name, order)
		}
		ev, err := tp.p.UnpackSwapEvent(r.Logs[len(r.Logs)-1])
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if ev.Amount0In.Cmp(wantIn0) != 0 || ev.Amount1In.Cmp(wantIn1) != 0 || ev.Amount0Out.Cmp(wantOut0) != 0 || ev.Amount1Out.Cmp(wantOut1) != 0 {
			t.Errorf("%s: Swap in (%v, %v) out (%v, %v), want in (%v, %v) out (%v, %v)", tc.name,
				ev.Amount0In, ev.Amount1In, ev.Amount0Out, ev.Amount1Out, wantIn0, wantIn1, wantOut0, wantOut1)
		}
		if ev.Sender != tp.c.Auth.From || ev.To != recipient {
			t.Errorf("%s: Swap sender %s to %s, want %s to %s", tc.name, ev.Sender.Hex(), ev.To.Hex(), tp.c.Auth.From.Hex(), recipient.Hex())
		}
		after := tp.reserves()
		want0 := new(big.Int).Sub(new(big.Int).Add(before.Reserve0, wantIn0), wantOut0)
		want1 := new(big.Int).Sub(new(big.Int).Add(before.Reserve1, wantIn1), wantOut1)
		sync := tp.sync(r)
		if after.Reserve0.Cmp(want0) != 0 || after.Reserve1.Cmp(want1) != 0 || sync.Reserve0.Cmp(want0) != 0 || sync.Reserve1.Cmp(want1) != 0 {
			t.Errorf("%s: reserves (%v, %v), Sync (%v, %v), want (%v, %v)", tc.name,
				after.Reserve0, after.Reserve1, sync.Reserve0, sync.Reserve1, want0, want1)
		}
	}
}

func TestMintAndBurnMoveTheReserves(t *testing.T) {
	tp := deploy(t)
	r := tp.send(tp.p.PackMint(amount(1000, 18), amount(2_000_000, 6)))
	if order := tp.events(r); !slices.Equal(order, []string{"Sync", "Mint"}) {
		t.Errorf("mint: events %v, want Sync then Mint", order)
	}
	mint, err := tp.p.UnpackMintEvent(r.Logs[1])
	if err != nil || mint.Sender != tp.c.Auth.From || mint.Amount0.Cmp(amount(1000, 18)) != 0 || mint.Amount1.Cmp(amount(2_000_000, 6)) != 0 {
		t.Errorf("Mint %+v (%v), want the minter and the amounts", mint, err)
	}

	to := common.HexToAddress("0x0000000000000000000000000000000000000abc")
	r = tp.send(tp.p.PackBurn(amount(400, 18), amount(800_000, 6), to))
	if order := tp.events(r); !slices.Equal(order, []string{"Sync", "Burn"}) {
		t.Errorf("burn: events %v, want Sync then Burn", order)
	}
	burn, err := tp.p.UnpackBurnEvent(r.Logs[1])
	if err != nil || burn.Sender != tp.c.Auth.From || burn.To != to || burn.Amount0.Cmp(amount(400, 18)) != 0 || burn.Amount1.Cmp(amount(800_000, 6)) != 0 {
		t.Errorf("Burn %+v (%v), want the burner, the recipient and the amounts", burn, err)
	}
	got := tp.reserves()
	if got.Reserve0.Cmp(amount(600, 18)) != 0 || got.Reserve1.Cmp(amount(1_200_000, 6)) != 0 {
		t.Errorf("reserves (%v, %v) after the burn, want 600 WETH and 1200000 USDC", got.Reserve0, got.Reserve1)
	}
	if head := tp.c.Head(); uint64(got.BlockTimestampLast) != head.Time {
		t.Errorf("blockTimestampLast %d, want the burn's block time %d", got.BlockTimestampLast, head.Time)
	}

	// More than the reserves: the call reverts with InsufficientLiquidity.
	_, err = tp.c.Client.CallContract(context.Background(), ethereum.CallMsg{
		From: tp.c.Auth.From, To: &tp.addr, Data: tp.p.PackBurn(amount(601, 18), big.NewInt(0), to),
	}, nil)
	var de rpc.DataError
	if !errors.As(err, &de) {
		t.Fatalf("burning beyond the reserves: %v, want a revert", err)
	}
	if s, _ := de.ErrorData().(string); s != pool.TestPoolInsufficientLiquidityErrorID().Hex()[:10] {
		t.Errorf("revert data %v, want InsufficientLiquidity()", de.ErrorData())
	}
}
