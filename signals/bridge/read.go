package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// revertCode is the JSON-RPC error code of an eth_call that reverted, as
// geth and most nodes return it.
const revertCode = 3

// retry calls f until it succeeds, fails for good (collect.ErrPermanent)
// or ctx ends, waiting as Backoff says.
func retry[T any](ctx context.Context, c *Collector, what string, f func(ctx context.Context) (T, error)) (T, error) {
	var out T
	err := collect.Retry(ctx, c.opts.Backoff, func(attempt int, err error) {
		c.log.Debug("read failed", "read", what, "attempt", attempt, "err", err)
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

// call makes one eth_call of a vault view at block and decodes its answer.
func call[T any](ctx context.Context, c *Collector, b Bridge, block *big.Int, method string, calldata []byte, unpack func([]byte) (T, error)) (T, error) {
	contract := bind.NewBoundContract(b.Address, c.vault.GetABI(), c.opts.Client, nil, nil)
	out, err := retry(ctx, c, method, func(ctx context.Context) (T, error) {
		v, err := bind.Call(contract, &bind.CallOpts{Context: ctx, BlockNumber: block}, calldata, unpack)
		if err != nil {
			return v, classify(err)
		}
		return v, nil
	})
	if err != nil {
		return out, fmt.Errorf("bridge: %s: %s of %s at block %v: %w", b.Name, method, b.Address.Hex(), block, err)
	}
	return out, nil
}

// classify marks the errors retrying cannot fix: no contract at the
// address, a call that reverted, and an answer that does not decode.
func classify(err error) error {
	var re rpc.Error
	if errors.Is(err, bind.ErrNoCode) || errors.As(err, &re) && re.ErrorCode() == revertCode {
		return fmt.Errorf("%w: %w", collect.ErrPermanent, err)
	}
	return err
}

// vaultState reads every vault's totalLocked() at block, and paused() too
// when withPaused.
func (c *Collector) vaultState(ctx context.Context, block *big.Int, withPaused bool) (locked []*big.Int, isPaused []bool, err error) {
	for _, b := range c.opts.Bridges {
		l, err := call(ctx, c, b, block, "totalLocked", c.vault.PackTotalLocked(), c.vault.UnpackTotalLocked)
		if err != nil {
			return nil, nil, err
		}
		locked = append(locked, l)
		if !withPaused {
			continue
		}
		p, err := call(ctx, c, b, block, "paused", c.vault.PackPaused(), c.vault.UnpackPaused)
		if err != nil {
			return nil, nil, err
		}
		isPaused = append(isPaused, p)
	}
	return locked, isPaused, nil
}

// header reads block n's header.
func (c *Collector) header(ctx context.Context, n uint64) (*types.Header, error) {
	h, err := retry(ctx, c, "header", func(ctx context.Context) (*types.Header, error) {
		return c.opts.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
	})
	if err != nil {
		return nil, fmt.Errorf("bridge: header %d: %w", n, err)
	}
	return h, nil
}

// blockTime returns block n's time, from times or else from its header,
// and remembers it in times.
func (c *Collector) blockTime(ctx context.Context, n uint64, times map[uint64]time.Time) (time.Time, error) {
	if t, ok := times[n]; ok {
		return t, nil
	}
	h, err := c.header(ctx, n)
	if err != nil {
		return time.Time{}, err
	}
	times[n] = headerTime(h)
	return times[n], nil
}

func headerTime(h *types.Header) time.Time { return time.Unix(int64(h.Time), 0) }

// windowStart finds the first block of the window ending at head: the
// lowest-numbered block whose time is less than Window before head's, by
// binary search over the headers (block times never decrease).
func (c *Collector) windowStart(ctx context.Context, head *types.Header) (uint64, error) {
	cutoff := headerTime(head).Add(-c.opts.Window)
	lo, hi := uint64(0), head.Number.Uint64() // head is in the window: hi always is
	for lo < hi {
		mid := lo + (hi-lo)/2
		h, err := c.header(ctx, mid)
		if err != nil {
			return 0, err
		}
		if headerTime(h).After(cutoff) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, nil
}

// events reads the watched events of blocks from to to, in order, in
// ranges of at most MaxRange blocks, with each event's block time
// (remembered in times). A log that has a watched event's topic but does
// not decode is logged and skipped.
func (c *Collector) events(ctx context.Context, from, to uint64, times map[uint64]time.Time) ([]event, error) {
	var evs []event
	for lo := from; lo <= to; lo += c.opts.MaxRange {
		hi := min(to, lo+c.opts.MaxRange-1)
		q := ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(lo),
			ToBlock:   new(big.Int).SetUint64(hi),
			Addresses: c.addrs,
			Topics:    c.dec.filter(),
		}
		logs, err := retry(ctx, c, "eth_getLogs", func(ctx context.Context) ([]types.Log, error) {
			return c.opts.Client.FilterLogs(ctx, q)
		})
		if err != nil {
			return nil, fmt.Errorf("bridge: eth_getLogs of blocks %d to %d: %w", lo, hi, err)
		}
		for i := range logs {
			e, ok, err := c.event(ctx, &logs[i], times)
			if err != nil {
				return nil, err
			}
			if ok {
				evs = append(evs, e)
			}
		}
		if hi == to { // lo + MaxRange could wrap past to
			break
		}
	}
	return evs, nil
}

// event decodes one log, stamped with its block's time.
func (c *Collector) event(ctx context.Context, l *types.Log, times map[uint64]time.Time) (event, bool, error) {
	i, watched := c.byAddr[l.Address]
	if l.Removed || !watched {
		return event{}, false, nil
	}
	e, ok, err := c.dec.decode(l)
	if err != nil {
		c.log.Warn("undecodable log skipped", "bridge", c.opts.Bridges[i].Name, "block", l.BlockNumber, "err", err)
		return event{}, false, nil
	}
	if !ok {
		return event{}, false, nil
	}
	e.bridge = i
	if l.BlockTimestamp != 0 {
		times[l.BlockNumber] = time.Unix(int64(l.BlockTimestamp), 0)
	}
	if e.time, err = c.blockTime(ctx, l.BlockNumber, times); err != nil {
		return event{}, false, err
	}
	return e, true, nil
}
