package stress

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/infrarisk/infrarisk/models/netstate"
)

var t0 = time.Date(2023, 5, 12, 17, 0, 0, 0, time.UTC)

// calm returns a healthy L1 state observed at t0.
func calm(t *testing.T) netstate.State {
	t.Helper()
	s := netstate.New("ethereum", netstate.L1Kinds)
	for k, v := range map[netstate.Kind]float64{
		netstate.BaseFeeGwei: 20, netstate.GasUsedRatio: 0.5, netstate.BlockIntervalS: 12,
		netstate.ParticipationRate: 0.99, netstate.FinalityLagEpochs: 2, netstate.OracleAgeS: 600,
		netstate.OracleDeviation: 0.001, netstate.CollectorUp: 1,
	} {
		var err error
		if s, err = s.Observe(k, v, t0); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func observe(t *testing.T, s netstate.State, k netstate.Kind, v float64, at time.Time) netstate.State {
	t.Helper()
	s, err := s.Observe(k, v, at)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCalmChainHasNoStress(t *testing.T) {
	st := Assess(calm(t), t0.Add(10*time.Second), Config{})
	if st.Index != 0 || len(st.Reasons) != 0 || len(st.Conditions.Conservative) != 0 {
		t.Fatalf("calm: index %g, reasons %+v", st.Index, st.Reasons)
	}
	if st.Conditions.FinalityLost || st.Conditions.SequencerDown {
		t.Errorf("calm conditions: %+v", st.Conditions)
	}
}

// TestEachInputRaisesItsScore: one input at a time, at the values of real
// incidents, raises its group's score and the index, with a reason naming it.
func TestEachInputRaisesItsScore(t *testing.T) {
	tests := []struct {
		name  string
		kind  netstate.Kind
		value float64
		group Group
		want  float64 // the group's score, computed from the formula by hand
	}{
		// ln(225/30)/ln(500/30) = 2.0149/2.8134 = 0.7162 (12 March 2020, 16:00 UTC).
		{"black thursday base fee", netstate.BaseFeeGwei, 225, Congestion, 0.7162},
		// (36 − 12)/(60 − 12) = 0.5
		{"missed slots", netstate.BlockIntervalS, 36, Congestion, 0.5},
		// participation 30.7% (12 May 2023): (0.8 − 0.307)/(0.8 − 0.4) > 1 → 1
		{"finality incident participation", netstate.ParticipationRate, 0.307, Consensus, 1},
		// lag 5 epochs: (5 − 2)/6 = 0.5
		{"finality lag", netstate.FinalityLagEpochs, 5, Consensus, 0.5},
		// (5400 − 3600)/7200 = 0.25
		{"oracle past heartbeat", netstate.OracleAgeS, 5400, Oracle, 0.25},
		// (0.02 − 0.005)/(0.05 − 0.005) = 1/3
		{"oracle deviation", netstate.OracleDeviation, 0.02, Oracle, 1.0 / 3},
		{"admin event", netstate.AdminEvent, 1, Security, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := observe(t, calm(t), tt.kind, tt.value, t0)
			st := Assess(s, t0, Config{})
			if math.Abs(st.Score(tt.group)-tt.want) > 1e-4 {
				t.Errorf("%v score %.4f, want %.4f", tt.group, st.Score(tt.group), tt.want)
			}
			if st.Index < st.Score(tt.group)-1e-12 || st.Index <= 0 {
				t.Errorf("index %g below the score", st.Index)
			}
			if len(st.Reasons) == 0 || st.Reasons[0].Kind != tt.kind || st.Reasons[0].Text == "" {
				t.Errorf("reasons %+v, want %v first", st.Reasons, tt.kind)
			}
		})
	}
}

// TestFinalityLossFromLagOrParticipation: 12 May 2023, epoch 200752: lag of
// about 6 epochs, participation 30.7%: finality lost for 4 epochs × 384 s.
func TestFinalityLossFromLagOrParticipation(t *testing.T) {
	s := observe(t, calm(t), netstate.FinalityLagEpochs, 6, t0)
	s = observe(t, s, netstate.ParticipationRate, 0.307, t0)
	c := Assess(s, t0, Config{}).Conditions
	if !c.FinalityLost || c.FinalityLostFor != 4*384*time.Second {
		t.Errorf("conditions %+v, want lost for 25m36s", c)
	}
	// Participation alone below 2/3 loses finality before the lag shows it.
	c = Assess(observe(t, calm(t), netstate.ParticipationRate, 0.6, t0), t0, Config{}).Conditions
	if !c.FinalityLost {
		t.Error("participation 0.6 did not lose finality")
	}
}

func TestSequencerDownOnL2(t *testing.T) {
	s := netstate.New("arbitrum", netstate.L2Kinds)
	s = observe(t, s, netstate.SequencerUp, 1, t0)
	s = observe(t, s, netstate.SequencerUp, 0, t0.Add(time.Minute))
	s = observe(t, s, netstate.SequencerUp, 0, t0.Add(30*time.Minute))
	st := Assess(s, t0.Add(31*time.Minute), Config{})
	if !st.Conditions.SequencerDown || st.Conditions.SequencerDownFor != 30*time.Minute || st.Score(L2) != 1 {
		t.Errorf("sequencer: %+v score %g", st.Conditions, st.Score(L2))
	}
	s = observe(t, s, netstate.SequencerUp, 1, t0.Add(40*time.Minute))
	if c := Assess(s, t0.Add(41*time.Minute), Config{}).Conditions; c.SequencerDown || c.SequencerUpFor != time.Minute {
		t.Errorf("after recovery: %+v", c)
	}
}

// TestSilenceIsConservative: an hour without signals reads every watched
// kind as conservative: the index is at its maximum and every stand-in is a
// reason.
func TestSilenceIsConservative(t *testing.T) {
	st := Assess(calm(t), t0.Add(time.Hour), Config{})
	if st.Index < 0.999 {
		t.Errorf("index %g after an hour of silence", st.Index)
	}
	if len(st.Conditions.Conservative) != 8 {
		t.Errorf("conservative kinds %v, want all 8 watched", st.Conditions.Conservative)
	}
	if !st.Conditions.FinalityLost {
		t.Error("silent beacon collector: finality not treated as lost")
	}
	var stale int
	for _, r := range st.Reasons {
		if r.Freshness == netstate.Stale && strings.Contains(r.Text, "conservative") {
			stale++
		}
	}
	if stale < 6 {
		t.Errorf("%d stale reasons: %+v", stale, st.Reasons)
	}
}
