package adminwatch

import (
	"bytes"
	"context"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/admintarget"
	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

// chain is a simulated chain with one funded account that deploys and
// drives AdminTargets.
type chain struct {
	*evmtest.Chain
	t      *testing.T
	sim    *simulated.Backend
	client simulated.Client
	target *admintarget.AdminTarget
}

func newChain(t *testing.T) *chain {
	t.Helper()
	ec := evmtest.New(t, false)
	return &chain{Chain: ec, t: t, sim: ec.Sim, client: ec.Client, target: admintarget.NewAdminTarget()}
}

// deployTarget deploys an AdminTarget and returns its address and the
// block it was deployed in.
func (c *chain) deployTarget() (common.Address, uint64) {
	return c.Deploy(admintarget.AdminTargetMetaData.Bin, nil)
}

// send calls the contract at addr with calldata in a transaction, mines
// it and returns the block's number.
func (c *chain) send(addr common.Address, calldata []byte) uint64 { return c.Send(addr, calldata) }

// head returns the latest block's number and time.
func (c *chain) head() (uint64, time.Time) {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h.Number.Uint64(), time.Unix(int64(h.Time), 0)
}

// clock is a settable Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
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
	return slog.New(slog.NewTextHandler(&b, nil)), &b
}

// poll polls once, expecting success, and returns admin_event.
func poll(t *testing.T, c *Collector) int64 {
	t.Helper()
	obs, err := c.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if len(obs) != 2 || obs[0].Kind != KindAdminEvent || obs[1].Kind != collect.KindCollectorUp || !obs[1].Value.Equal(decimal.NewFromInt(1)) {
		t.Fatalf("poll %v, want admin_event and collector_up 1", obs)
	}
	return obs[0].Value.IntPart()
}

func newCollector(t *testing.T, opts Options) *Collector {
	t.Helper()
	if opts.Chain == "" {
		opts.Chain = "ethereum"
	}
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

func bigU(n uint64) *big.Int { return new(big.Int).SetUint64(n) }

func itoa(n uint64) string { return new(big.Int).SetUint64(n).String() }
