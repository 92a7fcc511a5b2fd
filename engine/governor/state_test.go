package governor

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func roundTrip(t *testing.T, st State) State {
	t.Helper()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return back
}

// TestStateJSONSchema pins the stored form: a change here is a schema
// change and needs a new StateVersion.
func TestStateJSONSchema(t *testing.T) {
	cfg := Config{
		Params:      []ParamSpec{{Name: "margin_mult", Tighter: TighterUp, Min: 1, Max: 3, MaxLoosenStep: 0.1}},
		Flags:       []FlagSpec{{Name: "new_positions_paused", Conservative: true}},
		LoosenDelay: 5 * time.Minute,
		Regime:      testConfig().Regime,
	}
	p := Proposal{Values: map[string]float64{"margin_mult": 1.25}, Flags: map[string]bool{"new_positions_paused": true}, Stress: 0.75}
	st := mustInitial(t, cfg, p, minute(0))
	st, _ = mustStep(t, cfg, st, minute(7), Proposal{Values: map[string]float64{"margin_mult": 2.5}, Flags: p.Flags, Stress: 0.5})
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"version":1,"at":"2026-03-12T09:07:00Z","regime":"stressed","regime_since":"2026-03-12T09:00:00Z",` +
		`"params":[{"name":"margin_mult","value":2.5,"changed":"2026-03-12T09:07:00Z"}],` +
		`"flags":[{"name":"new_positions_paused","value":true,"changed":"2026-03-12T09:00:00Z"}]}`
	if string(b) != want {
		t.Errorf("state JSON\n%s\nwant\n%s", b, want)
	}
}

// TestStateJSONRoundTripIsExact: every state of the episode, and one made
// from a local time with a monotonic reading, reads back equal.
func TestStateJSONRoundTripIsExact(t *testing.T) {
	cfg := testConfig()
	ticks := loadEpisode(t)
	st := mustInitial(t, cfg, ticks[0].p, minute(0))
	for _, tk := range ticks {
		st, _ = mustStep(t, cfg, st, minute(tk.minute), tk.p)
		if back := roundTrip(t, st); !reflect.DeepEqual(back, st) {
			t.Fatalf("minute %d: round trip\n%+v\nwant\n%+v", tk.minute, back, st)
		}
	}
	local := time.Now().In(time.FixedZone("UTC+9", 9*3600))
	st = mustInitial(t, cfg, calm(), local)
	if back := roundTrip(t, st); !reflect.DeepEqual(back, st) {
		t.Errorf("local time: round trip\n%+v\nwant\n%+v", back, st)
	}
}

// TestRestartMidEpisode stops the episode at every minute, stores the state
// as JSON, restores it and runs on: every later decision and state is the
// one the uninterrupted run made.
func TestRestartMidEpisode(t *testing.T) {
	cfg := testConfig()
	ticks := loadEpisode(t)
	states := make([]State, len(ticks))
	decisions := make([]Decision, len(ticks))
	st := mustInitial(t, cfg, ticks[0].p, minute(0))
	for i, tk := range ticks {
		st, decisions[i] = mustStep(t, cfg, st, minute(tk.minute), tk.p)
		states[i] = st
	}
	stride := 1
	if testing.Short() {
		stride = 17
	}
	for k := 0; k < len(ticks)-1; k += stride {
		st := roundTrip(t, states[k])
		for i := k + 1; i < len(ticks); i++ {
			var d Decision
			st, d = mustStep(t, cfg, st, minute(ticks[i].minute), ticks[i].p)
			if !reflect.DeepEqual(d, decisions[i]) || !reflect.DeepEqual(st, states[i]) {
				t.Fatalf("restart after minute %d: minute %d decides\n%+v\nwant\n%+v", k, ticks[i].minute, d, decisions[i])
			}
		}
	}
}
