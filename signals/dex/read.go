package dex

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/collect"
	"github.com/infrarisk/infrarisk/signals/dex/contracts"
)

// revertCode is the JSON-RPC error code of an eth_call that reverted, as
// geth and most nodes return it.
const revertCode = 3

// minSandwichSwaps is the fewest swaps a block with a sandwich has: the
// senders of a pool's swaps are read only in such blocks.
const minSandwichSwaps = 3

// rangeLogs is what the reads of a range found.
type rangeLogs struct {
	// blocks are the blocks with events of each followed pool.
	blocks map[common.Address][]block
	// senders maps transactions to their senders.
	senders map[common.Hash]common.Address
}

// readRange reads the Sync and Swap events of the followed pools in blocks
// from to to, the times of their blocks and, in blocks where a pool has
// enough swaps for a sandwich, the senders of their transactions.
func (c *Collector) readRange(ctx context.Context, from, to uint64) (rangeLogs, error) {
	q := ethereum.FilterQuery{
		FromBlock: bigU(from),
		ToBlock:   bigU(to),
		Addresses: c.addrs,
		Topics:    [][]common.Hash{{syncTopic, swapTopic}},
	}
	logs, err := retry(ctx, c, func(ctx context.Context) ([]types.Log, error) { return c.opts.Client.FilterLogs(ctx, q) })
	if err != nil {
		return rangeLogs{}, fmt.Errorf("eth_getLogs: %w", err)
	}
	slices.SortStableFunc(logs, func(a, b types.Log) int {
		return cmp.Or(cmp.Compare(a.BlockNumber, b.BlockNumber), cmp.Compare(a.Index, b.Index))
	})
	r := rangeLogs{blocks: map[common.Address][]block{}, senders: map[common.Hash]common.Address{}}
	times := map[common.Hash]time.Time{}
	for _, l := range logs {
		p := c.byAddr[l.Address]
		if l.Removed || len(l.Topics) == 0 || p == nil || !p.ready || p.err != nil {
			continue
		}
		bs := r.blocks[l.Address]
		if len(bs) == 0 || bs[len(bs)-1].hash != l.BlockHash {
			at, err := c.blockTime(ctx, l, times)
			if err != nil {
				return rangeLogs{}, err
			}
			bs = append(bs, block{number: l.BlockNumber, hash: l.BlockHash, at: at})
		}
		bs[len(bs)-1].logs = append(bs[len(bs)-1].logs, l)
		r.blocks[l.Address] = bs
	}
	for _, bs := range r.blocks {
		for _, b := range bs {
			if err := c.readSenders(ctx, b, r.senders); err != nil {
				return rangeLogs{}, err
			}
		}
	}
	return r, nil
}

// blockTime is the time of a log's block: from the log when the node
// fills blockTimestamp in, else from the block's header.
func (c *Collector) blockTime(ctx context.Context, l types.Log, times map[common.Hash]time.Time) (time.Time, error) {
	if l.BlockTimestamp != 0 {
		return time.Unix(int64(l.BlockTimestamp), 0), nil
	}
	if t, ok := times[l.BlockHash]; ok {
		return t, nil
	}
	h, err := retry(ctx, c, func(ctx context.Context) (*types.Header, error) {
		return c.opts.Client.HeaderByHash(ctx, l.BlockHash)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("header %d: %w", l.BlockNumber, err)
	}
	t := time.Unix(int64(h.Time), 0)
	times[l.BlockHash] = t
	return t, nil
}

// readSenders adds to senders the senders of the transactions of a
// block's swaps, if it has enough of them for a sandwich. A sender that
// cannot be recovered from its signature (a transaction type go-ethereum
// does not sign) is left out and logged: its swap is then never taken for
// a front-run or a back-run.
func (c *Collector) readSenders(ctx context.Context, b block, senders map[common.Hash]common.Address) error {
	var swaps []types.Log
	for _, l := range b.logs {
		if l.Topics[0] == swapTopic {
			swaps = append(swaps, l)
		}
	}
	if len(swaps) < minSandwichSwaps {
		return nil
	}
	for _, l := range swaps {
		if _, ok := senders[l.TxHash]; ok {
			continue
		}
		tx, err := retry(ctx, c, func(ctx context.Context) (*types.Transaction, error) {
			return c.opts.Client.TransactionInBlock(ctx, b.hash, l.TxIndex)
		})
		if err != nil {
			return fmt.Errorf("transaction %d of block %d: %w", l.TxIndex, b.number, err)
		}
		if tx.Hash() != l.TxHash {
			return fmt.Errorf("transaction %d of block %d is %s, its log says %s", l.TxIndex, b.number, tx.Hash(), l.TxHash)
		}
		from, err := types.Sender(types.LatestSignerForChainID(tx.ChainId()), tx)
		if err != nil {
			c.log.Warn("transaction sender unknown", "block", b.number, "tx", l.TxHash, "err", err)
			continue
		}
		senders[l.TxHash] = from
	}
	return nil
}

// reserves reads a pool's getReserves at block n, retrying failures in
// transport until ctx ends.
func (c *Collector) reserves(ctx context.Context, addr common.Address, n uint64) (contracts.GetReservesOutput, error) {
	contract := bind.NewBoundContract(addr, c.pair.GetABI(), c.opts.Client, nil, nil)
	unpack := func(b []byte) (contracts.GetReservesOutput, error) {
		v, err := c.pair.UnpackGetReserves(b)
		if err == nil && (v.Reserve0 == nil || v.Reserve1 == nil) {
			err = errors.New("no reserves in the answer")
		}
		if err != nil {
			return v, fmt.Errorf("%w: %w", collect.ErrPermanent, err)
		}
		return v, nil
	}
	out, err := retry(ctx, c, func(ctx context.Context) (contracts.GetReservesOutput, error) {
		v, err := bind.Call(contract, &bind.CallOpts{Context: ctx, BlockNumber: bigU(n)}, c.pair.PackGetReserves(), unpack)
		return v, classify(err)
	})
	if err != nil {
		return out, fmt.Errorf("getReserves of %s at block %d: %w", addr.Hex(), n, err)
	}
	return out, nil
}

// classify marks the errors retrying cannot fix: no contract at the
// address, and a call that reverted.
func classify(err error) error {
	var re rpc.Error
	if errors.Is(err, bind.ErrNoCode) || errors.As(err, &re) && re.ErrorCode() == revertCode {
		return fmt.Errorf("%w: %w", collect.ErrPermanent, err)
	}
	return err
}

// retry calls f until it succeeds, fails permanently or ctx ends, waiting
// as Backoff says.
func retry[T any](ctx context.Context, c *Collector, f func(ctx context.Context) (T, error)) (T, error) {
	var out T
	err := collect.Retry(ctx, c.opts.Backoff, func(attempt int, err error) {
		c.log.Debug("read failed", "attempt", attempt, "err", err)
	}, func(ctx context.Context) error {
		v, err := f(ctx)
		if err != nil {
			return err
		}
		out = v
		return nil
	})
	return out, err
}

func bigU(n uint64) *big.Int { return new(big.Int).SetUint64(n) }
