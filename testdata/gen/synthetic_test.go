package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// synthesize writes the synthetic scenarios with seed into a new folder and
// returns every file's bytes by path relative to it.
func synthesize(t *testing.T, seed uint64) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := writeSynthetic(dir, seed); err != nil {
		t.Fatal(err)
	}
	return readTree(t, dir)
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// files is how many files a scenario's folder holds: signals.csv,
// prices.csv and README.md, and venues.yaml for a scenario with a pool.
func (sc scenario) files() int {
	if sc.pool != "" {
		return 4
	}
	return 3
}

func TestSyntheticSameSeedSameBytes(t *testing.T) {
	a, b := synthesize(t, 7), synthesize(t, 7)
	want := 0
	for _, sc := range scenarios {
		want += sc.files()
	}
	if len(a) != want {
		t.Fatalf("%d files written, want %d (signals, prices and README per scenario, venues.yaml with a pool)", len(a), want)
	}
	for path, data := range a {
		if !bytes.Equal(data, b[path]) {
			t.Errorf("%s differs between two runs with seed 7", path)
		}
	}
}

func TestSyntheticOtherSeedOtherSeries(t *testing.T) {
	a, b := synthesize(t, 7), synthesize(t, 8)
	for _, sc := range scenarios {
		for _, file := range []string{"signals.csv", "prices.csv"} {
			path := filepath.Join(sc.name, file)
			if bytes.Equal(a[path], b[path]) {
				t.Errorf("%s is the same with seeds 7 and 8", path)
			}
		}
	}
}

// TestCommittedSyntheticIsSeed1 checks that the committed synthetic-*
// folders are what the generator writes with seed 1, so that they cannot
// drift from the code that documents them.
func TestCommittedSyntheticIsSeed1(t *testing.T) {
	got := synthesize(t, 1)
	for _, sc := range scenarios {
		committed := readTree(t, filepath.Join(incidentsDir, sc.name))
		for file, data := range committed {
			if !bytes.Equal(data, got[filepath.Join(sc.name, file)]) {
				t.Errorf("%s/%s differs from the generator's output with seed 1: "+
					"go run ./testdata/gen -synthetic -seed 1 -out testdata/incidents", sc.name, file)
			}
		}
		if len(committed) != sc.files() {
			t.Errorf("%s holds %d files, want %d: signals.csv, prices.csv and README.md (and venues.yaml with a pool)",
				sc.name, len(committed), sc.files())
		}
	}
}
