// Package evmtest runs go-ethereum's simulated backend for the collectors'
// tests: a chain with one funded account that deploys and drives test
// contracts, optionally served over IPC so a collector can dial it as it
// would a real node.
package evmtest

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
)

// ChainID is the simulated backend's chain id.
const ChainID = 1337

// Chain is a simulated chain with a funded deployer.
type Chain struct {
	t      testing.TB
	Sim    *simulated.Backend
	Client simulated.Client
	Auth   *bind.TransactOpts
	// IPC is the node's IPC endpoint ("" unless New was asked for one).
	IPC string
}

// New starts a chain, closed when the test ends, with one block past
// genesis (genesis has time 0; later blocks carry the wall clock). With
// ipc, the node also listens on an IPC socket.
func New(t testing.TB, ipc bool) *Chain {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	c := &Chain{t: t}
	var opts []func(*node.Config, *ethconfig.Config)
	if ipc {
		dir, err := os.MkdirTemp("", "ipc") // short: a socket path is limited to 108 bytes
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		c.IPC = filepath.Join(dir, "geth.ipc")
		opts = append(opts, func(nc *node.Config, _ *ethconfig.Config) { nc.IPCPath = c.IPC })
	}
	c.Sim = simulated.NewBackend(types.GenesisAlloc{
		crypto.PubkeyToAddress(key.PublicKey): {Balance: new(big.Int).Lsh(big.NewInt(1), 100)},
	}, opts...)
	t.Cleanup(func() { c.Sim.Close() })
	c.Sim.Commit()
	c.Client = c.Sim.Client()
	c.Auth = bind.NewKeyedTransactor(key, big.NewInt(ChainID))
	return c
}

// Deploy deploys bytecode (hex) with constructor input and returns its
// address and the block it landed in.
func (c *Chain) Deploy(bin string, input []byte) (common.Address, uint64) {
	c.t.Helper()
	addr, tx, err := bind.DeployContract(c.Auth, common.FromHex(bin), c.Client, input)
	if err != nil {
		c.t.Fatalf("deploy: %v", err)
	}
	return addr, c.Mine(tx)
}

// Send calls the contract at addr with calldata in a transaction and
// returns the block it landed in.
func (c *Chain) Send(addr common.Address, calldata []byte) uint64 {
	c.t.Helper()
	tx, err := bind.Transact(bind.NewBoundContract(addr, abi.ABI{}, c.Client, c.Client, c.Client), c.Auth, calldata)
	if err != nil {
		c.t.Fatalf("transact: %v", err)
	}
	return c.Mine(tx)
}

// Mine seals blocks until tx is in one and returns its number, failing the
// test if it reverted. The pool takes a transaction in the background, so
// the first block sealed after sending may miss it.
func (c *Chain) Mine(tx *types.Transaction) uint64 {
	c.t.Helper()
	for range 100 {
		c.Sim.Commit()
		if r, err := c.Client.TransactionReceipt(context.Background(), tx.Hash()); err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				c.t.Fatalf("transaction %s reverted", tx.Hash())
			}
			return r.BlockNumber.Uint64()
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatalf("transaction %s never mined", tx.Hash())
	return 0
}

// Head returns the latest header.
func (c *Chain) Head() *types.Header {
	c.t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

// WaitForClock waits until the head's time is not after the wall clock:
// blocks sealed faster than one a second are stamped a second apart, so a
// busy set-up runs the chain's clock ahead, and an engine would refuse its
// blocks as from the future.
func (c *Chain) WaitForClock() {
	c.t.Helper()
	for int64(c.Head().Time) > time.Now().Unix() {
		time.Sleep(100 * time.Millisecond)
	}
}
