# gcm-kg: common tasks. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
RDFLIB_ENDPOINT_PYTHON ?= /tmp/rdflib-endpoint-venv/bin/python
FLASK_GUNICORN_PYTHON  ?= /tmp/flask-gunicorn-venv/bin/python

.PHONY: help install serve test validate data check-data bench fuzz soak clean

help:  ## List the targets (with the settings they use now)
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}' \
		| sed -e 's/\$$(HOST)/$(HOST)/g' -e 's/\$$(PORT)/$(PORT)/g'

# gcm-kg and what it needs to run (serve, build, validate); the test tools come on top of it
$(BIN)/gcm-kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-tools: $(BIN)/gcm-kg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.test-tools  ## Create .venv and install gcm-kg with its test tools

serve: $(BIN)/gcm-kg  ## Build the graph into var/store (unless it is up to date) and serve it on http://$(HOST):$(PORT)/ (another port: make serve PORT=8080)
	$(BIN)/gcm-kg build --store var/store --if-changed
	$(BIN)/gcm-kg serve --store var/store --host $(HOST) --port $(PORT)

test: install  ## Run lint, type checks, the data checks and the test suite
	$(BIN)/ruff check gcm_kg server tests benchmarks
	$(BIN)/ruff format --check gcm_kg server tests benchmarks
	$(BIN)/mypy gcm_kg server
	$(BIN)/gcm-kg ingest --check
	$(BIN)/gcm-kg validate
	$(BIN)/pytest

validate: $(BIN)/gcm-kg  ## Check data/ against shapes/ and the ontology (the OWL check needs Java 17+)
	$(BIN)/gcm-kg validate

bench: install  ## Run the benchmarks (needs wrk, and the peers' virtual environments: benchmarks/README.md) into benchmarks/README.md
	$(BIN)/python -m benchmarks.run --sizes 10k,300k,3M --rdflib-endpoint $(RDFLIB_ENDPOINT_PYTHON) \
		--flask-gunicorn $(FLASK_GUNICORN_PYTHON) --readme benchmarks/README.md

fuzz: install  ## Fuzz the endpoint, the pages and the network isolation longer than the test suite does
	GCM_KG_FUZZ_EXAMPLES=2000 $(BIN)/pytest tests/web/test_fuzz_*.py tests/test_network_isolation.py --hypothesis-show-statistics

soak: install  ## A minute of 16 clients mixing queries and pages, and a crawler, against a real server
	GCM_KG_SOAK_SECONDS=60 $(BIN)/pytest -s tests/web/test_soak.py

data: $(BIN)/gcm-kg  ## Regenerate data/*.ttl from source/, reference/ and gcm_kg/curation/
	$(BIN)/gcm-kg ingest

check-data: $(BIN)/gcm-kg  ## Fail if data/*.ttl is not what `make data` would write
	$(BIN)/gcm-kg ingest --check

clean:  ## Remove the virtual environment, the built store and caches
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
