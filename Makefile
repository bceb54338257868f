# The whole set-up on a fresh machine with python3 and make: `make run`, `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: run test lint bench browser clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kengir-geo serve --host $(HOST) --port $(PORT)

# Browser tests drive Debian's chromium; scripts/ensure_chromium.sh installs it when it can.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	node --test tests/js/
	-@sh scripts/ensure_chromium.sh
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	-@sh scripts/ensure_chromium.sh
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static/vendor
