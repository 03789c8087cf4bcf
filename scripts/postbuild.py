"""The post-build step (后处理), after any engine wrote the site: ``python scripts/postbuild.py [SITE]`` (default
``site``). What it does, in order, is hooks/postbuild.py's STEPS; a failed check prints its message (Chinese and
English) and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import postbuild  # noqa: E402

from wdyq_markdown.errors import EngineError  # noqa: E402


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    try:
        postbuild.run(site)
    except EngineError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
