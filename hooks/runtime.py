"""The calculators' runtime in the site (运行环境): Pyodide vendored from ``node_modules/pyodide`` (pinned in
package-lock.json) with a trimmed standard library, the ``calculators`` wheel built and registered in the site's
``pyodide-lock.json`` (with its sha256), and calculator pages starting the runtime from ``<head>``.

``python hooks/runtime.py trim-stdlib OUT.zip`` writes the trimmed standard library alone (``make test-pyodide``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.runtime")

PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
"""The runtime files the browser needs; nothing else from npm is shipped."""
PYODIDE_DIR = "assets/pyodide"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """On calculator pages, start the runtime from <head> (calc-boot.js) instead of after the whole page."""
    if 'data-calculator="' not in output:
        return output
    from mkdocs.utils import get_relative_url

    src = get_relative_url("assets/calc-boot.js", page.url)
    early = f'<meta name="wdyq-calculator" content="1"><script src="{src}"></script>'
    return output.replace("</head>", f"{early}</head>", 1)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_wheel(outdir: Path) -> Path:
    """Build the pure-Python ``calculators`` wheel (no network: setuptools from the venv)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "src"
        shutil.copytree(ROOT / "calculators", work / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", work)
        shutil.copy(ROOT / "README.md", work)
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(work)],
            check=True,
            capture_output=True,
        )
    wheels = sorted(outdir.glob("calculators-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one calculators wheel in {outdir}, found {wheels}")
    return wheels[0]


def vendor_pyodide(site_dir: Path) -> Path:
    """Copy the Pyodide runtime from node_modules (pinned in package-lock.json) into the site."""
    if not (PYODIDE_SRC / "pyodide.mjs").exists():
        raise RuntimeError("node_modules/pyodide 不存在：请先运行 make setup（npm ci）")
    dest = site_dir / PYODIDE_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name == "python_stdlib.zip":
            trim_stdlib(PYODIDE_SRC / name, dest / name)
        else:
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

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            if module_of(info.filename) in wanted or info.filename.startswith("_sysconfigdata"):
                out.writestr(info, src.read(info.filename))


def register_wheel(dest: Path, wheel: Path) -> dict:
    """Add the wheel to pyodide-lock.json with ``pyodide lockfile add-wheels``; keep only what the site ships."""
    shutil.copy2(wheel, dest / wheel.name)
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
    entry = lock["packages"].get("calculators")
    if entry is None or entry["sha256"] != _sha256(dest / wheel.name):
        raise RuntimeError("pyodide-lock.json: calculators entry missing or sha256 mismatch")
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")
    return entry


def on_post_build(config: MkDocsConfig) -> None:
    dest = vendor_pyodide(Path(config["site_dir"]))
    with tempfile.TemporaryDirectory() as tmp:
        entry = register_wheel(dest, build_wheel(Path(tmp)))
    log.info("calculators wheel %s registered (sha256 %s)", entry["file_name"], entry["sha256"][:12])


if __name__ == "__main__":  # python hooks/runtime.py trim-stdlib OUT.zip (used by make test-pyodide)
    if sys.argv[1:2] == ["trim-stdlib"] and len(sys.argv) == 3:
        Path(sys.argv[2]).parent.mkdir(parents=True, exist_ok=True)
        trim_stdlib(PYODIDE_SRC / "python_stdlib.zip", Path(sys.argv[2]))
    else:
        sys.exit("usage: python hooks/runtime.py trim-stdlib OUT.zip")
