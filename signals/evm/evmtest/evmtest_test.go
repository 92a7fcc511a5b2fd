package evmtest

import (
	"bytes"
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/ethclient"
)

// stopContract is init code that deploys the one-byte runtime STOP:
// PUSH1 1, PUSH1 12, PUSH1 0, CODECOPY (the byte after the init code to
// memory 0), PUSH1 1, PUSH1 0, RETURN; then the runtime, 0x00.
const stopContract = "0x6001600c60003960016000f300"

// TestChainServesIPCAndMines: a deployed contract lands in a block, and a
// client dialled at the IPC endpoint sees its code and the same head as
// the in-process client.
func TestChainServesIPCAndMines(t *testing.T) {
	c := New(t, true)
	addr, n := c.Deploy(stopContract, nil)
	c.Send(addr, nil)
	cl, err := ethclient.Dial(c.IPC)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	code, err := cl.CodeAt(context.Background(), addr, new(big.Int).SetUint64(n))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(code, []byte{0}) {
		t.Errorf("code %x, want 00 (STOP)", code)
	}
	h, err := cl.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.Hash() != c.Head().Hash() || h.Number.Uint64() <= n {
		t.Errorf("IPC head %d %s, in-process %d %s (deployed in %d)", h.Number, h.Hash(), c.Head().Number, c.Head().Hash(), n)
	}
}
