package bridge

import (
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/shopspring/decimal"

	"github.com/infrarisk/infrarisk/signals/bridge/contracts/vault"
)

// eventKind is which of the vault's events a log is.
type eventKind int

const (
	deposited eventKind = iota
	withdrawn
	paused
	unpaused
)

func (k eventKind) String() string {
	return [...]string{"Deposited", "Withdrawn", "Paused", "Unpaused"}[k]
}

// event is one event of a watched vault.
type event struct {
	bridge  int // index in Options.Bridges
	kind    eventKind
	account common.Address // from, to, or who paused
	amount  *big.Int       // of a deposit or a withdrawal
	block   uint64
	time    time.Time // the block's
	tx      common.Hash
}

// flow reports whether e moves backing: a deposit or a withdrawal.
func (e event) flow() bool { return e.kind == deposited || e.kind == withdrawn }

// decoder decodes the watched events with the vault's binding; the
// signatures are the ABI's (Deposited(address,uint256),
// Withdrawn(address,uint256), and OpenZeppelin Pausable's
// Paused(address) and Unpaused(address)).
type decoder struct {
	v      *vault.BridgeVault
	topics [unpaused + 1]common.Hash // by kind
}

func newDecoder(v *vault.BridgeVault) decoder {
	d := decoder{v: v}
	for k := range d.topics {
		d.topics[k] = v.GetABI().Events[eventKind(k).String()].ID
	}
	return d
}

// filter is the eth_getLogs topic filter: any watched event.
func (d decoder) filter() [][]common.Hash {
	return [][]common.Hash{d.topics[:]}
}

// kindOf finds the watched event with the topic.
func (d decoder) kindOf(topic common.Hash) (eventKind, bool) {
	for k, t := range d.topics {
		if t == topic {
			return eventKind(k), true
		}
	}
	return 0, false
}

// decode reads a log of a watched event. It reports false for a log of
// another event, and an error for a log with a watched event's topic that
// does not decode as that event (other indexing, short data).
func (d decoder) decode(l *types.Log) (event, bool, error) {
	if len(l.Topics) == 0 {
		return event{}, false, nil
	}
	kind, ok := d.kindOf(l.Topics[0])
	if !ok {
		return event{}, false, nil
	}
	e := event{kind: kind, block: l.BlockNumber, tx: l.TxHash}
	var err error
	switch kind {
	case deposited:
		var ev *vault.BridgeVaultDeposited
		if ev, err = d.v.UnpackDepositedEvent(l); err == nil {
			e.account, e.amount = ev.From, ev.Amount
		}
	case withdrawn:
		var ev *vault.BridgeVaultWithdrawn
		if ev, err = d.v.UnpackWithdrawnEvent(l); err == nil {
			e.account, e.amount = ev.To, ev.Amount
		}
	case paused:
		var ev *vault.BridgeVaultPaused
		if ev, err = d.v.UnpackPausedEvent(l); err == nil {
			e.account = ev.Account
		}
	case unpaused:
		var ev *vault.BridgeVaultUnpaused
		if ev, err = d.v.UnpackUnpausedEvent(l); err == nil {
			e.account = ev.Account
		}
	}
	if err != nil {
		return event{}, false, fmt.Errorf("%s log %d of tx %s: %w", kind, l.Index, l.TxHash.Hex(), err)
	}
	return e, true, nil
}

// units is an amount in the asset's units: amount · 10^-decimals, exactly.
func units(amount *big.Int, decimals uint8) decimal.Decimal {
	return decimal.NewFromBigInt(amount, -int32(decimals))
}
