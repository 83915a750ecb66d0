# Two commands do everything on a fresh machine (Debian, Python 3.11, no conda):
#   make site   - create .venv if missing, execute the notebooks, publish site/
#   make test   - create .venv if missing, run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup test test-deps lint lab site handout data validate bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

test: $(STAMP) test-deps
	$(PY) -m pytest

# What the browser tests need from npm (axe-core, the widget manager), fetched once into .cache/ when npm is
# installed. Chromium is a Debian package: sudo apt-get install chromium (bash .ci/run installs everything).
test-deps: $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
	  test -f .cache/npm/node_modules/axe-core/axe.min.js || \
	    npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4 || \
	    echo "make test: could not install axe-core; accessibility tests will skip"; \
	  $(PY) -m explainer fetch-assets >/dev/null || echo "make test: could not fetch every asset (above)"; \
	else echo "make test: npm not found: accessibility and widget tests will skip (sudo apt-get install npm)"; fi

lint: $(STAMP)
	$(PY) -m ruff check explainer tests benchmarks tools

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

validate: $(STAMP)
	$(PY) -m explainer validate

site: $(STAMP)
	$(PY) -m explainer site --out site

handout: site
	$(PY) -m explainer handout --site site --out handouts

# Re-import data/ from ../shared/sources (only needed when the sources change).
data: $(STAMP)
	$(PY) tools/import_sources.py

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf site handouts .pytest_cache build *.egg-info
