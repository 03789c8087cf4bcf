"""The calculators' runtime in the site (运行环境): Pyodide vendored from ``node_modules/pyodide`` (pinned in
package-lock.json) with a trimmed standard library, the ``calculators`` wheel built and registered in the site's
``pyodide-lock.json`` (with its sha256), and calculator pages starting the runtime from ``<head>``.

Both the standard library and the wheel ship with precompiled bytecode (hooks/pyc.mjs, made by Pyodide's own
interpreter under Node): Pyodide otherwise compiles every module from source on every start.

``python hooks/runtime.py trim-stdlib OUT.zip`` writes the shipped standard library alone,
``python hooks/runtime.py glue OUT.mjs`` the shipped Emscripten glue and ``python hooks/runtime.py wheel OUTDIR``
the shipped wheel (``make test-pyodide`` tests all three).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.postbuild")

PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
"""The runtime files the browser needs; nothing else from npm is shipped."""
PYODIDE_DIR = "assets/pyodide"


MATERIAL_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
EARLY = '<meta name="wdyq-calculator" content="1"><script src="{}"></script>'


def boot_page(html: str, page: str) -> str:
    """A calculator page (``page``: its path in the site, ``tools/apr/index.html``) starts the runtime from the top
    of <head> (calc-boot.js) instead of after the whole page: right after the charset, before the stylesheets (a
    script after them would wait for them). Material's own script is left in the page unrun (type="text/plain"):
    calc-boot.js starts it once the calculators are ready, at the reader's first touch or key, or after ten
    seconds. A page already done, or without a calculator, is returned as it is."""
    if 'data-calculator="' not in html or 'name="wdyq-calculator"' in html:
        return html
    src = posixpath.relpath("assets/calc-boot.js", posixpath.dirname(page) or ".")
    charset = '<meta charset="utf-8">'
    if charset not in html:
        raise RuntimeError(f"{page}: no {charset} to start the calculators' runtime after")
    material = MATERIAL_SCRIPT.findall(html)
    if len(material) != 1:
        raise RuntimeError(f"{page}: expected Material's script once, found {len(material)}")
    html = MATERIAL_SCRIPT.sub(r'<script type="text/plain" data-wdyq-held="\1"></script>', html)
    return html.replace(charset, charset + EARLY.format(src), 1)


def boot_early(site_dir: Path) -> None:
    """:func:`boot_page` on every page of the built site."""
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        done = boot_page(html, path.relative_to(site_dir).as_posix())
        if done != html:
            path.write_text(done, encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


PYC_CACHE = ROOT / ".cache" / "pyc"
PYC_CACHE_KEEP = 6


def precompile(jobs: list[tuple[str, Path, Path]]) -> None:
    """Write each ``(kind, source, target)`` with precompiled bytecode (hooks/pyc.mjs), from a cache when it can.

    The cache key covers the input, the Pyodide release and the compiler script: a new Pyodide compiles again.
    """
    pyodide_version = json.loads((PYODIDE_SRC / "package.json").read_text(encoding="utf-8"))["version"]
    script = ROOT / "hooks" / "pyc.mjs"
    cached, todo = [], []
    for kind, source, target in jobs:
        key = hashlib.sha256(source.read_bytes() + pyodide_version.encode() + script.read_bytes()).hexdigest()
        path = PYC_CACHE / f"{key}.{kind}.zip"
        cached.append((path, target))
        if not path.exists():
            todo += [kind, str(source), str(path)]
    if todo:
        PYC_CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["node", str(script), *todo], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"hooks/pyc.mjs failed:\n{done.stderr[-2000:]}")
    for path, target in cached:
        shutil.copyfile(path, target)
        path.touch()  # recently used: kept by the pruning below
    for kind in {kind for kind, _, _ in jobs}:  # keep the cache small: the last few inputs of each kind
        for old in sorted(PYC_CACHE.glob(f"*.{kind}.zip"), key=lambda p: p.stat().st_mtime)[:-PYC_CACHE_KEEP]:
            old.unlink()


def build_wheel(outdir: Path) -> Path:
    """Build the pure-Python ``calculators`` wheel (no network: setuptools from the venv)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "src"
        shutil.copytree(ROOT / "calculators", work / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", work)
        # The wheel is only for the site's browsers, where nothing reads its METADATA: a line instead of the whole
        # README as the long description (24 KB of every first visit's download).
        (work / "README.md").write_text("网贷逾期应对指南的计算核心（本站浏览器内使用的 wheel）。\n", encoding="utf-8")
        # A fixed timestamp makes the wheel's bytes depend on its contents only: an unchanged package keeps its
        # sha256 across builds (the bytecode cache hits, and readers' memory snapshots stay valid).
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(work)],
            env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"},
            check=True,
            capture_output=True,
        )
    wheels = sorted(outdir.glob("calculators-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one calculators wheel in {outdir}, found {wheels}")
    return wheels[0]


COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"
"""Chromium's explicit compile hint: compile every function of the file up front, so that its code cache holds
them all. Without it the cache holds only the top level, and each visit compiles the 1.25 MB of Emscripten glue's
functions again, lazily, as they are first called (about 60-100 ms of the worker's start on two cores)."""


def ship_glue(source: Path, target: Path) -> None:
    """pyodide.asm.mjs (Emscripten's glue) as the site ships it: npm's, with COMPILE_HINT as its first line.

    (Until 2026-12 the dynamic linker's ~260 JavaScript functions were also wrapped for the wasm table by one module
    instead of one each; an interleaved A/B of return visits, 8 runs each, showed no gain over the hint alone, and
    the patch relied on Emscripten internals the build could not check. It was removed.)"""
    target.write_text(COMPILE_HINT + source.read_text(encoding="utf-8"), encoding="utf-8")


def vendor_pyodide(site_dir: Path) -> Path:
    """Copy the Pyodide runtime from node_modules (pinned in package-lock.json) into the site, the glue as
    :func:`ship_glue` makes it; the standard library is added by :func:`on_post_build`, trimmed and precompiled."""
    if not (PYODIDE_SRC / "pyodide.mjs").exists():
        raise RuntimeError("node_modules/pyodide 不存在：请先运行 make setup（npm ci）")
    dest = site_dir / PYODIDE_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name == "pyodide.asm.mjs":
            ship_glue(PYODIDE_SRC / name, dest / name)
        elif name != "python_stdlib.zip":
            shutil.copy2(PYODIDE_SRC / name, dest / name)
    return dest


STDLIB_MODULES = ROOT / "hooks" / "stdlib-modules.txt"


def trim_stdlib(source: Path, target: Path) -> None:
    """精简标准库: keep only the modules listed in hooks/stdlib-modules.txt (what the calculators need)."""
    import zipfile

    wanted = {ln.strip() for ln in STDLIB_MODULES.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")}

    def module_of(name: str) -> str | None:
        stem, ext = posixpath.splitext(name)
        if ext not in (".py", ".pyc"):
            return None
        dotted = stem.replace("/", ".")
        return dotted.removesuffix(".__init__")

    # Only the listed modules: _sysconfigdata (75 KB) went out too, since sysconfig, the one module that reads it,
    # is not in the list (nothing the browser runs imports it).
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if module_of(info.filename) in wanted:
                out.writestr(info, src.read(info.filename))


def register_wheel(dest: Path, wheel: Path) -> dict:
    """Add the wheel (already in ``dest``) to pyodide-lock.json with ``pyodide lockfile add-wheels``; keep only
    what the site ships, and note the shipped glue's sha256 under ``tool.wdyq`` (part of a memory snapshot's key:
    a snapshot is only restored by the glue that made it)."""
    lock_in = dest / "pyodide-lock.full.json"
    shutil.copy2(PYODIDE_SRC / "pyodide-lock.json", lock_in)
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    subprocess.run(
        [str(pyodide_cli), "lockfile", "add-wheels", "--input", str(lock_in), "--output",
         str(dest / "pyodide-lock.json"), "--base-path", str(dest), str(dest / wheel.name)],
        check=True,
        capture_output=True,
    )
    lock_in.unlink()
    lock = json.loads((dest / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The npm package holds no package wheels: list only the packages this site actually serves.
    lock["packages"] = {k: v for k, v in lock["packages"].items() if (dest / v["file_name"]).exists()}
    lock["tool"] = {**lock.get("tool", {}), "wdyq": {"glue_sha256": _sha256(dest / "pyodide.asm.mjs")}}
    entry = lock["packages"].get("calculators")
    if entry is None or entry["sha256"] != _sha256(dest / wheel.name):
        raise RuntimeError("pyodide-lock.json: calculators entry missing or sha256 mismatch")
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")
    return entry


def shipped_runtime(stdlib_target: Path, wheel_dir: Path | None = None) -> Path | None:
    """The standard library (trimmed) and, when ``wheel_dir`` is given, the wheel, as the site ships them:
    with precompiled bytecode. Returns the wheel's path."""
    with tempfile.TemporaryDirectory() as tmp:
        trimmed = Path(tmp) / "python_stdlib.zip"
        trim_stdlib(PYODIDE_SRC / "python_stdlib.zip", trimmed)
        jobs = [("stdlib", trimmed, stdlib_target)]
        wheel = None
        if wheel_dir is not None:
            built = build_wheel(Path(tmp))
            wheel = wheel_dir / built.name
            jobs.append(("wheel", built, wheel))
        precompile(jobs)
    return wheel


if __name__ == "__main__":  # used by make test-pyodide: the runtime as the site ships it
    if sys.argv[1:2] == ["trim-stdlib"] and len(sys.argv) == 3:
        Path(sys.argv[2]).parent.mkdir(parents=True, exist_ok=True)
        shipped_runtime(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["glue"] and len(sys.argv) == 3:
        Path(sys.argv[2]).parent.mkdir(parents=True, exist_ok=True)
        ship_glue(PYODIDE_SRC / "pyodide.asm.mjs", Path(sys.argv[2]))
    elif sys.argv[1:2] == ["wheel"] and len(sys.argv) == 3:
        Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            print(shipped_runtime(Path(tmp) / "python_stdlib.zip", Path(sys.argv[2])))
    else:
        sys.exit("usage: python hooks/runtime.py trim-stdlib OUT.zip | glue OUT.mjs | wheel OUTDIR")
