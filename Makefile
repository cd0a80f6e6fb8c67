# Two commands on a fresh machine (see README):
#   make run    install, build the snapshot from the bundled data (no network), serve on :8050
#   make test   install test tools and Chromium, lint, run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test lint bench refresh install install-dev chromium axe clean
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Debian's Chromium and ChromeDriver (versions always match); browser downloads by test tools
# do not work on these machines.
chromium:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver)

# axe-core (npm) for the accessibility tests, pinned in tests/browser/axe/package-lock.json.
$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	@command -v npm >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q npm)
	cd tests/browser/axe && npm ci --no-audit --no-fund --loglevel=error
axe: $(AXE)

refresh: $(VENV)/.runtime
	$(BIN)/python -m etl refresh --offline

run: refresh
	$(BIN)/python -m dashboard --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .

test: $(VENV)/.dev chromium $(AXE) lint
	$(BIN)/pytest -n 2

bench: $(VENV)/.dev chromium
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data/published data/state test-artifacts .pytest_cache
