package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
)

// Request-reply subjects.
const (
	SnapshotSubject = "risk.snapshot"
	WhatIfSubject   = "risk.margin.whatif"
	requestTimeout  = 5 * time.Second
	// queueGroup makes one replica answer each request: every replica
	// follows the same signals and the leader's updates.
	queueGroup = "infrarisk-engine"
)

// errorReply is the body of a failed request, over NATS and HTTP alike.
type errorReply struct {
	Error string `json:"error"`
}

// serveRequests answers snapshot and what-if requests on NATS. Handlers run
// on the connection's goroutines and reach the state through the owner
// goroutine, like HTTP requests.
func (s *Service) serveRequests() error {
	answer := func(m *nats.Msg, v any, err error) {
		if err != nil {
			v = errorReply{Error: err.Error()}
		}
		data, _ := json.Marshal(v)
		m.Respond(data)
	}
	if _, err := s.nc.QueueSubscribe(SnapshotSubject, queueGroup, func(m *nats.Msg) {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		snap, err := s.Snapshot(ctx)
		answer(m, snap, err)
	}); err != nil {
		return fmt.Errorf("service: %s: %w", SnapshotSubject, err)
	}
	if _, err := s.nc.QueueSubscribe(WhatIfSubject, queueGroup, func(m *nats.Msg) {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		req, err := decodeWhatIf(m.Data)
		if err != nil {
			answer(m, nil, err)
			return
		}
		resp, err := s.WhatIf(ctx, req)
		answer(m, resp, err)
	}); err != nil {
		return fmt.Errorf("service: %s: %w", WhatIfSubject, err)
	}
	return nil
}

// isBadRequest tells a caller's mistake from the engine's.
func isBadRequest(err error) bool { return errors.Is(err, ErrBadRequest) }
