package client

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
)

// TestNamesMatchTheEngine: the bucket is the engine's, and the parameters
// and flags a fallback must cover are exactly those a running engine
// publishes.
func TestNamesMatchTheEngine(t *testing.T) {
	if Bucket != service.ParamsKV {
		t.Errorf("bucket %q, engine writes %q", Bucket, service.ParamsKV)
	}
	r := newRig(t, quietConfig)
	r.signal(healthy)
	_, u := r.settle()
	if got := slices.Sorted(maps.Keys(u.Params)); !slices.Equal(got, ParamNames()) {
		t.Errorf("engine publishes parameters %v, client requires %v", got, ParamNames())
	}
	if got := slices.Sorted(maps.Keys(u.Flags)); !slices.Equal(got, FlagNames()) {
		t.Errorf("engine publishes flags %v, client knows %v", got, FlagNames())
	}
}

// TestLateSubscriberReadsTheStoredUpdate: the engine has published before
// the margin system starts; right after Start, Current is the engine's last
// update, read from the bucket, not the fallback.
func TestLateSubscriberReadsTheStoredUpdate(t *testing.T) {
	r := newRig(t, quietConfig)
	r.signal(healthy)
	_, last := r.settle()
	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		if got := r.storedSeq(); got != last.Seq {
			return fmt.Errorf("bucket holds seq %d, engine published %d", got, last.Seq)
		}
		return nil
	})

	c := r.client(nil)
	p := c.Current()
	if p.Fallback || p.Seq != last.Seq || p.Regime != last.Regime || !p.ValidUntil.Equal(last.ValidUntil) {
		t.Fatalf("right after Start: seq %d regime %q fallback %t (%s); engine's last: seq %d regime %q",
			p.Seq, p.Regime, p.Fallback, p.Why, last.Seq, last.Regime)
	}
	for name, v := range last.Params {
		if got, ok := p.Param(name); !ok || !got.Equal(v) {
			t.Errorf("%s = %s, engine published %s", name, got, v)
		}
	}
	if !maps.Equal(p.Flags, last.Flags) {
		t.Errorf("flags %v, engine published %v", p.Flags, last.Flags)
	}
	if s := c.Stats(); s.Accepted != 1 {
		t.Errorf("stats after reading the bucket: %+v", s)
	}
}

// TestBeforeAnyUpdateFallsBack: with the engine up but not yet publishing
// the market, Current is the configured fallback, flags default to all
// set, and the reason says no update has come.
func TestBeforeAnyUpdateFallsBack(t *testing.T) {
	r := newRig(t, quietConfig)
	c := r.client(nil)
	p := c.Current()
	if !p.Fallback || p.Why != WhyNoUpdate || p.Seq != 0 || p.Update != nil {
		t.Fatalf("before any update: %+v", p)
	}
	for name, v := range venueFallback {
		if got := p.Values[name]; !got.Equal(v) {
			t.Errorf("%s = %s, fallback %s", name, got, v)
		}
	}
	for _, name := range FlagNames() {
		if !p.Flags[name] {
			t.Errorf("fallback flag %s is false; unset flags default to true", name)
		}
	}
	select {
	case got := <-c.Updates():
		if !got.Fallback || got.Why != WhyNoUpdate {
			t.Errorf("first value on Updates: %+v", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Updates gave nothing at Start")
	}
	// The caller's copy is its own.
	p.Values["scan_range"] = d("0.0001")
	if got := c.Current().Values["scan_range"]; !got.Equal(venueFallback["scan_range"]) {
		t.Errorf("changing a returned map changed the client: scan_range %s", got)
	}
}

// TestFollowsTheEngine: calm signals bring the first update, congestion a
// later one with a wider scan range; Current and Updates follow with
// increasing seq, and readers on other goroutines never see it go back.
func TestFollowsTheEngine(t *testing.T) {
	r := newRig(t, quietConfig)
	c := r.client(nil)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 4 {
		readers.Go(func() {
			var seen uint64
			for {
				select {
				case <-stop:
					return
				default:
				}
				p := c.Current()
				_ = c.Stats()
				if p.Seq < seen || len(p.Values) != len(ParamNames()) || len(p.Flags) != len(FlagNames()) {
					t.Errorf("a reader saw seq %d after %d, %d values, %d flags", p.Seq, seen, len(p.Values), len(p.Flags))
					return
				}
				seen = p.Seq
			}
		})
	}
	defer readers.Wait()
	defer close(stop)
	r.signal(healthy)
	_, calm := r.settle()
	following(t, c, calm.Seq)
	r.signal(congested)
	_, hot := r.settle()
	following(t, c, hot.Seq)

	p := c.Current()
	calmRange, _ := calm.Param("scan_range")
	if got, _ := p.Param("scan_range"); hot.Seq <= calm.Seq || !got.GreaterThan(calmRange) || p.Regime == "normal" {
		t.Errorf("after congestion: seq %d → %d, scan range %s → %s, regime %s", calm.Seq, p.Seq, calmRange, got, p.Regime)
	}
	var seqs []uint64
	for len(seqs) == 0 || seqs[len(seqs)-1] != hot.Seq {
		select {
		case u := <-c.Updates():
			if !u.Fallback {
				seqs = append(seqs, u.Seq)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Updates stopped at seqs %v, engine at %d", seqs, hot.Seq)
		}
	}
	if !slices.IsSorted(seqs) || len(slices.Compact(slices.Clone(seqs))) != len(seqs) {
		t.Errorf("seqs on Updates not increasing: %v", seqs)
	}
	if s := c.Stats(); s.Accepted < 2 || s.Malformed+s.BadSignature+s.UntrustedKey+s.Replayed+s.Expired+s.WrongMarket != 0 {
		t.Errorf("stats: %+v", s)
	}
}

// rejectionCase is a message made from the engine's last real one, and the
// count it must raise.
type rejectionCase struct {
	name  string
	data  func(t *testing.T, real []byte, u update.Update) []byte
	count func(Stats) uint64
}

// checkRejections publishes each case's message after the engine has gone
// quiet at a real update; each must be counted under its reason and leave
// Current exactly as it was.
func checkRejections(t *testing.T, cases []rejectionCase) {
	t.Helper()
	r := newRig(t, quietConfig)
	c := r.client(nil)
	r.signal(healthy)
	real, u := r.settle()
	following(t, c, u.Seq)
	before := c.Current()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			was := tc.count(c.Stats())
			r.publish(tc.data(t, real, u))
			checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
				if got := tc.count(c.Stats()); got != was+1 {
					return fmt.Errorf("count %d, want %d (stats %+v)", got, was+1, c.Stats())
				}
				return nil
			})
			if after := c.Current(); !sameParams(before, after) {
				t.Errorf("Current changed: seq %d → %d, scan range %s → %s",
					before.Seq, after.Seq, before.Values["scan_range"], after.Values["scan_range"])
			}
		})
	}
	if s := c.Stats(); s.Accepted != 1 {
		t.Errorf("accepted %d, want only the engine's one", s.Accepted)
	}
}

// TestTamperedUpdatesAreRejected: a real update with one byte of its
// payload or signature changed fails the signature check, even when the
// change raises seq or loosens a parameter.
func TestTamperedUpdatesAreRejected(t *testing.T) {
	bad := func(s Stats) uint64 { return s.BadSignature }
	checkRejections(t, []rejectionCase{
		{"seq raised", func(t *testing.T, real []byte, u update.Update) []byte {
			from := `"seq":` + strconv.FormatUint(u.Seq, 10) + `,`
			if !bytes.Contains(real, []byte(from)) {
				t.Fatalf("no %s in %s", from, real)
			}
			// One more digit: seq u.Seq·10 + 9, above anything accepted.
			return bytes.Replace(real, []byte(from), []byte(`"seq":`+strconv.FormatUint(u.Seq, 10)+`9,`), 1)
		}, bad},
		{"parameter loosened", func(t *testing.T, real []byte, u update.Update) []byte {
			scan, _ := u.Param("scan_range")
			from := []byte(`"scan_range":"` + scan.StringFixed(4) + `"`)
			to := []byte(`"scan_range":"` + scan.Div(d("2")).RoundFloor(4).StringFixed(4) + `"`)
			if !bytes.Contains(real, from) {
				t.Fatalf("no %s in %s", from, real)
			}
			return bytes.Replace(real, from, to, 1)
		}, bad},
		{"signature byte flipped", func(t *testing.T, real []byte, u update.Update) []byte {
			sig := slices.Clone(u.Sig)
			sig[7] ^= 0x01
			return bytes.Replace(real, []byte(base64.StdEncoding.EncodeToString(u.Sig)), []byte(base64.StdEncoding.EncodeToString(sig)), 1)
		}, bad},
	})
}

// TestForgedAndMisroutedUpdatesAreRejected: an update signed by a key the
// margin system does not trust, one signed by the engine for another market,
// and bytes that are no update at all.
func TestForgedAndMisroutedUpdatesAreRejected(t *testing.T) {
	mallory := newKey(t)
	checkRejections(t, []rejectionCase{
		{"untrusted key", func(t *testing.T, _ []byte, u update.Update) []byte {
			return resign(t, u, mallory, func(u *update.Update) {
				u.Seq += 1000
				u.Params["scan_range"] = d("0.0100")
			})
		}, func(s Stats) uint64 { return s.UntrustedKey }},
		{"malformed: not JSON", func(*testing.T, []byte, update.Update) []byte { return []byte("scan_range=0") }, func(s Stats) uint64 { return s.Malformed }},
		{"malformed: empty", func(*testing.T, []byte, update.Update) []byte { return nil }, func(s Stats) uint64 { return s.Malformed }},
		{"malformed: truncated", func(_ *testing.T, real []byte, _ update.Update) []byte { return real[:len(real)/2] }, func(s Stats) uint64 { return s.Malformed }},
		{"malformed: a member added", func(_ *testing.T, real []byte, _ update.Update) []byte {
			return append([]byte(`{"extra":1,`), real[1:]...)
		}, func(s Stats) uint64 { return s.Malformed }},
		{"malformed: oversized", func(_ *testing.T, real []byte, _ update.Update) []byte {
			return append(slices.Clone(real[:len(real)-1]), []byte(`,"pad":"`+strings.Repeat("x", update.MaxSize)+`"}`)...)
		}, func(s Stats) uint64 { return s.Malformed }},
	})
}

// TestWrongMarketIsRejected: an update validly signed by the engine's own
// key, but for another market, published on this market's subject.
func TestWrongMarketIsRejected(t *testing.T) {
	r := newRig(t, quietConfig)
	c := r.client(nil)
	r.signal(healthy)
	_, u := r.settle()
	following(t, c, u.Seq)
	before := c.Current()
	r.publish(resign(t, u, r.engineKey, func(u *update.Update) {
		u.Market = "BTC-OPTIONS"
		u.Seq += 1000
	}))
	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		if s := c.Stats(); s.WrongMarket != 1 {
			return fmt.Errorf("stats %+v", s)
		}
		return nil
	})
	if after := c.Current(); !sameParams(before, after) {
		t.Errorf("Current changed: seq %d → %d", before.Seq, after.Seq)
	}
}

// TestReplayedUpdateIsRejected: an earlier real update published again is
// validly signed but goes back in seq; the last one again is a harmless
// duplicate. Neither changes Current.
func TestReplayedUpdateIsRejected(t *testing.T) {
	r := newRig(t, quietConfig)
	c := r.client(nil)
	r.signal(healthy)
	first, calm := r.settle()
	r.signal(congested)
	last, hot := r.settle()
	following(t, c, hot.Seq)
	if hot.Seq <= calm.Seq {
		t.Fatalf("engine seq %d then %d", calm.Seq, hot.Seq)
	}
	before := c.Current()

	r.publish(first)
	r.publish(last)
	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		if s := c.Stats(); s.Replayed != 1 || s.Duplicate != 1 {
			return fmt.Errorf("stats %+v, want one replay and one duplicate", s)
		}
		return nil
	})
	if after := c.Current(); !sameParams(before, after) {
		t.Errorf("Current changed: seq %d → %d", before.Seq, after.Seq)
	}
}

// TestExpiredUpdateFallsBack: by a clock the test moves, the update is used
// up to the instant before valid_until and from then on the configured
// fallback, flags as configured, with a reason naming the expiry. A second
// margin system whose clock is past valid_until rejects the stored update
// and a live one as expired on arrival.
func TestExpiredUpdateFallsBack(t *testing.T) {
	r := newRig(t, quietConfig)
	clock := &fakeClock{t: time.Now()}
	c := r.client(func(o *Options) {
		o.Now = clock.Now
		o.FallbackFlags = map[string]bool{update.LiquidationsPaused: false}
	})
	r.signal(healthy)
	_, u := r.settle()
	following(t, c, u.Seq)

	clock.Set(u.ValidUntil.Add(-time.Nanosecond))
	if p := c.Current(); p.Fallback || p.Seq != u.Seq {
		t.Fatalf("a nanosecond before valid_until: fallback %t (%s)", p.Fallback, p.Why)
	}
	clock.Set(u.ValidUntil)
	p := c.Current()
	want := fmt.Sprintf("engine silent: last update (seq %d) expired at %s", u.Seq, u.ValidUntil.UTC().Format(time.RFC3339Nano))
	if !p.Fallback || p.Why != want || p.Update != nil || p.Seq != 0 {
		t.Fatalf("at valid_until: fallback %t, why %q, want %q", p.Fallback, p.Why, want)
	}
	for name, v := range venueFallback {
		if got := p.Values[name]; !got.Equal(v) {
			t.Errorf("%s = %s, fallback %s", name, got, v)
		}
	}
	wantFlags := map[string]bool{"halt": true, "new_positions_paused": true, "liquidations_paused": false}
	if !maps.Equal(p.Flags, wantFlags) {
		t.Errorf("fallback flags %v, want %v", p.Flags, wantFlags)
	}

	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		if got := r.storedSeq(); got != u.Seq {
			return fmt.Errorf("bucket holds seq %d, engine published %d", got, u.Seq)
		}
		return nil
	})
	late := r.client(func(o *Options) {
		o.Now = func() time.Time { return u.ValidUntil.Add(time.Hour) }
	})
	if p := late.Current(); !p.Fallback || p.Why != WhyNoUpdate {
		t.Errorf("late client with an expired stored update: fallback %t, why %q", p.Fallback, p.Why)
	}
	r.signal(congested)
	_, hot := r.settle()
	checkFor(t, 5*time.Second, 10*time.Millisecond, func() error {
		// The engine numbers its updates one by one: the stored one, then
		// each of hot.Seq - u.Seq live ones.
		if s := late.Stats(); s.Expired != 1+hot.Seq-u.Seq || s.Accepted != 0 {
			return fmt.Errorf("late client's stats %+v, want the stored seq %d and the live ones up to %d expired", s, u.Seq, hot.Seq)
		}
		return nil
	})
}

// TestEngineSilenceFallsBack: with the real clock, an engine that beats
// every second keeps the client fresh; once it stops, the client falls back
// when the last update expires, and says so on Updates.
func TestEngineSilenceFallsBack(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for an update to expire")
	}
	r := newRig(t, beatingConfig)
	c := r.client(nil)
	r.signal(healthy)
	var last Params
	for following := time.After(2500 * time.Millisecond); ; {
		select {
		case p := <-c.Updates():
			if p.Fallback && last.Seq != 0 {
				t.Fatalf("fell back while the engine was beating: %s", p.Why)
			}
			if !p.Fallback {
				last = p
			}
			continue
		case <-following:
		}
		break
	}
	if last.Seq < 2 {
		t.Fatalf("followed up to seq %d in 2.5 s of heartbeats", last.Seq)
	}
	r.stopEngine()
	stopped := time.Now()
	deadline := time.After(6 * time.Second)
	for {
		select {
		case p := <-c.Updates():
			if !p.Fallback {
				last = p
				continue
			}
			if !strings.HasPrefix(p.Why, fmt.Sprintf("engine silent: last update (seq %d) expired at ", last.Seq)) {
				t.Errorf("why %q; last update seen seq %d", p.Why, last.Seq)
			}
			if now := time.Now(); now.Before(last.ValidUntil) {
				t.Errorf("fell back at %s, before valid_until %s", now, last.ValidUntil)
			}
			if cur := c.Current(); !cur.Fallback {
				t.Errorf("Updates says fallback, Current says seq %d", cur.Seq)
			}
			t.Logf("fell back %s after the engine stopped", time.Since(stopped).Round(time.Millisecond))
			return
		case <-deadline:
			t.Fatalf("no fallback 6 s after the engine stopped; Current: %+v", c.Current())
		}
	}
}
