package evm

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
)

func legacyTx(gasPrice int64) *types.Transaction {
	return types.NewTx(&types.LegacyTx{GasPrice: big.NewInt(gasPrice), Gas: 21000, To: &recipient})
}

func dynamicTx(feeCap, tip int64) *types.Transaction {
	return types.NewTx(&types.DynamicFeeTx{ChainID: simChainID, GasFeeCap: big.NewInt(feeCap), GasTipCap: big.NewInt(tip), Gas: 21000, To: &recipient})
}

func TestMedianGasPriceGwei(t *testing.T) {
	tests := []struct {
		name    string
		txs     types.Transactions
		baseFee *big.Int
		want    string // "" = no median
	}{
		{name: "empty block", want: ""},
		{name: "one", txs: types.Transactions{legacyTx(12_345_678_901)}, want: "12.345678901"},
		{name: "odd count, unsorted", txs: types.Transactions{legacyTx(40e9), legacyTx(10e9), legacyTx(20e9)}, want: "20"},
		{name: "even count: mean of the middle two", txs: types.Transactions{legacyTx(100e9), legacyTx(10e9), legacyTx(30e9), legacyTx(15e9)}, want: "22.5"},
		{name: "half a wei is kept", txs: types.Transactions{legacyTx(1), legacyTx(2)}, want: "0.0000000015"},
		// EIP-1559: effective gas price = min(fee cap, base fee + tip).
		{name: "after London", baseFee: big.NewInt(30e9), txs: types.Transactions{
			dynamicTx(100e9, 2e9), // 32 gwei: tip binds
			dynamicTx(31e9, 5e9),  // 31 gwei: fee cap binds
			legacyTx(45e9),        // a legacy transaction pays its gas price
		}, want: "32"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := MedianGasPriceGwei(tc.txs, tc.baseFee)
			if tc.want == "" {
				if ok {
					t.Errorf("median %s of no transactions", got)
				}
				return
			}
			if !ok || !got.Equal(dec(tc.want)) {
				t.Errorf("median %s (%v), want %s gwei", got, ok, tc.want)
			}
		})
	}
}

func ExampleMedianGasPriceGwei() {
	txs := types.Transactions{
		types.NewTx(&types.LegacyTx{GasPrice: big.NewInt(20_000_000_000)}),
		types.NewTx(&types.LegacyTx{GasPrice: big.NewInt(25_000_000_001)}),
	}
	median, ok := MedianGasPriceGwei(txs, nil)
	fmt.Println(median, ok)
	// Output: 22.5000000005 true
}
