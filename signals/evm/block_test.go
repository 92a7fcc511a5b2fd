package evm

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/shopspring/decimal"
)

// nextBaseFee is the base fee rule of EIP-1559
// (https://eips.ethereum.org/EIPS/eip-1559), written out from the spec:
//
//	target = parent_gas_limit / ELASTICITY_MULTIPLIER            (2)
//	used == target: base_fee = parent_base_fee
//	used >  target: base_fee = parent_base_fee + max(parent_base_fee·(used−target)/target/8, 1)
//	used <  target: base_fee = parent_base_fee − parent_base_fee·(target−used)/target/8
//
// with BASE_FEE_MAX_CHANGE_DENOMINATOR = 8 and integer division.
func nextBaseFee(parent *types.Header) *big.Int {
	target := parent.GasLimit / 2
	fee := new(big.Int).Set(parent.BaseFee)
	switch {
	case parent.GasUsed > target:
		d := new(big.Int).Mul(parent.BaseFee, new(big.Int).SetUint64(parent.GasUsed-target))
		d.Div(d, new(big.Int).SetUint64(target))
		d.Div(d, big.NewInt(8))
		if d.Sign() == 0 {
			d.SetInt64(1)
		}
		fee.Add(fee, d)
	case parent.GasUsed < target:
		d := new(big.Int).Mul(parent.BaseFee, new(big.Int).SetUint64(target-parent.GasUsed))
		d.Div(d, new(big.Int).SetUint64(target))
		d.Div(d, big.NewInt(8))
		fee.Sub(fee, d)
	}
	return fee
}

// Three blocks filled to the gas limit with transfers, three empty ones,
// then an empty one 90 s later: every block's base fee, gas used ratio and
// interval as emitted must match the chain and EIP-1559.
func TestBlockValuesFollowEIP1559AndTheHeaders(t *testing.T) {
	const perBlock = 10 // transfers of 21000 gas fill a block
	sim := newSim(t, simulated.WithBlockGasLimit(perBlock*21000))
	cl := sim.Client()
	mem := startCollector(t, Options{Endpoints: []Endpoint{{Name: "sim", Client: cl}}})
	waitBlock(t, mem, header(t, cl, 0))

	feeCap, tip := big.NewInt(100e9), big.NewInt(1e9)
	nonce := uint64(0)
	for range 3 {
		for range perBlock {
			sendTransfer(t, sim, nonce, feeCap, tip)
			nonce++
		}
		commitWhenPending(t, sim, perBlock)
	}
	for range 3 {
		sim.Commit()
	}
	if err := sim.AdjustTime(90 * time.Second); err != nil {
		t.Fatal(err)
	}
	const last = 7
	waitBlock(t, mem, header(t, cl, last))

	fees := make([]decimal.Decimal, last+1)
	for n := uint64(1); n <= last; n++ {
		h, p := header(t, cl, n), header(t, cl, n-1)
		full := n <= 3
		if full != (h.GasUsed == h.GasLimit) || (!full && h.GasUsed != 0) {
			t.Fatalf("block %d used %d of %d gas; the test needs blocks 1-3 full, the rest empty", n, h.GasUsed, h.GasLimit)
		}
		want := gwei(nextBaseFee(p))
		got, err := value(mem, KindBaseFeeGwei, h)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("block %d: base_fee_gwei %s, want %s (EIP-1559 from parent %s gwei, %d/%d gas)", n, got, want, gwei(p.BaseFee), p.GasUsed, p.GasLimit)
		}
		fees[n] = got

		wantRatio := decimal.Zero
		if full {
			wantRatio = decimal.NewFromInt(1)
		}
		if got, err := value(mem, KindGasUsedRatio, h); err != nil || !got.Equal(wantRatio) {
			t.Errorf("block %d: gas_used_ratio %s (%v), want %s", n, got, err, wantRatio)
		}
		wantInterval := decimal.NewFromInt(int64(h.Time - p.Time))
		if n == last {
			wantInterval = decimal.NewFromInt(90)
		}
		if got, err := value(mem, KindBlockIntervalS, h); err != nil || !got.Equal(wantInterval) {
			t.Errorf("block %d: block_interval_s %s (%v), want %s", n, got, err, wantInterval)
		}
		if got, err := value(mem, KindReorgDepth, h); err != nil || !got.IsZero() {
			t.Errorf("block %d: reorg_depth %s (%v), want 0", n, got, err)
		}
	}

	// EIP-1559's INITIAL_BASE_FEE is 1 gwei: an empty genesis lowers block
	// 1's by 1/8, and a full block 1 raises block 2's by 1/8 of that.
	if want := decimal.RequireFromString("0.875"); !fees[1].Equal(want) {
		t.Errorf("block 1: base fee %s gwei, want %s", fees[1], want)
	}
	if want := decimal.RequireFromString("0.984375"); !fees[2].Equal(want) {
		t.Errorf("block 2: base fee %s gwei, want %s", fees[2], want)
	}
	for n := 2; n <= 4; n++ {
		if !fees[n].GreaterThan(fees[n-1]) {
			t.Errorf("base fee did not rise after full block %d: %s then %s", n-1, fees[n-1], fees[n])
		}
	}
	for n := 5; n <= last; n++ {
		if !fees[n].LessThan(fees[n-1]) {
			t.Errorf("base fee did not fall after empty block %d: %s then %s", n-1, fees[n-1], fees[n])
		}
	}
}
