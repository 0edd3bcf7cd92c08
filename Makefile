# The two commands of the README:
#   make run    set everything up, build the store, start the web chat on http://127.0.0.1:7860
#   make test   set everything up (dev tools, Chromium) and run lint, types and the whole suite
.PHONY: run test test-fast lint setup setup-dev

VENV := .venv/bin

run: setup
	$(VENV)/qa-bot ingest
	$(VENV)/python app.py

test: setup-dev lint
	$(VENV)/python -m pytest -q

# For local work: skip the slow and browser tests.
test-fast:
	$(VENV)/python -m pytest -q -m "not slow and not browser"

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

setup:
	scripts/setup.sh

setup-dev:
	scripts/setup.sh --dev
