package service

import (
	"context"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ackBuffer is how many published updates may wait for the stream's
// acknowledgement. Beyond it an update still goes out on the wire but is
// not retried if the stream misses it (counted as unconfirmed).
const ackBuffer = 1 << 14

// retryFor bounds how long confirm keeps republishing an update the
// stream has not acknowledged; the stream's duplicate window (2 minutes)
// must be longer, so that a late first copy and a retry store once.
const retryFor = time.Minute

// unconfirmed is a published update waiting for the stream's word.
type unconfirmed struct {
	msg *nats.Msg
	ack jetstream.PubAckFuture // nil: the first attempt failed to leave
}

// send publishes msg through JetStream without waiting: subscribers get it
// at once, and confirm sees it stored. If the asynchronous publish cannot
// start (too many waiting), msg goes out on core NATS and confirm stores
// it. send never blocks the owner goroutine on the stream.
func (s *Service) send(msg *nats.Msg) {
	retry := copyMsg(msg)
	ack, err := s.js.PublishMsgAsync(msg)
	if err != nil {
		ack = nil
		if err := s.nc.PublishMsg(copyMsg(msg)); err != nil {
			s.log.Error("publishing an update", "subject", msg.Subject, "err", err)
		}
	}
	select {
	case s.acks <- unconfirmed{msg: retry, ack: ack}:
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

// confirm waits for each update's acknowledgement from the stream and
// republishes, with the same message id, any the stream did not store:
// during a cluster's leader election the first attempt can be lost, and
// the stream must still hold every update. It returns when acks is closed
// and drained.
func (s *Service) confirm() {
	for u := range s.acks {
		if u.ack != nil {
			select {
			case <-u.ack.Ok():
				continue
			case err := <-u.ack.Err():
				s.log.Warn("the stream did not acknowledge an update; republishing", "subject", u.msg.Subject, "err", err)
			}
		}
		s.republish(u.msg)
	}
}

// republish publishes msg and waits for the stream's acknowledgement,
// backing off between attempts, for up to retryFor.
func (s *Service) republish(msg *nats.Msg) {
	give := time.Now().Add(retryFor)
	wait := 50 * time.Millisecond
	for {
		if s.nc.IsClosed() {
			s.metrics.unconfirmed.Inc()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		_, err := s.js.PublishMsg(ctx, copyMsg(msg))
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
		time.Sleep(wait)
		wait = min(2*wait, 2*time.Second)
	}
}
