package bridge

import (
	"bytes"
	"context"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

// chain is a simulated chain with one funded account that deploys and
// drives BridgeVaults.
type chain struct {
	*evmtest.Chain
	t     *testing.T
	vault *vault.BridgeVault
}

func newChain(t *testing.T) *chain {
	t.Helper()
	return &chain{Chain: evmtest.New(t, false), t: t, vault: vault.NewBridgeVault()}
}

// deployVault deploys a BridgeVault owned by the funded account.
func (c *chain) deployVault() common.Address {
	addr, _ := c.Deploy(vault.BridgeVaultMetaData.Bin, nil)
	return addr
}

// The vault's transactions; each returns the block it landed in.
func (c *chain) deposit(v common.Address, amount int64) uint64 {
	return c.Send(v, c.vault.PackDeposit(big.NewInt(amount)))
}

func (c *chain) withdraw(v common.Address, amount int64) uint64 {
	return c.Send(v, c.vault.PackWithdraw(common.HexToAddress("0xb0b"), big.NewInt(amount)))
}

func (c *chain) pause(v common.Address) uint64   { return c.Send(v, c.vault.PackPause()) }
func (c *chain) unpause(v common.Address) uint64 { return c.Send(v, c.vault.PackUnpause()) }

// advance seals one empty block d of block time after the head's and
// returns its number. The pool drops a mined transaction in the
// background, and AdjustTime refuses while it still holds one, so it is
// tried until the pool has caught up.
func (c *chain) advance(d time.Duration) uint64 {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := c.Sim.AdjustTime(d)
		if err == nil {
			return c.Head().Number.Uint64()
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("AdjustTime(%v): %v", d, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// blockTime returns block n's time.
func (c *chain) blockTime(n uint64) time.Time {
	c.t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(n))
	if err != nil {
		c.t.Fatal(err)
	}
	return time.Unix(int64(h.Time), 0)
}

// totalLocked reads a vault's totalLocked() at the head.
func (c *chain) totalLocked(v common.Address) *big.Int {
	c.t.Helper()
	l, err := bind.Call(c.vault.Instance(c.Client, v), nil, c.vault.PackTotalLocked(), c.vault.UnpackTotalLocked)
	if err != nil {
		c.t.Fatalf("totalLocked: %v", err)
	}
	return l
}

// logBuffer collects a logger's text output.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// lines returns the logged lines that contain every one of parts.
func (l *logBuffer) lines(parts ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for line := range strings.SplitSeq(l.b.String(), "\n") {
		all := line != ""
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			out = append(out, line)
		}
	}
	return out
}

func newLogger() (*slog.Logger, *logBuffer) {
	var b logBuffer
	return slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})), &b
}

func newCollector(t *testing.T, opts Options) *Collector {
	t.Helper()
	if opts.Sink == nil {
		opts.Sink = &collect.Memory{}
	}
	if opts.Logger == nil {
		opts.Logger, _ = newLogger()
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// poll polls once, expecting success and collector_up 1 for every bridge
// last.
func poll(t *testing.T, c *Collector) []collect.Observation {
	t.Helper()
	obs, err := c.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	n := len(c.opts.Bridges)
	if len(obs) < n {
		t.Fatalf("poll %v, want collector_up of %d bridges last", obs, n)
	}
	for i, o := range obs[len(obs)-n:] {
		if o.Kind != collect.KindCollectorUp || o.Chain != c.opts.Bridges[i].Name || !o.Value.Equal(one) {
			t.Fatalf("poll %v, want collector_up 1 of every bridge last", obs)
		}
	}
	return obs[:len(obs)-n]
}

// of returns, in order, the observations of one bridge and kind.
func of(obs []collect.Observation, bridge, kind string) []collect.Observation {
	var out []collect.Observation
	for _, o := range obs {
		if o.Chain == bridge && o.Kind == kind {
			out = append(out, o)
		}
	}
	return out
}

// last returns the latest observation of one bridge and kind.
func last(t *testing.T, obs []collect.Observation, bridge, kind string) collect.Observation {
	t.Helper()
	k := of(obs, bridge, kind)
	if len(k) == 0 {
		t.Fatalf("no %s of %s in %v", kind, bridge, obs)
	}
	return k[len(k)-1]
}
