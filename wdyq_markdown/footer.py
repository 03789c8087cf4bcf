"""What every page's text ends with: its 最后核实 line, derived from what it cites (the crisis box, 12356 / 110,
follows it on every page from the theme: overrides/partials/crisis.html).

* A page that cites sources (``[[src:…]]``, ``[[channels:…]]``, the laws or channels table) or uses LPR data (the
  LPR table, calculators that compare with 4 倍 LPR) ends with 「本页引用的来源最后核实于 …」: the oldest date
  among them (``checked`` in ``laws.json``, ``verified_through`` in ``lpr_meta.json``).
* A page with none ends with 「本页内容更新于 …」: the date of the page's last git commit, or the build date
  when git has none (a new, uncommitted page or a copy without ``.git``).
* A hand-written 最后核实 line fails the build; a sentence that hard-codes "now" (「现在（2026年11月）」) is a
  content error; sources checked more than six months before the build date
  give one warning line for the whole build.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
from pathlib import Path

from calculators import lpr, sources

from .errors import ContentError, warn
from .markers import MARKER_RE
from .tables import zh_date

__all__ = ["check_page", "footer_block", "footer_line", "git_dates", "now_sentences", "page_dates", "stale_sources",
           "warn_stale", "with_includes"]

ROOT = Path(__file__).resolve().parent.parent
LPR_CALCULATORS = {"overdue", "inventory", "respond"}
"""Calculators whose results compare with 4 倍 LPR (``calculators.caps``), so they depend on the LPR data."""
STALE_AFTER = datetime.timedelta(days=183)
"""六个月: a source last checked longer ago than this before the build date is reported as stale."""
HANDWRITTEN = re.compile(r"^\s*最后核实[:：]", re.M)
NOW = re.compile(r"(现在|目前|如今|当前|眼下|截至目前|时至今日)\s*[（(]\s*20\d\d\s*年(\s*\d{1,2}\s*月)?[^）)]*[）)]")
"""A sentence that says "now" with a date in it ages every month: say what was true on which date instead."""


def page_dates(markdown: str) -> list[str]:
    """ISO dates of everything the page cites: its sources, its channels' sources, the LPR data it shows."""
    dates = []
    for m in MARKER_RE.finditer(markdown):
        kind, arg = m.group(1), m.group(2)
        if kind == "src" and arg in sources.laws():
            dates.append(sources.checked(arg))
        elif kind == "channels" or (kind, arg) == ("table", "channels"):
            wanted = {i.strip() for i in arg.split(",")} if kind == "channels" else None
            for ch in sources.channels():
                if wanted is None or ch["id"] in wanted:
                    dates += [sources.checked(s) for s in ch.get("source_ids", [])]
        elif (kind, arg) == ("table", "laws"):
            dates += [sources.checked(s) for s in sources.laws()]
        elif (kind, arg) == ("table", "lpr") or (kind == "calculator" and arg in LPR_CALCULATORS):
            dates.append(lpr.verified_through().isoformat())
    return dates


def footer_line(dates: list[str], updated: str) -> str:
    """The page's last line: the oldest cited check date, or when the page was last updated."""
    if dates:
        return f"本页引用的来源最后核实于 {zh_date(min(dates))}。"
    return f"本页内容更新于 {zh_date(updated)}。"


def now_sentences(markdown: str) -> list[str]:
    """Lines that hard-code "now" with a date (「现在（2026年11月）还能用吗」)."""
    return [ln.strip() for ln in markdown.splitlines() if NOW.search(ln)]


@functools.cache
def git_dates(root: Path = ROOT) -> dict[str, str]:
    """docs/ path → ISO date of its last commit (one ``git log`` for the whole site, once per process; {} without
    git)."""
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "docs"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\0")[1:]:
        day, *names = block.strip().splitlines()
        for name in names:
            dates.setdefault(name.strip(), day)
    return dates


def check_page(markdown: str, page: str) -> None:
    """The content rules of the page's own text: no hand-written 最后核实 line, no sentence that hard-codes "now"."""
    if HANDWRITTEN.search(markdown):
        raise ContentError(f"{page}: 手写的“最后核实”行要删掉：页尾日期由构建根据本页引用的来源生成")
    for line in now_sentences(markdown):
        raise ContentError(f"{page}: 句子把“现在”写死成某个日期，过一个月就不对了：“{line}”")


def footer_block(markdown: str, page: str, today: datetime.date | None = None) -> str:
    """The Markdown appended to the page: its footer line, as a paragraph of class ``page-checked``."""
    today = today or datetime.date.today()
    updated = git_dates().get(f"docs/{page}") or today.isoformat()
    return f"{footer_line(page_dates(markdown), updated)}\n{{: .page-checked }}\n"


def stale_sources(pages: dict[str, str], today: datetime.date | None = None) -> str | None:
    """The one build warning for sources checked more than six months before ``today`` (None when there are none);
    ``pages`` maps a page's path to its Markdown."""
    today = today or datetime.date.today()
    stale = {}
    for page, markdown in pages.items():
        old = [d for d in page_dates(markdown) if datetime.date.fromisoformat(d) < today - STALE_AFTER]
        if old:
            stale[page] = min(old)
    if not stale:
        return None
    return (f"{len(stale)} 个页面引用的来源最后核实已超过六个月（最早 {zh_date(min(stale.values()))}，"
            f"构建日 {zh_date(today.isoformat())}）：请重新核实并更新 laws.json 的 checked 日期")


INCLUDE = re.compile(r"\{!\s*(.+?)\s*!\}")
"""markdown-include's syntax, ``{!name.md!}`` (base path ``includes/``)."""


def with_includes(markdown: str, includes: Path = ROOT / "includes") -> str:
    """The page's text with its shared fragments in place, as markdown-include puts them (one level)."""
    return INCLUDE.sub(lambda m: (includes / m.group(1)).read_text(encoding="utf-8").strip(), markdown)


def warn_stale(docs: Path, today: datetime.date | None = None) -> str | None:
    """Print :func:`stale_sources` for every page under ``docs`` (once per build, from the post-build step)."""
    message = stale_sources({p.relative_to(docs).as_posix(): with_includes(p.read_text(encoding="utf-8"))
                             for p in sorted(docs.rglob("*.md"))}, today)
    if message:
        warn(message)
    return message
