package dashboard

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/infrarisk/infrarisk/engine/service"
	"github.com/infrarisk/infrarisk/engine/update"
)

// Point is one update on the history charts.
type Point struct {
	T      time.Time `json:"t"`
	Seq    uint64    `json:"seq"`
	Regime string    `json:"regime"`
	// HEffS is the liquidation horizon H_eff, in seconds.
	HEffS                 float64 `json:"h_eff_s"`
	PFail                 float64 `json:"p_fail"`
	ScanRange             float64 `json:"scan_range"`
	MaintenanceMultiplier float64 `json:"maintenance_multiplier"`
	InitialMultiplier     float64 `json:"initial_multiplier"`
}

func pointOf(u update.Update) Point {
	f := func(name string) float64 {
		v, _ := u.Param(name)
		return v.InexactFloat64()
	}
	return Point{
		T: u.IssuedAt, Seq: u.Seq, Regime: u.Regime,
		HEffS: f("liquidation_horizon_s"), PFail: f(update.PFail), ScanRange: f("scan_range"),
		MaintenanceMultiplier: f("maintenance_multiplier"), InitialMultiplier: f("initial_multiplier"),
	}
}

// loadHistory reads the updates the stream stored in the last History, by
// the stream's clock.
func (d *Dashboard) loadHistory(ctx context.Context) error {
	js, err := jetstream.New(d.opts.Conn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	start := time.Now().Add(-d.opts.History)
	c, err := js.OrderedConsumer(ctx, service.StreamName, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartTimePolicy, OptStartTime: &start,
	})
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", service.StreamName, err)
	}
	info, err := c.Info(ctx)
	if err != nil {
		return err
	}
	for left := info.NumPending; left > 0; {
		batch, err := c.Fetch(int(min(left, 1000)), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return err
		}
		n := 0
		for m := range batch.Messages() {
			n++
			d.apply(m.Data())
		}
		if n == 0 {
			break
		}
		left -= uint64(n)
	}
	return nil
}
