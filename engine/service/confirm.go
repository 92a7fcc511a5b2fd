package service

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ackBuffer is how many published updates may wait for the stream's
// acknowledgement, and how many refused ones may wait to be published
// again. Beyond it an update still goes out on the wire but is not retried
// if the stream misses it (counted as unconfirmed).
const ackBuffer = 1 << 14

// retryFor bounds how long confirm keeps republishing an update the
// stream has not acknowledged; the stream's duplicate window (2 minutes)
// must be longer, so that a late first copy and a retry store once.
const retryFor = time.Minute

// send publishes msg through JetStream without waiting: subscribers get it
// at once and the stream stores it. The client library tracks the
// acknowledgement; a publish the stream refuses or does not acknowledge in
// time comes back through failed, and confirm publishes it again. If the
// asynchronous publish cannot start (too many waiting), msg goes out on
// core NATS and confirm stores it. send never blocks the owner goroutine
// on the stream.
func (s *Service) send(msg *nats.Msg) {
	retry := copyMsg(msg)
	if _, err := s.js.PublishMsgAsync(msg); err == nil {
		return
	}
	if err := s.nc.PublishMsg(copyMsg(msg)); err != nil {
		s.log.Error("publishing an update", "subject", msg.Subject, "err", err)
	}
	s.failed(s.js, retry, errors.New("asynchronous publish refused"))
}

// failed takes an update the stream did not store, from the client
// library's goroutines: it must not block.
func (s *Service) failed(_ jetstream.JetStream, msg *nats.Msg, err error) {
	select {
	case s.retries <- copyMsg(msg):
		s.log.Warn("the stream did not acknowledge an update; republishing", "subject", msg.Subject, "err", err)
	default:
		s.metrics.unconfirmed.Inc()
	}
}

// copyMsg copies a message's subject, data and headers (a published
// message is not reused).
func copyMsg(m *nats.Msg) *nats.Msg {
	c := nats.NewMsg(m.Subject)
	c.Data = m.Data
	for k, v := range m.Header {
		c.Header[k] = append([]string(nil), v...)
	}
	return c
}

// confirm republishes, with the same message id, every update the stream
// did not store: during a cluster's leader election the first attempt can
// be lost, and the stream must still hold every update. It returns when
// ctx ends.
func (s *Service) confirm(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case msg := <-s.retries:
			s.republish(ctx, msg)
		}
	}
}

// republish publishes msg and waits for the stream's acknowledgement,
// backing off between attempts, for up to retryFor.
func (s *Service) republish(ctx context.Context, msg *nats.Msg) {
	give := time.Now().Add(retryFor)
	wait := 50 * time.Millisecond
	for {
		if s.nc.IsClosed() || ctx.Err() != nil {
			s.metrics.unconfirmed.Inc()
			return
		}
		pctx, cancel := context.WithTimeout(ctx, storeTimeout)
		_, err := s.js.PublishMsg(pctx, copyMsg(msg))
		cancel()
		if err == nil {
			s.metrics.republished.Inc()
			return
		}
		if time.Now().Add(wait).After(give) {
			s.log.Error("giving up storing an update in the stream", "subject", msg.Subject, "id", msg.Header.Get(jetstream.MsgIDHeader), "err", err)
			s.metrics.unconfirmed.Inc()
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
