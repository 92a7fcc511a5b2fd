package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestHelpListsCommands(t *testing.T) {
	code, out, _ := runCLI(t, "", "help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	golden(t, "help.golden", out)
	code, out, _ = runCLI(t, "", "help", "price")
	if code != exitOK || !strings.Contains(out, "type,spot,strike,t,rate,div,vol[,price]") || !strings.Contains(out, "-strict") {
		t.Errorf("help price: exit %d\n%s", code, out)
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, errOut := runCLI(t, "", "prise")
	if code != exitUsage || !strings.Contains(errOut, `unknown command "prise"`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runCLI(t, ""); code != exitUsage {
		t.Errorf("no command: exit %d", code)
	}
}

func TestDemoOutput(t *testing.T) {
	code, out, errOut := runCLI(t, "", "demo")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "demo.golden", out)
}

// TestPriceCommand runs `infrarisk price` end to end: Haug's p. 3 call,
// priced and inverted; a bad row fails with its line number.
func TestPriceCommand(t *testing.T) {
	in := "type,spot,strike,t,rate,div,vol,price\ncall,60,65,0.25,0.08,0,0.30,2.1333684449944\n"
	code, out, errOut := runCLI(t, in, "price")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || lines[0] != "type,spot,strike,t,rate,div,vol,price,model_price,delta,gamma,vega,theta,rho,iv" {
		t.Fatalf("output:\n%s", out)
	}
	fields := strings.Split(lines[1], ",")
	if !strings.HasPrefix(fields[8], "2.1333") || !strings.HasPrefix(fields[14], "0.29999999") && !strings.HasPrefix(fields[14], "0.30000000") {
		t.Errorf("row: %s", lines[1])
	}

	code, _, errOut = runCLI(t, "type,spot,strike,t,rate,div,vol\ncall,60,65,x,0.08,0,0.3\n", "price")
	if code != exitError || !strings.Contains(errOut, "line 2: batch: t \"x\" is not a number") {
		t.Errorf("bad row: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "type,spot,strike,t,rate,div,vol,price\ncall,100,80,1,0,0,,5\n", "price")
	if code != exitOK || !strings.Contains(errOut, "1 of 1 rows have no implied vol") {
		t.Errorf("unreachable price: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "price", "file.csv"); code != exitUsage {
		t.Errorf("positional argument: exit %d", code)
	}
}
