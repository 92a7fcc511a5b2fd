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

.PHONY: all build run test bench fmt lint vet fuzz clean testdata generate

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

# ./... skips folders named testdata, so the incident checks run on their own.
test: vet
	$(GO) test -race -count=1 ./... ./testdata/gen

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

# Rebuild testdata/incidents from the raw public series (RAW: their folder).
RAW ?=
testdata:
	@test -n "$(RAW)" || { echo "usage: make testdata RAW=DIR (the folder holding black-thursday-2020/)"; exit 2; }
	$(GO) run ./testdata/gen -src $(RAW) -out testdata/incidents
	$(GO) run ./testdata/gen -synthetic -seed 1 -out testdata/incidents

# Recompile the Solidity test contracts (solc 0.8.28 from npm) and regenerate
# their abigen v2 bindings; needs Go and npm.
generate:
	$(GO) generate ./signals/chainlink/contracts

fmt:
	gofmt -w $$(git ls-files '*.go')

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin $(BENCHOUT)
