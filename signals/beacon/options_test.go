package beacon

import (
	"strings"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/signals/collect"
)

func TestNewRejectsBadOptions(t *testing.T) {
	good := func() Options {
		return Options{Chain: "ethereum", BaseURL: "http://127.0.0.1:5052", Sink: &collect.Memory{}}
	}
	tests := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no chain", func(o *Options) { o.Chain = "" }, "chain"},
		{"chain with a dot", func(o *Options) { o.Chain = "eth.main" }, "chain"},
		{"no base URL", func(o *Options) { o.BaseURL = "" }, "base URL"},
		{"base URL without scheme", func(o *Options) { o.BaseURL = "localhost:5052" }, "base URL"},
		{"websocket URL", func(o *Options) { o.BaseURL = "ws://localhost:5052" }, "base URL"},
		{"no sink", func(o *Options) { o.Sink = nil }, "no sink"},
		{"negative interval", func(o *Options) { o.PollInterval = -time.Second }, "negative"},
		{"negative timeout", func(o *Options) { o.Timeout = -time.Second }, "negative"},
		{"negative attempts", func(o *Options) { o.Attempts = -1 }, "negative"},
		{"validator twice", func(o *Options) { o.Validators = []uint64{5, 6, 5} }, "validator 5 listed twice"},
		{"sample validator twice", func(o *Options) { o.ParticipationSample = []uint64{9, 9} }, "participation sample"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good()
			tt.edit(&o)
			_, err := New(o)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "beacon: ") {
				t.Errorf("New: err %v, want a beacon: error about %q", err, tt.want)
			}
		})
	}
	if _, err := New(good()); err != nil {
		t.Errorf("New(good options): %v", err)
	}
}

func TestNewFillsDefaults(t *testing.T) {
	c, err := New(Options{Chain: "ethereum", BaseURL: "http://127.0.0.1:5052/", Sink: &collect.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	o := c.opts
	if o.SlotsPerEpoch != 32 || o.PollInterval != 12*time.Second || o.Timeout != 5*time.Second || o.Attempts != 3 {
		t.Errorf("defaults: %d slots per epoch, poll %v, timeout %v, %d attempts; want 32, 12s, 5s, 3",
			o.SlotsPerEpoch, o.PollInterval, o.Timeout, o.Attempts)
	}
	if o.BaseURL != "http://127.0.0.1:5052" || o.HTTPClient == nil || o.Logger == nil || o.Now == nil {
		t.Errorf("defaults: base URL %q, client %v, logger %v, clock set %t", o.BaseURL, o.HTTPClient, o.Logger, o.Now != nil)
	}
}
