# 网贷逾期应对指南 — every target sets up what it needs: on a fresh machine `make serve` and `make test` suffice.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
E2E_PORT ?= 8765
# Test processes for the Chromium layer (pytest-xdist; a test file stays in one process): 2 on a 2-core machine.
E2E_WORKERS ?= 2
WHEELS := .cache/pyodide-wheels
# The build engine: ProperDocs, the maintained fork of MkDocs 1.6 (same mkdocs.yml, same site; README: 构建引擎).
ENGINE := $(VENV)/bin/properdocs
# Every build: the engine, then the one post-build step (runtime, search aliases, service worker, compression and
# the runtime's self-check; hooks/postbuild.py), run here rather than by its hook.
BUILD_SITE = WDYQ_POSTBUILD=separate $(ENGINE) build --strict --quiet && $(PY) scripts/postbuild.py site
# Pyodide's Python (major.minor), for the test wheels; the build fails when it is not the installed Pyodide's.
PYODIDE_PYTHON := 3.14
# CHROMIUM / NGINX may name the programs to use; found (or installed by scripts/system-deps.sh) when unset.
export CHROMIUM NGINX
FIND_CHROMIUM = $${CHROMIUM:-$$(command -v chromium || command -v chromium-browser)}
# make serve-nginx listens on 8080 unless PORT is given.
NGINX_PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)

.PHONY: help setup build serve serve-nginx test test-unit test-pyodide e2e-site test-e2e test-engines bench bench-engine lint clean

help:
	@echo "make serve   安装依赖、构建网站，并在 http://127.0.0.1:$(PORT)/ 提供本地访问"
	@echo "make test    安装依赖，运行全部测试（CPython 单元测试、Pyodide 内同一套单元测试、Chromium 浏览器测试，WebKit 和 Firefox 测试）"
	@echo "make serve-nginx  用 deploy/nginx.conf 通过 nginx 在 http://127.0.0.1:$(NGINX_PORT)/ 提供网站（和正式部署一样）"
	@echo "make build | bench | lint (ruff, tsc) | clean"

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
	$(BUILD_SITE)
	@echo "网站已构建到 site/"

serve: build
	$(PY) scripts/serve.py --port $(PORT) --dir site

# The real server: Debian's nginx with deploy/nginx.conf as it is (root and port filled in), in the foreground.
serve-nginx: setup
	@scripts/system-deps.sh nginx
	export SITE_URL=$${SITE_URL:-http://127.0.0.1:$(NGINX_PORT)/} && $(BUILD_SITE)
	$(PY) scripts/serve_nginx.py --port $(NGINX_PORT) --dir site

test: lint test-unit test-pyodide test-e2e test-engines

test-unit: setup
	@mkdir -p build
	$(PY) -m pytest tests/unit -q --junitxml=build/unit-cpython.xml

$(WHEELS)/.downloaded: tests/pyodide/requirements.txt
	@mkdir -p $(WHEELS)
	$(PY) -m pip download -q --no-deps --only-binary :all: --platform any --python-version $(PYODIDE_PYTHON) --implementation py \
	  -r tests/pyodide/requirements.txt -d $(WHEELS)
	@touch $@

# The same tests/unit inside Pyodide under Node, twice, each as a reader's browser starts the calculators:
# 1. a first visit: the standard library and the Emscripten glue the site ships (stdlib trimmed to
#    hooks/stdlib-modules.txt and precompiled; glue with the compile hint), the checkout's calculators/ — catches
#    Pyodide differences, and any module the calculators import that the trimmed library lacks;
# 2. a return visit: an interpreter restored from a memory snapshot (docs/assets/calc-snapshot.js) holding the wheel
#    the site ships (precompiled bytecode beside the sources) — catches what the snapshot or the wheel loses (a data
#    file left out of the package, state that does not survive the restore).
# (npm's untrimmed Pyodide ran the suite a third time until 2026-12: anything it could catch, pass 1 catches too.)
test-pyodide: setup $(WHEELS)/.downloaded
	@mkdir -p build
	@[ -f build/unit-cpython.xml ] || $(PY) -m pytest tests/unit -q --junitxml=build/unit-cpython.xml
	$(PY) hooks/runtime.py trim-stdlib build/python_stdlib.trimmed.zip
	$(PY) hooks/runtime.py glue build/pyodide.asm.mjs
	node tests/pyodide/run.mjs $(WHEELS) build/unit-pyodide-trimmed.xml build/python_stdlib.trimmed.zip --glue=build/pyodide.asm.mjs
	$(PY) scripts/compare_junit.py build/unit-cpython.xml build/unit-pyodide-trimmed.xml
	rm -rf build/wheel && $(PY) hooks/runtime.py wheel build/wheel >/dev/null
	node tests/pyodide/run.mjs $(WHEELS) build/unit-pyodide-snapshot.xml build/python_stdlib.trimmed.zip --snapshot=$$(ls build/wheel/calculators-*.whl) \
	  --glue=build/pyodide.asm.mjs
	$(PY) scripts/compare_junit.py build/unit-cpython.xml build/unit-pyodide-snapshot.xml

# tests/e2e (layout in tests/e2e/README.md) runs against nginx with deploy/nginx.conf: site/ needs no browser,
# chromium/ is the full suite in Chromium, engines/ the cross-engine layer in WebKit and Firefox. Browsers and nginx
# are installed here when missing (root + apt). The e2e build's site_url matches the test server, as a deployment's
# must (Material's instant navigation needs it). Each layer writes JUnit XML and its slowest tests.
e2e-site: setup
	export SITE_URL=http://127.0.0.1:$(E2E_PORT)/ && $(BUILD_SITE)

test-e2e: e2e-site
	@scripts/system-deps.sh chromium nginx
	CHROMIUM=$(FIND_CHROMIUM) E2E_PORT=$(E2E_PORT) $(PY) -m pytest tests/e2e/site tests/e2e/chromium -q \
	  -n $(E2E_WORKERS) --dist loadfile --junitxml=build/e2e-chromium.xml --durations=10

test-engines: e2e-site
	@scripts/system-deps.sh webkit firefox nginx
	E2E_PORT=$(E2E_PORT) $(PY) -m pytest tests/e2e/engines -q --junitxml=build/e2e-engines.xml --durations=10

bench: build bench-engine
	@scripts/system-deps.sh chromium
	CHROMIUM=$(FIND_CHROMIUM) $(PY) bench/pages.py

bench-engine: setup
	$(PY) bench/engine.py

# ruff for the Python; TypeScript's checker (pinned in package.json) for the page runtime's JavaScript and its JSDoc
# types (tsconfig.json: nothing is compiled).
lint: setup
	$(VENV)/bin/ruff check calculators hooks tests scripts bench wdyq_markdown
	node_modules/.bin/tsc -p tsconfig.json

clean:
	rm -rf site build .cache $(VENV) node_modules *.egg-info
