package beacon

import (
	"context"
	"fmt"
	"net/http"
)

// Paths of the standard Beacon API this collector reads.
const (
	pathSyncing     = "/eth/v1/node/syncing"
	pathHeadHeader  = "/eth/v1/beacon/headers/head"
	pathCheckpoints = "/eth/v1/beacon/states/head/finality_checkpoints"
)

// syncStatus is the part of GET /eth/v1/node/syncing the collector uses.
type syncStatus struct {
	syncing      bool
	headSlot     uint64
	syncDistance uint64
}

// syncing reads GET /eth/v1/node/syncing.
func (c *Collector) syncing(ctx context.Context) (syncStatus, error) {
	var resp struct {
		Data *struct {
			HeadSlot     string `json:"head_slot"`
			SyncDistance string `json:"sync_distance"`
			IsSyncing    *bool  `json:"is_syncing"`
		} `json:"data"`
	}
	if err := c.get(ctx, pathSyncing, &resp); err != nil {
		return syncStatus{}, err
	}
	if resp.Data == nil || resp.Data.IsSyncing == nil {
		return syncStatus{}, malformed(http.MethodGet, pathSyncing, fmt.Errorf("data.is_syncing: missing"))
	}
	s := syncStatus{syncing: *resp.Data.IsSyncing}
	var err error
	if s.headSlot, err = uint64Field("data.head_slot", resp.Data.HeadSlot); err != nil {
		return syncStatus{}, malformed(http.MethodGet, pathSyncing, err)
	}
	if s.syncDistance, err = uint64Field("data.sync_distance", resp.Data.SyncDistance); err != nil {
		return syncStatus{}, malformed(http.MethodGet, pathSyncing, err)
	}
	return s, nil
}

// headSlot reads the slot of the head block.
func (c *Collector) headSlot(ctx context.Context) (uint64, error) {
	var resp struct {
		Data struct {
			Header struct {
				Message struct {
					Slot string `json:"slot"`
				} `json:"message"`
			} `json:"header"`
		} `json:"data"`
	}
	if err := c.get(ctx, pathHeadHeader, &resp); err != nil {
		return 0, err
	}
	slot, err := uint64Field("data.header.message.slot", resp.Data.Header.Message.Slot)
	if err != nil {
		return 0, malformed(http.MethodGet, pathHeadHeader, err)
	}
	return slot, nil
}

// finalizedEpoch reads the finalized checkpoint's epoch of the head state.
func (c *Collector) finalizedEpoch(ctx context.Context) (uint64, error) {
	var resp struct {
		Data struct {
			Finalized struct {
				Epoch string `json:"epoch"`
			} `json:"finalized"`
		} `json:"data"`
	}
	if err := c.get(ctx, pathCheckpoints, &resp); err != nil {
		return 0, err
	}
	epoch, err := uint64Field("data.finalized.epoch", resp.Data.Finalized.Epoch)
	if err != nil {
		return 0, malformed(http.MethodGet, pathCheckpoints, err)
	}
	return epoch, nil
}
