package client

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/infrarisk/infrarisk/engine/update"
)

// Stats count what the client did with the messages it read, by outcome.
// See the package documentation for the order of the checks.
type Stats struct {
	// Accepted messages became the current update.
	Accepted uint64
	// Malformed messages are not well-formed updates.
	Malformed uint64
	// UntrustedKey messages are signed by a key outside EngineKeys.
	UntrustedKey uint64
	// BadSignature messages do not match their signature: changed on the
	// way.
	BadSignature uint64
	// WrongMarket messages are validly signed updates of another market.
	WrongMarket uint64
	// Replayed messages have a seq at or below the last accepted one, and
	// are not that one again. A resync that finds the bucket behind the
	// subject (the engine stores an update just after publishing it)
	// counts one here too.
	Replayed uint64
	// Duplicate messages are the last accepted one again, which the
	// bucket and the subject can both deliver at Start or a resync;
	// harmless.
	Duplicate uint64
	// Expired messages had expired by the client's clock when they came.
	Expired uint64
	// Dropped messages were dropped by the NATS client because the client
	// fell behind (a slow consumer).
	Dropped uint64
	// Resyncs are the times the client read the market's update from the
	// bucket again because it may have missed messages: some were dropped,
	// or the connection to NATS was lost and made again. The update read
	// is judged, and counted above, like any message.
	Resyncs uint64
}

// outcome is what became of one message.
type outcome int

const (
	tookIt outcome = iota
	malformed
	untrustedKey
	badSignature
	wrongMarket
	replayed
	duplicate
	expired
	outcomes
)

var outcomeNames = [outcomes]string{"accepted", "malformed", "untrusted_key", "bad_signature", "wrong_market", "replayed", "duplicate", "expired"}

func (o outcome) String() string { return outcomeNames[o] }

// Where a message came from, for the logs.
const (
	fromBucket  = "bucket"
	fromSubject = "subject"
	fromResync  = "resync"
)

// receive judges one message and, if it passes, makes it the last accepted
// update. Only one goroutine at a time calls it: Start before the loop
// runs, then the loop.
func (c *Client) receive(data []byte, from string) outcome {
	o, u, err := c.judge(data)
	c.counts[o].Add(1)
	switch {
	case o == tookIt:
		c.last.Store(&accepted{u: u})
		c.log.Debug("update accepted", "seq", u.Seq, "regime", u.Regime, "from", from)
	case o == duplicate:
		c.log.Debug("update received again", "seq", u.Seq, "from", from)
	case o == replayed && from == fromResync && u.Seq < c.heldSeq():
		// Usually the bucket lagging the subject by a message or two:
		// still counted, but no cause for alarm.
		c.log.Info("stored update older than the current one", "seq", u.Seq, "current", c.heldSeq(), "from", from)
	default:
		c.log.Warn("update rejected", "reason", o.String(), "from", from, "err", err)
	}
	return o
}

// judge applies the acceptance checks in order. A panic in decoding, which
// would be a bug in the decoder, is taken as a malformed message rather than
// allowed to bring down the margin system.
func (c *Client) judge(data []byte) (o outcome, u *update.Update, err error) {
	defer func() {
		if p := recover(); p != nil {
			o, u, err = malformed, nil, fmt.Errorf("client: decoding panicked: %v", p)
		}
	}()
	v, err := update.Verify(data, c.trusted)
	switch {
	case errors.Is(err, update.ErrUntrustedKey):
		return untrustedKey, nil, err
	case errors.Is(err, update.ErrBadSignature):
		return badSignature, nil, err
	case err != nil:
		return malformed, nil, err
	}
	u = &v
	if u.Market != c.opts.Market {
		return wrongMarket, u, fmt.Errorf("client: update for market %q, following %q (seq %d)", u.Market, c.opts.Market, u.Seq)
	}
	if last := c.last.Load(); last != nil && u.Seq <= last.u.Seq {
		if u.Seq == last.u.Seq && bytes.Equal(u.Sig, last.u.Sig) {
			return duplicate, u, nil
		}
		return replayed, u, fmt.Errorf("client: seq %d is not above the last accepted %d", u.Seq, last.u.Seq)
	}
	if now := c.opts.Now(); !u.Fresh(now) {
		return expired, u, fmt.Errorf("client: seq %d expired at %s, before it came at %s", u.Seq, u.ValidUntil.Format(timeFormat), now.UTC().Format(timeFormat))
	}
	return tookIt, u, nil
}
