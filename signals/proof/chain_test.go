package proof_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// The words the test contract's init code stores. Opcodes and their
// stack order are from the Ethereum Yellow Paper, appendix H (see also
// evm.codes): SSTORE pops the slot, then the value; KECCAK256 and RETURN
// pop the memory offset, then the size; MSTORE and MSTORE8 pop the
// offset, then the value.
var (
	// slot0Word is a full 32-byte word, so its RLP is a 32-byte string.
	slot0Word = common.HexToHash("0x8000000000000000000000000000000000000000000000000000001cbe98f6e0")
	// slot1Word is 5: one byte below 0x80, which RLP encodes as itself.
	slot1Word = common.BigToHash(big.NewInt(5))
	// mappingKey, mappingSlot and mappingWord: m[0xbeef] = 0x2a for a
	// mapping declared at slot 2.
	mappingKey  = common.BigToHash(big.NewInt(0xbeef))
	mappingSlot = common.BigToHash(big.NewInt(2))
	mappingWord = common.BigToHash(big.NewInt(0x2a))
	// arraySlot, arrayIndex and arrayWord: a[4] = 7 for a dynamic array
	// declared at slot 3.
	arraySlot  = common.BigToHash(big.NewInt(3))
	arrayIndex = uint64(4)
	arrayWord  = common.BigToHash(big.NewInt(7))
	// untouchedSlot is never written.
	untouchedSlot = common.BigToHash(big.NewInt(9))
)

// initCode stores the words above and deploys the one-byte runtime code
// 0x00 (STOP). The mapping and array slots are computed by the EVM's own
// KECCAK256, independently of MappingSlot and ArraySlot.
var initCode = []byte{
	// storage[0] = slot0Word
	0x7f,                                           // PUSH32 slot0Word
	0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   bytes 0-7
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   bytes 8-15
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   bytes 16-23
	0x00, 0x00, 0x00, 0x1c, 0xbe, 0x98, 0xf6, 0xe0, //   bytes 24-31
	0x60, 0x00, // PUSH1 0x00: slot
	0x55, // SSTORE
	// storage[1] = 5
	0x60, 0x05, // PUSH1 0x05: value
	0x60, 0x01, // PUSH1 0x01: slot
	0x55, // SSTORE
	// storage[keccak256(pad32(0xbeef) ‖ pad32(2))] = 0x2a
	0x60, 0x2a, // PUSH1 0x2a: value, left on the stack for SSTORE
	0x61, 0xbe, 0xef, // PUSH2 0xbeef: key
	0x60, 0x00, // PUSH1 0x00: offset
	0x52,       // MSTORE: memory[0:32] = pad32(0xbeef)
	0x60, 0x02, // PUSH1 0x02: the mapping's slot
	0x60, 0x20, // PUSH1 0x20: offset
	0x52,       // MSTORE: memory[32:64] = pad32(2)
	0x60, 0x40, // PUSH1 0x40: size
	0x60, 0x00, // PUSH1 0x00: offset
	0x20, // KECCAK256(memory[0:64])
	0x55, // SSTORE: storage[hash] = 0x2a
	// storage[keccak256(pad32(3)) + 4] = 7
	0x60, 0x07, // PUSH1 0x07: value, left on the stack for SSTORE
	0x60, 0x04, // PUSH1 0x04: index, left on the stack for ADD
	0x60, 0x03, // PUSH1 0x03: the array's slot
	0x60, 0x00, // PUSH1 0x00: offset
	0x52,       // MSTORE: memory[0:32] = pad32(3)
	0x60, 0x20, // PUSH1 0x20: size
	0x60, 0x00, // PUSH1 0x00: offset
	0x20, // KECCAK256(memory[0:32])
	0x01, // ADD: hash + 4
	0x55, // SSTORE: storage[hash + 4] = 7
	// return the runtime code: the single byte 0x00 (STOP)
	0x60, 0x00, // PUSH1 0x00: value
	0x60, 0x00, // PUSH1 0x00: offset
	0x53,       // MSTORE8: memory[0] = 0x00
	0x60, 0x01, // PUSH1 0x01: size
	0x60, 0x00, // PUSH1 0x00: offset
	0xf3, // RETURN memory[0:1]
}

// runtimeCode is what initCode returns.
var runtimeCode = []byte{0x00}

// The ether the test sends to the funded account: in block 1, then in
// block 2.
var (
	sentBlock1 = new(big.Int).Add(big.NewInt(3*params.Ether), big.NewInt(7))
	sentBlock2 = big.NewInt(11 * params.GWei)
)

// chain is a simulated chain with the test contract deployed and ether
// sent to an account in block 1, and more ether sent in block 2.
type chain struct {
	sim    *simulated.Backend
	client simulated.Client
	rpc    *rpc.Client

	sender   common.Address
	contract common.Address
	funded   common.Address
	absent   common.Address
	// senderBalance[n] is the sender's balance after block n, from the
	// genesis allocation less what was sent and the fees the receipts
	// report.
	senderBalance [3]*big.Int
}

func newChain(t *testing.T) *chain {
	t.Helper()
	ctx := context.Background()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("signals/proof test sender")))
	if err != nil {
		t.Fatal(err)
	}
	c := &chain{
		sender: crypto.PubkeyToAddress(key.PublicKey),
		funded: common.HexToAddress("0x00000000000000000000000000000000000f00d1"),
		absent: common.HexToAddress("0x00000000000000000000000000000000000ab5e7"),
	}
	c.senderBalance[0] = new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))
	// The simulated backend's own client hides its *rpc.Client, so the
	// node also serves JSON-RPC on a Unix socket, which eth_getProof is
	// read through.
	dir, err := os.MkdirTemp("", "proof")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ipc := filepath.Join(dir, "node.ipc")
	c.sim = simulated.NewBackend(types.GenesisAlloc{c.sender: {Balance: c.senderBalance[0]}},
		func(nc *node.Config, _ *ethconfig.Config) { nc.IPCPath = ipc })
	t.Cleanup(func() { c.sim.Close() })
	c.client = c.sim.Client()
	if c.rpc, err = rpc.DialIPC(ctx, ipc); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.rpc.Close)

	deploy := c.send(t, key, 0, nil, new(big.Int), initCode)
	send1 := c.send(t, key, 1, &c.funded, sentBlock1, nil)
	c.commit(t, 2)
	r := c.receipt(t, deploy, 1)
	c.contract = r.ContractAddress
	if want := crypto.CreateAddress(c.sender, 0); c.contract != want {
		t.Fatalf("contract at %s, want %s", c.contract, want)
	}
	c.senderBalance[1] = new(big.Int).Sub(c.senderBalance[0], sentBlock1)
	c.senderBalance[1].Sub(c.senderBalance[1], c.fees(t, deploy, 1))
	c.senderBalance[1].Sub(c.senderBalance[1], c.fees(t, send1, 1))

	send2 := c.send(t, key, 2, &c.funded, sentBlock2, nil)
	c.commit(t, 1)
	c.senderBalance[2] = new(big.Int).Sub(c.senderBalance[1], sentBlock2)
	c.senderBalance[2].Sub(c.senderBalance[2], c.fees(t, send2, 2))

	if n, err := c.client.BlockNumber(ctx); err != nil || n != 2 {
		t.Fatalf("head is block %d (%v), want 2", n, err)
	}
	return c
}

// send signs and submits a dynamic-fee transaction with the gas limit
// the node estimates; to nil deploys data.
func (c *chain) send(t *testing.T, key *ecdsa.PrivateKey, nonce uint64, to *common.Address, value *big.Int, data []byte) *types.Transaction {
	t.Helper()
	ctx := context.Background()
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	gas, err := c.client.EstimateGas(ctx, ethereum.CallMsg{From: c.sender, To: to, Value: value, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	tip := big.NewInt(params.GWei)
	tx := types.MustSignNewTx(key, types.LatestSignerForChainID(big.NewInt(1337)), &types.DynamicFeeTx{
		ChainID:   big.NewInt(1337),
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip),
		Gas:       gas,
		To:        to,
		Value:     value,
		Data:      data,
	})
	if err := c.client.SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	return tx
}

// commit seals a block once the pool holds pending transactions
// executable: the pool promotes transactions in the background, and a
// block sealed before it has done so leaves some out.
func (c *chain) commit(t *testing.T, pending int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var status struct {
			Pending hexutil.Uint `json:"pending"`
			Queued  hexutil.Uint `json:"queued"`
		}
		if err := c.rpc.CallContext(context.Background(), &status, "txpool_status"); err != nil {
			t.Fatal(err)
		}
		if int(status.Pending) == pending && status.Queued == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool has %d pending and %d queued transactions, want %d pending", status.Pending, status.Queued, pending)
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.sim.Commit()
}

// receipt returns tx's receipt from the receipts of block, which (unlike
// eth_getTransactionReceipt) need no transaction index, which the node
// builds in the background after a commit.
func (c *chain) receipt(t *testing.T, tx *types.Transaction, block int64) *types.Receipt {
	t.Helper()
	receipts, err := ethclient.NewClient(c.rpc).BlockReceipts(context.Background(),
		rpc.BlockNumberOrHashWithNumber(rpc.BlockNumber(block)))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range receipts {
		if r.TxHash != tx.Hash() {
			continue
		}
		if r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("transaction %s failed", tx.Hash())
		}
		return r
	}
	t.Fatalf("transaction %s not in block %d", tx.Hash(), block)
	return nil
}

// fees is what tx cost its sender: gas used times the effective gas price.
func (c *chain) fees(t *testing.T, tx *types.Transaction, block int64) *big.Int {
	t.Helper()
	r := c.receipt(t, tx, block)
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}

func (c *chain) header(t *testing.T, number int64) *types.Header {
	t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), big.NewInt(number))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// contractSlots are the test contract's slots that tests read, and
// contractWords what each holds.
func contractSlots() []common.Hash {
	return []common.Hash{
		common.Hash{}, common.BigToHash(big.NewInt(1)), untouchedSlot,
		crypto.Keccak256Hash(mappingKey[:], mappingSlot[:]),
		common.BigToHash(new(big.Int).Add(new(big.Int).SetBytes(crypto.Keccak256(arraySlot[:])), new(big.Int).SetUint64(arrayIndex))),
	}
}

func contractWords() []common.Hash {
	return []common.Hash{slot0Word, slot1Word, {}, mappingWord, arrayWord}
}
