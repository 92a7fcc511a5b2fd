package stress

import (
	"fmt"
	"math"
	"time"

	"github.com/infrarisk/infrarisk/models/netstate"
)

// Config holds the reference points of the scores. Zero fields take the
// defaults of DefaultConfig.
type Config struct {
	// Base fee: score 0 at NormalBaseFeeGwei, 1 at SevereBaseFeeGwei (log
	// scale). 30 gwei is a busy post-London day; 12 March 2020 averaged
	// 78 gwei over the day (Etherscan) with 10-minute averages near 220.
	NormalBaseFeeGwei, SevereBaseFeeGwei float64
	// Block interval: score 0 at the 12 s slot time, 1 at 60 s (four in
	// five slots missed).
	NormalBlockIntervalS, SevereBlockIntervalS float64
	// Finality: a lag of NormalLagEpochs is healthy; LostLagEpochs or
	// participation below 2/3 means finality is lost; the score reaches 1
	// SevereLagExcessEpochs beyond normal (the 12 May 2023 incident went
	// 9 epochs without finality).
	NormalLagEpochs, LostLagEpochs, SevereLagExcessEpochs float64
	// Participation: score 0 at NormalParticipation, 1 at
	// SevereParticipation (30.7% was the low of 12 May 2023).
	NormalParticipation, SevereParticipation float64
	// Reorg depth in blocks that scores 1 (Polygon reorganised 157 blocks
	// on 22 February 2023; Ethereum's deepest post-merge reorgs are 1–2).
	SevereReorgDepth float64
	// Oracle heartbeat (Chainlink ETH/USD: 3600 s); deviation scores 0 up
	// to the feed's own 0.5% deviation threshold and 1 at 5%, ten times it.
	OracleHeartbeatS, NormalOracleDeviation, SevereOracleDeviation float64
	// EpochSeconds is the beacon-chain epoch: 32 slots of 12 s.
	EpochSeconds float64
}

// DefaultConfig returns the reference points documented on Config.
func DefaultConfig() Config {
	return Config{
		NormalBaseFeeGwei: 30, SevereBaseFeeGwei: 500,
		NormalBlockIntervalS: 12, SevereBlockIntervalS: 60,
		NormalLagEpochs: 2, LostLagEpochs: 4, SevereLagExcessEpochs: 6,
		NormalParticipation: 0.8, SevereParticipation: 0.4,
		SevereReorgDepth: 16,
		OracleHeartbeatS: 3600, NormalOracleDeviation: 0.005, SevereOracleDeviation: 0.05,
		EpochSeconds: 384,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	fill := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&c.NormalBaseFeeGwei, d.NormalBaseFeeGwei)
	fill(&c.SevereBaseFeeGwei, d.SevereBaseFeeGwei)
	fill(&c.NormalBlockIntervalS, d.NormalBlockIntervalS)
	fill(&c.SevereBlockIntervalS, d.SevereBlockIntervalS)
	fill(&c.NormalLagEpochs, d.NormalLagEpochs)
	fill(&c.LostLagEpochs, d.LostLagEpochs)
	fill(&c.SevereLagExcessEpochs, d.SevereLagExcessEpochs)
	fill(&c.NormalParticipation, d.NormalParticipation)
	fill(&c.SevereParticipation, d.SevereParticipation)
	fill(&c.SevereReorgDepth, d.SevereReorgDepth)
	fill(&c.OracleHeartbeatS, d.OracleHeartbeatS)
	fill(&c.NormalOracleDeviation, d.NormalOracleDeviation)
	fill(&c.SevereOracleDeviation, d.SevereOracleDeviation)
	fill(&c.EpochSeconds, d.EpochSeconds)
	return c
}

// Conditions are the readings the models use, at one time.
type Conditions struct {
	BaseFeeGwei, GasUsedRatio, BlockIntervalS, PendingTxs float64

	Participation, FinalityLagEpochs, ReorgDepth float64
	FinalityLost                                 bool
	FinalityLostFor                              time.Duration

	OracleAgeS, OracleDeviation float64

	// SequencerDown holds while an L2's sequencer is down, for
	// SequencerDownFor; SequencerUpFor is how long it has been up (zero on
	// a chain without a sequencer).
	SequencerDown                    bool
	SequencerDownFor, SequencerUpFor time.Duration

	AdminEvent, RPCDisagreement bool

	// Conservative lists the watched kinds read at their conservative value
	// because they were stale or missing.
	Conservative []netstate.Kind
}

// Group is a group of signals that is scored.
type Group int8

const (
	Congestion Group = iota
	Consensus
	Oracle
	L2
	Security
	numGroups
)

func (g Group) String() string {
	return [...]string{"congestion", "consensus", "oracle", "l2", "security"}[g]
}

// Reason says which input moved a score.
type Reason struct {
	Group Group
	Kind  netstate.Kind
	Value float64
	// Freshness of the input; stale and missing inputs are conservative.
	Freshness netstate.Freshness
	Score     float64
	Text      string
}

// Stress is the result of Assess.
type Stress struct {
	Conditions Conditions
	Scores     [numGroups]float64
	Index      float64
	// Reasons lists the inputs behind every non-zero score and every
	// conservative stand-in, most severe first.
	Reasons []Reason
}

// Score returns the score of one group.
func (s Stress) Score(g Group) float64 { return s.Scores[g] }

func clamp01(x float64) float64 { return math.Min(math.Max(x, 0), 1) }

// Assess reads st at time now and scores it.
func Assess(st netstate.State, now time.Time, cfg Config) Stress {
	cfg = cfg.withDefaults()
	var s Stress
	c := &s.Conditions
	read := func(k netstate.Kind) netstate.Reading {
		r := st.Read(k, now)
		if r.Conservative() {
			c.Conservative = append(c.Conservative, k)
		}
		return r
	}
	// score records the score of one input in its group, with a reason
	// when it matters.
	score := func(g Group, r netstate.Reading, v float64, format string, args ...any) {
		v = clamp01(v)
		if v > s.Scores[g] {
			s.Scores[g] = v
		}
		if v > 0 || r.Conservative() {
			text := fmt.Sprintf(format, args...)
			if r.Conservative() {
				text = fmt.Sprintf("%s %s for %s: read as %g (conservative); %s", r.Kind, r.Freshness, r.Age.Round(time.Second), r.Value, text)
			}
			s.Reasons = append(s.Reasons, Reason{Group: g, Kind: r.Kind, Value: r.Value, Freshness: r.Freshness, Score: v, Text: text})
		}
	}

	fee := read(netstate.BaseFeeGwei)
	c.BaseFeeGwei = fee.Value
	score(Congestion, fee, math.Log(fee.Value/cfg.NormalBaseFeeGwei)/math.Log(cfg.SevereBaseFeeGwei/cfg.NormalBaseFeeGwei),
		"base fee %.4g gwei against %g normal, %g severe", fee.Value, cfg.NormalBaseFeeGwei, cfg.SevereBaseFeeGwei)
	c.GasUsedRatio = read(netstate.GasUsedRatio).Value
	c.PendingTxs = read(netstate.PendingTxs).Value
	interval := read(netstate.BlockIntervalS)
	c.BlockIntervalS = interval.Value
	score(Congestion, interval, (interval.Value-cfg.NormalBlockIntervalS)/(cfg.SevereBlockIntervalS-cfg.NormalBlockIntervalS),
		"block interval %.4g s against %g s slots", interval.Value, cfg.NormalBlockIntervalS)

	part := read(netstate.ParticipationRate)
	lag := read(netstate.FinalityLagEpochs)
	reorg := read(netstate.ReorgDepth)
	c.Participation, c.FinalityLagEpochs, c.ReorgDepth = part.Value, lag.Value, reorg.Value
	c.FinalityLost = lag.Value >= cfg.LostLagEpochs || part.Value < 2.0/3
	if excess := lag.Value - cfg.NormalLagEpochs; c.FinalityLost && excess > 0 {
		c.FinalityLostFor = time.Duration(excess * cfg.EpochSeconds * float64(time.Second))
	}
	score(Consensus, lag, (lag.Value-cfg.NormalLagEpochs)/cfg.SevereLagExcessEpochs,
		"finality lag %.4g epochs (normal %g)", lag.Value, cfg.NormalLagEpochs)
	score(Consensus, part, (cfg.NormalParticipation-part.Value)/(cfg.NormalParticipation-cfg.SevereParticipation),
		"participation %.3g (finality needs 2/3)", part.Value)
	score(Consensus, reorg, reorg.Value/cfg.SevereReorgDepth, "reorg of %.4g blocks", reorg.Value)

	age := read(netstate.OracleAgeS)
	dev := read(netstate.OracleDeviation)
	c.OracleAgeS, c.OracleDeviation = age.Value, dev.Value
	score(Oracle, age, (age.Value-cfg.OracleHeartbeatS)/(2*cfg.OracleHeartbeatS),
		"oracle age %.4g s against a %g s heartbeat", age.Value, cfg.OracleHeartbeatS)
	score(Oracle, dev, (dev.Value-cfg.NormalOracleDeviation)/(cfg.SevereOracleDeviation-cfg.NormalOracleDeviation),
		"oracle deviates %.3g%% from reference", 100*dev.Value)

	seq := read(netstate.SequencerUp)
	if seq.Value == 0 {
		c.SequencerDown = true
		c.SequencerDownFor = seq.For
		score(L2, seq, 1, "sequencer down for %s", seq.For.Round(time.Second))
	} else if seq.Freshness == netstate.Fresh {
		c.SequencerUpFor = seq.For
	}

	admin := read(netstate.AdminEvent)
	rpc := read(netstate.RPCDisagreement)
	c.AdminEvent, c.RPCDisagreement = admin.Value > 0, rpc.Value > 0
	if c.AdminEvent {
		score(Security, admin, 0.5, "%g admin event(s) on watched contracts", admin.Value)
	}
	if c.RPCDisagreement {
		score(Security, rpc, 0.5, "RPC endpoints disagree")
	}
	collector := read(netstate.CollectorUp)
	if collector.Conservative() || collector.Value == 0 {
		// A silent collector makes its kinds stale in their turn; say so
		// here too, so the reason names the cause.
		s.Reasons = append(s.Reasons, Reason{Group: Security, Kind: netstate.CollectorUp, Value: collector.Value,
			Freshness: collector.Freshness, Text: "collector reports down or is silent"})
	}

	healthy := 1.0
	for _, v := range s.Scores {
		healthy *= 1 - v
	}
	s.Index = 1 - healthy
	sortReasons(s.Reasons)
	return s
}

// sortReasons orders reasons by score, highest first, keeping input order
// among equals (insertion sort: there are a handful).
func sortReasons(rs []Reason) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Score > rs[j-1].Score; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
