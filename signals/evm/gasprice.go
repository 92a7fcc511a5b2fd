package evm

import (
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"
)

// MedianGasPriceGwei returns the median effective gas price of txs in gwei,
// exactly, and false when txs is empty. It stands in for the base fee of
// blocks before London.
//
// A transaction's effective gas price is what it paid per gas: its gas
// price when baseFee is nil (before London every transaction is a legacy
// or access-list one with a gas price), else min(gasFeeCap, baseFee +
// gasTipCap) (EIP-1559). With an even number of transactions the median is
// the mean of the middle two, which may be half a wei.
func MedianGasPriceGwei(txs types.Transactions, baseFee *big.Int) (decimal.Decimal, bool) {
	if len(txs) == 0 {
		return decimal.Decimal{}, false
	}
	prices := make([]*big.Int, len(txs))
	for i, tx := range txs {
		prices[i] = effectiveGasPrice(tx, baseFee)
	}
	slices.SortFunc(prices, func(a, b *big.Int) int { return a.Cmp(b) })
	mid := len(prices) / 2
	if len(prices)%2 == 1 {
		return decimal.NewFromBigInt(prices[mid], -9), true
	}
	// (a+b)/2 wei = (a+b)·5 · 10⁻¹⁰ gwei, exactly.
	sum := new(big.Int).Add(prices[mid-1], prices[mid])
	return decimal.NewFromBigInt(sum.Mul(sum, big.NewInt(5)), -10), true
}

func effectiveGasPrice(tx *types.Transaction, baseFee *big.Int) *big.Int {
	if baseFee == nil {
		return tx.GasPrice()
	}
	p := new(big.Int).Add(baseFee, tx.GasTipCap())
	if p.Cmp(tx.GasFeeCap()) > 0 {
		return new(big.Int).Set(tx.GasFeeCap())
	}
	return p
}
