package service

import (
	"errors"
	"testing"
)

// FuzzWhatIfRequest: the what-if request decoder and the position checks
// never panic, and reject bad input with ErrBadRequest (a 4xx), never
// another error.
func FuzzWhatIfRequest(f *testing.F) {
	f.Add([]byte(`{"market":"ETH-OPTIONS","spot":"3200","positions":[{"type":"call","strike":"3500","expiry_days":30,"quantity":"-2"},{"type":"future","quantity":"1"}],"overrides":{"base_fee_gwei":"500"}}`))
	f.Add([]byte(`{"market":"ETH-OPTIONS","spot":"1e400","positions":[{"type":"put","strike":"-1","expiry_days":-3,"quantity":"NaN"}]}`))
	f.Add([]byte(`{"positions":[{"type":"spot","quantity":"1"}],"extra":true}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeWhatIf(data)
		if err != nil {
			if !errors.Is(err, ErrBadRequest) {
				t.Fatalf("decode error %v is not ErrBadRequest", err)
			}
			return
		}
		toPositions(req.Positions) // must not panic; its errors become ErrBadRequest
	})
}
