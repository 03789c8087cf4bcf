# 网贷逾期应对指南 — every target sets up what it needs: on a fresh machine `make serve` and `make test` suffice.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
E2E_PORT ?= 8765
WHEELS := .cache/pyodide-wheels
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)

.PHONY: help setup build serve test test-unit test-pyodide test-e2e bench bench-engine lint clean

help:
	@echo "make serve   安装依赖、构建网站，并在 http://127.0.0.1:$(PORT)/ 提供本地访问"
	@echo "make test    安装依赖，运行全部测试（CPython 单元测试、Pyodide 内同一套单元测试、浏览器测试）"
	@echo "make build | bench | lint | clean"

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@python=$$(scripts/find-python.sh) || exit 1; [ -x $(PY) ] || "$$python" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null && command -v node >/dev/null || { echo "缺少 Node.js：请安装 Node.js 20 或更新版本和 npm（例如 apt-get install nodejs npm）。"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: setup
	$(VENV)/bin/mkdocs build --strict --quiet
	@echo "网站已构建到 site/"

serve: build
	$(PY) scripts/serve.py --port $(PORT) --dir site

test: test-unit test-pyodide test-e2e

test-unit: setup
	@mkdir -p build
	$(PY) -m pytest tests/unit -q --junitxml=build/unit-cpython.xml

$(WHEELS)/.downloaded: tests/pyodide/requirements.txt
	@mkdir -p $(WHEELS)
	$(PY) -m pip download -q --no-deps --only-binary :all: --platform any --python-version 3.14 --implementation py \
	  -r tests/pyodide/requirements.txt -d $(WHEELS)
	@touch $@

test-pyodide: setup $(WHEELS)/.downloaded
	@mkdir -p build
	@[ -f build/unit-cpython.xml ] || $(PY) -m pytest tests/unit -q --junitxml=build/unit-cpython.xml
	node tests/pyodide/run.mjs $(WHEELS) build/unit-pyodide.xml
	$(PY) scripts/compare_junit.py build/unit-cpython.xml build/unit-pyodide.xml
	@# again with the trimmed standard library the site ships (hooks/stdlib-modules.txt)
	$(PY) hooks/site_build.py trim-stdlib build/python_stdlib.trimmed.zip
	node tests/pyodide/run.mjs $(WHEELS) build/unit-pyodide-trimmed.xml build/python_stdlib.trimmed.zip
	$(PY) scripts/compare_junit.py build/unit-cpython.xml build/unit-pyodide-trimmed.xml
	@# and once more in a Pyodide restored from a memory snapshot, as return visits start (docs/assets/calc-snapshot.js)
	rm -rf build/wheel && $(PY) -m build -q --wheel --no-isolation --outdir build/wheel . >/dev/null
	node tests/pyodide/run.mjs $(WHEELS) build/unit-pyodide-snapshot.xml build/python_stdlib.trimmed.zip --snapshot=$$(ls build/wheel/calculators-*.whl)
	$(PY) scripts/compare_junit.py build/unit-cpython.xml build/unit-pyodide-snapshot.xml

# The e2e build's site_url matches the test server, as a deployment's must (Material's instant navigation needs it).
test-e2e: setup
	@[ -n "$(CHROMIUM)" ] || { echo "缺少 Chromium：请安装 Debian 的 chromium 软件包（apt-get install chromium）。"; exit 1; }
	SITE_URL=http://127.0.0.1:$(E2E_PORT)/ $(VENV)/bin/mkdocs build --strict --quiet
	CHROMIUM=$(CHROMIUM) E2E_PORT=$(E2E_PORT) $(PY) -m pytest tests/e2e -q

bench: build bench-engine
	@[ -n "$(CHROMIUM)" ] || { echo "缺少 Chromium：请安装 Debian 的 chromium 软件包（apt-get install chromium）。"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(PY) bench/pages.py

bench-engine: setup
	$(PY) bench/engine.py

lint: setup
	$(VENV)/bin/ruff check calculators hooks tests scripts bench

clean:
	rm -rf site build .cache $(VENV) node_modules *.egg-info
