"""后处理 (the one post-build step): what no Markdown extension or template can do, on the written ``site/``.

``python scripts/postbuild.py SITE`` runs it after any engine; every ``make`` target that builds does. Under
MkDocs / ProperDocs this file is also a hook that runs it at the end of ``build`` (``on_post_build``, last of all:
after the search plugin wrote its index), so that a bare ``properdocs build`` writes a complete site too; make sets
``WDYQ_POSTBUILD=separate`` and runs it once, itself. Running it twice gives the same site.

The steps, in this order (:data:`STEPS`; each reads what the ones before wrote):

1. ``pins``: the Pyodide pins agree with the installed Pyodide (``upgrade.check_pins``).
2. ``runtime``: Pyodide vendored into ``assets/pyodide`` with the trimmed standard library and the wheel, both
   precompiled, the wheel registered in ``pyodide-lock.json`` (``runtime.py``).
3. ``boot``: calculator pages start the runtime from ``<head>`` and hold Material's script (``runtime.py``).
4. ``search``: the search aliases added to the search index (``search.py``).
5. ``prune``: theme files the site never loads removed (``offline.py``).
6. ``transfer``: the runtime files' sizes as downloaded (plain, .br, .gz) written into ``pyodide-lock.json``, for the
   first visit's progress in bytes (``offline.py``).
7. ``self-check``: the shipped runtime started under Node as a reader's worker starts it (``upgrade.self_check``).
8. ``service-worker``: ``sw.js`` precaching every page and asset as they now are (``offline.py``).
9. ``compress``: ``.gz`` / ``.br`` beside every compressible file, the search index and ``sw.js`` included
   (``offline.py``): last, so no compressed copy is older than its file.
10. ``stale``: one warning line when cited sources were last checked more than six months ago.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the step's modules sit beside it (as a hook, MkDocs puts them on the path itself)
    sys.path.insert(0, str(HERE))

import offline  # noqa: E402
import runtime  # noqa: E402
import search  # noqa: E402
import upgrade  # noqa: E402

from wdyq_markdown import footer  # noqa: E402

log = logging.getLogger("mkdocs.hooks.postbuild")
ROOT = HERE.parent


def _runtime(site: Path) -> None:
    dest = runtime.vendor_pyodide(site)
    entry = runtime.register_wheel(dest, runtime.shipped_runtime(dest / "python_stdlib.zip", dest))
    log.info("calculators wheel %s registered (sha256 %s)", entry["file_name"], entry["sha256"][:12])


STEPS = [
    ("pins", lambda site: upgrade.check_pins()),
    ("runtime", _runtime),
    ("boot", runtime.boot_early),
    ("search", search.add_aliases_to_site),
    ("prune", offline.prune_theme_assets),
    ("transfer", lambda site: log.info("a first visit downloads %d KB of runtime", sum(
        s.get("br", s["size"]) for s in offline.note_transfer_sizes(site).values()) // 1024)),
    ("self-check", upgrade.self_check),
    ("service-worker", lambda site: log.info("service worker version %s", offline.write_service_worker(site))),
    ("compress", offline.precompress),
    ("stale", lambda site: footer.warn_stale(ROOT / "docs")),
]
"""The post-build steps, in order: (name, function of the site folder)."""


def run(site: Path) -> None:
    """Every step of :data:`STEPS` on the built site folder ``site``."""
    if not (site / "index.html").exists():
        raise SystemExit(f"{site} 里没有构建好的网站（index.html） / no built site in {site}")
    for _name, step in STEPS:
        step(site)


try:  # as a hook: last of all on_post_build events (the search plugin writes its index at the default, 0)
    from mkdocs.plugins import event_priority
except ImportError:  # pragma: no cover - the step also runs without MkDocs
    def event_priority(priority):
        return lambda f: f


@event_priority(-100)
def on_post_build(config) -> None:
    if os.environ.get("WDYQ_POSTBUILD") != "separate":
        run(Path(config["site_dir"]))
