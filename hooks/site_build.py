"""MkDocs build hooks for 网贷逾期应对指南.

* Markdown markers become content: ``[[src:ID|第X条]]`` citations, ``[[table:NAME]]`` tables generated from
  ``calculators/data``, ``[[calculator:ID]]`` forms with their pre-rendered worked example.
* Every page gets the shared crisis fragment and the site-wide glossary tooltips.
* After the build: the Pyodide runtime is copied from ``node_modules/pyodide`` into ``site/assets/pyodide``,
  the ``calculators`` wheel is built and registered in the site's ``pyodide-lock.json`` (with its sha256).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculators import sources  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_build")

PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
"""The runtime files the browser needs; nothing else from npm is shipped."""
PYODIDE_DIR = "assets/pyodide"

SRC_RE = re.compile(r"\[\[src:([a-z0-9-]+)(?:\|([^\]]+))?\]\]")
TABLE_RE = re.compile(r"^\[\[table:([a-z]+)\]\]\s*$", re.M)
CALC_RE = re.compile(r"^\[\[calculator:([a-z-]+)\]\]\s*$", re.M)
CALC_SLOT = '<div data-calculator-slot="{}"></div>'
CALC_SLOT_RE = re.compile(r'(?:<p>)?<div data-calculator-slot="([a-z-]+)"></div>(?:</p>)?')


class MarkerError(Exception):
    """A page uses a marker that names something that does not exist."""


def _relative(page, target: str) -> str:
    """Link from ``page`` to the source file ``target`` (both relative to docs/)."""
    here = posixpath.dirname(page.file.src_uri)
    return posixpath.relpath(target, here or ".")


def _citation(page, match: re.Match) -> str:
    source_id, article = match.group(1), match.group(2) or ""
    try:
        text = sources.cite(source_id, article)
    except KeyError as exc:
        raise MarkerError(f"{page.file.src_uri}: {exc.args[0]}") from None
    return f'[{text}]({_relative(page, "about/laws.md")}#{source_id}){{.src}}'


def _md_cell(text: str) -> str:
    return str(text).replace("|", "｜").replace("\n", " ")


def table_laws() -> str:
    """法规与文件索引, grouped by legal weight, one anchor per source id."""
    by_weight: dict[str, list[tuple[str, dict]]] = {}
    for source_id, rec in sources.laws().items():
        by_weight.setdefault(rec["weight"], []).append((source_id, rec))
    out = []
    for weight, label in sources.WEIGHT_LABELS.items():
        entries = by_weight.get(weight)
        if not entries:
            continue
        out.append(f"## {label}\n")
        for source_id, rec in sorted(entries, key=lambda e: e[1].get("effective") or e[1].get("issued") or ""):
            out.append(f"### {rec['name']} {{#{source_id}}}\n")
            facts = [
                ("发布机关", rec.get("issuer")),
                ("文号 / 编号", rec.get("number")),
                ("发布日期", rec.get("issued")),
                ("施行日期", rec.get("effective")),
                ("状态", rec.get("status")),
                ("效力层级", label),
                ("核实程度", CONFIDENCE_LABELS.get(rec.get("confidence"), rec.get("confidence"))),
                ("官方链接", f"<{rec['url']}>" if rec.get("url") else ""),
                ("说明", rec.get("note")),
            ]
            out.extend(f"- **{k}**：{v}" for k, v in facts if v)
            out.append("")
    return "\n".join(out)


CONFIDENCE_LABELS = {
    "verified-primary": "已核对官方文本",
    "verified-secondary": "未见原件，多个可靠转载一致",
    "partly-unverified": "部分内容未能核实（见说明）",
}


def table_channels() -> str:
    """投诉与求助渠道 table."""
    rows = ["| 渠道 | 联系方式 | 适用情形 | 说明 |", "|---|---|---|---|"]
    for ch in sources.channels():
        rows.append(
            f"| **{_md_cell(ch['name'])}** | {_md_cell(ch.get('contact', ''))} | {_md_cell(ch.get('for', ''))} "
            f"| {_md_cell(ch.get('notes', ''))} |"
        )
    return "\n".join(rows) + "\n"


def table_lpr() -> str:
    """贷款市场报价利率 (LPR) history from calculators/data/lpr.csv."""
    path = ROOT / "calculators" / "data" / "lpr.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        records = [r for r in csv.DictReader(fh) if r.get("date") and not r["date"].startswith("#")]
    rows = ["| 生效日期 | 一年期 LPR | 五年期以上 LPR | 4 倍一年期 LPR |", "|---|---|---|---|"]
    for r in records:
        y, m, d = r["date"].split("-")
        one = r["one_year"].rstrip("%")
        four = f"{4 * Decimal(one):.2f}" if one else ""
        rows.append(f"| {int(y)}年{int(m)}月{int(d)}日 | {one}% | {r['five_year'].rstrip('%')}% | {four}% |")
    checked = max((r.get("checked", "") for r in records), default="")
    note = f"\n数据文件 `calculators/data/lpr.csv`，最后核对：{checked}。\n" if checked else "\n"
    return "\n".join(rows) + "\n" + note


def table_glossary() -> str:
    """术语表."""
    rows = ["| 术语 | 解释 |", "|---|---|"]
    rows += [f"| **{_md_cell(t)}** | {_md_cell(d)} |" for t, d in sorted(sources.glossary().items())]
    return "\n".join(rows) + "\n"


TABLES = {"laws": table_laws, "channels": table_channels, "lpr": table_lpr, "glossary": table_glossary}


def _table(page, match: re.Match) -> str:
    name = match.group(1)
    if name not in TABLES:
        raise MarkerError(f"{page.file.src_uri}: 未知的表格 [[table:{name}]]")
    return TABLES[name]()


def _abbreviations() -> str:
    return "\n".join(f"*[{term}]: {definition}" for term, definition in sources.glossary().items())


def on_config(config):
    """Chinese search: the glossary terms become whole words for jieba, so “停息挂账” is found as typed."""
    try:
        import jieba
    except ImportError:
        raise RuntimeError("缺少 jieba：没有它，中文搜索什么也找不到（make setup 会安装）") from None
    for term in sources.glossary():
        jieba.add_word(term)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown = SRC_RE.sub(lambda m: _citation(page, m), markdown)
    markdown = TABLE_RE.sub(lambda m: _table(page, m), markdown)
    markdown = CALC_RE.sub(lambda m: CALC_SLOT.format(m.group(1)), markdown)
    return f"{markdown.rstrip()}\n\n{{!crisis.md!}}\n\n{_abbreviations()}\n"


def on_page_content(html: str, page, config, files) -> str:
    """Swap calculator slots for the form and the worked example rendered by ``calculators.web``."""
    if "data-calculator-slot" not in html:
        return html
    from calculators import web

    def render(match: re.Match) -> str:
        calc_id = match.group(1)
        if calc_id not in web.CALCULATORS:
            raise MarkerError(f"{page.file.src_uri}: 未知的计算器 [[calculator:{calc_id}]]")
        return web.render_calculator(calc_id)

    return CALC_SLOT_RE.sub(render, html)


def on_post_page(output: str, page, config) -> str:
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


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt"}
COMPRESS_CACHE = ROOT / ".cache" / "compressed"


def _compressed(data: bytes, kind: str) -> bytes:
    """gzip -9 or brotli (quality 11, 9 above 2 MB to keep builds fast), cached by content hash."""
    import gzip

    import brotli

    key = COMPRESS_CACHE / f"{hashlib.sha256(data).hexdigest()}.{kind}"
    if key.exists():
        return key.read_bytes()
    if kind == "gz":
        out = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        out = brotli.compress(data, quality=11 if len(data) <= 2_000_000 else 9)
    COMPRESS_CACHE.mkdir(parents=True, exist_ok=True)
    key.write_bytes(out)
    return out


def precompress(site_dir: Path) -> None:
    """Write .gz and .br beside every compressible file, for hosts that serve precompressed assets."""
    for path in site_dir.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size > 1024:
            data = path.read_bytes()
            for kind in ("gz", "br"):
                out = _compressed(data, kind)
                if len(out) < len(data):
                    path.with_name(f"{path.name}.{kind}").write_bytes(out)


LUNR_KEEP = {"lunr.stemmer.support.min.js", "lunr.zh.min.js", "lunr.multi.min.js"}


def prune_theme_assets(site_dir: Path) -> None:
    """Drop theme files this Chinese site never loads: other languages' search stemmers, source maps."""
    js = site_dir / "assets" / "javascripts"
    for path in list((js / "lunr").rglob("*.js")):
        if path.name not in LUNR_KEEP:
            path.unlink()
    for path in js.rglob("*.map"):
        path.unlink()


def on_post_build(config) -> None:
    site_dir = Path(config["site_dir"])
    prune_theme_assets(site_dir)
    dest = vendor_pyodide(site_dir)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        entry = register_wheel(dest, wheel)
    log.info("calculators wheel %s registered (sha256 %s)", entry["file_name"], entry["sha256"][:12])
    log.info("service worker version %s", write_service_worker(site_dir))
    precompress(site_dir)


if __name__ == "__main__":  # python hooks/site_build.py trim-stdlib OUT.zip (used by make test-pyodide)
    if sys.argv[1:2] == ["trim-stdlib"] and len(sys.argv) == 3:
        Path(sys.argv[2]).parent.mkdir(parents=True, exist_ok=True)
        trim_stdlib(PYODIDE_SRC / "python_stdlib.zip", Path(sys.argv[2]))
    else:
        sys.exit("usage: python hooks/site_build.py trim-stdlib OUT.zip")
