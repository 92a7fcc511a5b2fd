package service

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHTTPRefusesBadRequestsClearly: an oversized body is 413, a body with
// an unknown field or data after the object is 400, each with a JSON error
// naming the fault; an unknown market is 404 and a wrong method 405.
func TestHTTPRefusesBadRequestsClearly(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	srv := httptest.NewServer(h.svc.Handler())
	defer srv.Close()
	good := `{"market":"ETH-OPTIONS","spot":"3200","positions":[{"type":"future","quantity":"1"}]}`
	for _, c := range []struct {
		name, method, path, body string
		code                     int
		text                     string
	}{
		{"oversized", "POST", "/v1/margin", `{"market":"` + strings.Repeat("x", maxRequest) + `"}`, http.StatusRequestEntityTooLarge, "larger than 1048576 bytes"},
		{"unknown field", "POST", "/v1/margin", `{"market":"ETH-OPTIONS","leverage":10}`, http.StatusBadRequest, `unknown field \"leverage\"`},
		{"data after the object", "POST", "/v1/margin", good + `{"market":"x"}`, http.StatusBadRequest, "data after the request object"},
		{"not JSON", "POST", "/v1/margin", `market=ETH`, http.StatusBadRequest, "invalid character"},
		{"unknown market", "GET", "/v1/params/NOPE", "", http.StatusNotFound, "unknown market NOPE"},
		{"wrong method", "GET", "/v1/margin", "", http.StatusMethodNotAllowed, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, srv.URL+c.path, strings.NewReader(c.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 4096)
			n, _ := resp.Body.Read(buf)
			b.Write(buf[:n])
			if resp.StatusCode != c.code || !strings.Contains(b.String(), c.text) {
				t.Errorf("%s %s: %d %q; want %d containing %q", c.method, c.path, resp.StatusCode, b.String(), c.code, c.text)
			}
		})
	}
}

func TestHTTPServerHasTimeouts(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	s := h.svc.NewHTTPServer("127.0.0.1:0", nil)
	if s.ReadHeaderTimeout == 0 || s.ReadTimeout == 0 || s.WriteTimeout == 0 || s.IdleTimeout == 0 || s.MaxHeaderBytes == 0 {
		t.Errorf("server without a bound: %+v", s)
	}
}
