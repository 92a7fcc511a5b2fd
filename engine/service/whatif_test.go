package service

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/signals/wire"
)

const shortPutRequest = `{"market":"ETH-OPTIONS","spot":"3200",
 "positions":[{"type":"put","strike":"2800","expiry_days":30,"quantity":"-10"},
              {"type":"future","quantity":"1"}]%s}`

func (h *harness) httpWhatIf(t *testing.T, body string) (int, WhatIfResponse, string) {
	t.Helper()
	srv := httptest.NewServer(h.svc.Handler())
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/v1/margin", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	var out WhatIfResponse
	json.Unmarshal(buf.Bytes(), &out)
	return resp.StatusCode, out, buf.String()
}

// TestWhatIfOverHTTPAndNATSAgree: the same request over HTTP and NATS
// request-reply gives the same numbers; overriding the base fee to 500 gwei
// never lowers the margin of a short put; bad requests say what is wrong.
func TestWhatIfOverHTTPAndNATSAgree(t *testing.T) {
	h := start(t, t.TempDir(), newKey(t), newKey(t))
	sub, _ := h.nc.SubscribeSync(update.Subject("ETH-OPTIONS"))
	p := wire.NewPublisher(h.nc, "eth-collector-1", h.collector)
	h.publishAll(p, healthy)
	h.next(sub, func(u update.Update) bool { return true })

	code, viaHTTP, raw := h.httpWhatIf(t, strings.Replace(shortPutRequest, "%s", "", 1))
	if code != http.StatusOK {
		t.Fatalf("HTTP %d: %s", code, raw)
	}
	msg, err := h.nc.Request(WhatIfSubject, []byte(strings.Replace(shortPutRequest, "%s", "", 1)), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var viaNATS WhatIfResponse
	if err := json.Unmarshal(msg.Data, &viaNATS); err != nil {
		t.Fatal(err)
	}
	if viaHTTP.Maintenance != viaNATS.Maintenance || viaHTTP.Initial != viaNATS.Initial || viaHTTP.Maintenance == "" {
		t.Fatalf("HTTP %+v, NATS %+v", viaHTTP, viaNATS)
	}
	calm := decimal.RequireFromString(viaHTTP.Maintenance)
	if !calm.IsPositive() || decimal.RequireFromString(viaHTTP.Initial).LessThan(calm) {
		t.Errorf("calm margin %s, initial %s", viaHTTP.Maintenance, viaHTTP.Initial)
	}

	_, hot, raw := h.httpWhatIf(t, strings.Replace(shortPutRequest, "%s", `,"overrides":{"base_fee_gwei":"500","gas_used_ratio":"1"}`, 1))
	if m := decimal.RequireFromString(hot.Maintenance); m.LessThan(calm) {
		t.Errorf("congestion what-if lowered the margin: %s → %s (%s)", calm, m, raw)
	}
	if hot.Params["scan_range"] <= viaHTTP.Params["scan_range"] {
		t.Errorf("what-if scan range %s, calm %s", hot.Params["scan_range"], viaHTTP.Params["scan_range"])
	}

	for body, want := range map[string]string{
		`{"market":"BTC","spot":"1","positions":[{"type":"future","quantity":"1"}]}`:              "unknown market",
		strings.Replace(shortPutRequest, "%s", `,"overrides":{"gas_price":"5"}`, 1):               "gas_price\\\" is not a signal kind",
		strings.Replace(shortPutRequest, "%s", `,"overrides":{"base_fee_gwei":"-5"}`, 1):          "outside",
		`{"market":"ETH-OPTIONS","spot":"3200","positions":[{"type":"straddle","quantity":"1"}]}`: "straddle\\\" is not call, put, future or spot",
		`{"market":"ETH-OPTIONS","spot":"3200","positions":[],"leverage":3}`:                      "unknown field",
	} {
		code, _, raw := h.httpWhatIf(t, body)
		if code != http.StatusBadRequest || !strings.Contains(raw, want) {
			t.Errorf("%s: HTTP %d %s, want 400 containing %q", body, code, raw, want)
		}
	}

	// The snapshot over NATS names the chain's signals and carries the same
	// signed update as GET /v1/snapshot and GET /v1/params/{market} (same seq,
	// same signature; retried if a heartbeat lands between the requests).
	srv := httptest.NewServer(h.svc.Handler())
	defer srv.Close()
	get := func(path string) []byte {
		resp, err := http.Get(srv.URL + path)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %v %v", path, err, resp)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		return buf.Bytes()
	}
	decode := func(raw []byte) update.Update {
		u, err := update.Decode(compact(t, raw))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	for attempt := 0; ; attempt++ {
		msg, err = h.nc.Request(SnapshotSubject, nil, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		var viaNATS, viaHTTP Snapshot
		if err := json.Unmarshal(msg.Data, &viaNATS); err != nil || len(viaNATS.Chains["ethereum"]) != 8 {
			t.Fatalf("snapshot: %v %+v", err, viaNATS)
		}
		if err := json.Unmarshal(get("/v1/snapshot"), &viaHTTP); err != nil {
			t.Fatal(err)
		}
		a, b, c := decode(viaNATS.Markets["ETH-OPTIONS"]), decode(viaHTTP.Markets["ETH-OPTIONS"]), decode(get("/v1/params/ETH-OPTIONS"))
		if a.Seq == b.Seq && b.Seq == c.Seq {
			if !bytes.Equal(a.Sig, b.Sig) || !bytes.Equal(b.Sig, c.Sig) {
				t.Error("HTTP and NATS snapshots carry different updates under one seq")
			}
			break
		}
		if attempt == 3 {
			t.Fatalf("seqs never matched: %d %d %d", a.Seq, b.Seq, c.Seq)
		}
	}
	if resp, _ := http.Get(srv.URL + "/v1/params/NOPE"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown market: HTTP %d", resp.StatusCode)
	}
}

// compact removes the indentation HTTP adds, giving the canonical wire form.
func compact(t *testing.T, raw []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
