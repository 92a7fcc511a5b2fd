package chainlink

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts"
)

// ErrInvalidRound is what every *InvalidRoundError matches with errors.Is.
var ErrInvalidRound = errors.New("chainlink: invalid round")

// InvalidRoundError is a round a consumer must not use; Reason says which
// check it failed.
type InvalidRoundError struct {
	Feed   string
	Round  *big.Int
	Reason string
}

func (e *InvalidRoundError) Error() string {
	return fmt.Sprintf("chainlink: feed %s: invalid round %v: %s", e.Feed, e.Round, e.Reason)
}

// Is reports whether target is ErrInvalidRound.
func (e *InvalidRoundError) Is(target error) bool { return target == ErrInvalidRound }

// round is a latestRoundData answer that passed its checks.
type round struct {
	answer    *big.Int
	startedAt time.Time
	updatedAt time.Time
}

// checkPrice applies the checks of a price round: answer > 0,
// updatedAt != 0, answeredInRound >= roundId.
func checkPrice(feed string, r contracts.LatestRoundDataOutput) (round, error) {
	bad := func(format string, args ...any) (round, error) {
		return round{}, &InvalidRoundError{Feed: feed, Round: r.RoundId, Reason: fmt.Sprintf(format, args...)}
	}
	if r.UpdatedAt.Sign() == 0 {
		return bad("updatedAt is 0")
	}
	if r.Answer.Sign() <= 0 {
		return bad("answer %v is not positive", r.Answer)
	}
	if r.AnsweredInRound.Cmp(r.RoundId) < 0 {
		return bad("answered in round %v, before round %v", r.AnsweredInRound, r.RoundId)
	}
	updated, ok := unixTime(r.UpdatedAt)
	if !ok {
		return bad("updatedAt %v is not a time", r.UpdatedAt)
	}
	started, _ := unixTime(r.StartedAt)
	return round{answer: r.Answer, startedAt: started, updatedAt: updated}, nil
}

// checkStatus applies the checks of an uptime round: startedAt != 0, and
// an answer of 0 (up) or 1 (down). It returns whether the sequencer is up.
func checkStatus(feed string, r contracts.LatestRoundDataOutput) (round, bool, error) {
	bad := func(format string, args ...any) (round, bool, error) {
		return round{}, false, &InvalidRoundError{Feed: feed, Round: r.RoundId, Reason: fmt.Sprintf(format, args...)}
	}
	if r.StartedAt.Sign() == 0 {
		return bad("startedAt is 0")
	}
	started, ok := unixTime(r.StartedAt)
	if !ok {
		return bad("startedAt %v is not a time", r.StartedAt)
	}
	var up bool
	switch {
	case r.Answer.Sign() == 0:
		up = true
	case r.Answer.Cmp(big.NewInt(1)) == 0:
		up = false
	default:
		return bad("answer %v is neither 0 (up) nor 1 (down)", r.Answer)
	}
	updated, _ := unixTime(r.UpdatedAt)
	return round{answer: r.Answer, startedAt: started, updatedAt: updated}, up, nil
}

// unixTime converts a uint256 of Unix seconds to a time, and reports
// whether it fits.
func unixTime(s *big.Int) (time.Time, bool) {
	if s.Sign() < 0 || !s.IsInt64() || s.Int64() > math.MaxInt64/int64(time.Second) {
		return time.Time{}, false
	}
	return time.Unix(s.Int64(), 0), true
}

// scaled is an answer in units: answer · 10^-decimals, exactly.
func scaled(answer *big.Int, decimals uint8) decimal.Decimal {
	return decimal.NewFromBigInt(answer, -int32(decimals))
}

// seconds is now − then in seconds, exactly, and whether then is in the
// future (the age is then 0).
func seconds(now, then time.Time) (decimal.Decimal, bool) {
	d := now.Sub(then)
	if d < 0 {
		return decimal.Zero, true
	}
	return decimal.NewFromInt(int64(d)).Shift(-9), false
}

// deviationPlaces is the precision of oracle_deviation: 18 decimal places,
// far finer than the deviation thresholds feeds update on (fractions of a
// percent), rounded half away from zero (decimal.DivRound).
const deviationPlaces = 18

// deviation is |p − r| / r. r must be positive.
func deviation(p, r decimal.Decimal) decimal.Decimal {
	return p.Sub(r).Abs().DivRound(r, deviationPlaces)
}
