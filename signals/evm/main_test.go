package evm

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the package if a goroutine of a Collector outlives the
// tests: every one must stop when its Run's context ends.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if leaked := collectorGoroutines(2 * time.Second); leaked != "" {
			fmt.Fprintf(os.Stderr, "collector goroutines still running after the tests:\n\n%s\n", leaked)
			code = 1
		}
	}
	os.Exit(code)
}

// collectorGoroutines returns the stacks of goroutines running Collector
// methods, waiting up to wait for them to end.
func collectorGoroutines(wait time.Duration) string {
	deadline := time.Now().Add(wait)
	for {
		buf := make([]byte, 4<<20)
		buf = buf[:runtime.Stack(buf, true)]
		var leaked []string
		for _, g := range strings.Split(string(buf), "\n\n") {
			if strings.Contains(g, "signals/evm.(*Collector)") {
				leaked = append(leaked, g)
			}
		}
		if len(leaked) == 0 {
			return ""
		}
		if time.Now().After(deadline) {
			return strings.Join(leaked, "\n\n")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
