"""Offline and small (离线与压缩): the service worker that precaches every page and site asset (the runtime is
cached on first use), precompressed ``.gz``/``.br`` beside every compressible file, and no theme files the site
never loads. Steps of the post-build (``postbuild.py``), after the runtime (``runtime.py``) and the search aliases
(``search.py``), because they hash and compress what those wrote.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = "assets/pyodide"
log = logging.getLogger("mkdocs.hooks.offline")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _url_of(path: Path, site_dir: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def write_service_worker(site_dir: Path) -> str:
    """site/sw.js from hooks/sw.js: precache every page and site asset; the runtime is cached on first use."""
    runtime = site_dir / PYODIDE_DIR
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")
                   and runtime not in p.parents and p.name != "sw.js")
    precache = [_url_of(p, site_dir) for p in files]
    digest = hashlib.sha256()
    for p in files:
        digest.update(p.relative_to(site_dir).as_posix().encode() + p.read_bytes())
    runtime_digest = hashlib.sha256(b"".join(_sha256(p).encode() for p in sorted(runtime.iterdir())))
    version = digest.hexdigest()[:12]
    template = (ROOT / "hooks" / "sw.js").read_text(encoding="utf-8")
    text = (template.replace("__VERSION__", version).replace("__RUNTIME_VERSION__", runtime_digest.hexdigest()[:12])
            .replace("__PRECACHE__", json.dumps(precache, ensure_ascii=False))
            .replace("__RUNTIME_FILES__", json.dumps(sorted(_url_of(p, site_dir) for p in runtime.iterdir()
                                                            if p.suffix not in (".gz", ".br")))))
    (site_dir / "sw.js").write_text(text, encoding="utf-8")
    return version


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt", ".zip", ".whl"}
"""The standard library and the wheel are stored zips (hooks/pyc.mjs): brotli over the whole file beats zip's."""
COMPRESS_CACHE = ROOT / ".cache" / "compressed"


BROTLI_QUALITY = 11
"""Brotli's best for every file, the 9.6 MB wasm included: 2.74 MB instead of 3.11 MB at quality 9 (12 % less of
a first visit's largest download). It costs a few minutes of one core once per Pyodide release and machine (the
result is cached below), never on a reader's device: decoding is as fast either way."""


def compressed(data: bytes, kind: str, brotli_quality: int = BROTLI_QUALITY) -> bytes:
    """gzip -9 or brotli (BROTLI_QUALITY unless told: bench/pages.py keeps its yardstick's own), cached by content
    hash and setting."""
    import gzip

    import brotli

    setting = "gz9" if kind == "gz" else f"br{brotli_quality}"
    key = COMPRESS_CACHE / f"{hashlib.sha256(data).hexdigest()}.{setting}"
    if key.exists():
        return key.read_bytes()
    if kind == "gz":
        out = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        out = brotli.compress(data, quality=brotli_quality)
    COMPRESS_CACHE.mkdir(parents=True, exist_ok=True)
    key.write_bytes(out)
    return out


def precompress(site_dir: Path) -> None:
    """Write .gz and .br beside every compressible file, for hosts that serve precompressed assets."""
    for path in site_dir.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size > 1024:
            data = path.read_bytes()
            for kind in ("gz", "br"):
                out = compressed(data, kind)
                if len(out) < len(data):
                    path.with_name(f"{path.name}.{kind}").write_bytes(out)


RUNTIME_DOWNLOADS = ("pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
"""What a normal start downloads once the calculators' worker runs (with the calculators wheel): the files whose
bytes the page's progress bar counts (docs/assets/calc-download.js). The worker's own modules and pyodide.mjs are
loaded before it can count anything; the lock file is a few hundred bytes."""


def note_transfer_sizes(site_dir: Path) -> dict:
    """Write pyodide-lock.json's ``tool.wdyq.transfer``: for each of RUNTIME_DOWNLOADS and the wheel, its size and
    the sizes of the .br and .gz copies precompress() writes (the same cached bytes), so that the page can show a
    first visit's download in bytes against a total known before the first byte arrives."""
    runtime = site_dir / PYODIDE_DIR
    lock_path = runtime / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    table = {}
    for name in (*RUNTIME_DOWNLOADS, lock["packages"]["calculators"]["file_name"]):
        data = (runtime / name).read_bytes()
        sizes = {"size": len(data)}
        for kind in ("br", "gz"):
            out = compressed(data, kind)
            if len(out) < len(data):
                sizes[kind] = len(out)
        table[name] = sizes
    lock.setdefault("tool", {}).setdefault("wdyq", {})["transfer"] = table
    lock_path.write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")
    return table


LUNR_KEEP = {"lunr.stemmer.support.min.js", "lunr.zh.min.js", "lunr.multi.min.js"}


def prune_theme_assets(site_dir: Path) -> None:
    """Drop theme files this Chinese site never loads: other languages' search stemmers, source maps."""
    js = site_dir / "assets" / "javascripts"
    for path in list((js / "lunr").rglob("*.js")):
        if path.name not in LUNR_KEEP:
            path.unlink()
    for path in (site_dir / "assets").rglob("*.map"):  # the scripts' and the stylesheets' (the service worker
        path.unlink()                                      # would precache them for every reader)
