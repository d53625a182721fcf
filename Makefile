# The commands a person types. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# The address the app listens on: this machine only. ADDRESS=0.0.0.0 make run serves it to others.
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast lint format bench chromium demo clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Start the app (the demo data loads itself into an empty database).
run: $(VENV)/.installed
	$(PY) -m streamlit run streamlit_app.py --server.address=$(ADDRESS) --server.port=$(PORT)

## Everything: unit tests, AppTests and browser tests in Debian's Chromium.
test: $(VENV)/.installed chromium
	$(PY) -m pytest -q

## Without the browser tests.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -q -m "not browser"

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Benchmarks: each bench/bench_*.py prints its figures and writes bench/out/*.json.
bench: $(VENV)/.installed
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

## Debian's Chromium (browser tests, the PDF deck), poppler-utils (the tests read PDFs back) and
## Java 17 (the Spark engine's tests run Spark in local mode), installed when missing and we may.
chromium:
	@{ command -v chromium && command -v pdftotext && command -v java; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -q && apt-get install -y -q chromium poppler-utils openjdk-17-jre-headless; \
	  else echo "Chromium, poppler-utils or Java is missing: run 'sudo apt-get install chromium poppler-utils openjdk-17-jre-headless' (browser, PDF and Spark tests need them)"; exit 1; fi; }

demo: $(VENV)/.installed
	$(PY) -m dashboard demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/out
