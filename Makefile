# Everything a maintainer runs. The first target that needs Python creates .venv
# and installs the project into it, so a fresh machine needs only python3 and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LANGS  ?= en tl el ta uk
PORT   ?= 8000
# Where the site is published: absolute links (hreflang, canonical, Open Graph) and
# sitemap.xml start with it. Empty: policykb's default for a local build, the address
# `make serve` serves it at (http://127.0.0.1:8000/).
BASE_URL ?=
BENCH_SIZES ?= 100 1000

# Reproducible output: dates in pages come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

.PHONY: html test check validate countries lint check-po update-po po-fuzz stats bench search-eval \
	serve clean help lock check-latest

help:
	@echo "make html      build the five language sites into _build/html/<lang>/"
	@echo "               (BASE_URL=https://... : the address the site is published at)"
	@echo "make test      run the test suite"
	@echo "make check     validate kb/, facts checked within a year, ruff, mypy, catalog checks"
	@echo "               and a warning-free build"
	@echo "make countries the country profiles and when each fact was last checked"
	@echo "make update-po extract every message and update the catalogs of tl el ta uk"
	@echo "make po-fuzz   random English edits + update-po on a copy: translations lost?"
	@echo "make stats     translation progress per language"
	@echo "make bench     build synthetic libraries and print speed and size figures, and"
	@echo "               Lighthouse mobile figures of the builder, home and a block page"
	@echo "make search-eval  recall@5 of every site's search, run in headless Chromium"
	@echo "make serve     serve _build/html on http://127.0.0.1:$(PORT)/"
	@echo "make clean     remove _build"
	@echo "make lock      re-resolve requirements.lock (exact versions with hashes)"
	@echo "make check-latest  run the suite with the newest dependency versions allowed"

# Every dependency comes from requirements.lock: exact versions, checked by hash, so a
# fresh machine installs what the tests ran with. pyproject.toml keeps the ranges.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# Re-resolve the lock from pyproject.toml's ranges (newest allowed versions); run
# `make check-latest` first to see that the suite passes with them.
lock: $(VENV)/.installed
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --upgrade --quiet --custom-compile-command "make lock" -o requirements.lock

# Upstream watch: a throwaway environment with the newest versions pyproject.toml allows,
# then the whole suite and the catalog checks. Not part of CI: it sees an upstream change
# before the lock is bumped.
LATEST := _build/latest-env
check-latest: node_modules/.package-lock.json
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade -e ".[dev]"
	$(LATEST)/bin/python -m pip list --format=freeze | grep -iE '^(babel|sphinx|sphinx-intl|ruamel.yaml|docutils|playwright|pytest)=='
	$(LATEST)/bin/policykb check-po
	$(LATEST)/bin/python -m pytest

html: $(VENV)/.installed
	$(BIN)/policykb build --langs "$(LANGS)" $(if $(BASE_URL),--base-url "$(BASE_URL)")

# axe-core (accessibility checks injected into pages by the browser tests) and vnu-jar (the
# Nu Html Checker, run with the system's Java), from npm; no install scripts run (vnu-jar's
# would fetch a Java runtime where none is installed: .ci/run installs Debian's instead).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility tests will be skipped"; fi

test: $(VENV)/.installed node_modules/.package-lock.json
	$(BIN)/python -m pytest

validate: $(VENV)/.installed
	$(BIN)/policykb validate

# Country facts are law: one checked more than a year ago fails the check (file:line) until
# someone compares it with its source again and updates its 'checked' date.
countries: $(VENV)/.installed
	$(BIN)/policykb countries

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests conf.py
	$(BIN)/mypy

check-po: $(VENV)/.installed
	$(BIN)/policykb check-po

update-po: $(VENV)/.installed
	$(BIN)/policykb update-po

PO_FUZZ_SEQUENCES ?= 1000
po-fuzz: $(VENV)/.installed
	$(BIN)/python -m policykb.po_fuzz --sequences $(PO_FUZZ_SEQUENCES) --langs uk

stats: $(VENV)/.installed
	$(BIN)/policykb stats

check: validate lint check-po
	$(BIN)/policykb countries --check
	$(BIN)/policykb build --strict --langs "$(LANGS)"

# Lighthouse for `make bench` only (bench/package.json), so `make test` never installs it.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix bench --ignore-scripts --no-audit --no-fund \
	  --loglevel=error; else echo "npm not found: the Lighthouse benchmark will be skipped"; fi

bench: $(VENV)/.installed html node_modules/.package-lock.json bench/node_modules/.package-lock.json
	$(BIN)/python -m policykb.bench $(BENCH_SIZES)
	$(BIN)/python -m policykb.search_eval _build/html
	$(BIN)/python -m policykb.render_bench _build/html
	$(BIN)/python -m policykb.builder_bench _build/html
	$(BIN)/python -m policykb.lighthouse_bench _build/html

search-eval: html
	$(BIN)/python -m policykb.search_eval _build/html

serve: html
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

clean:
	rm -rf _build
