package adminwatch

import (
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// Event is one administrative change seen on a watched contract.
type Event struct {
	Contract common.Address
	// Name is the event's name ("Upgraded") or the selector's
	// ("setOracle(address)").
	Name   string
	Block  uint64
	Time   time.Time // the block's
	TxHash common.Hash
}

// watchedEvent is a log the collector counts: its name, its topic (the
// Keccak-256 hash of its signature) and how to read its arguments.
type watchedEvent struct {
	name  string
	topic common.Hash
	args  func(l types.Log) []any
}

// The watched events. Their signatures come from EIP-1967 (Upgraded,
// AdminChanged) and OpenZeppelin Contracts (OwnershipTransferred in
// Ownable, RoleGranted in AccessControl).
var watchedEvents = []watchedEvent{
	{"OwnershipTransferred", crypto.Keccak256Hash([]byte("OwnershipTransferred(address,address)")),
		func(l types.Log) []any { return topicAddrs(l, "previous_owner", "new_owner") }},
	{"Upgraded", crypto.Keccak256Hash([]byte("Upgraded(address)")),
		func(l types.Log) []any { return topicAddrs(l, "implementation") }},
	{"AdminChanged", crypto.Keccak256Hash([]byte("AdminChanged(address,address)")),
		func(l types.Log) []any { return dataAddrs(l, "previous_admin", "new_admin") }},
	{"RoleGranted", crypto.Keccak256Hash([]byte("RoleGranted(bytes32,address,address)")), roleGrantedArgs},
}

// eventByTopic finds the watched event with the topic.
func eventByTopic(topic common.Hash) (watchedEvent, bool) {
	for _, e := range watchedEvents {
		if e.topic == topic {
			return e, true
		}
	}
	return watchedEvent{}, false
}

// topics is the eth_getLogs topic filter: any watched event.
func topics() [][]common.Hash {
	t := make([]common.Hash, len(watchedEvents))
	for i, e := range watchedEvents {
		t[i] = e.topic
	}
	return [][]common.Hash{t}
}

// topicAddrs reads indexed address arguments from topics 1, 2, ...; a log
// with other topics (same signature, other indexing) yields none.
func topicAddrs(l types.Log, names ...string) []any {
	if len(l.Topics) != len(names)+1 {
		return nil
	}
	var out []any
	for i, n := range names {
		out = append(out, n, common.BytesToAddress(l.Topics[i+1].Bytes()).Hex())
	}
	return out
}

// dataAddrs reads non-indexed address arguments from the data, one 32-byte
// word each.
func dataAddrs(l types.Log, names ...string) []any {
	if len(l.Topics) != 1 || len(l.Data) != 32*len(names) {
		return nil
	}
	var out []any
	for i, n := range names {
		out = append(out, n, common.BytesToAddress(l.Data[32*i:32*(i+1)]).Hex())
	}
	return out
}

func roleGrantedArgs(l types.Log) []any {
	if len(l.Topics) != 4 {
		return nil
	}
	return []any{"role", l.Topics[1].Hex(),
		"account", common.BytesToAddress(l.Topics[2].Bytes()).Hex(),
		"sender", common.BytesToAddress(l.Topics[3].Bytes()).Hex()}
}
