package proof_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ethereum/go-ethereum/rpc"
)

// rewrite says how an endpoint departs from the node behind it.
type rewrite struct {
	// request rewrites the params of a call before the node sees them.
	request func(method string, params []json.RawMessage) []json.RawMessage
	// response rewrites the node's result.
	response func(method string, result json.RawMessage) json.RawMessage
	// refuse is a method answered with a JSON-RPC error.
	refuse string
}

// endpoint serves JSON-RPC over HTTP, single calls and batches, by
// forwarding each call to upstream, rewritten as rw says, and returns a
// client of it.
func endpoint(t *testing.T, upstream *rpc.Client, rw rewrite) *rpc.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var out any
		if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
			var reqs []rpcRequest
			if err := json.Unmarshal(body, &reqs); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			resps := make([]map[string]any, len(reqs))
			for i, req := range reqs {
				resps[i] = rw.answer(r.Context(), upstream, req)
			}
			out = resps
		} else {
			var req rpcRequest
			if err := json.Unmarshal(body, &req); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			out = rw.answer(r.Context(), upstream, req)
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(out); err != nil {
			t.Error(err)
		}
	}))
	t.Cleanup(srv.Close)
	client, err := rpc.DialHTTP(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	return client
}

// rpcRequest is one JSON-RPC call.
type rpcRequest struct {
	ID     json.RawMessage   `json:"id"`
	Method string            `json:"method"`
	Params []json.RawMessage `json:"params"`
}

// answer forwards req to upstream, rewritten as rw says, and returns the
// JSON-RPC response.
func (rw rewrite) answer(ctx context.Context, upstream *rpc.Client, req rpcRequest) map[string]any {
	params := req.Params
	if rw.request != nil {
		params = rw.request(req.Method, params)
	}
	args := make([]any, len(params))
	for i, p := range params {
		args[i] = p
	}
	resp := map[string]any{"jsonrpc": "2.0", "id": req.ID}
	var result json.RawMessage
	if req.Method == rw.refuse {
		resp["error"] = map[string]any{"code": -32601, "message": "the method " + req.Method + " does not exist/is not available"}
	} else if err := upstream.CallContext(ctx, &result, req.Method, args...); err != nil {
		e := map[string]any{"code": -32000, "message": err.Error()}
		var re rpc.Error
		if errors.As(err, &re) {
			e["code"] = re.ErrorCode()
		}
		var de rpc.DataError
		if errors.As(err, &de) {
			e["data"] = de.ErrorData()
		}
		resp["error"] = e
	} else {
		if rw.response != nil {
			result = rw.response(req.Method, result)
		}
		resp["result"] = result
	}
	return resp
}

// editJSON decodes a JSON object, lets edit change it and encodes it again.
func editJSON(t *testing.T, raw json.RawMessage, edit func(m map[string]any)) json.RawMessage {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
