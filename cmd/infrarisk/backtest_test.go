package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Paths from this package's folder to the committed incidents and the
// example configuration.
const (
	testIncidents = "../../testdata/incidents/"
	testConfig    = "../../engine/config/example.yaml"
)

// TestBacktestSummaryGolden runs a small seeded backtest of Black Thursday
// end to end: the terminal summary and summary.csv are golden (go test
// -update rewrites them), and every output file is written.
func TestBacktestSummaryGolden(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "", "backtest", "--incident", testIncidents+"black-thursday-2020",
		"--config", testConfig, "--accounts", "40", "--seed", "7", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "backtest/summary.golden", stdout)
	csv, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "backtest/summary.csv.golden", string(csv))
	for _, name := range []string{"summary.csv", "timeline.csv", "liquidations.csv", "book.json", "price.svg", "margin.svg", "bad_debt.svg"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if strings.Contains(stderr, "\r") || strings.Contains(stderr, "%") {
		t.Errorf("a progress bar on a stderr that is not a terminal: %q", stderr)
	}

	// The book written back out runs again to the same summary.
	code, again, stderr := runCLI(t, "", "backtest", "--incident", testIncidents+"black-thursday-2020",
		"--config", testConfig, "--book", filepath.Join(out, "book.json"), "--out", t.TempDir())
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := strings.Replace(stdout, "generated from seed 7", "from the book given", 1); again != want {
		t.Errorf("the written book gives another summary:\n%s\nwant\n%s", again, want)
	}
}

// TestBacktestGivenBook runs a hand-written book (an option seller, a
// leveraged long future, spot bought on a loan with a protective put, a
// hedged basis position) through Black Thursday, the aware parameters
// only, with a progress bar asked for.
func TestBacktestGivenBook(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "backtest", "--incident", testIncidents+"black-thursday-2020",
		"--config", testConfig, "--book", "testdata/backtest/book.json", "--params", "aware",
		"--out", t.TempDir(), "--progress")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "backtest/book.golden", stdout)
	if !strings.Contains(stderr, "\rblack-thursday-2020 [") || !strings.Contains(stderr, "100%") {
		t.Errorf("no progress bar with --progress: %q", stderr)
	}
}

func TestBacktestUsageErrors(t *testing.T) {
	noSignals := t.TempDir()
	bt := testIncidents + "black-thursday-2020"
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no incident", []string{}, "--incident DIR is required"},
		{"unknown params", []string{"--incident", bt, "--params", "dynamic"}, `--params "dynamic"`},
		{"missing incident", []string{"--incident", "no/such/folder", "--config", testConfig}, "signals.csv"},
		{"folder without signals", []string{"--incident", noSignals, "--config", testConfig}, "signals.csv"},
		{"missing config", []string{"--incident", bt, "--config", "no/such.yaml"}, "no/such.yaml"},
		{"missing book", []string{"--incident", bt, "--config", testConfig, "--book", "no/such.json"}, "no/such.json"},
		{"book and accounts", []string{"--incident", bt, "--book", "testdata/backtest/book.json", "--accounts", "5"}, "not both"},
		{"no accounts", []string{"--incident", bt, "--accounts", "0"}, "--accounts 0"},
		{"positional", []string{bt}, "unexpected argument"},
		{"bad flag", []string{"--incident", bt, "--acounts", "5"}, "flag provided but not defined"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"backtest"}, c.args...)...)
			if code != exitUsage || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, stderr, exitUsage, c.want)
			}
		})
	}
}

func TestBacktestBadFilesAreErrors(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.json")
	if err := os.WriteFile(book, []byte(`{"accounts": [{"collateral_usd": 1, "positions": [{"type": "swap", "quantity": 1}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "backtest", "--incident", testIncidents+"black-thursday-2020",
		"--config", testConfig, "--book", book, "--out", dir)
	if code != exitError || !strings.Contains(stderr, `type "swap"`) {
		t.Errorf("exit %d, stderr %q; want exit %d naming the bad type", code, stderr, exitError)
	}
}

func TestBacktestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "help", "backtest")
	if code != exitOK || !strings.Contains(out, "Usage: infrarisk backtest --incident DIR") || !strings.Contains(out, "-params") {
		t.Errorf("help backtest: exit %d\n%s", code, out)
	}
}
