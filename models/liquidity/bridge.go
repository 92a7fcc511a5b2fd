package liquidity

import (
	"fmt"
	"math"
)

// Haircut is the haircut of a collateral asset wrapped by a bridge:
// min(Base + Slope·max(outflowRatio, 0) + Paused·[paused], Max), where
// outflowRatio is the net outflow over the window as a fraction of the
// value locked at its start. A NaN or +Inf outflow gives Max; an invalid
// cfg gives 1.
func Haircut(outflowRatio float64, paused bool, cfg BridgeConfig) float64 {
	if cfg.Validate() != nil {
		return 1
	}
	if math.IsNaN(outflowRatio) || math.IsInf(outflowRatio, 1) {
		return cfg.Max
	}
	h := cfg.Base + cfg.Slope*max(outflowRatio, 0)
	if paused {
		h += cfg.Paused
	}
	return min(h, cfg.Max)
}

// HaircutReason says in plain words why Haircut has its value.
func HaircutReason(outflowRatio float64, paused bool, cfg BridgeConfig) string {
	h := Haircut(outflowRatio, paused, cfg)
	if err := cfg.Validate(); err != nil {
		return fmt.Sprintf("%v: haircut %s", err, pct(h))
	}
	var flow string
	switch {
	case math.IsNaN(outflowRatio) || math.IsInf(outflowRatio, 1):
		flow = fmt.Sprintf("bridge outflow %g unknown: read as a full run", outflowRatio)
	case outflowRatio > 0:
		flow = fmt.Sprintf("bridge outflow %s of the value locked over the window", pct(outflowRatio))
	default:
		flow = "no net bridge outflow over the window"
	}
	if paused {
		flow += fmt.Sprintf("; withdrawals paused (+%s)", pct(cfg.Paused))
	}
	text := fmt.Sprintf("%s: haircut %s", flow, pct(h))
	if h == cfg.Max && h > 0 {
		text += " (the cap)"
	}
	return text
}
