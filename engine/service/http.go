package service

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves the engine over HTTP:
//
//	GET /healthz               200 "ok" while the engine is connected, then its role: "leader term N" or "follower of ID"
//	GET /metrics               Prometheus metrics
//	GET /v1/snapshot           the Snapshot as JSON
//	GET /v1/params/{market}    the market's last signed update, as published
//	POST /v1/margin            a WhatIfRequest in, a WhatIfResponse out
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if s.nc == nil || !s.nc.IsConnected() {
			http.Error(w, "not connected to NATS", http.StatusServiceUnavailable)
			return
		}
		if s.elector == nil {
			http.Error(w, "not started", http.StatusServiceUnavailable)
			return
		}
		st := s.elector.Status()
		if st.Leader {
			fmt.Fprintf(w, "ok\nleader term %d\n", st.Term)
			return
		}
		fmt.Fprintf(w, "ok\nfollower of %s\n", cmp.Or(st.Holder, "(none yet)"))
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /v1/snapshot", func(w http.ResponseWriter, r *http.Request) {
		snap, err := s.Snapshot(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, snap)
	})
	mux.HandleFunc("GET /v1/params/{market}", func(w http.ResponseWriter, r *http.Request) {
		snap, err := s.Snapshot(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		data, ok := snap.Markets[r.PathValue("market")]
		if !ok {
			http.Error(w, "unknown market "+r.PathValue("market"), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(data)
	})
	mux.HandleFunc("POST /v1/margin", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			json.NewEncoder(w).Encode(errorReply{Error: fmt.Sprintf("request body larger than %d bytes", maxRequest)})
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, err := decodeWhatIf(body)
		var resp WhatIfResponse
		if err == nil {
			resp, err = s.WhatIf(r.Context(), req)
		}
		if err != nil {
			code := http.StatusInternalServerError
			if isBadRequest(err) {
				code = http.StatusBadRequest
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(errorReply{Error: err.Error()})
			return
		}
		writeJSON(w, resp)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// maxRequest bounds a request body: a what-if portfolio of thousands of
// positions fits well within it.
const maxRequest = 1 << 20

// NewHTTPServer returns an http.Server for Handler with timeouts that a
// slow or stalled client cannot hold a connection past, and bounded
// headers. extra, if not nil, serves every path Handler does not (the
// dashboard); a handler of long-lived responses lifts the write timeout
// per response with http.ResponseController.
func (s *Service) NewHTTPServer(addr string, extra http.Handler) *http.Server {
	h := s.Handler()
	if extra != nil {
		mux := http.NewServeMux()
		mux.Handle("/", extra)
		for _, p := range []string{"/healthz", "/metrics", "/v1/snapshot", "/v1/params/", "/v1/margin"} {
			mux.Handle(p, h)
		}
		h = mux
	}
	return &http.Server{
		Addr: addr, Handler: h,
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
	}
}
