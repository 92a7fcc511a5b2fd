package service

import (
	"context"
	"runtime"
	"strings"

	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/signals/wire"
)

// checked is a message after the checks that can run in parallel:
// decoding, subject, kind and range, time window, source and signature.
// A lone signal gives one signal and one result, a batch one of each per
// signal; a message that does not decode gives one result and a zero
// signal.
type checked struct {
	msg  *nats.Msg
	sigs []wire.Signal
	errs []error
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
				j.slot <- s.checkMsg(j.msg)
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

// checkMsg decodes and checks one message, a lone signal or a batch (told
// apart by the subject's last token).
func (s *Service) checkMsg(msg *nats.Msg) checked {
	if !strings.HasSuffix(msg.Subject, "."+wire.BatchKind) {
		sig, err := wire.Decode(msg.Data)
		if err == nil {
			err = s.verifier.Check(sig, msg.Subject, s.opts.Now())
		}
		return checked{msg: msg, sigs: []wire.Signal{sig}, errs: []error{err}}
	}
	b, err := wire.DecodeBatch(msg.Data)
	if err != nil {
		return checked{msg: msg, sigs: []wire.Signal{{}}, errs: []error{err}}
	}
	return checked{msg: msg, sigs: b.Signals, errs: s.verifier.CheckBatch(b, msg.Subject, s.opts.Now())}
}
