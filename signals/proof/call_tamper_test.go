package proof_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/infrarisk/infrarisk/signals/proof"
)

// requestLog records the calls an endpoint forwards.
type requestLog struct {
	mu    sync.Mutex
	calls []loggedCall
}

type loggedCall struct {
	method string
	params []json.RawMessage
}

func (l *requestLog) add(method string, params []json.RawMessage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, loggedCall{method, params})
}

// count returns how many calls of method were made.
func (l *requestLog) count(method string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.calls {
		if c.method == method {
			n++
		}
	}
	return n
}

// proofKeys returns the storage keys of each eth_getProof of addr, in
// order.
func (l *requestLog) proofKeys(t *testing.T, addr common.Address) [][]common.Hash {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out [][]common.Hash
	for _, c := range l.calls {
		if c.method != "eth_getProof" || common.HexToAddress(unquote(t, c.params[0])) != addr {
			continue
		}
		out = append(out, proofRequestKeys(t, c.params))
	}
	return out
}

func proofRequestKeys(t *testing.T, params []json.RawMessage) []common.Hash {
	t.Helper()
	var keys []common.Hash
	if err := json.Unmarshal(params[1], &keys); err != nil {
		t.Fatal(err)
	}
	return keys
}

func unquote(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// withoutSlot removes slot from the storage keys of addr in an
// eth_createAccessList result.
func withoutSlot(t *testing.T, result json.RawMessage, addr common.Address, slot common.Hash) json.RawMessage {
	t.Helper()
	return editJSON(t, result, func(m map[string]any) {
		for _, entry := range m["accessList"].([]any) {
			e := entry.(map[string]any)
			if common.HexToAddress(e["address"].(string)) != addr {
				continue
			}
			keys := e["storageKeys"].([]any)
			e["storageKeys"] = slices.DeleteFunc(keys, func(k any) bool { return common.HexToHash(k.(string)) == slot })
		}
	})
}

func TestVerifiedCallCatchesATamperingEndpoint(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	_, round := roundSlots()
	updatedAtSlot := round[2]
	earlier := c.head(t).Number.Uint64() - 1

	// onResult edits the results of one method, onRequest the params.
	onResult := func(method string, edit func(json.RawMessage) json.RawMessage) func(string, json.RawMessage) json.RawMessage {
		return func(m string, result json.RawMessage) json.RawMessage {
			if m != method {
				return result
			}
			return edit(result)
		}
	}
	onRequest := func(method string, edit func([]json.RawMessage)) func(string, []json.RawMessage) []json.RawMessage {
		return func(m string, params []json.RawMessage) []json.RawMessage {
			if m == method {
				edit(params)
			}
			return params
		}
	}
	forgedStorage := onResult("eth_getProof", func(r json.RawMessage) json.RawMessage {
		return editJSON(t, r, func(m map[string]any) {
			for _, sp := range m["storageProof"].([]any) {
				s := sp.(map[string]any)
				if common.HexToHash(s["key"].(string)) == updatedAtSlot {
					s["value"] = hexutil.EncodeUint64(feedUpdatedAt + 3600)
				}
			}
		})
	})
	tests := []struct {
		name    string
		rw      rewrite
		compare bool
		// proofErr is whether the error must wrap ErrProof; a refused
		// or unanswerable request must not.
		proofErr bool
	}{
		{"forged eth_call result", rewrite{response: onResult("eth_call", func(r json.RawMessage) json.RawMessage {
			return mustJSON(t, flipByte(t, unquote(t, r)))
		})}, true, true},
		{"forged storage value", rewrite{response: forgedStorage}, false, true},
		{"forged storage value, compared with eth_call", rewrite{response: forgedStorage}, true, true},
		{"forged code", rewrite{response: onResult("eth_getCode", func(r json.RawMessage) json.RawMessage {
			return mustJSON(t, flipByte(t, unquote(t, r)))
		})}, false, true},
		{"proofs of another block", rewrite{request: onRequest("eth_getProof", func(p []json.RawMessage) {
			p[2] = mustJSON(t, hexutil.EncodeUint64(earlier))
		})}, false, true},
		{"code of another account", rewrite{request: onRequest("eth_getCode", func(p []json.RawMessage) {
			p[0] = mustJSON(t, c.blockHash)
		})}, false, true},
		{"access list omits a slot that proofs then leave out", rewrite{
			response: onResult("eth_createAccessList", func(r json.RawMessage) json.RawMessage {
				return withoutSlot(t, r, c.feed, updatedAtSlot)
			}),
			request: onRequest("eth_getProof", func(p []json.RawMessage) {
				keys := slices.DeleteFunc(proofRequestKeys(t, p), func(k common.Hash) bool { return k == updatedAtSlot })
				p[1] = mustJSON(t, keys)
			}),
		}, false, true},
		{"access list omits a slot whose proof is refused", rewrite{
			response: onResult("eth_createAccessList", func(r json.RawMessage) json.RawMessage {
				return withoutSlot(t, r, c.feed, updatedAtSlot)
			}),
			request: onRequest("eth_getProof", func(p []json.RawMessage) {
				if slices.Contains(proofRequestKeys(t, p), updatedAtSlot) {
					// A block the node does not know: it answers with an error.
					p[2] = mustJSON(t, map[string]any{"blockHash": common.Hash{1}})
				}
			}),
		}, false, false},
		{"eth_getProof refused", rewrite{refuse: "eth_getProof"}, false, false},
		{"eth_call refused, compared", rewrite{refuse: "eth_call"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			caller := c.caller(t, endpoint(t, c.rpc, tt.rw), proof.CallerOptions{CompareWithNode: tt.compare})
			got, err := caller.CallContract(ctx, c.latestRoundData(c.proxy), nil)
			if err == nil {
				t.Fatalf("accepted %x", got)
			}
			if errors.Is(err, proof.ErrProof) != tt.proofErr {
				t.Fatalf("got %v; wraps ErrProof: %t, want %t", err, errors.Is(err, proof.ErrProof), tt.proofErr)
			}
			t.Log(err)
		})
	}
}

func TestVerifiedCallDoesNotTrustTheNodeAnswer(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	call := c.latestRoundData(c.proxy)
	want, err := c.client.CallContract(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	var log requestLog
	client := endpoint(t, c.rpc, rewrite{
		request: func(method string, params []json.RawMessage) []json.RawMessage {
			log.add(method, params)
			return params
		},
		response: func(method string, result json.RawMessage) json.RawMessage {
			if method == "eth_call" {
				return mustJSON(t, flipByte(t, unquote(t, result)))
			}
			return result
		},
	})
	got, err := c.caller(t, client, proof.CallerOptions{}).CallContract(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got %x, want %x", got, want)
	}
	if n := log.count("eth_call"); n != 0 {
		t.Errorf("asked the node's eth_call %d times without CompareWithNode", n)
	}
}

func TestVerifiedCallProvesWhatTheAccessListOmits(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	_, round := roundSlots()
	omitted := round[2] // updatedAt
	call := c.latestRoundData(c.proxy)
	want, err := c.client.CallContract(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	var log requestLog
	client := endpoint(t, c.rpc, rewrite{
		request: func(method string, params []json.RawMessage) []json.RawMessage {
			log.add(method, params)
			return params
		},
		response: func(method string, result json.RawMessage) json.RawMessage {
			if method == "eth_createAccessList" {
				return withoutSlot(t, result, c.feed, omitted)
			}
			return result
		},
	})
	res, err := c.caller(t, client, proof.CallerOptions{}).Call(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Return, want) {
		t.Fatalf("got %x, want %x", res.Return, want)
	}
	if res.Rounds != 2 {
		t.Errorf("took %d rounds, want 2", res.Rounds)
	}
	// The first proof of the feed lacks the slot; the second asks for it
	// alone, found by the execution.
	keys := log.proofKeys(t, c.feed)
	if len(keys) != 2 || slices.Contains(keys[0], omitted) || !slices.Equal(keys[1], []common.Hash{omitted}) {
		t.Errorf("eth_getProof of the feed asked for %v, want first without %s, then only it", keys, omitted)
	}
}

func TestVerifiedCallWithoutAccessListTakesRounds(t *testing.T) {
	c := newFeedChain(t)
	ctx := context.Background()
	call := c.latestRoundData(c.proxy)
	want, err := c.client.CallContract(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := endpoint(t, c.rpc, rewrite{refuse: "eth_createAccessList"})
	// Each round proves what the values of the last one led to: the
	// proxy's slot 0, then the feed's account, then its latestRound and
	// round 0, then round 1.
	const rounds = 5
	res, err := c.caller(t, client, proof.CallerOptions{}).Call(ctx, call, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Return, want) || res.Rounds != rounds {
		t.Errorf("got %x in %d rounds, want %x in %d", res.Return, res.Rounds, want, rounds)
	}
	_, err = c.caller(t, client, proof.CallerOptions{MaxRounds: rounds - 1}).Call(ctx, call, nil)
	if !errors.Is(err, proof.ErrProof) {
		t.Errorf("with %d rounds: got %v, want ErrProof", rounds-1, err)
	}
}
