package dashboard

import "testing"

// TestABrowserThatFallsBehindIsDisconnected: a browser whose queue is full
// is dropped (its channel closed, so its handler returns and EventSource
// reconnects and resyncs), and the others still get the event.
func TestABrowserThatFallsBehindIsDisconnected(t *testing.T) {
	d := &Dashboard{clients: map[chan event]struct{}{}}
	stuck, reading := make(chan event, clientBuffer), make(chan event, clientBuffer)
	d.clients[stuck], d.clients[reading] = struct{}{}, struct{}{}
	for range clientBuffer {
		stuck <- event{"update", nil}
	}
	d.broadcastLocked(event{"update", []byte("{}")})
	if _, ok := d.clients[stuck]; ok {
		t.Fatal("a browser with a full queue is still connected")
	}
	for range clientBuffer {
		<-stuck
	}
	if _, open := <-stuck; open {
		t.Error("the dropped browser's channel is not closed")
	}
	if got := <-reading; string(got.data) != "{}" {
		t.Errorf("the other browser got %q", got.data)
	}
}
