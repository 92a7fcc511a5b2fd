package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: Parse never panics on any input, and a configuration it
// accepts yields valid market configurations.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, "example.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data)
		if err != nil {
			return
		}
		ms, err := cfg.MarketConfigs()
		if err != nil {
			t.Fatalf("Parse accepted a configuration whose markets fail: %v", err)
		}
		for _, m := range ms {
			if err := m.Validate(); err != nil {
				t.Fatalf("market %s: %v", m.Name, err)
			}
		}
	})
}
