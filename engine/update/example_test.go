package update_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nats-io/nkeys"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
)

// The engine builds, signs and publishes a market's update; a margin system
// verifies it against the keys it trusts and uses it while it is fresh.
func Example() {
	at := time.Date(2020, 3, 12, 12, 0, 0, 0, time.UTC)
	mu := market.Update{ // normally from market.Evaluate
		Market: "ETH-OPTIONS", At: at,
		Values: map[string]float64{
			market.ScanRange: 0.2746065525845759, market.VolShockUp: 0.48, market.VolShockDown: 0.32,
			market.HorizonSeconds: 7214, market.MaintenanceMultiplier: 1.25, market.InitialMultiplier: 2.1,
			market.LiquidationBonus: 0.0692050899557648, market.CloseFactor: 0.75,
		},
		Flags:  map[string]bool{market.NewPositionsPaused: true},
		Regime: governor.Stressed, Grace: 2339900 * time.Millisecond, DeepUnderwater: 0.95, PFail: 0.01221,
		Decision: governor.Decision{Reasons: []governor.Reason{{
			Param: market.ScanRange, Before: 0.15025, After: 0.2746065525845759, Proposed: 0.2746065525845759, Why: governor.WhyTightened,
		}}},
	}
	mu.Stress.Index = 0.6117

	// Engine side. The key is fixed here so that the output is; the engine
	// loads its own.
	kp, _ := nkeys.FromRawSeed(nkeys.PrefixByteUser, bytes.Repeat([]byte{7}, 32))
	u := update.FromMarket(mu, 42, time.Minute)
	if err := update.Sign(&u, kp); err != nil {
		panic(err)
	}
	data, err := update.Encode(u)
	if err != nil {
		panic(err)
	}
	var pretty bytes.Buffer
	_ = json.Indent(&pretty, data, "", "  ")
	fmt.Println(update.Subject(u.Market))
	fmt.Println(pretty.String())

	// Consumer side.
	got, err := update.Verify(data, map[string]bool{u.KeyID: true})
	if err != nil {
		fmt.Println("rejected:", err)
		return
	}
	scan, _ := got.Param(market.ScanRange)
	fmt.Println("scan range", scan, "fresh now:", got.Fresh(at.Add(30*time.Second)), "in two minutes:", got.Fresh(at.Add(2*time.Minute)))
	// Output:
	// risk.params.ETH-OPTIONS
	// {
	//   "flags": {
	//     "halt": false,
	//     "liquidations_paused": false,
	//     "new_positions_paused": true
	//   },
	//   "issued_at": "2020-03-12T12:00:00Z",
	//   "key_id": "UDVEU3DD4KOFECV66VIHWEZOYX4ZKR3WV27L464SIIPOU2IUI3JCYSJF",
	//   "market": "ETH-OPTIONS",
	//   "params": {
	//     "close_factor": "0.7500",
	//     "deep_underwater_health": "0.9500",
	//     "grace_period_s": "2339",
	//     "initial_multiplier": "2.1000",
	//     "liquidation_bonus": "0.0693",
	//     "liquidation_horizon_s": "7214",
	//     "maintenance_multiplier": "1.2500",
	//     "p_fail": "0.0123",
	//     "scan_range": "0.2747",
	//     "vol_shock_down": "0.3200",
	//     "vol_shock_up": "0.4800"
	//   },
	//   "reasons": [
	//     {
	//       "after": "0.2747",
	//       "before": "0.1503",
	//       "param": "scan_range",
	//       "text": "scan_range: 0.15025 → 0.2746065525845759 (proposed 0.2746065525845759): tightened",
	//       "why": "tightened"
	//     }
	//   ],
	//   "regime": "stressed",
	//   "seq": 42,
	//   "sig": "w6oUCVFFlpYWADwmhsvP1ySu5/cfZM+6GEXnF+UbS13t794SPzsFhhwTrIAcKccSYLUnJpDBvQKBHEKb1G7kDQ==",
	//   "stress_index": "0.612",
	//   "v": 1,
	//   "valid_until": "2020-03-12T12:01:00Z"
	// }
	// scan range 0.2747 fresh now: true in two minutes: false
}
