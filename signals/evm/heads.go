package evm

import (
	"context"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/infrarisk/infrarisk/signals/collect"
)

// watch sends the primary's heads to out until ctx ends: by subscription
// while the primary allows one, else by polling.
func (c *Collector) watch(ctx context.Context, out chan<- *types.Header) {
	primary := c.opts.Endpoints[0]
	for ctx.Err() == nil {
		err := c.subscribe(ctx, primary, out)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, rpc.ErrNotificationsUnsupported) {
			c.log.Info("endpoint cannot subscribe to heads; polling", "endpoint", primary.Name, "interval", c.opts.PollInterval)
			c.poll(ctx, primary, out, 0)
			return
		}
		c.log.Warn("head subscription ended; polling", "endpoint", primary.Name, "interval", c.opts.PollInterval, "err", err)
		c.poll(ctx, primary, out, resubscribeAfter)
	}
}

// subscribe forwards ep's heads to out until the subscription fails or ctx
// ends. Right after subscribing it also sends the current head, so the
// collector starts at once and a gap since the last subscription is filled.
func (c *Collector) subscribe(ctx context.Context, ep Endpoint, out chan<- *types.Header) error {
	ch := make(chan *types.Header, 16)
	sctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	sub, err := ep.Client.SubscribeNewHead(sctx, ch)
	cancel()
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	c.log.Info("following heads by subscription", "endpoint", ep.Name)

	head, err := c.latest(ctx, ep)
	if err != nil {
		return err
	}
	if !send(ctx, out, head) {
		return ctx.Err()
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-sub.Err():
			if err == nil {
				err = errors.New("evm: subscription closed")
			}
			c.readFailed(ctx)(0, err)
			return err
		case h := <-ch:
			if !send(ctx, out, h) {
				return ctx.Err()
			}
		}
	}
}

// poll sends ep's head to out every PollInterval when it has changed,
// retrying failed reads with backoff, until ctx ends or, if d > 0, for d.
func (c *Collector) poll(ctx context.Context, ep Endpoint, out chan<- *types.Header, d time.Duration) {
	start := time.Now()
	tick := time.NewTicker(c.opts.PollInterval)
	defer tick.Stop()
	var last common.Hash
	for {
		var head *types.Header
		err := collect.Retry(ctx, c.opts.Backoff, c.readFailed(ctx), func(ctx context.Context) error {
			var err error
			head, err = c.latest(ctx, ep)
			return err
		})
		if err != nil {
			return // ctx ended
		}
		if head.Hash() != last {
			last = head.Hash()
			if !send(ctx, out, head) {
				return
			}
		}
		if d > 0 && time.Since(start) >= d {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// latest reads ep's current head.
func (c *Collector) latest(ctx context.Context, ep Endpoint) (*types.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	h, err := ep.Client.HeaderByNumber(ctx, nil)
	if err == nil && h == nil {
		err = errors.New("evm: node returned no head")
	}
	return h, err
}

func send(ctx context.Context, out chan<- *types.Header, h *types.Header) bool {
	select {
	case out <- h:
		return true
	case <-ctx.Done():
		return false
	}
}
