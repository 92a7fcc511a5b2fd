package beacon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/infrarisk/infrarisk/signals/collect"
)

var (
	// ErrMalformed is wrapped by every error about a response body that is
	// not the JSON the Beacon API specifies or lacks a required field.
	ErrMalformed = errors.New("beacon: malformed response")
	// ErrSyncing is wrapped by the error of a poll of a syncing node.
	ErrSyncing = errors.New("beacon: node is syncing")
)

// APIError is a response other than 200 OK. Code and Message come from the
// API's error body ({"code":404,"message":"State not found"}); when the body
// is not that JSON, Code is 0 and Message holds the start of the body.
type APIError struct {
	Method, Path string
	Status       int
	Code         int
	Message      string
}

// Error reads, for example:
//
//	beacon: GET /eth/v1/beacon/states/head/finality_checkpoints: 404 Not Found: State not found
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	return fmt.Sprintf("beacon: %s %s: %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), msg)
}

// notServed reports whether err says the node does not serve the endpoint
// at all, rather than failing to answer this request.
func notServed(err error) bool {
	var api *APIError
	if !errors.As(err, &api) {
		return false
	}
	switch api.Status {
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return true
	}
	return false
}

// maxBody bounds a response body; the largest expected is a liveness
// answer for a few thousand validators.
const maxBody = 8 << 20

// noRetry marks an error that another try of the same request cannot fix.
// It exists only between call and collect.Retry.
type noRetry struct{ err error }

func (e noRetry) Error() string        { return e.err.Error() }
func (e noRetry) Is(target error) bool { return target == collect.ErrPermanent }

// get decodes the JSON answer to GET path into out.
func (c *Collector) get(ctx context.Context, path string, out any) error {
	return c.call(ctx, http.MethodGet, path, nil, out)
}

// post sends body as JSON to path and decodes the JSON answer into out.
func (c *Collector) post(ctx context.Context, path string, body any, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("beacon: POST %s: %w", path, err)
	}
	return c.call(ctx, http.MethodPost, path, b, out)
}

// call makes the request, retrying transport failures, and decodes a 200
// answer into out.
func (c *Collector) call(ctx context.Context, method, path string, body []byte, out any) error {
	var payload []byte
	tries := 0
	onError := func(attempt int, err error) {
		c.log.Debug("beacon: request failed", "method", method, "path", path, "attempt", attempt+1, "err", err)
	}
	err := collect.Retry(ctx, c.opts.Backoff, onError, func(ctx context.Context) error {
		tries++
		b, err := c.roundTrip(ctx, method, path, body)
		var api *APIError
		switch {
		case err == nil:
			payload = b
			return nil
		case errors.As(err, &api), errors.Is(err, ErrMalformed), tries >= c.opts.Attempts:
			return noRetry{err}
		}
		return err
	})
	var stop noRetry
	if errors.As(err, &stop) {
		err = stop.err
	}
	if err != nil {
		return err
	}
	if err := decodeStrict(payload, out); err != nil {
		return malformed(method, path, err)
	}
	return nil
}

// roundTrip makes one request under the per-request timeout and returns
// the body of a 200 answer.
func (c *Collector) roundTrip(ctx context.Context, method, path string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.opts.BaseURL+path, rd)
	if err != nil {
		return nil, noRetry{fmt.Errorf("beacon: %s %s: %w", method, path, err)}
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("beacon: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("beacon: %s %s: reading body: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, apiError(method, path, resp.StatusCode, b)
	}
	if len(b) > maxBody {
		return nil, fmt.Errorf("%w: %s %s: body larger than %d bytes", ErrMalformed, method, path, maxBody)
	}
	return b, nil
}

// apiError reads the API's error body, or keeps the start of whatever the
// body is.
func apiError(method, path string, status int, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, Status: status}
	var msg struct {
		Code    json.Number `json:"code"`
		Message string      `json:"message"`
	}
	if json.Unmarshal(body, &msg) == nil && msg.Message != "" {
		e.Message = msg.Message
		if code, err := strconv.Atoi(msg.Code.String()); err == nil {
			e.Code = code
		}
		return e
	}
	text := strings.TrimSpace(strings.ToValidUTF8(string(body), "?"))
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	e.Message = text
	return e
}

// decodeStrict decodes exactly one JSON value into out. Unknown fields are
// allowed: the API adds fields over time.
func decodeStrict(b []byte, out any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(out); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// malformed wraps err, a problem with the body of the answer to path, in
// ErrMalformed.
func malformed(method, path string, err error) error {
	return fmt.Errorf("%w: %s %s: %v", ErrMalformed, method, path, err)
}

// uint64Field parses a Beacon API Uint64, a decimal string, naming the
// field when it is missing or not one.
func uint64Field(name, s string) (uint64, error) {
	if s == "" {
		return 0, fmt.Errorf("%s: missing", name)
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s %q: not a decimal uint64", name, s)
	}
	return v, nil
}
