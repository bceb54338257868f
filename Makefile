# The whole set-up on a fresh machine with python3 and make: `make run`, `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8501

LOCK   := requirements.lock

.PHONY: run test test-fast test-floors lock lint bench browser clean messages

# The versions every run uses come from requirements.lock (`make lock` writes it);
# the package itself is installed editable, without resolving again.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# After changing dependencies in pyproject.toml: one command pins them all again.
lock:
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --extra test \
		--no-header --output-file $(LOCK) pyproject.toml
	@echo "$(LOCK) written; make test installs from it"

run: $(STAMP)
	$(VENV)/bin/kengir-geo serve --host $(HOST) --port $(PORT)

# Browser tests drive Debian's chromium; scripts/ensure_chromium.sh installs it when it can.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	node --test tests/js/
	-@sh scripts/ensure_chromium.sh
	$(VENV)/bin/pytest

# The edit loop: no browser, no minute-long page sweeps, no wheel builds (the tests marked
# browser or slow, which `make test` runs). About 50 s of CPU, spread over two processes
# (pytest-xdist; a file's tests stay in one): about half a minute on a quiet 2-core machine.
test-fast: $(STAMP)
	$(VENV)/bin/pytest -m "not browser and not slow" -q -n 2 --dist loadfile

# The lowest versions pyproject.toml allows, in a scratch venv: are the floors true?
FLOORS := $(or $(TMPDIR),/tmp)/kengir-geo-floors
test-floors: $(STAMP)
	$(PY) -m pip install --quiet uv
	rm -rf $(FLOORS) && python3 -m venv $(FLOORS)
	$(VENV)/bin/uv pip compile --quiet --python-version 3.11 --resolution lowest-direct \
		--extra test --output-file $(FLOORS)/lowest.txt pyproject.toml
	$(VENV)/bin/uv pip sync --quiet --python $(FLOORS)/bin/python $(FLOORS)/lowest.txt
	$(VENV)/bin/uv pip install --quiet --python $(FLOORS)/bin/python --no-deps -e .
	$(FLOORS)/bin/pytest -m "not browser and not slow" -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	-@sh scripts/ensure_chromium.sh
	$(PY) -m benchmarks

# UI strings: extract the template from the code, then bring every language's .po up to date
# (new strings empty, gone ones dropped). The .po files are read at load time; nothing compiled.
LOCALES := kengir_geo/i18n/locales
messages: $(STAMP)
	$(VENV)/bin/pybabel extract --mapping-file babel.cfg --keywords N_ --no-location \
		--sort-output --project kengir-geo --msgid-bugs-address "" \
		--output-file $(LOCALES)/messages.pot kengir_geo
	$(VENV)/bin/pybabel update --input-file $(LOCALES)/messages.pot --output-dir $(LOCALES) \
		--no-fuzzy-matching --ignore-obsolete --width 100

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static/vendor
