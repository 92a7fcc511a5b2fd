package proof

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/consensus/misc/eip4844"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/triedb"
	"github.com/holiman/uint256"
)

// execute runs call once over st, as go-ethereum runs an eth_call
// (internal/ethapi.doCall: the message of TransactionArgs.ToMessage with
// the nonce and EOA checks skipped, vm.Config.NoBaseFee, and a base fee
// of zero in the block context when the call offers no gas price). It
// returns the result, or the execution error, together with what the
// execution read that st does not prove; when that is not empty the
// result is meaningless.
func (c *Caller) execute(ctx context.Context, st *provenState, call ethereum.CallMsg) (*core.ExecutionResult, needs, error) {
	msg, err := newMessage(call, st.header.BaseFee, c.opts.GasCap)
	if err != nil {
		return nil, needs{}, err
	}
	blockCtx, err := blockContext(st.header, c.opts.ChainConfig)
	if err != nil {
		return nil, needs{}, err
	}
	reader := newProvenReader(st)
	blockCtx.GetHash = reader.blockHash
	if msg.GasPrice.Sign() == 0 {
		blockCtx.BaseFee = new(big.Int)
	}
	if msg.BlobGasFeeCap != nil && msg.BlobGasFeeCap.Sign() == 0 {
		blockCtx.BlobBaseFee = new(big.Int)
	}
	// The database only gives the state its trie type: every read goes
	// to reader, and nothing is committed.
	db := state.NewDatabase(triedb.NewDatabase(rawdb.NewMemoryDatabase(), nil), nil)
	statedb, err := state.NewWithReader(st.header.Root, db, reader)
	if err != nil {
		return nil, needs{}, fmt.Errorf("proof: state: %w", err)
	}
	evm := vm.NewEVM(blockCtx, statedb, c.opts.ChainConfig, vm.Config{NoBaseFee: true})
	defer evm.Release()
	stop := context.AfterFunc(ctx, evm.Cancel)
	res, err := core.ApplyMessage(evm, msg, core.NewGasPool(math.MaxUint64))
	stop()
	if evm.Cancelled() {
		return nil, needs{}, fmt.Errorf("proof: call at block %s: %w", st.header.Number, context.Cause(ctx))
	}
	if serr := statedb.Error(); serr != nil {
		return nil, needs{}, fmt.Errorf("proof: state at block %s: %w", st.header.Number, serr)
	}
	if err != nil {
		err = fmt.Errorf("proof: call at block %s: %w (supplied gas %d)", st.header.Number, err, msg.GasLimit)
	}
	return res, reader.needs(), err
}

// newMessage turns call into the message go-ethereum executes for an
// eth_call (internal/ethapi TransactionArgs.CallDefaults and ToMessage):
// gas gasCap unless the call asks for less, nonce and EOA checks skipped,
// and with EIP-1559 fee fields only when it sets them.
func newMessage(call ethereum.CallMsg, baseFee *big.Int, gasCap uint64) (*core.Message, error) {
	if call.GasPrice != nil && (call.GasFeeCap != nil || call.GasTipCap != nil) {
		return nil, errors.New("proof: call sets both gasPrice and maxFeePerGas or maxPriorityFeePerGas")
	}
	if baseFee == nil && (call.GasFeeCap != nil || call.GasTipCap != nil) {
		return nil, errors.New("proof: maxFeePerGas and maxPriorityFeePerGas are not valid before London")
	}
	var errs []error
	word := func(name string, v *big.Int) *uint256.Int {
		if v == nil {
			return new(uint256.Int)
		}
		u, overflow := uint256.FromBig(v)
		if overflow || v.Sign() < 0 {
			errs = append(errs, fmt.Errorf("proof: call %s %s is not a 256-bit word", name, v))
		}
		return u
	}
	value := word("value", call.Value)
	gasPrice := word("gasPrice", call.GasPrice)
	gasFeeCap, gasTipCap := gasPrice, gasPrice
	if baseFee != nil && call.GasPrice == nil {
		gasFeeCap, gasTipCap = word("maxFeePerGas", call.GasFeeCap), word("maxPriorityFeePerGas", call.GasTipCap)
		gasPrice = new(uint256.Int)
		if gasFeeCap.Sign() > 0 || gasTipCap.Sign() > 0 {
			gasPrice.Add(gasTipCap, word("baseFee", baseFee))
			if gasPrice.Cmp(gasFeeCap) > 0 {
				gasPrice.Set(gasFeeCap)
			}
		}
	}
	var blobFeeCap *uint256.Int
	if call.BlobGasFeeCap != nil || call.BlobHashes != nil {
		blobFeeCap = word("maxFeePerBlobGas", call.BlobGasFeeCap)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	gas := call.Gas
	if gas == 0 || gas > gasCap {
		gas = gasCap
	}
	msg := &core.Message{
		From:                  call.From,
		To:                    call.To,
		Value:                 value,
		GasLimit:              gas,
		GasPrice:              gasPrice,
		GasFeeCap:             gasFeeCap,
		GasTipCap:             gasTipCap,
		Data:                  call.Data,
		AccessList:            call.AccessList,
		BlobGasFeeCap:         blobFeeCap,
		BlobHashes:            call.BlobHashes,
		SetCodeAuthorizations: call.AuthorizationList,
	}
	return msg.SkipNonceCheck().SkipEOACheck().SkipGasLimitCapCheck().SkipExecutionGasCapCheck(), nil
}

// blockContext is the EVM's view of header, as core.NewEVMBlockContext
// builds it with the header's coinbase as the author; GetHash is left to
// the caller.
func blockContext(header *types.Header, config *params.ChainConfig) (vm.BlockContext, error) {
	difficulty := new(big.Int)
	if header.Difficulty != nil {
		difficulty.Set(header.Difficulty)
	}
	bc := vm.BlockContext{
		CanTransfer:      core.CanTransfer,
		Transfer:         core.Transfer,
		Coinbase:         header.Coinbase,
		BlockNumber:      new(big.Int).Set(header.Number),
		Time:             header.Time,
		Difficulty:       difficulty,
		GasLimit:         header.GasLimit,
		CostPerStateByte: params.CostPerStateByte,
	}
	if header.BaseFee != nil {
		bc.BaseFee = new(big.Int).Set(header.BaseFee)
	}
	if header.ExcessBlobGas != nil {
		fee, err := blobBaseFee(config, header)
		if err != nil {
			return vm.BlockContext{}, err
		}
		bc.BlobBaseFee = fee
	}
	if difficulty.Sign() == 0 {
		random := header.MixDigest
		bc.Random = &random
	}
	if header.SlotNumber != nil {
		bc.SlotNum = *header.SlotNumber
	}
	return bc, nil
}

// blobBaseFee is eip4844.CalcBlobFee, which panics when config has no
// blob schedule for the header's fork: the config is then not the
// chain's.
func blobBaseFee(config *params.ChainConfig, header *types.Header) (fee *big.Int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("proof: the chain config has no blob schedule for block %s: %v", header.Number, r)
		}
	}()
	return eip4844.CalcBlobFee(config, header), nil
}
