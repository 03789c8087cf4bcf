"""我该怎么办 (what-to-do): a few questions → the next steps in order, each with its reason and links."""

from __future__ import annotations

from ..forms import Choice, Form
from ..render import esc
from ..triage import TriageResult, plan, questions

__all__ = ["FORM", "compute", "render"]

FIELDS = tuple(Choice(q["id"], q["label"], q["default"], "", q["help"],
                      choices=tuple((k, label) for k, label in q["choices"])) for q in questions())


def compute(v: dict) -> TriageResult:
    """分流: the answers → the ordered steps."""
    return plan(v)


def render(r: TriageResult, v: dict) -> str:
    """我该怎么办：按顺序排好的步骤，每一步有原因和链接。"""
    head = ""
    if r.crisis:
        head = ('<div class="admonition danger"><p class="admonition-title">先顾好你自己</p>'
                "<p>有危险打 110，有伤害自己的念头打 12356；有人受伤打 120。下面第一步就是它们。</p></div>")
    items = []
    for step in r.steps:
        links = " · ".join(f'<a href="{esc(url)}">{esc(label)}</a>' for label, url in step.links)
        items.append(f'<li class="calc-step" data-step="{esc(step.id)}"><h3>{esc(step.title)}</h3><p>{esc(step.why)}</p>'
                     + (f'<p class="calc-links">{links}</p>' if links else "") + "</li>")
    return (head + f'<p class="calc-note">按你的回答，共 {len(r.steps)} 步。不必今天全部做完，先做第一步就好。</p>'
            f'<ol class="calc-steps">{"".join(items)}</ol>')


FORM = Form("what-to-do", "我该怎么办", FIELDS, compute, render)
