# gcm-kg: common tasks. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help install serve test validate data check-data clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/gcm-kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/gcm-kg  ## Create .venv and install gcm-kg with its test tools

serve: install  ## Build the graph into var/store and serve it on http://$(HOST):$(PORT)/
	$(BIN)/gcm-kg build --store var/store
	$(BIN)/gcm-kg serve --store var/store --host $(HOST) --port $(PORT)

test: install  ## Run lint, type checks, the data checks and the test suite
	$(BIN)/ruff check gcm_kg server tests benchmarks
	$(BIN)/ruff format --check gcm_kg server tests benchmarks
	$(BIN)/mypy gcm_kg server
	$(BIN)/gcm-kg ingest --check
	$(BIN)/gcm-kg validate
	$(BIN)/pytest

validate: install  ## Check data/ against shapes/ and the ontology (the OWL check needs Java 17+)
	$(BIN)/gcm-kg validate

data: install  ## Regenerate data/*.ttl from source/, reference/ and gcm_kg/curation/
	$(BIN)/gcm-kg ingest

check-data: install  ## Fail if data/*.ttl is not what `make data` would write
	$(BIN)/gcm-kg ingest --check

clean:  ## Remove the virtual environment, the built store and caches
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
