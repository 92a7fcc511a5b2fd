package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/nats-io/nats.go"

	"github.com/infrarisk/infrarisk/engine/embedded"
	"github.com/infrarisk/infrarisk/signals/chainlink/contracts/admintarget"
	"github.com/infrarisk/infrarisk/signals/evm/evmtest"
	"github.com/infrarisk/infrarisk/signals/keys"
	"github.com/infrarisk/infrarisk/signals/wire"
)

// TestAdminEventsUntilAcknowledged: an ownership transfer on a watched
// contract makes the collector report admin_event 1; an acknowledgement
// signed by an unknown key is refused and changes nothing; one signed by a
// trusted operator, for the block of the change, brings admin_event back
// to 0.
func TestAdminEventsUntilAcknowledged(t *testing.T) {
	chain := evmtest.New(t, true)
	target := admintarget.NewAdminTarget()
	addr, _ := chain.Deploy(admintarget.AdminTargetMetaData.Bin, nil)

	srv, err := embedded.Start(embedded.Options{Port: -1, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	signals := make(chan *nats.Msg, 1024)
	if _, err := nc.ChanSubscribe(wire.SubjectAll, signals); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	newSeed := func(name string) (string, string) {
		seed, public, err := keys.New()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+".seed")
		if err := keys.WriteSeedFile(path, seed); err != nil {
			t.Fatal(err)
		}
		return path, public
	}
	collectorKey, _ := newSeed("collector")
	operatorKey, operatorPub := newSeed("operator")
	strangerKey, _ := newSeed("stranger")
	ackKeys := filepath.Join(dir, "operators.yaml")
	os.WriteFile(ackKeys, []byte("sources:\n  operator: "+operatorPub+"\n"), 0o600)
	feeds := filepath.Join(dir, "feeds.yaml")
	os.WriteFile(feeds, []byte("poll: 100ms\nadmin:\n  contracts: [\""+addr.Hex()+"\"]\n  window: 1h\n"), 0o600)

	o := collectOptions{chain: "ethereum", rpcs: stringList{chain.IPC}, feeds: feeds, keyFile: collectorKey, ackKeys: ackKeys}
	o.nats.url = srv.ClientURL()
	if err := o.check(0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- collectRun(ctx, o, io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("collect returned %v", err)
		}
	}()
	// adminEvent waits for the collector's next admin_event equal to want.
	adminEvent := func(want string) {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for {
			select {
			case m := <-signals:
				b, err := wire.DecodeBatch(m.Data)
				if err != nil {
					s, err := wire.Decode(m.Data)
					if err != nil {
						t.Fatal(err)
					}
					b.Signals = []wire.Signal{s}
				}
				for _, s := range b.Signals {
					if s.Kind == "admin_event" && s.Value.String() == want {
						return
					}
				}
			case <-deadline:
				t.Fatalf("no admin_event %s in 15 s", want)
			}
		}
	}
	adminEvent("0")
	chain.Send(addr, target.PackTransferOwnership(common.HexToAddress("0x000000000000000000000000000000000000dEaD")))
	adminEvent("1")
	head, err := chain.Sim.Client().BlockNumber(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	block := fmt.Sprint(head)

	var stdout, stderr strings.Builder
	if code := run([]string{"ack-admin", "--nats", srv.ClientURL(), "--chain", "ethereum", "--block", block, "--key", strangerKey, "--source", "operator"}, nil, &stdout, &stderr); code != exitError || !strings.Contains(stderr.String(), "bad_signature") {
		t.Errorf("ack by a stranger: exit %d, %q; want refused as bad_signature", code, stderr.String())
	}
	// Whatever was queued before the refusal says nothing: read afresh.
	for len(signals) > 0 {
		<-signals
	}
	adminEvent("1")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"ack-admin", "--nats", srv.ClientURL(), "--chain", "ethereum", "--block", block, "--key", operatorKey, "--source", "operator"}, nil, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "acknowledged") {
		t.Fatalf("ack by the operator: exit %d, %q %q", code, stdout.String(), stderr.String())
	}
	adminEvent("0")
}
