package proof_test

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
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

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/mockaggregator"
	"github.com/infrarisk/infrarisk/signals/proof"
)

// The round the feed chain's price feed holds: an ETH / USD answer of
// 1834.56 with 8 decimals, started and updated at fixed times.
var (
	feedDecimals  = uint8(8)
	feedAnswer    = big.NewInt(183_456_000_000)
	feedStartedAt = uint64(1_700_000_000)
	feedUpdatedAt = uint64(1_700_000_012)
)

// proxyRuntime forwards its calldata to the address in its storage slot 0
// with STATICCALL and returns (or reverts with) what that returns, as
// Chainlink's EACAggregatorProxy forwards latestRoundData to its
// aggregator. Opcodes and stack order as in the Ethereum Yellow Paper,
// appendix H: CALLDATACOPY and RETURNDATACOPY pop the memory offset, the
// data offset, then the size; STATICCALL pops gas, address, args offset,
// args size, return offset, return size; JUMPI pops the destination, then
// the condition; RETURN and REVERT pop the offset, then the size.
var proxyRuntime = []byte{
	0x36,       // CALLDATASIZE: size
	0x60, 0x00, // PUSH1 0: data offset
	0x60, 0x00, // PUSH1 0: memory offset
	0x37,       // CALLDATACOPY: memory[0:size] = calldata
	0x60, 0x00, // PUSH1 0: return size
	0x60, 0x00, // PUSH1 0: return offset
	0x36,       // CALLDATASIZE: args size
	0x60, 0x00, // PUSH1 0: args offset
	0x60, 0x00, // PUSH1 0: slot
	0x54,       // SLOAD: the address in slot 0
	0x5a,       // GAS
	0xfa,       // STATICCALL: leaves 1 on success
	0x3d,       // RETURNDATASIZE: size
	0x60, 0x00, // PUSH1 0: data offset
	0x60, 0x00, // PUSH1 0: memory offset
	0x3e,       // RETURNDATACOPY: memory[0:size] = return data
	0x60, 0x1f, // PUSH1 31: the JUMPDEST below
	0x57,       // JUMPI: to 31 on success
	0x3d,       // RETURNDATASIZE: size
	0x60, 0x00, // PUSH1 0: offset
	0xfd,       // REVERT memory[0:size]
	0x5b,       // JUMPDEST (31)
	0x3d,       // RETURNDATASIZE: size
	0x60, 0x00, // PUSH1 0: offset
	0xf3, // RETURN memory[0:size]
}

// blockHashRuntime returns BLOCKHASH(NUMBER - 4), the hash of the block
// four blocks before the one the call runs in.
var blockHashRuntime = []byte{
	0x43,       // NUMBER: n
	0x60, 0x04, // PUSH1 4
	0x90,       // SWAP1: n on top
	0x03,       // SUB: n - 4
	0x40,       // BLOCKHASH
	0x60, 0x00, // PUSH1 0: offset
	0x52,       // MSTORE: memory[0:32] = the hash
	0x60, 0x20, // PUSH1 32: size
	0x60, 0x00, // PUSH1 0: offset
	0xf3, // RETURN memory[0:32]
}

// deployCode is init code that first stores word in slot 0 (if word is
// not nil) and then deploys runtime: it copies runtime, which follows it,
// to memory and returns it.
func deployCode(word *common.Address, runtime []byte) []byte {
	var code []byte
	if word != nil {
		code = append(code, 0x73)            // PUSH20 word
		code = append(code, word.Bytes()...) //
		code = append(code, 0x60, 0x00, 0x55)
	}
	// 11 bytes: PUSH1 len, DUP1, PUSH1 offset, PUSH1 0, CODECOPY, PUSH1 0, RETURN.
	offset := byte(len(code) + 11)
	code = append(code,
		0x60, byte(len(runtime)), // PUSH1 len: size
		0x80,         // DUP1: size again, for RETURN
		0x60, offset, // PUSH1 offset: where runtime starts in this code
		0x60, 0x00, // PUSH1 0: memory offset
		0x39,       // CODECOPY
		0x60, 0x00, // PUSH1 0: offset
		0xf3, // RETURN memory[0:len]
	)
	return append(code, runtime...)
}

// feedChain is a simulated chain, serving JSON-RPC on a Unix socket, with
// a MockAggregatorV3 price feed holding one round, a proxy in front of
// it, and a contract reading BLOCKHASH.
type feedChain struct {
	sim    *simulated.Backend
	client simulated.Client
	rpc    *rpc.Client
	auth   *bind.TransactOpts
	nonce  uint64
	mock   *mockaggregator.MockAggregatorV3

	feed, proxy, blockHash common.Address
	// eoa holds ether and no code.
	eoa common.Address
	// beforeAnswer is the block before the feed's first round.
	beforeAnswer uint64
}

func newFeedChain(t *testing.T) *feedChain {
	t.Helper()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("signals/proof call test sender")))
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "proofcall")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	ipc := filepath.Join(dir, "node.ipc")
	sender := crypto.PubkeyToAddress(key.PublicKey)
	c := &feedChain{mock: mockaggregator.NewMockAggregatorV3(), eoa: sender}
	c.sim = simulated.NewBackend(types.GenesisAlloc{sender: {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}},
		func(nc *node.Config, _ *ethconfig.Config) { nc.IPCPath = ipc })
	t.Cleanup(func() { c.sim.Close() })
	c.client = c.sim.Client()
	if c.rpc, err = rpc.DialIPC(context.Background(), ipc); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.rpc.Close)
	// The simulated backend's chain ID is 1337.
	c.auth = bind.NewKeyedTransactor(key, big.NewInt(1337))
	c.auth.GasLimit = 3_000_000

	c.feed = c.deploy(t, common.FromHex(mockaggregator.MockAggregatorV3MetaData.Bin), c.mock.PackConstructor(feedDecimals, "ETH / USD"))
	c.proxy = c.deploy(t, deployCode(&c.feed, proxyRuntime), nil)
	c.blockHash = c.deploy(t, deployCode(nil, blockHashRuntime), nil)
	c.beforeAnswer = c.head(t).Number.Uint64()
	c.send(t, c.feed, c.mock.PackUpdateAnswer(feedAnswer, new(big.Int).SetUint64(feedStartedAt), new(big.Int).SetUint64(feedUpdatedAt)))
	return c
}

// deploy deploys code with constructor input and mines it.
func (c *feedChain) deploy(t *testing.T, code, input []byte) common.Address {
	t.Helper()
	c.auth.Nonce = new(big.Int).SetUint64(c.nonce)
	addr, tx, err := bind.DeployContract(c.auth, code, c.client, input)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	c.mine(t, tx)
	return addr
}

// send calls addr with calldata in a transaction and mines it.
func (c *feedChain) send(t *testing.T, addr common.Address, calldata []byte) {
	t.Helper()
	c.auth.Nonce = new(big.Int).SetUint64(c.nonce)
	tx, err := bind.Transact(bind.NewBoundContract(addr, abi.ABI{}, c.client, c.client, c.client), c.auth, calldata)
	if err != nil {
		t.Fatalf("transact: %v", err)
	}
	c.mine(t, tx)
}

// mine seals a block once the pool holds tx as executable, and checks
// that tx succeeded in it. Receipts are read by block: the transaction
// index eth_getTransactionReceipt needs is built in the background.
func (c *feedChain) mine(t *testing.T, tx *types.Transaction) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var status struct {
			Pending hexutil.Uint `json:"pending"`
		}
		if err := c.rpc.CallContext(ctx, &status, "txpool_status"); err != nil {
			t.Fatal(err)
		}
		if status.Pending == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("transaction %s not pending", tx.Hash())
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.sim.Commit()
	c.nonce++
	receipts, err := ethclient.NewClient(c.rpc).BlockReceipts(ctx, rpc.BlockNumberOrHashWithNumber(rpc.LatestBlockNumber))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range receipts {
		if r.TxHash == tx.Hash() {
			if r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("transaction %s failed", tx.Hash())
			}
			return
		}
	}
	t.Fatalf("transaction %s not in the latest block", tx.Hash())
}

func (c *feedChain) head(t *testing.T) *types.Header {
	t.Helper()
	h, err := c.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// caller returns a verified caller of the chain through client, with the
// simulated chain's configuration.
func (c *feedChain) caller(t *testing.T, client *rpc.Client, opts proof.CallerOptions) *proof.Caller {
	t.Helper()
	opts.Client = client
	opts.ChainConfig = params.AllDevChainProtocolChanges
	caller, err := proof.NewCaller(opts)
	if err != nil {
		t.Fatal(err)
	}
	return caller
}

// latestRoundData is the call of latestRoundData on addr.
func (c *feedChain) latestRoundData(addr common.Address) ethereum.CallMsg {
	return ethereum.CallMsg{To: &addr, Data: c.mock.PackLatestRoundData()}
}

// roundSlots are the feed's storage slots holding its first round, from
// MockAggregatorV3's storage layout (Solidity documentation, "Layout of
// State Variables in Storage"): feedDescription at slot 0, owner and
// latestRound packed in slot 1, and the mapping rounds at slot 2, whose
// Round structs take four consecutive slots from keccak256(pad32(1) ‖
// pad32(2)): answer, startedAt, updatedAt, answeredInRound.
func roundSlots() (latestRound common.Hash, round [4]common.Hash) {
	base := new(big.Int).SetBytes(proof.MappingSlot(common.BigToHash(big.NewInt(1)), common.BigToHash(big.NewInt(2))).Bytes())
	for i := range round {
		round[i] = common.BigToHash(new(big.Int).Add(base, big.NewInt(int64(i))))
	}
	return common.BigToHash(big.NewInt(1)), round
}
