package proof

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/rpc"
)

// Call executes call at block (nil for the latest, or a negative
// rpc.BlockNumber for a tag) in go-ethereum's EVM over state proven
// against the block's header:
//
//  1. It fetches the header from Options.Headers; every later read is of
//     that block, named by its hash (EIP-1898).
//  2. It asks the node for the call's access list (eth_createAccessList),
//     a hint of the accounts and slots the call reads; a node that cannot
//     give one only costs rounds.
//  3. It proves the caller, the callee, the header's coinbase and
//     everything the hint and the call's own access list name
//     (eth_getProof, checked as Check does), and fetches the code of each
//     proven contract (eth_getCode), which must hash to the proven code
//     hash.
//  4. It executes the call over exactly that state. Every account, slot,
//     code and block hash the execution reads is recorded; if it read
//     anything not proven, Call proves it and executes again, up to
//     MaxRounds rounds, after which it fails with ErrProof.
//  5. With CompareWithNode, it asks the node's eth_call at the same block
//     and fails with ErrProof if the answer differs.
//
// A call that reverts returns a *RevertError. Any proof, code or header
// that does not verify is an error wrapping ErrProof; transport errors
// and calls that fail in execution do not wrap it.
func (c *Caller) Call(ctx context.Context, call ethereum.CallMsg, block *big.Int) (CallResult, error) {
	if err := c.checkChain(ctx); err != nil {
		return CallResult{}, err
	}
	header, err := fetchHeader(ctx, c.opts.Headers, block)
	if err != nil {
		return CallResult{}, err
	}
	if _, err := newMessage(call, header.BaseFee, c.opts.GasCap); err != nil {
		return CallResult{}, err
	}
	// The node is asked with the gas the call runs with, so that both
	// executions see the same gas.
	if call.Gas == 0 || call.Gas > c.opts.GasCap {
		call.Gas = c.opts.GasCap
	}
	st := newProvenState(header)
	want := newNeeds()
	want.account(call.From)
	if call.To != nil {
		want.account(*call.To)
	}
	want.account(header.Coinbase)
	want.list(call.AccessList)
	want.list(c.accessList(ctx, call, header))
	for round := 1; ; round++ {
		if err := c.prove(ctx, st, want); err != nil {
			return CallResult{}, err
		}
		res, missing, err := c.execute(ctx, st, call)
		if !missing.empty() {
			if round >= c.opts.MaxRounds {
				return CallResult{}, fmt.Errorf("%w: call at block %s still reads unproven state after %d rounds: %s",
					ErrProof, header.Number, round, missing)
			}
			want = missing
			continue
		}
		if err != nil {
			return CallResult{}, err
		}
		var reverted *RevertError
		if errors.Is(res.Err, vm.ErrExecutionReverted) {
			reverted = &RevertError{Data: res.Revert()}
		} else if res.Err != nil {
			return CallResult{}, fmt.Errorf("proof: call at block %s: %w", header.Number, res.Err)
		}
		if c.opts.CompareWithNode {
			if err := c.compare(ctx, call, header, res.Return(), reverted); err != nil {
				return CallResult{}, err
			}
		}
		if reverted != nil {
			return CallResult{}, reverted
		}
		c.setLast(header)
		return CallResult{
			Return:   res.Return(),
			Header:   header,
			Rounds:   round,
			Accounts: len(st.accounts),
			Slots:    st.countSlots(),
			UsedGas:  res.UsedGas,
		}, nil
	}
}

// CodeAt returns the code of contract at block (nil for the latest, or a
// negative rpc.BlockNumber for a tag), proven: its hash is the code hash
// of the account proven against the block's header. It is empty for an
// account without code. It implements bind.ContractCaller.
func (c *Caller) CodeAt(ctx context.Context, contract common.Address, block *big.Int) ([]byte, error) {
	header, err := fetchHeader(ctx, c.opts.Headers, block)
	if err != nil {
		return nil, err
	}
	st := newProvenState(header)
	want := newNeeds()
	want.account(contract)
	if err := c.prove(ctx, st, want); err != nil {
		return nil, err
	}
	c.setLast(header)
	return st.codes[st.accounts[contract].CodeHash], nil
}

// accessList asks the node for the accounts and slots call reads at
// header. The list is a hint that costs rounds when wrong or missing,
// never correctness, so a node that cannot give one is not an error.
func (c *Caller) accessList(ctx context.Context, call ethereum.CallMsg, header *types.Header) types.AccessList {
	var res struct {
		AccessList types.AccessList `json:"accessList"`
	}
	if err := c.rpc.CallContext(ctx, &res, "eth_createAccessList", callArg(call), blockArg(header)); err != nil {
		return nil
	}
	return res.AccessList
}

// compare asks the node's eth_call at header and fails with ErrProof if
// its answer is not the verified one: ret, or the revert reverted.
func (c *Caller) compare(ctx context.Context, call ethereum.CallMsg, header *types.Header, ret []byte, reverted *RevertError) error {
	var got []byte
	err := c.rpc.CallContext(ctx, (*hexutil.Bytes)(&got), "eth_call", callArg(call), blockArg(header))
	var nodeRevert []byte
	if err != nil {
		var re rpc.Error
		if !errors.As(err, &re) || re.ErrorCode() != revertCode {
			return fmt.Errorf("proof: eth_call at block %s, to compare: %w", header.Number, err)
		}
		nodeRevert = revertData(err)
	}
	switch {
	case reverted == nil && err != nil:
		return fmt.Errorf("%w: at block %s the node's eth_call reverted (%x), verified execution returned %x",
			ErrProof, header.Number, nodeRevert, ret)
	case reverted != nil && err == nil:
		return fmt.Errorf("%w: at block %s the node's eth_call returned %x, verified execution reverted (%x)",
			ErrProof, header.Number, got, reverted.Data)
	case reverted != nil && !bytes.Equal(nodeRevert, reverted.Data):
		return fmt.Errorf("%w: at block %s the node's eth_call reverted with %x, verified execution with %x",
			ErrProof, header.Number, nodeRevert, reverted.Data)
	case reverted == nil && !bytes.Equal(got, ret):
		return fmt.Errorf("%w: at block %s the node's eth_call returned %x, verified execution %x",
			ErrProof, header.Number, got, ret)
	}
	return nil
}

// revertCode is the JSON-RPC error code of an eth_call that reverted, as
// go-ethereum and most nodes return it.
const revertCode = 3

// revertData is the revert data a node's error carries, hex-encoded in
// its data field; nil if there is none.
func revertData(err error) []byte {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil
	}
	b, err := hexutil.Decode(s)
	if err != nil {
		return nil
	}
	return b
}

// RevertError is a call that reverted in verified execution. It carries
// the JSON-RPC code and data a node gives a reverted eth_call (code 3, the
// revert data hex-encoded), so code that classifies node errors treats it
// alike, and it wraps vm.ErrExecutionReverted.
type RevertError struct {
	// Data is the revert data: an ABI-encoded Error(string), a custom
	// error, or empty.
	Data []byte
}

func (e *RevertError) Error() string {
	if reason, err := abi.UnpackRevert(e.Data); err == nil {
		return vm.ErrExecutionReverted.Error() + ": " + reason
	}
	return vm.ErrExecutionReverted.Error()
}

// Unwrap returns vm.ErrExecutionReverted.
func (e *RevertError) Unwrap() error { return vm.ErrExecutionReverted }

// ErrorCode implements rpc.Error.
func (e *RevertError) ErrorCode() int { return revertCode }

// ErrorData implements rpc.DataError.
func (e *RevertError) ErrorData() any { return hexutil.Encode(e.Data) }

// callArg is call as the argument of eth_call and eth_createAccessList
// (as ethclient encodes it).
func callArg(call ethereum.CallMsg) map[string]any {
	arg := map[string]any{"from": call.From, "to": call.To}
	if len(call.Data) > 0 {
		arg["input"] = hexutil.Bytes(call.Data)
	}
	if call.Value != nil {
		arg["value"] = (*hexutil.Big)(call.Value)
	}
	if call.Gas != 0 {
		arg["gas"] = hexutil.Uint64(call.Gas)
	}
	if call.GasPrice != nil {
		arg["gasPrice"] = (*hexutil.Big)(call.GasPrice)
	}
	if call.GasFeeCap != nil {
		arg["maxFeePerGas"] = (*hexutil.Big)(call.GasFeeCap)
	}
	if call.GasTipCap != nil {
		arg["maxPriorityFeePerGas"] = (*hexutil.Big)(call.GasTipCap)
	}
	if call.AccessList != nil {
		arg["accessList"] = call.AccessList
	}
	if call.BlobGasFeeCap != nil {
		arg["maxFeePerBlobGas"] = (*hexutil.Big)(call.BlobGasFeeCap)
	}
	if call.BlobHashes != nil {
		arg["blobVersionedHashes"] = call.BlobHashes
	}
	if call.AuthorizationList != nil {
		arg["authorizationList"] = call.AuthorizationList
	}
	return arg
}
