"""Build the site with no MkDocs plugin event of ours (无钩子构建) and compare it with site/ (issue 21).

``python scripts/build_hookless.py [OUT]`` (default ``build/site-hookless``): mkdocs.yml without its ``hooks:``
list, built by the engine, then the post-build step (scripts/postbuild.py), then scripts/compare_sites.py against
``site/`` (build that first: ``make build``). What is left to the hooks is then only what the comparison shows.
Exit code: compare_sites.py's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def hookless_config(text: str) -> str:
    """mkdocs.yml's text without the ``hooks:`` list (the key and its indented items)."""
    out, dropped = re.subn(r"^hooks:\n(?:[ \t]+-[^\n]*\n)+", "", text, flags=re.M)
    if dropped != 1:
        raise SystemExit("mkdocs.yml: no hooks: list found to leave out")
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "site-hookless"
    config = ROOT / "build" / "mkdocs-hookless.yml"
    config.parent.mkdir(exist_ok=True)
    text = hookless_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # the config sits in build/: its relative paths are re-anchored at the repository
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}").replace(
        "base_path: includes", f"base_path: {ROOT / 'includes'}")
    config.write_text(text, encoding="utf-8")
    engine = Path(sys.executable).with_name("properdocs")
    env = {**os.environ, "WDYQ_POSTBUILD": "separate"}
    subprocess.run([str(engine), "build", "--strict", "--quiet", "-f", str(config), "-d", str(out)], check=True,
                   cwd=ROOT, env=env)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(out)], check=True, cwd=ROOT)
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "compare_sites.py"), str(ROOT / "site"), str(out)],
                          cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
