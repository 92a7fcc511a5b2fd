package proof_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/proof"
)

func TestNewCallerRejectsBadOptions(t *testing.T) {
	// Dialling HTTP connects to nothing until the first call.
	client, err := rpc.DialHTTP("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	for name, opts := range map[string]proof.CallerOptions{
		"no client":         {},
		"negative rounds":   {Client: client, MaxRounds: -1},
		"config without id": {Client: client, ChainConfig: &params.ChainConfig{}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := proof.NewCaller(opts); err == nil {
				t.Fatal("NewCaller accepted the options")
			}
		})
	}
}

func TestVerifiedCallReturnsWhatTheNodeReturns(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	caller := c.caller(t, c.rpc, proof.CallerOptions{})
	head := c.head(t)
	tests := []struct {
		name  string
		to    common.Address
		block *big.Int
		// round is the round latestRoundData must answer: 1, or 0 for
		// the all-zero answer before the first round.
		round int64
	}{
		{"feed at the latest block", c.feed, nil, 1},
		{"proxy at the latest block", c.proxy, nil, 1},
		{"proxy at the head by number", c.proxy, head.Number, 1},
		{"proxy before the first round", c.proxy, new(big.Int).SetUint64(c.beforeAnswer), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := c.latestRoundData(tt.to)
			res, err := caller.Call(ctx, call, tt.block)
			if err != nil {
				t.Fatal(err)
			}
			want, err := c.client.CallContract(ctx, call, res.Header.Number)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Return, want) {
				t.Fatalf("verified call returned %x, the node's eth_call %x", res.Return, want)
			}
			wantHeader, err := c.client.HeaderByNumber(ctx, tt.block)
			if err != nil {
				t.Fatal(err)
			}
			if res.Header.Hash() != wantHeader.Hash() || caller.LastHeader().Hash() != wantHeader.Hash() {
				t.Errorf("executed at block %s (%s), want %s (%s)", res.Header.Number, res.Header.Hash(), wantHeader.Number, wantHeader.Hash())
			}
			// The node's access list names everything the call reads.
			if res.Rounds != 1 {
				t.Errorf("took %d rounds, want 1", res.Rounds)
			}
			out, err := c.mock.UnpackLatestRoundData(res.Return)
			if err != nil {
				t.Fatal(err)
			}
			want5 := [5]*big.Int{big.NewInt(tt.round), feedAnswer, new(big.Int).SetUint64(feedStartedAt), new(big.Int).SetUint64(feedUpdatedAt), big.NewInt(tt.round)}
			if tt.round == 0 {
				want5 = [5]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)}
			}
			got5 := [5]*big.Int{out.Arg0, out.Arg1, out.Arg2, out.Arg3, out.Arg4}
			for i := range got5 {
				if got5[i].Cmp(want5[i]) != 0 {
					t.Errorf("latestRoundData value %d = %s, want %s", i, got5[i], want5[i])
				}
			}
		})
	}
}

func TestVerifiedCallThroughBindings(t *testing.T) {
	c := newFeedChain(t)
	caller := c.caller(t, c.rpc, proof.CallerOptions{CompareWithNode: true})
	got, err := bind.Call(bind.NewBoundContract(c.proxy, c.mock.GetABI(), caller, nil, nil), nil,
		c.mock.PackDecimals(), c.mock.UnpackDecimals)
	if err != nil {
		t.Fatal(err)
	}
	if got != feedDecimals {
		t.Errorf("decimals() = %d, want %d", got, feedDecimals)
	}
	// A call to an account without code returns nothing, and the
	// bindings then ask CodeAt, which proves that there is no code.
	_, err = bind.Call(bind.NewBoundContract(c.eoa, c.mock.GetABI(), caller, nil, nil), nil,
		c.mock.PackDecimals(), c.mock.UnpackDecimals)
	if !errors.Is(err, bind.ErrNoCode) {
		t.Errorf("call to an account without code: got %v, want bind.ErrNoCode", err)
	}
}

func TestCodeAtReturnsProvenCode(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	caller := c.caller(t, c.rpc, proof.CallerOptions{})
	for _, addr := range []common.Address{c.feed, c.proxy, c.eoa, common.HexToAddress("0x00000000000000000000000000000000000ab5e7")} {
		got, err := caller.CodeAt(ctx, addr, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.client.CodeAt(ctx, addr, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("code of %s: proven %x, eth_getCode %x", addr, got, want)
		}
	}
	if got, _ := caller.CodeAt(ctx, c.proxy, nil); !bytes.Equal(got, proxyRuntime) {
		t.Errorf("code of the proxy is %x, want the runtime it deployed, %x", got, proxyRuntime)
	}
}

func TestRevertIsReportedAsTheNodeReportsIt(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	// getRoundData(5) reverts with NoDataPresent(5): the feed has one
	// round.
	call := ethereum.CallMsg{To: &c.proxy, Data: c.mock.PackGetRoundData(big.NewInt(5))}
	_, nodeErr := c.client.CallContract(ctx, call, nil)
	var nodeData rpc.DataError
	if !errors.As(nodeErr, &nodeData) {
		t.Fatalf("node's eth_call: %v, want a revert with data", nodeErr)
	}
	for _, compare := range []bool{false, true} {
		caller := c.caller(t, c.rpc, proof.CallerOptions{CompareWithNode: compare})
		_, err := caller.CallContract(ctx, call, nil)
		var revert *proof.RevertError
		if !errors.As(err, &revert) {
			t.Fatalf("compare %t: got %v, want a *RevertError", compare, err)
		}
		if !errors.Is(err, vm.ErrExecutionReverted) || errors.Is(err, proof.ErrProof) {
			t.Errorf("compare %t: %v wraps ErrExecutionReverted: %t, ErrProof: %t, want true and false",
				compare, err, errors.Is(err, vm.ErrExecutionReverted), errors.Is(err, proof.ErrProof))
		}
		if revert.ErrorCode() != 3 || revert.ErrorData() != nodeData.ErrorData() {
			t.Errorf("compare %t: revert code %d data %v, the node's 3 and %v", compare, revert.ErrorCode(), revert.ErrorData(), nodeData.ErrorData())
		}
		if want := c.mock.GetABI().Errors["NoDataPresent"].ID; len(revert.Data) < 4 || !bytes.Equal(revert.Data[:4], want[:4]) {
			t.Errorf("revert data %x does not start with NoDataPresent's selector %x", revert.Data, want)
		}
	}
}

func TestBlockHashIsProvenThroughParentHashes(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	caller := c.caller(t, c.rpc, proof.CallerOptions{CompareWithNode: true})
	res, err := caller.Call(ctx, ethereum.CallMsg{To: &c.blockHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	target := new(big.Int).Sub(res.Header.Number, big.NewInt(4))
	want, err := c.client.HeaderByNumber(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	if common.BytesToHash(res.Return) != want.Hash() {
		t.Errorf("BLOCKHASH(%s) = %x, want %s", target, res.Return, want.Hash())
	}
	// The hash is read in the first round and proven for the second.
	if res.Rounds != 2 {
		t.Errorf("took %d rounds, want 2", res.Rounds)
	}

	// An endpoint serving the earlier headers with another parent hash
	// breaks the chain of hashes from the call's header.
	forged := endpoint(t, c.rpc, rewrite{response: func(method string, result json.RawMessage) json.RawMessage {
		if method != "eth_getBlockByNumber" {
			return result
		}
		return editJSON(t, result, func(m map[string]any) {
			if m["hash"] != res.Header.Hash().Hex() {
				m["parentHash"] = common.Hash{1}.Hex()
			}
		})
	}})
	_, err = c.caller(t, forged, proof.CallerOptions{}).Call(ctx, ethereum.CallMsg{To: &c.blockHash}, nil)
	if !errors.Is(err, proof.ErrProof) {
		t.Errorf("headers with forged parent hashes: got %v, want ErrProof", err)
	}
}

func TestChainConfigOfAnotherChainIsRejected(t *testing.T) {
	c := newFeedChain(t)
	caller, err := proof.NewCaller(proof.CallerOptions{Client: c.rpc}) // mainnet's configuration
	if err != nil {
		t.Fatal(err)
	}
	_, err = caller.CallContract(context.Background(), c.latestRoundData(c.feed), nil)
	if err == nil || errors.Is(err, proof.ErrProof) || !strings.Contains(err.Error(), "1337") {
		t.Fatalf("got %v, want an error naming chain 1337 that does not wrap ErrProof", err)
	}
}
