package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/engine/governor"
	"github.com/infrarisk/infrarisk/engine/market"
	"github.com/infrarisk/infrarisk/engine/update"
	"github.com/infrarisk/infrarisk/models/bs"
	"github.com/infrarisk/infrarisk/models/margin"
	"github.com/infrarisk/infrarisk/models/netstate"
)

// WhatIfRequest asks for a portfolio's margin in a market now, optionally
// with some signals overridden ("base fee 500 gwei, finality lag 10 epochs").
type WhatIfRequest struct {
	Market string `json:"market"`
	// Spot is the underlying's price; options are valued on the market's
	// stressed surface around it, at a zero rate.
	Spot      decimal.Decimal   `json:"spot"`
	Positions []WhatIfPosition  `json:"positions"`
	Overrides map[string]string `json:"overrides,omitempty"`
}

// WhatIfPosition is one holding: type call, put, future or spot; strike and
// expiry_days for options; a signed quantity.
type WhatIfPosition struct {
	Type       string          `json:"type"`
	Strike     decimal.Decimal `json:"strike,omitempty"`
	ExpiryDays float64         `json:"expiry_days,omitempty"`
	Quantity   decimal.Decimal `json:"quantity"`
}

// WhatIfResponse is the margin and what drove it. Amounts are decimal
// strings in the quote currency, rounded up to 6 places.
type WhatIfResponse struct {
	Market      string            `json:"market"`
	At          time.Time         `json:"at"`
	Regime      string            `json:"regime"`
	Maintenance string            `json:"maintenance"`
	Initial     string            `json:"initial"`
	Worst       WorstScenario     `json:"worst_scenario"`
	Charges     map[string]string `json:"contingencies"`
	Params      map[string]string `json:"params"`
	Overrides   map[string]string `json:"overrides,omitempty"`
}

// WorstScenario names the scenario that set the margin.
type WorstScenario struct {
	PriceMove string `json:"price_move"`
	VolShock  string `json:"vol_shock"`
	Loss      string `json:"loss"`
}

// ErrBadRequest is wrapped by every error in a what-if request.
var ErrBadRequest = errors.New("service: bad what-if request")

// view is a copy of what a what-if needs from the owner goroutine.
type view struct {
	in  market.Inputs
	gov governor.State
}

// WhatIf margins a portfolio as the engine would now, with the overrides
// observed now; nothing it computes is published or kept.
func (s *Service) WhatIf(ctx context.Context, req WhatIfRequest) (WhatIfResponse, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, args...))
	}
	mc, found := s.pipe.Market(req.Market)
	if !found {
		return WhatIfResponse{}, bad("unknown market %q", req.Market)
	}
	spot, _ := req.Spot.Float64()
	if !(spot > 0) || math.IsInf(spot, 0) {
		return WhatIfResponse{}, bad("spot %s must be positive", req.Spot)
	}
	positions, err := toPositions(req.Positions)
	if err != nil {
		return WhatIfResponse{}, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	now := s.opts.Now()
	v, err := s.viewOf(ctx, mc, now)
	if err != nil {
		return WhatIfResponse{}, err
	}
	st := v.in.State
	for name, text := range req.Overrides {
		k, ok := netstate.Lookup(name)
		if !ok {
			return WhatIfResponse{}, bad("override %q is not a signal kind", name)
		}
		val, err := decimal.NewFromString(text)
		if err != nil {
			return WhatIfResponse{}, bad("override %s = %q is not a decimal", name, text)
		}
		f, _ := val.Float64()
		if st, err = st.Observe(k, f, now); err != nil {
			return WhatIfResponse{}, fmt.Errorf("%w: override: %w", ErrBadRequest, err)
		}
	}
	in := v.in
	in.State = st
	mu, _, err := market.Evaluate(mc, in, v.gov)
	if errors.Is(err, governor.ErrStateMismatch) || errors.Is(err, governor.ErrTimeBackwards) {
		mu, _, err = market.Evaluate(mc, in, governor.State{})
	}
	if err != nil {
		return WhatIfResponse{}, err
	}
	grid := mu.Grid(mc)
	res, err := margin.PortfolioMargin(margin.Market{Spot: spot, Surface: market.SurfaceVol{Forward: spot, Slices: mu.Surface}}, grid, positions)
	if err != nil {
		return WhatIfResponse{}, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	// The margin model's maintenance is scaled by the maintenance
	// multiplier; its initial already carries initial/maintenance.
	mm := mu.Values[market.MaintenanceMultiplier]
	up := func(x float64) string { return decimal.NewFromFloat(x).RoundCeil(6).StringFixed(6) }
	resp := WhatIfResponse{
		Market: mc.Name, At: now, Regime: mu.Regime.String(),
		Maintenance: up(res.Maintenance * mm), Initial: up(res.Initial * mm),
		Charges:   map[string]string{"oracle": up(res.Oracle * mm), "fail": up(res.Fail * mm), "short_option": up(res.ShortOption * mm)},
		Params:    map[string]string{},
		Overrides: req.Overrides,
	}
	if res.WorstScenario >= 0 {
		sc := grid.Scenarios[res.WorstScenario]
		resp.Worst = WorstScenario{
			PriceMove: decimal.NewFromFloat(sc.PriceMove).StringFixed(4),
			VolShock:  decimal.NewFromFloat(sc.VolShock).StringFixed(4),
			Loss:      up(res.ScenarioLoss * mm),
		}
	}
	for name, p := range update.FromMarket(mu, 1, time.Minute).Params {
		resp.Params[name] = p.String()
	}
	return resp, nil
}

func toPositions(ps []WhatIfPosition) ([]margin.Position, error) {
	if len(ps) == 0 {
		return nil, errors.New("no positions")
	}
	out := make([]margin.Position, len(ps))
	for i, p := range ps {
		q, _ := p.Quantity.Float64()
		var in margin.Instrument
		switch strings.ToLower(p.Type) {
		case "call", "put":
			typ, _ := bs.ParseOptionType(strings.ToLower(p.Type))
			k, _ := p.Strike.Float64()
			in = margin.Instrument{Kind: margin.Option, Type: typ, Strike: k, Expiry: p.ExpiryDays / 365}
		case "future", "perpetual":
			in = margin.LinearFuture()
		case "spot":
			in = margin.SpotAsset()
		default:
			return nil, fmt.Errorf("position %d: type %q is not call, put, future or spot", i, p.Type)
		}
		if err := in.Validate(i); err != nil {
			return nil, err
		}
		out[i] = margin.Position{Instrument: in, Quantity: q}
	}
	return out, nil
}

// viewOf asks the owner goroutine for a copy of a market's inputs at now
// and its governor state.
func (s *Service) viewOf(ctx context.Context, mc market.Config, now time.Time) (view, error) {
	reply := make(chan view, 1)
	req := func() {
		reply <- view{in: s.pipe.Inputs(mc, now), gov: s.pipe.Governor(mc.Name)}
	}
	select {
	case s.views <- req:
	case <-ctx.Done():
		return view{}, ctx.Err()
	}
	select {
	case v := <-reply:
		return v, nil
	case <-ctx.Done():
		return view{}, ctx.Err()
	}
}

// decodeWhatIf reads a request strictly: one JSON object, no unknown
// fields, nothing after it.
func decodeWhatIf(data []byte) (WhatIfRequest, error) {
	var req WhatIfRequest
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return WhatIfRequest{}, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if dec.More() {
		return WhatIfRequest{}, fmt.Errorf("%w: data after the request object", ErrBadRequest)
	}
	if _, err := dec.Token(); err != io.EOF {
		return WhatIfRequest{}, fmt.Errorf("%w: data after the request object", ErrBadRequest)
	}
	return req, nil
}
