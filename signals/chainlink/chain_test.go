package chainlink

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
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/mockaggregator"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/uptimefeed"
	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

// chain is a simulated chain with one funded account that deploys and
// drives the test feeds.
type chain struct {
	*evmtest.Chain
	t      *testing.T
	sim    *simulated.Backend
	client simulated.Client
	auth   *bind.TransactOpts
	mock   *mockaggregator.MockAggregatorV3
	uptime *uptimefeed.SequencerUptimeFeed
}

func newChain(t *testing.T) *chain {
	t.Helper()
	ec := evmtest.New(t, false)
	return &chain{
		Chain: ec, t: t, sim: ec.Sim, client: ec.Client, auth: ec.Auth,
		mock:   mockaggregator.NewMockAggregatorV3(),
		uptime: uptimefeed.NewSequencerUptimeFeed(),
	}
}

// deploy deploys bytecode (hex) with constructor input and mines it.
func (c *chain) deploy(bin string, input []byte) common.Address {
	addr, _ := c.Deploy(bin, input)
	return addr
}

// send calls the contract at addr with calldata in a transaction and
// mines it.
func (c *chain) send(addr common.Address, calldata []byte) { c.Send(addr, calldata) }

// advance seals an empty block d after the head. The empty block sealed
// first makes the transaction pool catch up with the mined transactions:
// AdjustTime refuses to run while the pool still lists one as pending.
func (c *chain) advance(d time.Duration) {
	c.t.Helper()
	c.sim.Commit()
	if err := c.sim.AdjustTime(d); err != nil {
		c.t.Fatalf("AdjustTime: %v", err)
	}
}

// head is the time of the latest block, in Unix seconds.
func (c *chain) head() uint64 {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h.Time
}

// priceFeed deploys a MockAggregatorV3 with the given decimals.
func (c *chain) priceFeed(decimals uint8) common.Address {
	return c.deploy(mockaggregator.MockAggregatorV3MetaData.Bin, c.mock.PackConstructor(decimals, "ETH / USD"))
}

// answer starts a round of a price feed.
func (c *chain) answer(feed common.Address, answer *big.Int, startedAt, updatedAt uint64) {
	c.send(feed, c.mock.PackUpdateAnswer(answer, new(big.Int).SetUint64(startedAt), new(big.Int).SetUint64(updatedAt)))
}

// units is v · 10^decimals as an integer answer.
func units(v string, decimals int32) *big.Int {
	return decimal.RequireFromString(v).Shift(decimals).BigInt()
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

// fixedClock returns a Now that always returns the Unix second s.
func fixedClock(s uint64) func() time.Time {
	return func() time.Time { return time.Unix(int64(s), 0) }
}

// values returns the values of one kind among obs, in order.
func values(obs []collect.Observation, kind string) []decimal.Decimal {
	var out []decimal.Decimal
	for _, o := range obs {
		if o.Kind == kind {
			out = append(out, o.Value)
		}
	}
	return out
}

// only returns the single value of kind in obs, failing the test if there
// is not exactly one.
func only(t *testing.T, obs []collect.Observation, kind string) decimal.Decimal {
	t.Helper()
	v := values(obs, kind)
	if len(v) != 1 {
		t.Fatalf("%s: %d values %v in %v, want 1", kind, len(v), v, obs)
	}
	return v[0]
}

// up returns the poll's collector_up, which must be its last observation.
func up(t *testing.T, obs []collect.Observation) bool {
	t.Helper()
	if len(obs) == 0 || obs[len(obs)-1].Kind != collect.KindCollectorUp {
		t.Fatalf("poll did not end with collector_up: %v", obs)
	}
	return obs[len(obs)-1].Value.Equal(decimal.NewFromInt(1))
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
