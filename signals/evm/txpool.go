package evm

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
)

// txpool reads the pending transaction count of one endpoint with
// txpool_status, until the endpoint says it does not serve the method.
type txpool struct {
	endpoint Endpoint // RPC nil: nothing to read
	timeout  time.Duration
	log      *slog.Logger
	off      bool
}

// txpoolStatus is the result of txpool_status, as go-ethereum serves it:
// {"pending":"0x10","queued":"0x0"}.
type txpoolStatus struct {
	Pending hexutil.Uint64 `json:"pending"`
	Queued  hexutil.Uint64 `json:"queued"`
}

// JSON-RPC error codes meaning the method is not there: -32601 (JSON-RPC
// 2.0 "Method not found") and -32004 (EIP-1474 "Method not supported").
const (
	codeMethodNotFound     = -32601
	codeMethodNotSupported = -32004
)

// pending returns the pool's pending count. has is false, with no error,
// when the endpoint does not serve txpool_status: the first such answer is
// logged and the endpoint is not asked again.
func (p *txpool) pending(ctx context.Context) (n uint64, has bool, err error) {
	if p.endpoint.RPC == nil || p.off {
		return 0, false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	var st txpoolStatus
	err = p.endpoint.RPC.CallContext(ctx, &st, "txpool_status")
	var rpcErr rpc.Error
	if errors.As(err, &rpcErr) && (rpcErr.ErrorCode() == codeMethodNotFound || rpcErr.ErrorCode() == codeMethodNotSupported) {
		p.off = true
		p.log.Info("endpoint does not serve txpool_status; pending_txs not reported",
			"endpoint", p.endpoint.Name, "err", err)
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return uint64(st.Pending), true, nil
}
