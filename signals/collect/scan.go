package collect

import "time"

// Scan is what every collector that scans logs in block ranges (admin
// events, pools, bridges) is tuned by.
type Scan struct {
	// PollInterval is the time between polls; 12 s (one Ethereum slot) by
	// default.
	PollInterval time.Duration
	// MaxRange is the most blocks one eth_getLogs asks for; 1000 by
	// default (many providers refuse larger ranges).
	MaxRange uint64
	// Timeout bounds one poll, retries included; 10 s by default.
	Timeout time.Duration
	// Backoff is the wait between tries of a read failing in transport;
	// short enough by default that several tries fit in one poll.
	Backoff Backoff
}

// DefaultScan returns the defaults.
func DefaultScan() Scan {
	return Scan{
		PollInterval: 12 * time.Second,
		MaxRange:     1000,
		Timeout:      10 * time.Second,
		Backoff:      Backoff{Base: 100 * time.Millisecond, Max: 2 * time.Second},
	}
}

// WithDefaults returns s with its zero fields filled from DefaultScan.
func (s Scan) WithDefaults() Scan {
	d := DefaultScan()
	if s.PollInterval == 0 {
		s.PollInterval = d.PollInterval
	}
	if s.MaxRange == 0 {
		s.MaxRange = d.MaxRange
	}
	if s.Timeout == 0 {
		s.Timeout = d.Timeout
	}
	if s.Backoff == (Backoff{}) {
		s.Backoff = d.Backoff
	}
	return s
}
