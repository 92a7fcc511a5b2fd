package proof

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/gethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// HeaderReader returns the header of a block by number (nil for the
// latest, or a negative rpc.BlockNumber such as rpc.FinalizedBlockNumber
// for a tag). *ethclient.Client is one.
type HeaderReader interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// Options configures a Reader.
type Options struct {
	// Client is the connection to the execution node that serves
	// eth_getProof. Required.
	Client *rpc.Client
	// Headers supplies the headers whose state roots proofs are checked
	// against. Defaults to eth_getBlockByNumber on Client; pass a source
	// agreed across endpoints to trust no single one.
	Headers HeaderReader
}

func (o Options) validate() error {
	if o.Client == nil {
		return errors.New("proof: Options.Client is required")
	}
	return nil
}

// Reader reads account state and storage slots through eth_getProof and
// returns only what the proofs prove against the block's header. It is
// safe for concurrent use.
type Reader struct {
	proofs  *gethclient.Client
	headers HeaderReader
}

// New returns a Reader for opts.
func New(opts Options) (*Reader, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if opts.Headers == nil {
		opts.Headers = ethclient.NewClient(opts.Client)
	}
	return &Reader{proofs: gethclient.New(opts.Client), headers: opts.Headers}, nil
}

// Result is one verified read of an account at a block.
type Result struct {
	// Header is the header the proofs were checked against; compare
	// Header.Hash() across endpoints to check they agree on the block.
	Header  *types.Header
	Account Account
	// Values holds the proven word of each requested slot, in order.
	Values []common.Hash
}

// ReadSlots returns the proven values of addr's storage slots at block and
// the header they were proven against; see Read.
func (r *Reader) ReadSlots(ctx context.Context, addr common.Address, slots []common.Hash, block *big.Int) ([]common.Hash, *types.Header, error) {
	res, err := r.Read(ctx, addr, slots, block)
	if err != nil {
		return nil, nil, err
	}
	return res.Values, res.Header, nil
}

// Read fetches the header of block (nil for the latest, or a negative
// rpc.BlockNumber for a tag such as finalized), then eth_getProof for
// addr and slots at that header's number, and checks the proof against
// the header's state root. The response must be for addr and list exactly
// the requested slots, in order. A response that fails any check is an
// error wrapping ErrProof.
//
// The header and the proof are two requests; if the block at that number
// is replaced in between (a reorganisation), the proof does not match the
// root and Read fails with ErrProof. Reading a finalized block avoids it.
func (r *Reader) Read(ctx context.Context, addr common.Address, slots []common.Hash, block *big.Int) (Result, error) {
	header, err := fetchHeader(ctx, r.headers, block)
	if err != nil {
		return Result{}, err
	}
	keys := make([]string, len(slots))
	for i, s := range slots {
		keys[i] = s.Hex()
	}
	res, err := r.proofs.GetProof(ctx, addr, keys, header.Number)
	if err != nil {
		return Result{}, fmt.Errorf("proof: eth_getProof %s at block %s: %w", addr, header.Number, err)
	}
	proven, err := checkRequested(header, addr, slots, res)
	if err != nil {
		return Result{}, err
	}
	values := make([]common.Hash, len(slots))
	for i, s := range proven.Storage {
		values[i] = s.Value
	}
	return Result{Header: header, Account: proven.Account, Values: values}, nil
}

// fetchHeader fetches the header of block from headers and checks that
// it is the one asked for.
func fetchHeader(ctx context.Context, headers HeaderReader, block *big.Int) (*types.Header, error) {
	header, err := headers.HeaderByNumber(ctx, block)
	if err != nil {
		return nil, fmt.Errorf("proof: header of block %s: %w", blockName(block), err)
	}
	if header == nil || header.Number == nil {
		return nil, fmt.Errorf("%w: no header for block %s", ErrProof, blockName(block))
	}
	if block != nil && block.Sign() >= 0 && header.Number.Cmp(block) != 0 {
		return nil, fmt.Errorf("%w: asked for the header of block %s, got block %s", ErrProof, block, header.Number)
	}
	return header, nil
}

// checkRequested checks res against header as Check does, and that it
// is the proof of addr and of exactly slots, in order.
func checkRequested(header *types.Header, addr common.Address, slots []common.Hash, res *gethclient.AccountResult) (Proven, error) {
	if res.Address != addr {
		return Proven{}, fmt.Errorf("%w: asked for account %s, got %s", ErrProof, addr, res.Address)
	}
	if len(res.StorageProof) != len(slots) {
		return Proven{}, fmt.Errorf("%w: asked for %d slots of %s, got %d", ErrProof, len(slots), addr, len(res.StorageProof))
	}
	proven, err := Check(header, res)
	if err != nil {
		return Proven{}, err
	}
	for i, s := range proven.Storage {
		if s.Key != slots[i] {
			return Proven{}, fmt.Errorf("%w: asked for slot %s of %s, got %s", ErrProof, slots[i], addr, s.Key)
		}
	}
	return proven, nil
}

// blockName formats a block argument for errors.
func blockName(block *big.Int) string {
	if block == nil {
		return "latest"
	}
	if block.Sign() < 0 && block.IsInt64() {
		return rpc.BlockNumber(block.Int64()).String()
	}
	return block.String()
}
