package evm

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// lagPoll is how often an endpoint that lacks a block is asked again
// within LagWait.
const lagPoll = 100 * time.Millisecond

// canonical returns block num's header and the endpoint to read the rest
// of the block from.
//
// With one endpoint that is the primary's header (known, if given). With
// more, every endpoint is asked for the block, and agreed says whether at
// least Quorum of them returned the same hash; the endpoint returned is
// then the primary if it is one of them. When they disagree, hdr is the
// primary's answer if it gave one, else the first, and dates the
// rpc_disagreement observation. It fails only when no endpoint answered.
func (c *Collector) canonical(ctx context.Context, num uint64, known *types.Header) (hdr *types.Header, ep Endpoint, agreed bool, err error) {
	eps := c.opts.Endpoints
	if len(eps) == 1 {
		if known != nil {
			return known, eps[0], true, nil
		}
		h, err := c.headerByNumber(ctx, eps[0], num)
		if err != nil {
			return nil, Endpoint{}, false, fmt.Errorf("evm: block %d from %s: %w", num, eps[0].Name, err)
		}
		return h, eps[0], true, nil
	}

	answers := make([]*types.Header, len(eps))
	errs := make([]error, len(eps))
	var wg sync.WaitGroup
	for i, ep := range eps {
		wg.Go(func() { answers[i], errs[i] = c.patientHeader(ctx, ep, num) })
	}
	wg.Wait()

	votes := make(map[common.Hash]int, len(eps))
	first := -1
	for i, h := range answers {
		if h != nil {
			votes[h.Hash()]++
			if first < 0 {
				first = i
			}
		}
	}
	if first < 0 {
		return nil, Endpoint{}, false, fmt.Errorf("evm: block %d: no endpoint answered: %w", num, errors.Join(errs...))
	}
	for i, h := range answers {
		if h != nil && votes[h.Hash()] >= c.opts.Quorum {
			return h, eps[i], true, nil
		}
	}
	seen := make([]any, 0, 2*len(eps))
	for i, h := range answers {
		if h != nil {
			seen = append(seen, eps[i].Name, h.Hash().Hex())
		} else {
			seen = append(seen, eps[i].Name, errs[i].Error())
		}
	}
	c.log.Warn("endpoints disagree on block", "number", num, "quorum", c.opts.Quorum, "answers", seen)
	return answers[first], eps[first], false, nil
}

// patientHeader reads block num's header from ep, asking again for up to
// LagWait while the endpoint does not have it (or fails).
func (c *Collector) patientHeader(ctx context.Context, ep Endpoint, num uint64) (*types.Header, error) {
	deadline := time.Now().Add(LagWait)
	for {
		h, err := c.headerByNumber(ctx, ep, num)
		if err == nil && h != nil {
			return h, nil
		}
		if err == nil {
			err = ethereum.NotFound
		}
		if time.Now().Add(lagPoll).After(deadline) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(lagPoll):
		}
	}
}
