package bridge

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
	"github.com/infrarisk/infrarisk/signals/collect"
)

const weth = "arb-bridge-weth"

// checkBlocks checks that obs holds one observation for every block from
// from to to, in order, stamped with the block's time, with the value
// want(block).
func checkBlocks(t *testing.T, c *chain, obs []collect.Observation, from, to uint64, want func(b uint64) string) {
	t.Helper()
	if len(obs) != int(to-from+1) {
		t.Fatalf("%d observations %v, want one for each of blocks %d to %d", len(obs), obs, from, to)
	}
	for i, o := range obs {
		b := from + uint64(i)
		if !o.At.Equal(c.blockTime(b)) || o.Value.String() != want(b) {
			t.Errorf("block %d: %v, want %s at the block's time %s", b, o, want(b), c.blockTime(b).UTC())
		}
	}
}

func TestOutflowRatioOverTheWindow(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	coll := newCollector(t, Options{Client: c.Client, Bridges: []Bridge{{Name: weth, Address: v, Decimals: 18}}})
	obs := poll(t, coll)
	if len(obs) != 2 || last(t, obs, weth, KindOutflowRatio).Value.String() != "0" || last(t, obs, weth, KindPaused).Value.String() != "0" {
		t.Fatalf("first poll %v, want outflow 0 and paused 0 of the head alone", obs)
	}
	start := c.Head().Number.Uint64() + 1

	c.deposit(v, 1000)
	w1 := c.withdraw(v, 300)
	w2 := c.withdraw(v, 100)
	d2 := c.deposit(v, 800)
	head := c.Head().Number.Uint64()
	obs = poll(t, coll)
	// W / (L + W), with L what was locked after each block:
	// 300 / (700 + 300), then 400 / (600 + 400), then 400 / (1400 + 400).
	checkBlocks(t, c, of(obs, weth, KindOutflowRatio), start, head, func(b uint64) string {
		switch {
		case b < w1:
			return "0"
		case b < w2:
			return "0.3"
		case b < d2:
			return "0.4"
		}
		return "0.222222"
	})
	checkBlocks(t, c, of(obs, weth, KindPaused), start, head, func(uint64) string { return "0" })

	// The first withdrawal still counts a second before the window has
	// passed, and is gone once it has: 100 / (1400 + 100).
	first := c.blockTime(w1)
	c.advance(first.Add(time.Hour - time.Second).Sub(c.blockTime(head)))
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "0.222222" || !o.At.Equal(first.Add(time.Hour-time.Second)) {
		t.Errorf("59:59 after the first withdrawal: %v, want 0.222222", o)
	}
	c.advance(time.Second)
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "0.066667" || !o.At.Equal(first.Add(time.Hour)) {
		t.Errorf("an hour after the first withdrawal: %v, want 0.066667", o)
	}
	c.advance(time.Hour)
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "0" {
		t.Errorf("an hour after the last withdrawal: %v, want 0", o)
	}
	// A new withdrawal counts against what is held now: 350 / (1050 + 350).
	c.withdraw(v, 350)
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "0.25" {
		t.Errorf("after withdrawing 350 of 1400: %v, want 0.25", o)
	}
	if got := c.totalLocked(v); got.Int64() != 1050 {
		t.Errorf("totalLocked %v, want 1050", got)
	}
}

func TestOutflowRatioOfADrainedVaultIsOne(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	coll := newCollector(t, Options{Client: c.Client, Bridges: []Bridge{{Name: weth, Address: v}}})
	poll(t, coll)
	c.deposit(v, 1000)
	c.withdraw(v, 999)
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "0.999" {
		t.Errorf("999 of 1000 withdrawn: %v, want 0.999", o)
	}
	c.withdraw(v, 1)
	if o := last(t, poll(t, coll), weth, KindOutflowRatio); o.Value.String() != "1" {
		t.Errorf("all withdrawn: %v, want 1", o)
	}
}

func TestFirstPollReadsTheWindowsHistory(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	c.deposit(v, 1000)
	c.withdraw(v, 200)
	c.advance(2 * time.Hour)
	c.withdraw(v, 100)
	head := c.Head()
	for _, tc := range []struct {
		window time.Duration
		want   string
	}{
		{time.Hour, "0.125"},   // 100 / (700 + 100): the 200 are two hours old
		{3 * time.Hour, "0.3"}, // (200 + 100) / (700 + 300)
	} {
		t.Run(tc.window.String(), func(t *testing.T) {
			coll := newCollector(t, Options{
				Client: c.Client, Bridges: []Bridge{{Name: weth, Address: v}},
				Window: tc.window, MaxRange: 2, // several ranges
			})
			obs := poll(t, coll)
			if len(obs) != 2 {
				t.Fatalf("first poll %v, want the head's outflow and paused alone", obs)
			}
			o := last(t, obs, weth, KindOutflowRatio)
			if o.Value.String() != tc.want || !o.At.Equal(time.Unix(int64(head.Time), 0)) {
				t.Errorf("first poll %v, want %s at the head's time", o, tc.want)
			}
		})
	}
}

func TestPausedFromEventsAndFromTheViewAtStart(t *testing.T) {
	c := newChain(t)
	early, late := "eth-bridge-usdc", weth
	a := c.deployVault()
	c.pause(a)
	c.advance(2 * time.Hour) // the Paused event is older than the window
	b := c.deployVault()
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Client: c.Client, Logger: logger,
		Bridges: []Bridge{{Name: early, Address: a}, {Name: late, Address: b}},
	})
	obs := poll(t, coll)
	if p := last(t, obs, early, KindPaused); p.Value.String() != "1" {
		t.Errorf("%s paused before the collector started: %v, want 1 (from paused())", early, p)
	}
	if p := last(t, obs, late, KindPaused); p.Value.String() != "0" {
		t.Errorf("%s never paused: %v, want 0", late, p)
	}
	start := c.Head().Number.Uint64() + 1

	paused := c.pause(b)
	unpaused := c.unpause(a)
	head := c.Head().Number.Uint64()
	obs = poll(t, coll)
	checkBlocks(t, c, of(obs, late, KindPaused), start, head, func(n uint64) string {
		if n < paused {
			return "0"
		}
		return "1"
	})
	checkBlocks(t, c, of(obs, early, KindPaused), start, head, func(n uint64) string {
		if n < unpaused {
			return "1"
		}
		return "0"
	})
	if l := logs.lines("level=WARN", "bridge paused", "bridge="+late, "block="+itoa(paused)); len(l) != 1 {
		t.Errorf("pause of %s logged %q, want one warning with its block", late, l)
	}
	if l := logs.lines("bridge unpaused", "bridge="+early, "block="+itoa(unpaused)); len(l) != 1 {
		t.Errorf("unpause of %s logged %q, want one line with its block", early, l)
	}
}

func TestTooManyNewBlocksEmitsTheNewestAndCountsAll(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	logger, logs := newLogger()
	coll := newCollector(t, Options{Client: c.Client, Logger: logger, Bridges: []Bridge{{Name: weth, Address: v}}})
	poll(t, coll)
	c.deposit(v, 1000)
	c.withdraw(v, 500)
	for range MaxBackfill + 5 {
		c.Sim.Commit()
	}
	head := c.Head().Number.Uint64()
	obs := poll(t, coll)
	// The withdrawal's block is skipped, and still counts.
	checkBlocks(t, c, of(obs, weth, KindOutflowRatio), head-MaxBackfill+1, head, func(uint64) string { return "0.5" })
	if l := logs.lines("level=WARN", "skipping"); len(l) != 1 {
		t.Errorf("skipped blocks logged %q, want one warning", l)
	}
}

// flakyClient fails the reads named in fail, as a node that cannot be
// reached would.
type flakyClient struct {
	simulated.Client
	fail atomic.Value // string: the failing method, "" for none
}

var errUnreachable = errors.New("dial tcp: connection refused")

func (f *flakyClient) failing(method string) bool { s, _ := f.fail.Load().(string); return s == method }

func (f *flakyClient) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	if f.failing("HeaderByNumber") {
		return nil, errUnreachable
	}
	return f.Client.HeaderByNumber(ctx, n)
}

func (f *flakyClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if f.failing("FilterLogs") {
		return nil, errUnreachable
	}
	return f.Client.FilterLogs(ctx, q)
}

func (f *flakyClient) CallContract(ctx context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	if f.failing("CallContract") {
		return nil, errUnreachable
	}
	return f.Client.CallContract(ctx, msg, n)
}

func TestFailingReadsReportCollectorDownAndAreReadAgain(t *testing.T) {
	for _, tc := range []struct{ method, read string }{
		{"HeaderByNumber", "head"},
		{"FilterLogs", "eth_getLogs"},
		{"CallContract", "totalLocked"},
	} {
		t.Run(tc.method, func(t *testing.T) {
			c := newChain(t)
			v := c.deployVault()
			client := &flakyClient{Client: c.Client}
			coll := newCollector(t, Options{
				Client: client, Bridges: []Bridge{{Name: weth, Address: v}},
				Timeout: 300 * time.Millisecond,
				Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
			})
			poll(t, coll)
			start := c.Head().Number.Uint64() + 1

			client.fail.Store(tc.method)
			c.deposit(v, 1000)
			w := c.withdraw(v, 400)
			obs, err := coll.Poll(context.Background())
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), tc.read) || !strings.Contains(err.Error(), errUnreachable.Error()) {
				t.Errorf("Poll error %v, want the poll's deadline after retries of %s, with the last error", err, tc.read)
			}
			if len(obs) != 1 || obs[0].Kind != collect.KindCollectorUp || obs[0].Chain != weth || !obs[0].Value.IsZero() {
				t.Fatalf("poll %v, want %s's collector_up 0 alone", obs, weth)
			}

			// The blocks of the failed poll are read by the next.
			client.fail.Store("")
			head := c.Head().Number.Uint64()
			checkBlocks(t, c, of(poll(t, coll), weth, KindOutflowRatio), start, head, func(b uint64) string {
				if b < w {
					return "0"
				}
				return "0.4"
			})
		})
	}
}

func TestRunLogsFailuresAndStopsWhenContextEnds(t *testing.T) {
	c := newChain(t)
	v := c.deployVault()
	client := &flakyClient{Client: c.Client}
	client.fail.Store("CallContract")
	var sink collect.Memory
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Client: client, Bridges: []Bridge{{Name: weth, Address: v}}, Sink: &sink, Logger: logger,
		PollInterval: 20 * time.Millisecond, Timeout: 100 * time.Millisecond,
		Backoff: collect.Backoff{Base: time.Millisecond, Max: 10 * time.Millisecond},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- coll.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(logs.lines("poll failed", errUnreachable.Error())) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("after 10 s, no failed poll logged")
		}
		time.Sleep(5 * time.Millisecond)
	}
	client.fail.Store("")
	for len(sink.Kind(KindOutflowRatio)) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("after 10 s, no bridge_outflow_ratio emitted once the node recovered")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return 5 s after its context ended")
	}
	ups := sink.Kind(collect.KindCollectorUp)
	if len(ups) < 2 || !ups[0].Value.IsZero() || !ups[len(ups)-1].Value.Equal(one) || ups[0].Chain != weth {
		t.Errorf("collector_up %v, want 0 for %s while calls failed, then 1", ups, weth)
	}
}

func TestOutflowRatio(t *testing.T) {
	for _, tc := range []struct {
		withdrawn, locked int64
		want              string
	}{
		{0, 0, "0"},              // nothing held
		{0, 1000, "0"},           // nothing left
		{300, 700, "0.3"},        // W / (L + W)
		{1000, 0, "1"},           // drained
		{1, 2, "0.333333"},       // 6 places
		{2, 1, "0.666667"},       // rounded half away from zero
		{1, 1999999, "0.000001"}, // 5e-7 rounds up
		{1, 2000001, "0"},        // below half a millionth
		{500, -100, "1"},         // inconsistent backing: clamped
		{500, -500, "0"},         // nothing held at all
	} {
		got := outflowRatio(big.NewInt(tc.withdrawn), big.NewInt(tc.locked))
		if got.String() != tc.want {
			t.Errorf("outflowRatio(W %d, L %d) = %s, want %s", tc.withdrawn, tc.locked, got, tc.want)
		}
	}
}

// The topics of OpenZeppelin's Pausable events, as published (block
// explorers show them for every Pausable contract), are those the
// collector filters on.
func TestPausableTopicsAreOpenZeppelins(t *testing.T) {
	d := newDecoder(vault.NewBridgeVault())
	for kind, want := range map[eventKind]string{
		paused:   "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258",
		unpaused: "0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa",
	} {
		if got := d.topics[kind]; got != common.HexToHash(want) {
			t.Errorf("%s topic %s, want %s", kind, got, want)
		}
	}
	for kind, sig := range map[eventKind]string{deposited: "Deposited(address,uint256)", withdrawn: "Withdrawn(address,uint256)"} {
		if got, want := d.topics[kind], crypto.Keccak256Hash([]byte(sig)); got != want {
			t.Errorf("%s topic %s, want keccak256(%q) = %s", kind, got, sig, want)
		}
	}
	if f := d.filter(); len(f) != 1 || len(f[0]) != 4 {
		t.Errorf("filter %v, want one position with the 4 topics", f)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	c := newChain(t)
	good := func() Options {
		return Options{Client: c.Client, Sink: &collect.Memory{}, Bridges: []Bridge{
			{Name: weth, Address: common.HexToAddress("0x1"), Decimals: 18},
			{Name: "eth-bridge-usdc", Address: common.HexToAddress("0x2"), Decimals: 6},
		}}
	}
	if _, err := New(good()); err != nil {
		t.Fatalf("New(good options): %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no client", func(o *Options) { o.Client = nil }, "no client"},
		{"no sink", func(o *Options) { o.Sink = nil }, "no sink"},
		{"no bridges", func(o *Options) { o.Bridges = nil }, "no bridges"},
		{"bad name", func(o *Options) { o.Bridges[0].Name = "Arb Bridge" }, `bridge 0: name "Arb Bridge" is not a valid signal name`},
		{"repeated name", func(o *Options) { o.Bridges[1].Name = weth }, `bridge name "arb-bridge-weth" repeated`},
		{"no address", func(o *Options) { o.Bridges[0].Address = common.Address{} }, `bridge "arb-bridge-weth" has no address`},
		{"repeated address", func(o *Options) { o.Bridges[1].Address = o.Bridges[0].Address }, `bridge "eth-bridge-usdc": address 0x0000000000000000000000000000000000000001 repeated`},
		{"negative window", func(o *Options) { o.Window = -time.Hour }, "negative duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(&o)
			if _, err := New(o); err == nil || !strings.Contains(err.Error(), "bridge: "+tc.want) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
}

func itoa(n uint64) string { return new(big.Int).SetUint64(n).String() }
