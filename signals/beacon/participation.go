package beacon

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/shopspring/decimal"
)

// RatePlaces is the number of decimal places of participation_rate and
// validator_uptime: a millionth of the stake is far coarser, and twelve
// places stay short on the wire.
const RatePlaces = 12

// source is where participation_rate comes from. It starts unknown and
// moves forward only: unknown → lighthouse, or unknown → noLighthouse →
// liveness or none.
type source int

const (
	sourceUnknown      source = iota
	sourceLighthouse          // Lighthouse's validator inclusion API
	sourceNoLighthouse        // Lighthouse's API not served; liveness untried
	sourceLiveness            // the standard liveness API over the sample
	sourceNone                // neither: participation_rate is not emitted
)

func (c *Collector) source() source {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.src
}

// setSource records what the node serves; the move to sourceNone is logged
// once.
func (c *Collector) setSource(s source, why string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.src == s {
		return
	}
	c.src = s
	switch s {
	case sourceLighthouse:
		c.log.Info("beacon: participation from Lighthouse's validator inclusion API")
	case sourceNoLighthouse:
		c.log.Info("beacon: Lighthouse's validator inclusion API not served")
	case sourceLiveness:
		c.log.Info("beacon: participation from validator liveness", "sample", len(c.opts.ParticipationSample))
	case sourceNone:
		c.log.Warn("beacon: node serves no participation source; participation_rate will not be emitted", "reason", why)
	}
}

// participation reads participation_rate for a head in headEpoch. ok is
// false when there is nothing to emit without that being an error: no
// source, or too close to genesis.
func (c *Collector) participation(ctx context.Context, headEpoch uint64) (rate decimal.Decimal, ok bool, err error) {
	src := c.source()
	if src == sourceUnknown || src == sourceLighthouse {
		if headEpoch < 2 {
			return decimal.Decimal{}, false, nil
		}
		rate, err := c.lighthouseParticipation(ctx, headEpoch-1)
		switch {
		case err == nil:
			c.setSource(sourceLighthouse, "")
			return rate, true, nil
		case src == sourceUnknown && notServed(err):
			c.setSource(sourceNoLighthouse, "")
			src = sourceNoLighthouse
		default:
			return decimal.Decimal{}, false, err
		}
	}
	if src == sourceNoLighthouse || src == sourceLiveness {
		if len(c.opts.ParticipationSample) == 0 {
			c.setSource(sourceNone, "validator inclusion API not served and no participation sample configured")
			return decimal.Decimal{}, false, nil
		}
		if headEpoch < 1 {
			return decimal.Decimal{}, false, nil
		}
		rate, err := c.liveShare(ctx, headEpoch-1, c.opts.ParticipationSample)
		switch {
		case err == nil:
			c.setSource(sourceLiveness, "")
			return rate, true, nil
		case src == sourceNoLighthouse && notServed(err):
			c.setSource(sourceNone, "neither validator inclusion nor liveness API served: "+err.Error())
			return decimal.Decimal{}, false, nil
		default:
			return decimal.Decimal{}, false, err
		}
	}
	return decimal.Decimal{}, false, nil
}

// lighthouseParticipation reads GET /lighthouse/validator_inclusion/{epoch}/global
// and returns previous_epoch_target_attesting_gwei / current_epoch_active_gwei,
// the participation of epoch − 1.
func (c *Collector) lighthouseParticipation(ctx context.Context, epoch uint64) (decimal.Decimal, error) {
	path := "/lighthouse/validator_inclusion/" + strconv.FormatUint(epoch, 10) + "/global"
	var resp struct {
		Data struct {
			// Lighthouse writes these as JSON numbers; json.Number keeps
			// them exact beyond 2^53 and also accepts decimal strings.
			CurrentEpochActiveGwei           json.Number `json:"current_epoch_active_gwei"`
			PreviousEpochTargetAttestingGwei json.Number `json:"previous_epoch_target_attesting_gwei"`
		} `json:"data"`
	}
	if err := c.get(ctx, path, &resp); err != nil {
		return decimal.Decimal{}, err
	}
	active, err := uint64Field("data.current_epoch_active_gwei", resp.Data.CurrentEpochActiveGwei.String())
	if err != nil {
		return decimal.Decimal{}, malformed(http.MethodGet, path, err)
	}
	target, err := uint64Field("data.previous_epoch_target_attesting_gwei", resp.Data.PreviousEpochTargetAttestingGwei.String())
	if err != nil {
		return decimal.Decimal{}, malformed(http.MethodGet, path, err)
	}
	if active == 0 {
		return decimal.Decimal{}, malformed(http.MethodGet, path, fmt.Errorf("data.current_epoch_active_gwei is 0"))
	}
	if target > active {
		return decimal.Decimal{}, malformed(http.MethodGet, path,
			fmt.Errorf("target attesting gwei %d exceeds active gwei %d", target, active))
	}
	return share(target, active), nil
}

// liveShare asks POST /eth/v1/validator/liveness/{epoch} about indices and
// returns the share reported live. The answer must cover every index asked
// about, once, and no other.
func (c *Collector) liveShare(ctx context.Context, epoch uint64, indices []uint64) (decimal.Decimal, error) {
	path := "/eth/v1/validator/liveness/" + strconv.FormatUint(epoch, 10)
	body := make([]string, len(indices))
	asked := make(map[uint64]bool, len(indices))
	for i, idx := range indices {
		body[i] = strconv.FormatUint(idx, 10)
		asked[idx] = false
	}
	var resp struct {
		Data []struct {
			Index  string `json:"index"`
			IsLive *bool  `json:"is_live"`
		} `json:"data"`
	}
	if err := c.post(ctx, path, body, &resp); err != nil {
		return decimal.Decimal{}, err
	}
	live := uint64(0)
	for i, d := range resp.Data {
		idx, err := uint64Field(fmt.Sprintf("data[%d].index", i), d.Index)
		if err != nil {
			return decimal.Decimal{}, malformed(http.MethodPost, path, err)
		}
		seen, ok := asked[idx]
		switch {
		case !ok:
			return decimal.Decimal{}, malformed(http.MethodPost, path, fmt.Errorf("validator %d was not asked about", idx))
		case seen:
			return decimal.Decimal{}, malformed(http.MethodPost, path, fmt.Errorf("validator %d answered twice", idx))
		case d.IsLive == nil:
			return decimal.Decimal{}, malformed(http.MethodPost, path, fmt.Errorf("data[%d].is_live: missing", i))
		}
		asked[idx] = true
		if *d.IsLive {
			live++
		}
	}
	if len(resp.Data) != len(indices) {
		return decimal.Decimal{}, malformed(http.MethodPost, path,
			fmt.Errorf("%d of %d validators answered", len(resp.Data), len(indices)))
	}
	return share(live, uint64(len(indices))), nil
}

// share returns part/whole rounded to RatePlaces; whole is not 0.
func share(part, whole uint64) decimal.Decimal {
	return decimal.NewFromUint64(part).DivRound(decimal.NewFromUint64(whole), RatePlaces)
}
