package chainlink

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts"
	"github.com/infrarisk/infrarisk/signals/collect"
)

// revertCode is the JSON-RPC error code of an eth_call that reverted, as
// geth and most nodes return it.
const revertCode = 3

// call makes one eth_call to addr with calldata and decodes its answer,
// retrying failures in transport until ctx ends.
func call[T any](ctx context.Context, c *Collector, addr common.Address, method string, calldata []byte, unpack func([]byte) (T, error)) (T, error) {
	contract := bind.NewBoundContract(addr, c.agg.GetABI(), c.opts.Caller, nil, nil)
	permanentUnpack := func(b []byte) (T, error) {
		v, err := unpack(b)
		if err != nil {
			return v, fmt.Errorf("%w: %w", collect.ErrPermanent, err)
		}
		return v, nil
	}
	var out T
	onError := func(attempt int, err error) {
		c.log.Debug("eth_call failed", "address", addr.Hex(), "method", method, "attempt", attempt, "err", err)
	}
	err := collect.Retry(ctx, c.opts.Backoff, onError, func(ctx context.Context) error {
		v, err := bind.Call(contract, &bind.CallOpts{Context: ctx}, calldata, permanentUnpack)
		if err != nil {
			return classify(err)
		}
		out = v
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("%s of %s: %w", method, addr, err)
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

// roundReads holds the latestRoundData answers of one poll by address, so
// a feed configured for several markets, or serving as another's
// reference, is read once per poll.
type roundReads map[common.Address]roundRead

type roundRead struct {
	out contracts.LatestRoundDataOutput
	err error
}

// latest reads a feed's latestRoundData, once per poll.
func (c *Collector) latest(ctx context.Context, addr common.Address, reads roundReads) (contracts.LatestRoundDataOutput, error) {
	if r, ok := reads[addr]; ok {
		return r.out, r.err
	}
	out, err := call(ctx, c, addr, "latestRoundData", c.agg.PackLatestRoundData(), c.agg.UnpackLatestRoundData)
	reads[addr] = roundRead{out, err}
	return out, err
}

// decimals reads a feed's decimals() once and remembers it: a feed's
// decimals never change.
func (c *Collector) decimals(ctx context.Context, addr common.Address) (uint8, error) {
	c.mu.Lock()
	d, ok := c.dec[addr]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := call(ctx, c, addr, "decimals", c.agg.PackDecimals(), c.agg.UnpackDecimals)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	c.dec[addr] = d
	c.mu.Unlock()
	return d, nil
}
