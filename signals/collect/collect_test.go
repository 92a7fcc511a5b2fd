package collect

import (
	"context"
	"errors"
	"fmt"
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

// TestHealthIsUpOnlyWhileEveryCollectorIs: the merged collector_up is 0
// while any collector's last report is 0, and its times never go back.
func TestHealthIsUpOnlyWhileEveryCollectorIs(t *testing.T) {
	var m Memory
	h := NewHealth(&m)
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	emit := func(name string, ok bool, when time.Time) {
		h.For(name).Emit(ctx, []Observation{{Chain: "ethereum", Kind: "base_fee_gwei", Value: decimal.NewFromInt(9), At: when}, Up("ethereum", ok, when)})
	}
	emit("evm", true, at)
	emit("oracle", false, at.Add(2*time.Second))
	emit("evm", true, at.Add(time.Second)) // stamped before the oracle's report
	emit("oracle", true, at.Add(3*time.Second))
	var got []string
	var last time.Time
	for _, o := range m.Kind(KindCollectorUp) {
		got = append(got, o.Value.String())
		if o.At.Before(last) {
			t.Errorf("collector_up at %v after one at %v", o.At, last)
		}
		last = o.At
	}
	if want := []string{"1", "0", "0", "1"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("merged collector_up %v, want %v (down while the oracle collector is)", got, want)
	}
	if fees := m.Kind("base_fee_gwei"); len(fees) != 4 || !fees[2].At.Equal(at.Add(time.Second)) {
		t.Errorf("other kinds changed: %v", fees)
	}
}
