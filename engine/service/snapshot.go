package service

import (
	"context"
	"encoding/json"
	"maps"
	"time"

	"github.com/infrarisk/infrarisk/models/netstate"
)

// Snapshot is what the engine knows at one time: every chain's signals
// with their age and freshness, and every market's last update.
type Snapshot struct {
	At time.Time `json:"at"`
	// Replica is the answering engine and its role: snapshots come from
	// any replica, and a follower's markets are the leader's last updates
	// as it saw them.
	Replica Replica                    `json:"replica"`
	Chains  map[string][]SignalReading `json:"chains"`
	Markets map[string]json.RawMessage `json:"markets"`
	// Rejections counts the signals rejected since start, by reason.
	Rejections map[string]float64 `json:"rejections"`
}

// Replica names an engine replica and its role.
type Replica struct {
	ID     string `json:"id"`
	Leader bool   `json:"leader"`
	// Term is the term this replica leads in, or led in last.
	Term uint64 `json:"term"`
}

// SignalReading is one signal kind of a chain as the models read it.
type SignalReading struct {
	Kind      string  `json:"kind"`
	Value     float64 `json:"value"`
	Freshness string  `json:"freshness"`
	AgeS      float64 `json:"age_s"`
	// Score is how far the kind is from normal, 0 (normal) to 1 (worst),
	// as the stress model scored it at the chain's last evaluation.
	Score float64 `json:"score"`
	// RejectedAt is when a signal of this kind was last rejected.
	RejectedAt *time.Time `json:"rejected_at,omitempty"`
}

// Snapshot asks the owner goroutine for a snapshot.
func (s *Service) Snapshot(ctx context.Context) (Snapshot, error) {
	reply := make(chan Snapshot, 1)
	select {
	case s.snap <- reply:
	case <-ctx.Done():
		return Snapshot{}, ctx.Err()
	}
	select {
	case snap := <-reply:
		return snap, nil
	case <-ctx.Done():
		return Snapshot{}, ctx.Err()
	}
}

// snapshot runs in the owner goroutine.
func (s *Service) snapshot() Snapshot {
	now := s.opts.Now()
	snap := Snapshot{At: now, Chains: map[string][]SignalReading{}, Markets: map[string]json.RawMessage{}, Rejections: map[string]float64{},
		Replica: Replica{ID: s.opts.ReplicaID, Leader: s.leading, Term: s.term}}
	scores := s.scores()
	for name, st := range s.pipe.Chains() {
		var rs []SignalReading
		for _, k := range netstate.Kinds() {
			r := st.Read(k, now)
			if r.Freshness == netstate.Unwatched {
				continue
			}
			reading := SignalReading{Kind: k.String(), Value: r.Value, Freshness: r.Freshness.String(), AgeS: r.Age.Seconds(),
				Score: scores[name][k]}
			if at, ok := s.rejectedAt[name][k.String()]; ok {
				reading.RejectedAt = &at
			}
			rs = append(rs, reading)
		}
		snap.Chains[name] = rs
	}
	maps.Copy(snap.Rejections, s.rejections)
	for name, data := range s.lastWire {
		snap.Markets[name] = json.RawMessage(data)
	}
	return snap
}

// scores is, per chain and kind, the highest score the stress model gave
// the kind at the last evaluation of the chain's markets.
func (s *Service) scores() map[string]map[netstate.Kind]float64 {
	out := map[string]map[netstate.Kind]float64{}
	for _, mc := range s.pipe.Markets() {
		mu, ok := s.last[mc.Name]
		if !ok {
			continue
		}
		if out[mc.Chain] == nil {
			out[mc.Chain] = map[netstate.Kind]float64{}
		}
		for _, r := range mu.Stress.Reasons {
			out[mc.Chain][r.Kind] = max(out[mc.Chain][r.Kind], r.Score)
		}
	}
	return out
}
