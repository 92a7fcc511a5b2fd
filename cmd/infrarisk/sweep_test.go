package main

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

func sweepCSV(t *testing.T, args ...string) []map[string]float64 {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"sweep", "--config", "../../engine/config/example.yaml"}, args...)...)
	if code != exitOK {
		t.Fatalf("sweep %v: exit %d: %s", args, code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]float64
	for _, r := range rows[1:] {
		m := map[string]float64{}
		for i, h := range rows[0] {
			v, err := strconv.ParseFloat(r[i], 64)
			if err != nil {
				v, _ = strconv.ParseFloat(map[string]string{"false": "0", "true": "1"}[r[i]], 64)
			}
			m[h] = v
		}
		recs = append(recs, m)
	}
	return recs
}

// TestSweepIsCalmAtNormalAndMonotone: at every kind's normal value the
// models see no stress (p_fail 0, the base horizon of 1 h plus the
// settlement model's base delay); each worse base fee or finality lag
// raises p_fail and H_eff or leaves them, never lowers them.
func TestSweepIsCalmAtNormalAndMonotone(t *testing.T) {
	recs := sweepCSV(t, "--kind", "finality_lag_epochs", "--values", "2,3,5,8,16,32", "--kind2", "base_fee_gwei", "--values2", "20,200,2000")
	if len(recs) != 18 {
		t.Fatalf("%d rows, want 6×3", len(recs))
	}
	calm := recs[0]
	if calm["stress_index"] != 0 || calm["p_fail"] != 0 || calm["liquidations_paused"] != 0 {
		t.Errorf("normal inputs: %v", calm)
	}
	for i, r := range recs {
		lag, fee := i/3, i%3
		if fee > 0 {
			prev := recs[i-1]
			if r["p_fail"] < prev["p_fail"] || r["h_eff_s"] < prev["h_eff_s"] || r["liquidation_bonus"] < prev["liquidation_bonus"] {
				t.Errorf("higher base fee loosened: %v after %v", r, prev)
			}
		}
		if lag > 0 {
			prev := recs[i-3]
			if r["p_fail"] < prev["p_fail"] || r["h_eff_s"] < prev["h_eff_s"] || r["scan_range"] < prev["scan_range"] {
				t.Errorf("longer finality lag loosened: %v after %v", r, prev)
			}
		}
	}
	if last := recs[len(recs)-1]; !(last["p_fail"] > 0 && last["rr25"] < calm["rr25"]) {
		t.Errorf("32 epochs without finality at 2000 gwei: p_fail %g, rr25 %g (calm %g); want p_fail > 0 and a steeper put skew", last["p_fail"], last["rr25"], calm["rr25"])
	}
}

func TestSweepSmileIsTheBaseOnAHealthyChain(t *testing.T) {
	for _, r := range sweepCSV(t, "--kind", "base_fee_gwei", "--values", "20", "--smile") {
		if r["base_vol"] != r["stressed_vol"] {
			t.Fatalf("healthy chain: stressed vol %g differs from base %g at k=%g", r["stressed_vol"], r["base_vol"], r["k"])
		}
	}
}

func TestSweepUsageErrors(t *testing.T) {
	for _, c := range []struct{ args, want string }{
		{"", "--kind and --values are required"},
		{"--kind gas_price --values 1", `"gas_price" is not a signal kind`},
		{"--kind base_fee_gwei --values 1,x", `"x" is not a number`},
		{"--kind gas_used_ratio --values 2", "gas_used_ratio"},
		{"--kind base_fee_gwei --values 1 --kind2 base_fee_gwei --values2 2", "same kind"},
	} {
		code, _, errOut := runCLI(t, "", append([]string{"sweep"}, strings.Fields(c.args)...)...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("sweep %s: exit %d, %q; want usage error with %q", c.args, code, errOut, c.want)
		}
	}
}
