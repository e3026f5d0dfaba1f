# civcas: one Makefile. `make run` serves the app with the bundled examples; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export CIVCAS_DATA_DIR ?= data

.PHONY: run install init examples serve test test-fast lint format bench bench-web soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The extractor's per-report modules compiled with mypyc (about a fifth faster); used only while
# they match the sources, so an edit without a rebuild runs the pure-Python code, never stale C.
COMPILED := build/mypyc/manifest.json
$(COMPILED): $(STAMP) $(wildcard src/civcas/extract/*.py) scripts/compile_extract.py
	$(BIN)/python scripts/compile_extract.py || echo "(continuing with the pure-Python extractor)"

install: $(STAMP) $(COMPILED)

init: install
	$(BIN)/civcas init

examples: init
	$(BIN)/civcas ingest examples/

serve: install
	$(BIN)/civcas serve

## Create the environment, a SQLite database in ./data, load the example reports, and serve on :8000.
run: examples
	@echo "Sign in as 'admin' with the password printed above (kept in $(CIVCAS_DATA_DIR)/admin-password.txt)."
	$(BIN)/civcas serve

## The whole test suite: SQLite always; PostgreSQL at 127.0.0.1:5432 when it answers (else skipped with a reason).
test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not postgres and not slow and not shared and not browser"

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/mypy bench scripts

format: install
	$(BIN)/ruff format src tests

## Benchmarks: figures printed as ratios against a reference measured in the same run.
BENCH_LINK_N ?= 1000000
BENCH_WEB_REPORTS ?= 1000000
BENCH_INCREMENTAL_INCIDENTS ?= 100000
bench: install
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/link_bench.py --n $(BENCH_LINK_N)
	$(BIN)/python bench/incremental_bench.py --incidents $(BENCH_INCREMENTAL_INCIDENTS)
	$(BIN)/python bench/web_bench.py --reports $(BENCH_WEB_REPORTS)

## The web app at 16 concurrent clients on a million synthetic reports (docs/performance.md); wrk if installed.
bench-web: install
	$(BIN)/python bench/web_bench.py --reports $(BENCH_WEB_REPORTS)

## Soak: 50 clients reading and 5 writing for two minutes against a real server (not part of make test).
soak: install
	$(BIN)/python bench/soak.py --seconds 120

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
