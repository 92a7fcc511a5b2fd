# infrarisk: make run | make test | make bench | make fmt | make lint
GO        ?= go
BIN       := bin/infrarisk
BENCHOUT  ?= bench.txt
BENCHCOUNT ?= 6
# Packages with benchmarks; make bench runs them COUNT times each so that
# benchstat can report medians (benchstat $(BENCHOUT)), then the 30-second
# sustained-ingest soak once.
BENCHPKGS := ./models/... ./engine/... ./signals/...
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: all build run backtest test bench fmt lint vet fuzz clean testdata generate notebooks notebooks-deps e2e e2e-deps web

all: build

build:
	$(GO) build -o $(BIN) ./cmd/infrarisk

# The engine on an embedded NATS server (JetStream under data/), replaying
# Black Thursday (12 March 2020) on the incident's clock at SPEED× real time,
# one line per parameter change. Ctrl-C stops it. --nats URL points serve at
# an external server instead: ./bin/infrarisk help serve.
SPEED ?= 600
run: build
	./$(BIN) serve --data-dir data --replay testdata/incidents/black-thursday-2020/signals.csv --speed $(SPEED)

# Every incident under testdata/incidents (each folder with a signals.csv)
# through the backtester, static against infrastructure-aware parameters, on
# BACKTEST_ACCOUNTS accounts drawn from BACKTEST_SEED: a folder of results per
# incident under backtest-out/, and backtest-out/report.csv with one row per
# incident and parameter set.
BACKTEST_ACCOUNTS ?= 500
BACKTEST_SEED ?= 1
backtest: build
	@set -e; rows=""; \
	for d in testdata/incidents/*/; do \
		[ -f "$$d/signals.csv" ] || continue; \
		name=$$(basename "$$d"); \
		./$(BIN) backtest --incident "$$d" --accounts $(BACKTEST_ACCOUNTS) --seed $(BACKTEST_SEED) --out "backtest-out/$$name"; \
		echo; rows="$$rows backtest-out/$$name/summary.csv"; \
	done; \
	awk 'FNR == 1 && NR != 1 { next } { print }' $$rows > backtest-out/report.csv; \
	echo "wrote backtest-out/report.csv"

# ./... skips folders named testdata, so the incident checks run on their own.
# The notebooks run too where Jupyter is installed (make notebooks-deps), and
# the dashboard's browser test where Chromium is (make e2e-deps); CI installs
# both. Elsewhere each is skipped with a note.
test: vet
	$(GO) test -race -count=1 ./... ./testdata/gen
	@if command -v jupyter-nbconvert >/dev/null; then $(MAKE) --no-print-directory notebooks; \
	else echo "notebooks skipped: jupyter-nbconvert not installed (make notebooks-deps)"; fi
	@if command -v chromium >/dev/null; then $(MAKE) --no-print-directory e2e; \
	else echo "browser test skipped: chromium not installed (make e2e-deps)"; fi

# The dashboard end to end in headless Chromium: the engine replaying Black
# Thursday, the page opened, a what-if submitted, the engine stopped and
# started again. Screenshots go to E2EOUT.
E2EOUT ?= e2e-out
e2e:
	@mkdir -p $(E2EOUT)
	INFRARISK_E2E=1 $(GO) test -count=1 -run TestDashboardInABrowser -v -artifacts -outputdir $(abspath $(E2EOUT)) ./cmd/infrarisk

e2e-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium

# Refresh the dashboard's vendored charting library (uPlot, pinned in
# engine/dashboard/web/package.json and its lockfile) from npm. The copied
# files are committed, so a clone needs no npm.
web:
	cd engine/dashboard/web && npm ci --no-audit --no-fund && npm run vendor

vet:
	$(GO) vet ./... ./testdata/gen

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) $(BENCHPKGS) | tee $(BENCHOUT)
	$(GO) test ./engine/service -run '^$$' -bench SustainedIngest -benchtime 1x -count 1 -soak | tee -a $(BENCHOUT)
	$(GO) run $(BENCHSTAT) $(BENCHOUT)

# A short fuzzing pass over each fuzz target (FUZZTIME each).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzImpliedBlackVol -fuzztime $(FUZZTIME) ./models/iv
	$(GO) test -run '^$$' -fuzz FuzzPrice -fuzztime $(FUZZTIME) ./engine/batch
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME) ./engine/update
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./signals/wire
	$(GO) test -run '^$$' -fuzz FuzzDecodeBatch -fuzztime $(FUZZTIME) ./signals/wire
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./engine/config
	$(GO) test -run '^$$' -fuzz FuzzWhatIfRequest -fuzztime $(FUZZTIME) ./engine/service
	$(GO) test -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME) ./signals/replay
	$(GO) test -run '^$$' -fuzz FuzzReceive -fuzzminimizetime 50x -fuzztime $(FUZZTIME) ./engine/client

# Rebuild testdata/incidents from the raw public series (RAW: their folder).
RAW ?=
testdata:
	@test -n "$(RAW)" || { echo "usage: make testdata RAW=DIR (the folder holding black-thursday-2020/)"; exit 2; }
	$(GO) run ./testdata/gen -src $(RAW) -out testdata/incidents
	$(GO) run ./testdata/gen -synthetic -seed 1 -out testdata/incidents

# Recompile the Solidity test contracts (solc 0.8.28 from npm) and regenerate
# their abigen v2 bindings; needs Go and npm.
generate:
	$(GO) generate ./signals/chainlink/contracts ./signals/dex/contracts ./signals/bridge/contracts

# Jupyter, nbconvert, pandas and matplotlib from Debian's packages.
NOTEBOOK_PKGS := jupyter-nbconvert python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
notebooks-deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(NOTEBOOK_PKGS)

# Execute every notebook headless; the executed copies (with plots) go to
# NBOUT, the committed ones stay without outputs.
NBOUT ?= notebooks/out
notebooks: build
	@mkdir -p $(NBOUT)
	@for nb in notebooks/*.ipynb; do \
		echo "executing $$nb"; \
		PYDEVD_DISABLE_FILE_VALIDATION=1 jupyter-nbconvert --log-level WARN --to notebook --execute \
			--ExecutePreprocessor.timeout=600 --output-dir $(NBOUT) $$nb || exit 1; \
	done

fmt:
	gofmt -w $$(git ls-files '*.go')

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin $(BENCHOUT) $(E2EOUT)
