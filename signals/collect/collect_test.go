package collect

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestBackoffWaitStaysUnderItsCap(t *testing.T) {
	b := Backoff{Base: 10 * time.Millisecond, Max: 100 * time.Millisecond}
	rng := rand.New(rand.NewPCG(1, 2))
	for n, cap := range []time.Duration{10, 20, 40, 80, 100, 100} {
		cap *= time.Millisecond
		if n == 5 {
			n = 200 // far past the shift width: still capped, no overflow
		}
		var max time.Duration
		for range 2000 {
			w := b.Wait(n, rng)
			if w < 0 || w > cap {
				t.Fatalf("Wait(%d) = %v, outside [0, %v]", n, w, cap)
			}
			max = maxDur(max, w)
		}
		// Full jitter: 2000 uniform draws come within 5% of the cap.
		if max < cap*95/100 {
			t.Errorf("Wait(%d): largest of 2000 draws %v, want near %v", n, max, cap)
		}
	}
}

func maxDur(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

func TestRetryStopsOnSuccessPermanentAndCancel(t *testing.T) {
	fast := Backoff{Base: time.Microsecond, Max: time.Microsecond}
	calls, seen := 0, 0
	err := Retry(context.Background(), fast, func(int, error) { seen++ }, func(context.Context) error {
		calls++
		if calls < 3 {
			return errors.New("node down")
		}
		return nil
	})
	if err != nil || calls != 3 || seen != 2 {
		t.Errorf("Retry: err %v after %d calls, %d errors seen; want nil after 3 calls, 2 seen", err, calls, seen)
	}

	calls = 0
	bad := errors.Join(ErrPermanent, errors.New("contract has no code"))
	if err := Retry(context.Background(), fast, nil, func(context.Context) error { calls++; return bad }); !errors.Is(err, ErrPermanent) || calls != 1 {
		t.Errorf("permanent: err %v after %d calls, want ErrPermanent after 1", err, calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	err = Retry(ctx, Backoff{Base: time.Hour, Max: time.Hour}, nil, func(context.Context) error {
		calls++
		cancel()
		return errors.New("node down")
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("cancelled: err %v after %d calls, want context.Canceled after 1", err, calls)
	}
}

func TestMemoryKeepsOrderAndKinds(t *testing.T) {
	var m Memory
	at := time.Date(2023, 5, 12, 20, 0, 0, 0, time.UTC)
	m.Emit(context.Background(), []Observation{
		{Chain: "ethereum", Kind: "base_fee_gwei", Value: decimal.NewFromInt(30), At: at},
		Up("ethereum", true, at),
	})
	m.Emit(context.Background(), []Observation{{Chain: "ethereum", Kind: "base_fee_gwei", Value: decimal.NewFromInt(45), At: at.Add(12 * time.Second)}})
	if got := len(m.All()); got != 3 {
		t.Fatalf("All: %d observations, want 3", got)
	}
	last, ok := m.Last("base_fee_gwei")
	if !ok || !last.Value.Equal(decimal.NewFromInt(45)) {
		t.Errorf("Last(base_fee_gwei) = %v, %v; want 45", last, ok)
	}
	if up, _ := m.Last(KindCollectorUp); !up.Value.Equal(decimal.NewFromInt(1)) {
		t.Errorf("collector_up = %v, want 1", up.Value)
	}
	if _, ok := m.Last("reorg_depth"); ok {
		t.Error("Last(reorg_depth) found a value never emitted")
	}
}
