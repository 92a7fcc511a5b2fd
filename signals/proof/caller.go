package proof

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// CallerOptions configures a Caller.
type CallerOptions struct {
	// Client is the connection to the execution node that serves
	// eth_getProof, eth_getCode and eth_createAccessList. Required.
	Client *rpc.Client
	// Headers supplies the headers calls are pinned to and proven
	// against. Defaults to eth_getBlockByNumber on Client; pass a source
	// agreed across endpoints to trust no single one.
	Headers HeaderReader
	// ChainConfig gives the fork rules the call is executed under. It
	// must be the configuration of the chain Client serves (the first
	// call checks its chain ID against eth_chainId); params.MainnetChainConfig
	// by default.
	ChainConfig *params.ChainConfig
	// CompareWithNode makes every call also ask the node's own eth_call
	// at the same block and fail with ErrProof when its answer differs
	// from the verified one: the node is then lying or broken.
	CompareWithNode bool
	// MaxRounds bounds the rounds of proving and executing one call
	// (see Caller.Call); 8 by default. With a node's access list one
	// round suffices; without one, each round finds the reads the
	// previous one's values led to, and a feed read through a proxy
	// (proxy slot, aggregator account, latest round id, round) takes 5.
	MaxRounds int
	// GasCap is the gas a call may use, and the gas of calls that do not
	// set their own; 50,000,000 by default, go-ethereum's default RPC gas
	// cap (ethconfig.Defaults.RPCGasCap), so that a call runs with the
	// gas an eth_call to a default node has.
	GasCap uint64
}

// DefaultCallerOptions returns the defaults NewCaller applies to zero
// fields.
func DefaultCallerOptions() CallerOptions {
	return CallerOptions{
		ChainConfig: params.MainnetChainConfig,
		MaxRounds:   8,
		GasCap:      50_000_000,
	}
}

func (o CallerOptions) withDefaults() CallerOptions {
	d := DefaultCallerOptions()
	if o.ChainConfig == nil {
		o.ChainConfig = d.ChainConfig
	}
	if o.MaxRounds == 0 {
		o.MaxRounds = d.MaxRounds
	}
	if o.GasCap == 0 {
		o.GasCap = d.GasCap
	}
	if o.Headers == nil && o.Client != nil {
		o.Headers = ethclient.NewClient(o.Client)
	}
	return o
}

func (o CallerOptions) validate() error {
	var errs []error
	if o.Client == nil {
		errs = append(errs, errors.New("proof: CallerOptions.Client is required"))
	}
	if o.ChainConfig.ChainID == nil {
		errs = append(errs, errors.New("proof: CallerOptions.ChainConfig has no chain ID"))
	}
	if o.MaxRounds < 0 {
		errs = append(errs, fmt.Errorf("proof: CallerOptions.MaxRounds %d is negative", o.MaxRounds))
	}
	return errors.Join(errs...)
}

// Caller makes contract calls without trusting the node's eth_call: it
// executes each call in go-ethereum's EVM over state proven against the
// block header (see the package documentation). It implements
// bind.ContractCaller and is safe for concurrent use.
type Caller struct {
	opts CallerOptions
	rpc  *rpc.Client
	eth  *ethclient.Client

	// codes holds contract code already checked against its hash; code
	// is immutable for a given hash, so it is valid at every block.
	codes codeCache

	mu           sync.Mutex
	last         *types.Header
	chainChecked bool
}

var _ bind.ContractCaller = (*Caller)(nil)

// NewCaller returns a Caller for opts.
func NewCaller(opts CallerOptions) (*Caller, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	return &Caller{
		opts:  opts,
		rpc:   opts.Client,
		eth:   ethclient.NewClient(opts.Client),
		codes: codeCache{codes: map[[32]byte][]byte{}},
	}, nil
}

// CallResult is one verified call.
type CallResult struct {
	// Return is the data the call returned.
	Return []byte
	// Header is the header the call was executed at and its state
	// proven against; compare Header.Hash() across endpoints to check
	// they agree on the block.
	Header *types.Header
	// Rounds is the number of rounds of proving and executing it took:
	// 1 when the node's access list named everything the call read.
	Rounds int
	// Accounts and Slots count the accounts and storage slots proven.
	Accounts, Slots int
	// UsedGas is the gas the call used, refunds deducted.
	UsedGas uint64
}

// CallContract executes call at block (nil for the latest, or a negative
// rpc.BlockNumber for a tag) over proven state and returns its return
// data; see Call. It implements bind.ContractCaller.
func (c *Caller) CallContract(ctx context.Context, call ethereum.CallMsg, block *big.Int) ([]byte, error) {
	res, err := c.Call(ctx, call, block)
	if err != nil {
		return nil, err
	}
	return res.Return, nil
}

// LastHeader returns the header of the latest call or CodeAt to succeed,
// or nil before the first. With concurrent calls, use the Header of
// Call's result instead.
func (c *Caller) LastHeader() *types.Header {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

func (c *Caller) setLast(h *types.Header) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = h
}

// checkChain checks, once, that the node serves the chain whose rules
// ChainConfig gives: executing one chain's state under another's rules
// would give wrong answers with valid proofs.
func (c *Caller) checkChain(ctx context.Context) error {
	c.mu.Lock()
	done := c.chainChecked
	c.mu.Unlock()
	if done {
		return nil
	}
	id, err := c.eth.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("proof: eth_chainId: %w", err)
	}
	if want := c.opts.ChainConfig.ChainID; id.Cmp(want) != 0 {
		return fmt.Errorf("proof: node serves chain %s but the chain config is for chain %s", id, want)
	}
	c.mu.Lock()
	c.chainChecked = true
	c.mu.Unlock()
	return nil
}

// codeCache maps code hashes to code checked against them.
type codeCache struct {
	mu    sync.Mutex
	codes map[[32]byte][]byte
}

// maxCachedCodes bounds the code cache; a caller reads a few feeds, so
// the bound is only met by a caller used far more widely, which then
// starts again from an empty cache.
const maxCachedCodes = 1024

func (cc *codeCache) get(hash [32]byte) ([]byte, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	code, ok := cc.codes[hash]
	return code, ok
}

func (cc *codeCache) put(hash [32]byte, code []byte) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.codes) >= maxCachedCodes {
		clear(cc.codes)
	}
	cc.codes[hash] = code
}
