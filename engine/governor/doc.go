// Package governor bounds how a market's risk parameters may change. The
// models turn chain-health signals into proposed margin and liquidation
// parameters; the governor sits between them and the wire, and decides what
// is actually published.
//
// The idea is Aave's risk stewards, which let an automated agent update a
// parameter only by a bounded change and only after a minimum delay since
// its last update. Here the bounds are asymmetric, because a risk engine
// that sees a chain in trouble must be able to protect itself at once:
//
//  1. Tighten at once: a proposal more conservative than the current value
//     is applied in the same step.
//  2. Loosen slowly: a less conservative proposal moves the value by at most
//     max(MaxLoosenStep·|value|, MinLoosenAbs), and only once LoosenDelay has
//     passed since the value last changed in either direction; in between
//     the value holds. A tightening therefore restarts the delay, so a
//     proposal that flaps does not let the value flap.
//  3. Hard bounds: a proposal outside [Min, Max] is clamped, and so is a
//     value left outside by a change of bounds.
//  4. Regimes Normal < Elevated < Stressed < Halted with hysteresis on the
//     stress index: a regime is entered when the index is above its enter
//     threshold, possibly jumping several levels, and left only when the
//     index is below its lower exit threshold and the regime has been held
//     for Hold, counted from when it was entered. It steps down one level per
//     step, and each level entered on the way down is held again. A hard
//     halt in the proposal enters Halted at once and keeps it there while it
//     lasts.
//  5. Flags: moving a flag to its conservative value (which the config
//     names, per flag) applies at once; moving it away waits for LoosenDelay
//     since it last changed.
//  6. Reasons: every decision says, for each parameter, flag and regime that
//     changed or was held back, what it was, what it became, what was
//     proposed and why.
//  7. State: everything the governor remembers is a State value that
//     round-trips through JSON exactly, so a restarted engine resumes where
//     it stopped and a restart never loosens anything.
//
// Step is pure: it takes the config, the state, the time and the proposal and
// returns the next state and the decision. It reads no clock and keeps
// nothing between calls, so the live engine, a backtest and a test all step
// the same way. Proposals are complete (every configured parameter and flag,
// nothing else); a missing or unknown name, a NaN or an infinity, or a time
// before the state's last step is an error and leaves the state as it was.
//
// What it deliberately does not do: it does not compute parameters (the
// models do), nor let the regime set them (the regime is reported, and the
// models read the same stress), nor bound how fast a value tightens, nor
// smooth or average proposals. It does not publish, store or sign anything,
// and it does not migrate a state across a change of the configured names:
// such a state is rejected and the engine starts again from Initial.
package governor
