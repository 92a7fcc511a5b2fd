package wire_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nkeys"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/wire"
)

const baseSeq = 100

// acceptedOnce returns a verifier that trusts kp for eth-collector-1 and
// has accepted its signal baseSeq.
func acceptedOnce(t *testing.T, kp nkeys.KeyPair, allowUnsigned bool) *wire.Verifier {
	t.Helper()
	v, err := wire.NewVerifier(wire.VerifierOptions{
		Trusted:       map[string]string{"eth-collector-1": publicKey(t, kp)},
		AllowUnsigned: allowUnsigned,
		CheckValue:    checkValue,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(signed(t, kp, unsignedSignal(baseSeq)), "", now); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEveryRejectionReason: one case per reason, each with a seq above the
// last accepted, so that only the reason under test can reject it; none
// moves the seq.
func TestEveryRejectionReason(t *testing.T) {
	kp := newKey(t)
	subject := wire.Subject("ethereum", "base_fee_gwei")
	cases := []struct {
		name    string
		reason  wire.Reason
		signal  func(*testing.T) wire.Signal
		subject string
	}{
		{"invalid chain", wire.ReasonMalformed, func(t *testing.T) wire.Signal {
			s := signed(t, kp, unsignedSignal(baseSeq+1))
			s.Chain = "Ethereum"
			return s
		}, ""},
		{"version 2", wire.ReasonBadVersion, func(t *testing.T) wire.Signal {
			s := signed(t, kp, unsignedSignal(baseSeq+1))
			s.V = 2
			return s
		}, ""},
		{"other kind's subject", wire.ReasonSubjectMismatch, func(t *testing.T) wire.Signal {
			return signed(t, kp, unsignedSignal(baseSeq+1))
		}, wire.Subject("ethereum", "oracle_deviation")},
		{"other chain's subject", wire.ReasonSubjectMismatch, func(t *testing.T) wire.Signal {
			return signed(t, kp, unsignedSignal(baseSeq+1))
		}, wire.Subject("arbitrum", "base_fee_gwei")},
		{"unknown kind", wire.ReasonUnknownKind, func(t *testing.T) wire.Signal {
			s := unsignedSignal(baseSeq + 1)
			s.Kind = "moon_phase"
			return signed(t, kp, s)
		}, wire.Subject("ethereum", "moon_phase")},
		{"negative base fee", wire.ReasonOutOfRange, func(t *testing.T) wire.Signal {
			s := unsignedSignal(baseSeq + 1)
			s.Value = decimal.NewFromInt(-1)
			return signed(t, kp, s)
		}, subject},
		{"from the future", wire.ReasonFuture, func(t *testing.T) wire.Signal {
			s := unsignedSignal(baseSeq + 1)
			s.ObservedAt = now.Add(wire.DefaultMaxFutureSkew + time.Nanosecond)
			return signed(t, kp, s)
		}, subject},
		{"too old", wire.ReasonStale, func(t *testing.T) wire.Signal {
			s := unsignedSignal(baseSeq + 1)
			s.ObservedAt = now.Add(-wire.DefaultMaxAge - time.Nanosecond)
			return signed(t, kp, s)
		}, subject},
		{"unknown source", wire.ReasonUnknownSource, func(t *testing.T) wire.Signal {
			s := unsignedSignal(baseSeq + 1)
			s.Source = "eth-collector-9"
			return signed(t, kp, s)
		}, subject},
		{"unsigned", wire.ReasonUnsigned, func(t *testing.T) wire.Signal {
			return unsignedSignal(baseSeq + 1)
		}, subject},
		{"bad signature", wire.ReasonBadSignature, func(t *testing.T) wire.Signal {
			s := signed(t, kp, unsignedSignal(baseSeq+1))
			s.Sig[0] ^= 1
			return s
		}, subject},
		{"replay", wire.ReasonReplay, func(t *testing.T) wire.Signal {
			return signed(t, kp, unsignedSignal(baseSeq))
		}, subject},
	}
	seen := map[wire.Reason]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := acceptedOnce(t, kp, false)
			s := c.signal(t)
			err := v.Verify(s, c.subject, now)
			if err == nil {
				t.Fatal("accepted")
			}
			if r := reasonOf(t, err); r != c.reason {
				t.Errorf("reason %q, want %q (%v)", r, c.reason, err)
			}
			if !strings.Contains(err.Error(), "("+string(c.reason)+")") || !strings.Contains(err.Error(), s.Source) {
				t.Errorf("error %q names neither the reason nor the source", err)
			}
			if got := v.LastSeq("eth-collector-1"); got != baseSeq {
				t.Errorf("last seq moved to %d", got)
			}
			if got := v.LastSeq(s.Source); s.Source != "eth-collector-1" && got != 0 {
				t.Errorf("last seq of %s moved to %d", s.Source, got)
			}
		})
		seen[c.reason] = true
	}
	for _, r := range wire.Reasons() {
		if !seen[r] {
			t.Errorf("no case for %q", r)
		}
	}
}

// TestTimeWindowEdgesAreAccepted: exactly MaxFutureSkew ahead and exactly
// MaxAge behind are still accepted, with custom limits.
func TestTimeWindowEdgesAreAccepted(t *testing.T) {
	kp := newKey(t)
	v, err := wire.NewVerifier(wire.VerifierOptions{
		Trusted:       map[string]string{"eth-collector-1": publicKey(t, kp)},
		MaxFutureSkew: time.Second,
		MaxAge:        time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		at     time.Time
		reason wire.Reason
	}{
		{now.Add(time.Second), ""},
		{now.Add(time.Second + time.Nanosecond), wire.ReasonFuture},
		{now.Add(-time.Minute), ""},
		{now.Add(-time.Minute - time.Nanosecond), wire.ReasonStale},
	}
	for i, c := range cases {
		s := unsignedSignal(uint64(i + 1))
		s.ObservedAt = c.at
		err := v.Verify(signed(t, kp, s), "", now)
		switch {
		case c.reason == "" && err != nil:
			t.Errorf("%v: %v", c.at.Sub(now), err)
		case c.reason != "" && (err == nil || reasonOf(t, err) != c.reason):
			t.Errorf("%v: %v, want %s", c.at.Sub(now), err, c.reason)
		}
	}
}

// TestAllowUnsigned: unsigned signals pass only with AllowUnsigned and only
// from sources without a key; a signed signal from an unknown source
// never passes.
func TestAllowUnsigned(t *testing.T) {
	kp := newKey(t)
	stranger := func(s wire.Signal) wire.Signal { s.Source = "laptop"; return s }
	cases := []struct {
		name   string
		allow  bool
		signal wire.Signal
		reason wire.Reason
	}{
		{"unsigned stranger, allowed", true, stranger(unsignedSignal(1)), ""},
		{"unsigned stranger, not allowed", false, stranger(unsignedSignal(1)), wire.ReasonUnknownSource},
		{"unsigned trusted source, allowed", true, unsignedSignal(baseSeq + 1), wire.ReasonUnsigned},
		{"signed stranger, allowed", true, signed(t, kp, stranger(unsignedSignal(1))), wire.ReasonUnknownSource},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := acceptedOnce(t, kp, c.allow)
			err := v.Verify(c.signal, "", now)
			if c.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				if v.LastSeq(c.signal.Source) != c.signal.Seq {
					t.Error("accepted without recording the seq")
				}
				return
			}
			if r := reasonOf(t, err); r != c.reason {
				t.Errorf("reason %q, want %q", r, c.reason)
			}
		})
	}
}

// TestReplay: a seq is accepted once per source and only above the last
// accepted; a rejected signal with a higher seq does not raise the bar.
func TestReplay(t *testing.T) {
	kp, other := newKey(t), newKey(t)
	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{
		"eth-collector-1": publicKey(t, kp),
		"eth-collector-2": publicKey(t, other),
	}})
	if err != nil {
		t.Fatal(err)
	}
	second := func(seq uint64) wire.Signal {
		s := unsignedSignal(seq)
		s.Source = "eth-collector-2"
		return signed(t, other, s)
	}
	forged := signed(t, other, unsignedSignal(500))
	steps := []struct {
		name   string
		signal wire.Signal
		reason wire.Reason
		last   uint64
	}{
		{"first", signed(t, kp, unsignedSignal(100)), "", 100},
		{"same seq again", signed(t, kp, unsignedSignal(100)), wire.ReasonReplay, 100},
		{"lower seq", signed(t, kp, unsignedSignal(99)), wire.ReasonReplay, 100},
		{"higher seq, bad signature", forged, wire.ReasonBadSignature, 100},
		{"seq between, good", signed(t, kp, unsignedSignal(101)), "", 101},
		{"another source keeps its own seqs", second(5), "", 101},
		{"gaps are fine", signed(t, kp, unsignedSignal(1<<62)), "", 1 << 62},
	}
	for _, st := range steps {
		err := v.Verify(st.signal, "", now)
		switch {
		case st.reason == "" && err != nil:
			t.Errorf("%s: %v", st.name, err)
		case st.reason != "" && (err == nil || reasonOf(t, err) != st.reason):
			t.Errorf("%s: %v, want %s", st.name, err, st.reason)
		}
		if got := v.LastSeq("eth-collector-1"); got != st.last {
			t.Errorf("%s: last seq %d, want %d", st.name, got, st.last)
		}
	}
	if got := v.LastSeq("eth-collector-2"); got != 5 {
		t.Errorf("eth-collector-2 last seq %d", got)
	}
}

// TestConcurrentVerifyAcceptsEachSeqOnce: the same signal verified from
// many goroutines at once is accepted exactly once.
func TestConcurrentVerifyAcceptsEachSeqOnce(t *testing.T) {
	kp := newKey(t)
	v, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"eth-collector-1": publicKey(t, kp)}})
	if err != nil {
		t.Fatal(err)
	}
	const workers, seqs = 8, 20
	msgs := make([]wire.Signal, seqs)
	for i := range msgs {
		msgs[i] = signed(t, kp, unsignedSignal(uint64(i+1)))
	}
	var mu sync.Mutex
	accepted := map[uint64]int{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for _, s := range msgs {
				err := v.Verify(s, "", now)
				if err == nil {
					mu.Lock()
					accepted[s.Seq]++
					mu.Unlock()
				} else if !errors.Is(err, wire.ErrRejected) {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for seq, n := range accepted {
		if n != 1 {
			t.Errorf("seq %d accepted %d times", seq, n)
		}
	}
	if _, ok := accepted[seqs]; !ok || v.LastSeq("eth-collector-1") != seqs {
		t.Errorf("last seq %d, the highest was never accepted: %v", v.LastSeq("eth-collector-1"), accepted)
	}
}

// TestNewVerifierRefusesBadKeys: each bad entry is refused with an error
// that names its source and never quotes a seed.
func TestNewVerifierRefusesBadKeys(t *testing.T) {
	seed, err := newKey(t).Seed()
	if err != nil {
		t.Fatal(err)
	}
	curve, err := nkeys.CreateCurveKeys()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		trusted map[string]string
		errMsg  string
	}{
		{"garbage", map[string]string{"eth-collector-1": "hello"}, `wire: trusted source "eth-collector-1": not a valid public nkey`},
		{"seed", map[string]string{"eth-collector-1": string(seed)}, `wire: trusted source "eth-collector-1": a seed where a public key belongs`},
		{"curve key", map[string]string{"eth-collector-1": publicKey(t, curve)}, `wire: trusted source "eth-collector-1": a curve (X) key cannot verify`},
		{"bad source name", map[string]string{"eth collector": vectorPublic}, `wire: trusted source "eth collector" does not match`},
		{"negative age", nil, "wire: negative MaxFutureSkew"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := wire.VerifierOptions{Trusted: c.trusted}
			if c.trusted == nil {
				opts.MaxAge = -time.Second
			}
			_, err := wire.NewVerifier(opts)
			if err == nil || !strings.Contains(err.Error(), c.errMsg) {
				t.Fatalf("got %v, want %q", err, c.errMsg)
			}
			if strings.Contains(err.Error(), string(seed)) {
				t.Error("the error quotes the seed")
			}
		})
	}
	for _, public := range []string{vectorPublic, publicKey(t, mustAccount(t))} {
		if _, err := wire.NewVerifier(wire.VerifierOptions{Trusted: map[string]string{"a": public}}); err != nil {
			t.Errorf("%s: %v", public[:1], err)
		}
	}
}

func mustAccount(t *testing.T) nkeys.KeyPair {
	kp, err := nkeys.CreateAccount()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// TestRejectErrorUnwrapsToTheCheck: the engine's own error stays reachable
// through the rejection.
func TestRejectErrorUnwrapsToTheCheck(t *testing.T) {
	kp := newKey(t)
	v := acceptedOnce(t, kp, false)
	s := unsignedSignal(baseSeq + 1)
	s.Kind = "moon_phase"
	err := v.Verify(signed(t, kp, s), "", now)
	if !errors.Is(err, wire.ErrUnknownKind) || !errors.Is(err, wire.ErrRejected) {
		t.Errorf("%v does not unwrap to both ErrUnknownKind and ErrRejected", err)
	}
	want := `wire: signal rejected (unknown_kind) from "eth-collector-1" for ethereum/moon_phase: wire: unknown kind`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	if errors.Is(errors.New("other"), wire.ErrRejected) {
		t.Error("any error is ErrRejected")
	}
}
