# Two commands on a fresh Debian machine with Python 3.11+:
#   make brief   set up .venv, then write out/brief.{pdf,docx,html} and out/extraction.json
#   make test    set up .venv, then run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: brief test lint check clean bench

$(STAMP): pyproject.toml
	@scripts/system-deps.sh || true
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "error: cannot create a virtual environment; on Debian: apt-get install -y python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

brief: $(STAMP)
	$(BIN)/briefgen build --config config/brief.yaml

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The lint gate CI runs: ruff (rules in pyproject.toml) and mypy with the pydantic plugin.
lint: $(STAMP)
	$(BIN)/ruff check briefgen tests scripts
	$(BIN)/mypy

# The performance benchmark (not a test): N articles through a bare nlp.pipe, briefgen's
# ingest + extract (cold and warm cache) and the renderers.  BENCH_TEXTS is a folder of
# real .txt articles to draw from (Timeline17's data/ folder here); the seeds alone if absent.
BENCH_N     ?= 1000
BENCH_TEXTS ?= /work/shared/bench/timeline17/data
bench: $(STAMP)
	$(BIN)/python -m briefgen.bench --n $(BENCH_N) $(if $(wildcard $(BENCH_TEXTS)),--texts $(BENCH_TEXTS)) --json out/bench.json

check: $(STAMP)
	$(BIN)/briefgen check --config config/brief.yaml

clean:
	rm -rf $(VENV) out/brief.* out/extraction.json
