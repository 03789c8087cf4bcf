"""我该怎么办 (triage): a few answers → an ordered list of next steps, crisis help first.

The questions and the steps are data (``data/triage.json``): each step says under which answers it appears
(``when``) and where it goes in the order (``order``). Danger (110) and thoughts of self-harm (12356) always
come first. Links are relative to the tool page ``/tools/what-to-do/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from . import sources


@cache
def data() -> dict:
    """问题和步骤 (``data/triage.json``)."""
    return sources._read_json("triage.json")


def questions() -> list[dict]:
    return data()["questions"]


@dataclass(frozen=True)
class Step:
    """一步：标题、为什么、相关链接 [(文字, 网址)]."""

    id: str
    title: str
    why: str
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class TriageResult:
    """按顺序排好的步骤，以及是否有危机（危险或伤害自己的念头）。"""

    steps: list[Step] = field(default_factory=list)
    crisis: bool = False


def plan(answers: dict[str, str]) -> TriageResult:
    """下一步怎么做：按回答挑出步骤，危险（110）和心理危机（12356）排在最前面.

    A missing answer counts as the question's default.

    >>> [s.id for s in plan({"danger": "yes", "selfharm": "yes"}).steps][:3]
    ['call-110', 'call-12356', 'list-debts']
    """
    d = data()
    full = {q["id"]: answers.get(q["id"]) or q["default"] for q in d["questions"]}
    chosen = []
    for i, step in enumerate(d["steps"]):
        when = step.get("when", {})
        if all(full.get(q) in values for q, values in when.items()):
            links = tuple((label, url) for label, url in step.get("links", []))
            chosen.append((step["order"], i, Step(step["id"], step["title"], step["why"], links)))
    chosen.sort(key=lambda x: (x[0], x[1]))
    crisis = full.get("danger") == "yes" or full.get("selfharm") in ("yes", "sometimes")
    return TriageResult([s for _, _, s in chosen], crisis)
