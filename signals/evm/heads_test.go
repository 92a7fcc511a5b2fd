package evm

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// noSubscriptions is the simulated chain's real client with one method
// turned off: SubscribeNewHead fails with err, by default as an HTTP
// endpoint's does.
type noSubscriptions struct {
	simulated.Client
	err error
}

func (c noSubscriptions) SubscribeNewHead(context.Context, chan<- *types.Header) (ethereum.Subscription, error) {
	if c.err == nil {
		return nil, rpc.ErrNotificationsUnsupported
	}
	return nil, c.err
}

func TestHeadsArePolledWhenSubscribingFails(t *testing.T) {
	for _, subErr := range []error{rpc.ErrNotificationsUnsupported, errors.New("too many subscriptions")} {
		t.Run(subErr.Error(), func(t *testing.T) {
			sim := newSim(t)
			cl := sim.Client()
			mem := startCollector(t, Options{
				Endpoints:    []Endpoint{{Name: "no-subscriptions", Client: noSubscriptions{cl, subErr}}},
				PollInterval: 10 * time.Millisecond,
			})
			waitBlock(t, mem, header(t, cl, 0))
			for n := uint64(1); n <= 3; n++ {
				sim.Commit()
				waitBlock(t, mem, header(t, cl, n))
			}
			// Polled heads come in order, each block once.
			var last time.Time
			for _, o := range mem.Kind(KindGasUsedRatio) {
				if !o.At.After(last) {
					t.Errorf("gas_used_ratio at %v after one at %v: out of order or repeated", o.At, last)
				}
				last = o.At
			}
			if got := len(mem.Kind(KindGasUsedRatio)); got != 4 {
				t.Errorf("%d blocks reported, want 4 (blocks 0-3)", got)
			}
		})
	}
}

func TestSubscribedCollectorReportsEveryBlockOnce(t *testing.T) {
	sim := newSim(t)
	cl := sim.Client()
	mem := startCollector(t, Options{Endpoints: []Endpoint{{Name: "sim", Client: cl}}})
	waitBlock(t, mem, header(t, cl, 0))
	for range 5 {
		sim.Commit()
	}
	waitBlock(t, mem, header(t, cl, 5))
	for n := uint64(0); n <= 5; n++ {
		if _, err := value(mem, KindReorgDepth, header(t, cl, n)); err != nil {
			t.Error(err)
		}
	}
	if _, ok := mem.Last(collect.KindRPCDisagreement); ok {
		t.Error("rpc_disagreement emitted with a single endpoint")
	}
}
