package proof_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink"
	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/proof"
)

func TestChainlinkCollectorReadsThroughTheVerifiedCaller(t *testing.T) {
	c := newFeedChain(t)
	_, round := roundSlots()
	// The collector's clock reads 90 s after the round's updatedAt.
	const age = 90
	now := time.Unix(int64(feedUpdatedAt)+age, 0)
	forgedUpdatedAt := rewrite{response: func(method string, result json.RawMessage) json.RawMessage {
		if method != "eth_getProof" {
			return result
		}
		return editJSON(t, result, func(m map[string]any) {
			for _, sp := range m["storageProof"].([]any) {
				s := sp.(map[string]any)
				if common.HexToHash(s["key"].(string)) == round[2] {
					// A fresh answer would hide a stale feed.
					s["value"] = hexutil.EncodeUint64(uint64(now.Unix()))
				}
			}
		})
	}}
	tests := []struct {
		name string
		rw   rewrite
		// wantAge is the oracle_age_s the poll must emit; nil for none.
		wantAge *decimal.Decimal
	}{
		{"honest endpoint", rewrite{}, new(decimal.NewFromInt(age))},
		{"endpoint forging the round's updatedAt", forgedUpdatedAt, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			caller := c.caller(t, endpoint(t, c.rpc, tt.rw), proof.CallerOptions{CompareWithNode: true})
			var logs syncBuffer
			coll, err := chainlink.New(chainlink.Options{
				Chain:  "ethereum",
				Caller: caller,
				Feeds:  []chainlink.Feed{{Name: "eth-usd", Address: c.proxy, Heartbeat: time.Hour}},
				Sink:   &collect.Memory{},
				Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
				Now:    func() time.Time { return now },
				// A failed proof is retried until the poll's timeout.
				Timeout: time.Second,
				Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
			})
			if err != nil {
				t.Fatal(err)
			}
			obs, err := coll.Poll(context.Background())
			var ages []decimal.Decimal
			up := false
			for _, o := range obs {
				switch o.Kind {
				case chainlink.KindOracleAge:
					ages = append(ages, o.Value)
				case collect.KindCollectorUp:
					up = o.Value.Equal(decimal.NewFromInt(1))
				}
			}
			if tt.wantAge == nil {
				// The collector logs each failed try; the poll's own error
				// is the deadline of its retries.
				if err == nil || !strings.Contains(logs.String(), proof.ErrProof.Error()) {
					t.Errorf("Poll error %v, logs %q, want failed proofs", err, logs.String())
				}
				if len(ages) != 0 || up {
					t.Errorf("poll %v, want no oracle_age_s and collector_up 0", obs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ages) != 1 || !ages[0].Equal(*tt.wantAge) || !up {
				t.Errorf("poll %v, want oracle_age_s %s and collector_up 1", obs, tt.wantAge)
			}
			if caller.LastHeader().Hash() != c.head(t).Hash() {
				t.Errorf("read at block %s, want the head %s", caller.LastHeader().Number, c.head(t).Number)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
