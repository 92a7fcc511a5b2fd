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

	// The snapshot over NATS names the chain's signals.
	msg, err = h.nc.Request(SnapshotSubject, nil, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var snap Snapshot
	if err := json.Unmarshal(msg.Data, &snap); err != nil || len(snap.Chains["ethereum"]) != 8 || snap.Markets["ETH-OPTIONS"] == nil {
		t.Errorf("snapshot: %v %+v", err, snap)
	}
}
