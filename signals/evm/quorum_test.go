package evm

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// Two simulated chains from the same genesis diverge at block 1 (each
// seals its own block, with its own timestamp and randomness).
func TestQuorumOfEndpointsDecidesWhetherABlockIsTrusted(t *testing.T) {
	tests := []struct {
		name      string
		endpoints string // one letter per endpoint: which chain it serves
		quorum    int
		trusted   bool // block 1
	}{
		{name: "two that agree", endpoints: "aa", trusted: true},
		{name: "two that differ", endpoints: "ab", trusted: false},
		{name: "two of three agree", endpoints: "aba", trusted: true},
		{name: "two of three short of a quorum of three", endpoints: "aba", quorum: 3, trusted: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := newSim(t), newSim(t)
			zero := header(t, a.Client(), 0)
			if zero.Hash() != header(t, b.Client(), 0).Hash() {
				t.Fatal("the two chains do not share their genesis")
			}
			var eps []Endpoint
			for i, which := range tc.endpoints {
				sim := a
				if which == 'b' {
					sim = b
				}
				eps = append(eps, Endpoint{Name: fmt.Sprintf("%c%d", which, i), Client: sim.Client()})
			}
			mem := startCollector(t, Options{Endpoints: eps, Quorum: tc.quorum})
			waitBlock(t, mem, zero)
			b.Commit()
			a.Commit()
			one := header(t, a.Client(), 1)
			if one.Hash() == header(t, b.Client(), 1).Hash() {
				t.Fatal("the two chains did not diverge at block 1")
			}
			waitBlock(t, mem, one)

			// Block 0 is the shared genesis: trusted whatever the quorum.
			if got, err := value(mem, collect.KindRPCDisagreement, zero); err != nil || !got.IsZero() {
				t.Errorf("genesis: rpc_disagreement %s (%v), want 0", got, err)
			}
			if _, err := value(mem, KindGasUsedRatio, zero); err != nil {
				t.Errorf("genesis: %v", err)
			}

			wantDisagreement := decimal.NewFromInt(1)
			if tc.trusted {
				wantDisagreement = decimal.Zero
			}
			if got, err := value(mem, collect.KindRPCDisagreement, one); err != nil || !got.Equal(wantDisagreement) {
				t.Errorf("block 1: rpc_disagreement %s (%v), want %s", got, err, wantDisagreement)
			}
			for _, kind := range []string{KindBaseFeeGwei, KindGasUsedRatio, KindBlockIntervalS, KindReorgDepth} {
				n := len(values(mem, kind, at(one)))
				if tc.trusted && n != 1 {
					t.Errorf("block 1: %d %s observations, want 1", n, kind)
				}
				if !tc.trusted && n != 0 {
					t.Errorf("block 1: %s emitted for a block the endpoints disagree on", kind)
				}
			}
			if tc.trusted {
				if got, _ := value(mem, KindBaseFeeGwei, one); !got.Equal(gwei(one.BaseFee)) {
					t.Errorf("block 1: base_fee_gwei %s, want %s", got, gwei(one.BaseFee))
				}
			}
		})
	}
}
