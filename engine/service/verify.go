package service

import (
	"context"
	"runtime"

	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// checked is a signal after the checks that can run in parallel: decoding,
// subject, kind and range, time window, source and signature.
type checked struct {
	msg *nats.Msg
	sig wire.Signal
	err error
}

// job is one message on its way through a checker, with the slot its
// result goes to.
type job struct {
	msg  *nats.Msg
	slot chan checked
}

// check runs the parallel stage: a dispatcher gives every message a slot in
// arrival order (s.ordered, read by the owner goroutine) and hands it to one
// of a checker per core; Ed25519 verification, the costly part, so uses
// every core while the owner still sees signals in the order they came
// (the replay check needs it). It returns when ctx ends.
func (s *Service) check(ctx context.Context) {
	jobs := make(chan job, 1024)
	workers := runtime.GOMAXPROCS(0)
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range jobs {
				sig, err := wire.Decode(j.msg.Data)
				if err == nil {
					err = s.verifier.Check(sig, j.msg.Subject, s.opts.Now())
				}
				j.slot <- checked{msg: j.msg, sig: sig, err: err}
			}
		}()
	}
	defer func() {
		close(jobs)
		for range workers {
			<-done
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case msg := <-s.inbox:
			slot := make(chan checked, 1)
			select {
			case s.ordered <- slot:
			case <-ctx.Done():
				return
			}
			jobs <- job{msg: msg, slot: slot}
		}
	}
}
