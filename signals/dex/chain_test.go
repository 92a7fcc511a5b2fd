package dex

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/dex/contracts/pool"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
)

// account is a funded account of the test chain that signs its own
// transactions, counting its nonces itself so that several of its
// transactions can wait in the pool for one block.
type account struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce uint64
}

// chain is a simulated chain with funded accounts that deploy and trade on
// TestPools. Transactions are sent with send and sealed, several to a
// block, with seal.
type chain struct {
	t        *testing.T
	sim      *simulated.Backend
	client   simulated.Client
	pool     *pool.TestPool
	accounts []*account
	sent     []*types.Transaction // since the last seal
}

func newChain(t *testing.T, accounts int) *chain {
	t.Helper()
	c := &chain{t: t, pool: pool.NewTestPool()}
	alloc := types.GenesisAlloc{}
	for range accounts {
		key, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		a := &account{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
		alloc[a.addr] = types.Account{Balance: new(big.Int).Lsh(big.NewInt(1), 100)}
		c.accounts = append(c.accounts, a)
	}
	c.sim = simulated.NewBackend(alloc)
	t.Cleanup(func() { c.sim.Close() })
	c.sim.Commit()
	c.client = c.sim.Client()
	return c
}

// send signs and sends a transaction from a to `to` (nil deploys) with
// calldata and a priority fee of tipGwei: the block builder orders
// transactions by their fee, highest first.
func (c *chain) send(a *account, to *common.Address, calldata []byte, tipGwei int64) *types.Transaction {
	c.t.Helper()
	tx, err := types.SignNewTx(a.key, types.LatestSignerForChainID(big.NewInt(evmtest.ChainID)), &types.DynamicFeeTx{
		ChainID:   big.NewInt(evmtest.ChainID),
		Nonce:     a.nonce,
		GasTipCap: big.NewInt(tipGwei * params.GWei),
		GasFeeCap: big.NewInt(100 * params.GWei),
		Gas:       1_000_000,
		To:        to,
		Data:      calldata,
	})
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.client.SendTransaction(context.Background(), tx); err != nil {
		c.t.Fatalf("send: %v", err)
	}
	a.nonce++
	c.sent = append(c.sent, tx)
	return tx
}

// seal waits until the transaction pool holds every transaction sent
// since the last seal, seals one block and returns it, failing the test
// unless every one of them landed in it and succeeded. The pool takes
// transactions in the background, hence the wait.
func (c *chain) seal() *types.Header {
	c.t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for _, a := range c.accounts {
		for {
			n, err := c.client.PendingNonceAt(ctx, a.addr)
			if err != nil {
				c.t.Fatal(err)
			}
			if n >= a.nonce {
				break
			}
			if time.Now().After(deadline) {
				c.t.Fatalf("the pool has %d of %s's transactions, want %d", n, a.addr.Hex(), a.nonce)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	c.sim.Commit()
	head := c.head()
	for _, tx := range c.sent {
		r, err := c.client.TransactionReceipt(ctx, tx.Hash())
		if err != nil {
			c.t.Fatalf("transaction %s not mined: %v", tx.Hash(), err)
		}
		if r.BlockNumber.Cmp(head.Number) != 0 || r.Status != types.ReceiptStatusSuccessful {
			c.t.Fatalf("transaction %s: block %v status %d, want block %v status 1", tx.Hash(), r.BlockNumber, r.Status, head.Number)
		}
	}
	c.sent = nil
	return head
}

// receipt returns a mined transaction's receipt.
func (c *chain) receipt(tx *types.Transaction) *types.Receipt {
	c.t.Helper()
	r, err := c.client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// deployPool deploys a TestPool from the first account, mints reserves
// into it (in the tokens' smallest units) and returns its address.
func (c *chain) deployPool(reserve0, reserve1 *big.Int) common.Address {
	c.t.Helper()
	lp := c.accounts[0]
	addr := crypto.CreateAddress(lp.addr, lp.nonce)
	c.send(lp, nil, common.FromHex(pool.TestPoolMetaData.Bin), 1)
	c.seal()
	if reserve0.Sign() > 0 || reserve1.Sign() > 0 {
		c.send(lp, &addr, c.pool.PackMint(reserve0, reserve1), 1)
		c.seal()
	}
	return addr
}

// reserves reads a pool's reserves at the head.
func (c *chain) reserves(addr common.Address) (*big.Int, *big.Int) {
	c.t.Helper()
	out, err := c.client.CallContract(context.Background(), ethereum.CallMsg{To: &addr, Data: c.pool.PackGetReserves()}, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	r, err := c.pool.UnpackGetReserves(out)
	if err != nil {
		c.t.Fatal(err)
	}
	return r.Reserve0, r.Reserve1
}

// advance seals an empty block d after the head.
func (c *chain) advance(d time.Duration) *types.Header {
	c.t.Helper()
	c.sim.Commit() // lets the pool catch up: AdjustTime wants it empty
	if err := c.sim.AdjustTime(d); err != nil {
		c.t.Fatalf("AdjustTime: %v", err)
	}
	return c.head()
}

func (c *chain) head() *types.Header {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

// units is v · 10^decimals as an integer amount.
func units(v string, decimals int32) *big.Int {
	return decimal.RequireFromString(v).Shift(decimals).BigInt()
}

// getAmountOut is Uniswap v2's getAmountOut (v2-periphery): the output of
// amountIn after the 0.3% fee, rounded down.
func getAmountOut(amountIn, reserveIn, reserveOut *big.Int) *big.Int {
	withFee := new(big.Int).Mul(amountIn, big.NewInt(997))
	num := new(big.Int).Mul(withFee, reserveOut)
	den := new(big.Int).Add(new(big.Int).Mul(reserveIn, big.NewInt(1000)), withFee)
	return num.Quo(num, den)
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

// poll polls once, expecting success.
func poll(t *testing.T, c *Collector) []collect.Observation {
	t.Helper()
	obs, err := c.Poll(context.Background())
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	return obs
}

// of returns the observations of one pool and kind, in order.
func of(obs []collect.Observation, venue, kind string) []collect.Observation {
	var out []collect.Observation
	for _, o := range obs {
		if o.Chain == venue && o.Kind == kind {
			out = append(out, o)
		}
	}
	return out
}

// last returns the value of the last observation of a pool and kind,
// failing the test if there is none.
func last(t *testing.T, obs []collect.Observation, venue, kind string) decimal.Decimal {
	t.Helper()
	o := of(obs, venue, kind)
	if len(o) == 0 {
		t.Fatalf("no %s/%s in %v", venue, kind, obs)
	}
	return o[len(o)-1].Value
}

// up returns a pool's collector_up, which must come once, after its other
// observations.
func up(t *testing.T, obs []collect.Observation, venue string) bool {
	t.Helper()
	var seen []int
	for i, o := range obs {
		if o.Chain == venue && o.Kind == collect.KindCollectorUp {
			seen = append(seen, i)
		}
	}
	if len(seen) != 1 {
		t.Fatalf("%s: %d collector_up in %v, want 1", venue, len(seen), obs)
	}
	for _, o := range obs[seen[0]+1:] {
		if o.Chain == venue {
			t.Fatalf("%s: %v after its collector_up", venue, o)
		}
	}
	return obs[seen[0]].Value.Equal(decimal.NewFromInt(1))
}

// near reports whether got is within 1e-6 of want.
func near(got decimal.Decimal, want string) bool {
	return got.Sub(decimal.RequireFromString(want)).Abs().LessThanOrEqual(decimal.New(1, -6))
}
