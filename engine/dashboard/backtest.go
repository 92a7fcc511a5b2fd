package dashboard

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// report is the backtest page's data.
type report struct {
	Dir     string              `json:"dir"`
	Columns []string            `json:"columns"`
	Summary []map[string]string `json:"summary"`
	Plots   []string            `json:"plots"`
}

func writeJSONError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{msg})
}

// backtestReport reads the folder's summary (summary.csv of one run, or
// report.csv of make backtest) and lists its plots, one folder deep.
func (d *Dashboard) backtestReport(w http.ResponseWriter, r *http.Request) {
	if d.opts.BacktestDir == "" {
		writeJSONError(w, http.StatusNotFound, "no backtest folder: start serve with --backtest DIR (make backtest writes backtest-out)")
		return
	}
	root, err := os.OpenRoot(d.opts.BacktestDir)
	if err != nil {
		writeJSONError(w, http.StatusNotFound, "backtest folder: "+err.Error())
		return
	}
	defer root.Close()
	rep := report{Dir: d.opts.BacktestDir}
	for _, name := range []string{"summary.csv", "report.csv"} {
		f, err := root.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			writeJSONError(w, http.StatusInternalServerError, err.Error())
			return
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			writeJSONError(w, http.StatusInternalServerError, name+": "+err.Error())
			return
		}
		if len(rows) > 0 {
			rep.Columns = rows[0]
			for _, row := range rows[1:] {
				m := map[string]string{}
				for i, c := range rep.Columns {
					if i < len(row) {
						m[c] = row[i]
					}
				}
				rep.Summary = append(rep.Summary, m)
			}
		}
		break
	}
	if rep.Columns == nil {
		writeJSONError(w, http.StatusNotFound, "no summary.csv or report.csv in "+d.opts.BacktestDir)
		return
	}
	fs.WalkDir(root.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() && strings.Count(p, "/") >= 1 {
			return fs.SkipDir
		}
		if !e.IsDir() && path.Ext(p) == ".svg" {
			rep.Plots = append(rep.Plots, p)
		}
		return nil
	})
	sort.Strings(rep.Plots)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(rep)
}

// backtestFile serves one plot or CSV from inside the folder.
func (d *Dashboard) backtestFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	ext := path.Ext(name)
	if d.opts.BacktestDir == "" || (ext != ".svg" && ext != ".csv") || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(d.opts.BacktestDir)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	if _, err := root.Stat(filepath.FromSlash(name)); err != nil {
		http.NotFound(w, r)
		return
	}
	http.ServeFileFS(w, r, root.FS(), name)
}
