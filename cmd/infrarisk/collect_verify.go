package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/evm"
	"github.com/infrarisk/infrarisk/signals/proof"
)

// chainConfigs are the chains whose execution rules --verify-proofs knows,
// by chain id. An L2 runs its own precompiles and fee rules, which
// go-ethereum's EVM does not, so verified calls are for L1s (and the
// development chain the tests run).
var chainConfigs = map[uint64]*params.ChainConfig{
	params.MainnetChainConfig.ChainID.Uint64():         params.MainnetChainConfig,
	params.SepoliaChainConfig.ChainID.Uint64():         params.SepoliaChainConfig,
	params.AllDevChainProtocolChanges.ChainID.Uint64(): params.AllDevChainProtocolChanges,
}

// verifiedCaller makes the oracle collector's calls through proofs on the
// endpoint: a call whose state does not prove against the block header is
// refused, and reported as rpc_disagreement 1.
func verifiedCaller(ctx context.Context, e evm.Endpoint, chain string, sink collect.Sink) (*reportingCaller, error) {
	if e.RPC == nil {
		return nil, errors.New("--verify-proofs: the first --rpc endpoint gives no raw JSON-RPC client")
	}
	var id uint64
	var hexID string
	if err := e.RPC.CallContext(ctx, &hexID, "eth_chainId"); err != nil {
		return nil, fmt.Errorf("--verify-proofs: eth_chainId: %w", err)
	}
	if _, err := fmt.Sscanf(hexID, "0x%x", &id); err != nil {
		return nil, fmt.Errorf("--verify-proofs: eth_chainId %q", hexID)
	}
	cfg, ok := chainConfigs[id]
	if !ok {
		return nil, fmt.Errorf("--verify-proofs: no execution rules for chain id %d (mainnet, Sepolia and the dev chain are known; an L2's own precompiles are not)", id)
	}
	opts := proof.DefaultCallerOptions()
	opts.Client, opts.ChainConfig = e.RPC, cfg
	c, err := proof.NewCaller(opts)
	if err != nil {
		return nil, err
	}
	return &reportingCaller{Caller: c, rpc: e.RPC, chain: chain, sink: sink}, nil
}

// reportingCaller is a verified caller that emits rpc_disagreement 1 when a
// proof fails: the node served state that is not the chain's.
type reportingCaller struct {
	*proof.Caller
	rpc   *rpc.Client
	chain string
	sink  collect.Sink
}

func (r *reportingCaller) CallContract(ctx context.Context, call ethereum.CallMsg, block *big.Int) ([]byte, error) {
	out, err := r.Caller.CallContract(ctx, call, block)
	r.report(ctx, err)
	return out, err
}

func (r *reportingCaller) CodeAt(ctx context.Context, contract common.Address, block *big.Int) ([]byte, error) {
	out, err := r.Caller.CodeAt(ctx, contract, block)
	r.report(ctx, err)
	return out, err
}

func (r *reportingCaller) report(ctx context.Context, err error) {
	if errors.Is(err, proof.ErrProof) {
		r.sink.Emit(ctx, []collect.Observation{{Chain: r.chain, Kind: collect.KindRPCDisagreement, Value: decimal.NewFromInt(1), At: time.Now()}})
	}
}
