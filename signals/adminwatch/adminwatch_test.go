package adminwatch

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/admintarget"
	"github.com/infrarisk/infrarisk/signals/collect"
)

// The topic0 of each watched event and the selector of setOracle(address),
// as published for these signatures (block explorers show the same
// values for every contract that emits them).
func TestTopicsAndSelectorsAreTheKeccakOfTheirSignatures(t *testing.T) {
	published := map[string]string{
		"OwnershipTransferred": "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0",
		"Upgraded":             "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b",
		"AdminChanged":         "0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f",
		"RoleGranted":          "0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d",
	}
	// The compiler's view of the same events, from the test contract's ABI.
	compiled := admintarget.NewAdminTarget().GetABI().Events
	if len(watchedEvents) != len(published) {
		t.Fatalf("%d watched events, want %d", len(watchedEvents), len(published))
	}
	for _, e := range watchedEvents {
		if want := common.HexToHash(published[e.name]); e.topic != want {
			t.Errorf("%s topic %s, want %s", e.name, e.topic, want)
		}
		if id := compiled[e.name].ID; e.topic != id {
			t.Errorf("%s topic %s, the compiled ABI says %s", e.name, e.topic, id)
		}
	}
	if s := SelectorOf("setOracle(address)"); s.ID != [4]byte{0x7a, 0xdb, 0xf9, 0x73} || s.Name != "setOracle(address)" {
		t.Errorf("SelectorOf(setOracle(address)) = %s %#x, want 0x7adbf973", s.Name, s.ID)
	}
}

func TestAdminEventsCountedWithinTheWindow(t *testing.T) {
	c := newChain(t)
	watched, _ := c.deployTarget()
	other, _ := c.deployTarget()
	var clk clock
	_, t0 := c.head()
	clk.Set(t0)
	logger, logs := newLogger()
	coll := newCollector(t, Options{
		Client: c.client, Contracts: []common.Address{watched},
		Selectors: []Selector{SelectorOf("setOracle(address)")},
		Window:    time.Hour, MaxRange: 3, // several ranges per poll
		Logger: logger, Now: clk.Now,
	})
	// The first poll starts after the head: the deployments'
	// OwnershipTransferred events are history.
	if n := poll(t, coll); n != 0 {
		t.Fatalf("admin_event = %d before any change, want 0", n)
	}

	role := crypto.Keccak256Hash([]byte("ORACLE_ADMIN_ROLE"))
	newOwner := common.HexToAddress("0x000000000000000000000000000000000000b0b")
	type change struct {
		name     string
		calldata []byte
		counted  bool
	}
	changes := []change{
		{"Upgraded", c.target.PackUpgradeTo(common.HexToAddress("0x1111")), true},
		{"AdminChanged", c.target.PackChangeAdmin(common.HexToAddress("0x2222")), true},
		{"RoleGranted", c.target.PackGrantRole(role, common.HexToAddress("0x3333")), true},
		{"setOracle(address)", c.target.PackSetOracle(common.HexToAddress("0x4444")), true},
		{"setFee", c.target.PackSetFee(common.Big1), false}, // neither an event nor a configured selector
		{"OwnershipTransferred", c.target.PackTransferOwnership(newOwner), true},
	}
	blocks := map[string]uint64{}
	for _, ch := range changes {
		blocks[ch.name] = c.send(watched, ch.calldata)
		c.send(other, ch.calldata) // the same changes on a contract nobody watches
	}
	_, last := c.head()
	clk.Set(last.Add(time.Minute))
	if n := poll(t, coll); n != 5 {
		t.Errorf("admin_event = %d after 5 counted changes, want 5; events %v", n, coll.Events())
	}
	for _, ch := range changes {
		lines := logs.lines("level=WARN", "event="+ch.name, "contract="+watched.Hex())
		if ch.counted && (len(lines) != 1 || !strings.Contains(lines[0], "tx=0x") || !strings.Contains(lines[0], "block="+itoa(blocks[ch.name]))) {
			t.Errorf("%s: logged %q, want one line with its block %d and transaction", ch.name, lines, blocks[ch.name])
		}
		if !ch.counted && len(lines) != 0 {
			t.Errorf("%s logged as an admin event: %q", ch.name, lines)
		}
	}
	if lines := logs.lines("contract=" + other.Hex()); len(lines) != 0 {
		t.Errorf("events of the unwatched contract logged: %q", lines)
	}
	if lines := logs.lines("event=Upgraded", "implementation="+common.HexToAddress("0x1111").Hex()); len(lines) != 1 {
		t.Errorf("Upgraded logged without its implementation: %q", logs.lines("event=Upgraded"))
	}
	if lines := logs.lines("event=OwnershipTransferred", "new_owner="+newOwner.Hex()); len(lines) != 1 {
		t.Errorf("OwnershipTransferred logged without its new owner: %q", logs.lines("event=OwnershipTransferred"))
	}

	// Still counted just inside the window, gone once it has passed.
	first, _ := c.client.HeaderByNumber(context.Background(), bigU(blocks["Upgraded"]))
	clk.Set(time.Unix(int64(first.Time), 0).Add(time.Hour - time.Second))
	if n := poll(t, coll); n != 5 {
		t.Errorf("admin_event = %d a second before the first change expires, want 5", n)
	}
	clk.Set(last.Add(time.Hour))
	if n := poll(t, coll); n != 0 {
		t.Errorf("admin_event = %d an hour after the last change, want 0", n)
	}
}

func TestAcknowledgeDropsEventsUpToABlock(t *testing.T) {
	c := newChain(t)
	target, _ := c.deployTarget()
	var clk clock
	coll := newCollector(t, Options{Client: c.client, Contracts: []common.Address{target}, Now: clk.Now})
	_, t0 := c.head()
	clk.Set(t0)
	poll(t, coll)

	b1 := c.send(target, c.target.PackUpgradeTo(common.HexToAddress("0x1111")))
	b2 := c.send(target, c.target.PackChangeAdmin(common.HexToAddress("0x2222")))
	_, now := c.head()
	clk.Set(now)
	if n := poll(t, coll); n != 2 {
		t.Fatalf("admin_event = %d, want 2", n)
	}
	coll.Acknowledge(b1)
	if n := poll(t, coll); n != 1 {
		t.Errorf("admin_event = %d after acknowledging block %d, want 1 (block %d's)", n, b1, b2)
	}
	coll.Acknowledge(b2)
	if n := poll(t, coll); n != 0 {
		t.Errorf("admin_event = %d after acknowledging block %d, want 0", n, b2)
	}
	// A later change counts again.
	c.send(target, c.target.PackUpgradeTo(common.HexToAddress("0x3333")))
	if n := poll(t, coll); n != 1 {
		t.Errorf("admin_event = %d after a change past the acknowledged block, want 1", n)
	}
	// Acknowledging a block the scan has not reached drops its events when
	// they are found.
	head, _ := c.head()
	coll.Acknowledge(head + 1)
	c.send(target, c.target.PackUpgradeTo(common.HexToAddress("0x4444")))
	if n := poll(t, coll); n != 0 {
		t.Errorf("admin_event = %d after a change in an acknowledged block, want 0", n)
	}
}

func TestStartBlockScansFromThere(t *testing.T) {
	c := newChain(t)
	target, deployed := c.deployTarget()
	_, now := c.head()
	coll := newCollector(t, Options{
		Client: c.client, Contracts: []common.Address{target}, StartBlock: deployed,
		Now: func() time.Time { return now },
	})
	// The constructor's OwnershipTransferred(0, deployer).
	if n := poll(t, coll); n != 1 {
		t.Fatalf("admin_event = %d scanning from the deployment, want 1", n)
	}
	if ev := coll.Events(); len(ev) != 1 || ev[0].Name != "OwnershipTransferred" || ev[0].Block != deployed || ev[0].Contract != target {
		t.Errorf("events %+v, want the constructor's OwnershipTransferred in block %d", ev, deployed)
	}
}

func TestUnreachableNodeReportsCollectorDownAndNoCount(t *testing.T) {
	c := newChain(t)
	target, _ := c.deployTarget()
	coll := newCollector(t, Options{
		Client: c.client, Contracts: []common.Address{target},
		Timeout: 300 * time.Millisecond,
		Backoff: collect.Backoff{Base: time.Millisecond, Max: 20 * time.Millisecond},
	})
	c.sim.Close()
	obs, err := coll.Poll(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Poll error %v, want the poll's deadline after retries", err)
	}
	if len(obs) != 1 || obs[0].Kind != collect.KindCollectorUp || !obs[0].Value.IsZero() {
		t.Errorf("poll %v, want collector_up 0 alone", obs)
	}
}

func TestRunEmitsEveryPollAndStopsWhenContextEnds(t *testing.T) {
	c := newChain(t)
	target, _ := c.deployTarget()
	var sink collect.Memory
	coll := newCollector(t, Options{
		Client: c.client, Contracts: []common.Address{target}, Sink: &sink, PollInterval: 20 * time.Millisecond,
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- coll.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.Kind(KindAdminEvent)) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s, %d polls emitted, want 3", len(sink.Kind(KindAdminEvent)))
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return 5 s after its context ended")
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	c := newChain(t)
	good := func() Options {
		return Options{Chain: "ethereum", Client: c.client, Sink: &collect.Memory{},
			Contracts: []common.Address{common.HexToAddress("0x1")}}
	}
	if _, err := New(good()); err != nil {
		t.Fatalf("New(good options): %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"bad chain name", func(o *Options) { o.Chain = "" }, `chain "" is not a valid signal name`},
		{"no client", func(o *Options) { o.Client = nil }, "no client"},
		{"no sink", func(o *Options) { o.Sink = nil }, "no sink"},
		{"no contracts", func(o *Options) { o.Contracts = nil }, "no contracts to watch"},
		{"unnamed selector", func(o *Options) { o.Selectors = []Selector{{ID: [4]byte{1, 2, 3, 4}}} }, "selector 0 (0x01020304) has no name"},
		{"negative window", func(o *Options) { o.Window = -time.Hour }, "negative duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(&o)
			if _, err := New(o); err == nil || !strings.Contains(err.Error(), "adminwatch: "+tc.want) {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
}
