package collect

import (
	"testing"
	"time"
)

func TestScanFillsOnlyZeroFields(t *testing.T) {
	if got, want := (Scan{}).WithDefaults(), DefaultScan(); got != want {
		t.Errorf("zero scan filled to %+v, want %+v", got, want)
	}
	set := Scan{PollInterval: time.Second, MaxRange: 5, Timeout: time.Minute, Backoff: Backoff{Base: 1, Max: 2}}
	if got := set.WithDefaults(); got != set {
		t.Errorf("set fields changed: %+v → %+v", set, got)
	}
	partial := Scan{MaxRange: 7}.WithDefaults()
	if partial.MaxRange != 7 || partial.PollInterval != DefaultScan().PollInterval {
		t.Errorf("partial scan %+v", partial)
	}
}
