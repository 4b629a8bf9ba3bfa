# Two commands on a fresh Debian machine with Python 3.11+:
#   make brief   set up .venv, then write out/brief.{pdf,docx,html} and out/extraction.json
#   make test    set up .venv, then run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: brief test check clean

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

check: $(STAMP)
	$(BIN)/briefgen check --config config/brief.yaml

clean:
	rm -rf $(VENV) out/brief.* out/extraction.json
