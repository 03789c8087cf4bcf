"""催收合规自查 (checker): for each thing a collector did, the rules it runs into (with their legal weight), the
evidence to keep and whom to turn to, in order of severity.
"""

from __future__ import annotations

from ..collection import check, items, lenders
from ..evidence import load_entries, summarise
from ..forms import Checks, Choice, Form
from ..render import esc, notes, summary
from .evidence_log import log_figures
from .shared import ENTRIES

__all__ = ["COMPLAINTS_URL", "FORM", "compute", "render"]

FIELDS = (
    Checks("happened", "你遇到过哪些情况", "night,third_party,threats", "",
           "勾选遇到过的情况，可以多选。下面按严重程度列出每一项碰到的规则、该留的证据和去找谁。",
           choices=tuple((k, item["label"]) for k, item in items().items()), optional=True),
    Choice("lender", "借钱给你的是谁", "unknown", "",
           "看借款合同上的“贷款人”；有些规则只约束银行等机构，选对了结果更准。", choices=lenders()),
    ENTRIES,
)
COMPLAINTS_URL = "../../rights/complaints/"
"""The complaint-channels page, relative to a tool page (/tools/ID/); every channel id is an anchor there."""


def compute(v: dict):
    """催收合规自查: the ticked situations checked against the rules, with the saved log's figures if any."""
    log = summarise(load_entries(v["entries"])) if v["entries"] else None
    return check(v["happened"] or (), v["lender"], log)


WEIGHT_NOTES = (
    "法律（民法典、个人信息保护法、治安管理处罚法、刑法）对所有人都有约束力；违反的，可能被公安处罚、被追究刑事责任或被起诉赔偿。",
    "部门规章约束被监管的机构，监管部门可以据此查处。",
    "推荐性国家标准（GB/T 45251-2025）不是法律，违反它本身不等于“违法”，但投诉时很有说服力。",
    "行业自律文件约束协会会员，协会不能罚款；投诉时同样可以引用。写投诉时，对标准和自律文件说“不符合……的要求”比说“违法”更准确。",
)


def render(r, v: dict) -> str:
    """催收合规自查：按严重程度列出勾选的每一项碰到的规则（连同效力层级）、该留的证据、去找谁。"""
    if not r.findings:
        return ('<p class="calc-empty">在上面勾选你遇到过的情况，这里会按严重程度列出每一项碰到的规则、'
                "这条规则有多大分量、该留什么证据、去找谁。</p>")
    urgent = [f for f in r.findings if f.channels and f.channels[0].id == "110"]
    head = summary([("勾选的情况", f"{len(r.findings)} 项"),
                    ("建议先打 110 的", f"{len(urgent)} 项" if urgent else "没有")], title="自查结果")
    if r.log is not None:
        head += summary(log_figures(r.log), title="你的催收记录本")
    parts = [head]
    for f in r.findings:
        rules = "".join(
            f'<li><strong>{esc(rule.citation)}</strong>：{esc(rule.says)}'
            + (f'<span class="calc-scope">（适用范围：{esc(rule.scope)}）</span>' if rule.scope else "") + "</li>"
            for rule in f.rules)
        skipped = (f'<p class="calc-skipped">另有 {f.skipped} 条规则只约束其他类型的放贷方，这里没有列出；'
                   "不确定放贷方是谁，可以选“不清楚是谁”查看全部。</p>") if f.skipped else ""
        channels = "".join(
            f'<li><a href="{COMPLAINTS_URL}#{esc(c.id)}">{esc(c.name)}</a>'
            + (f"（{esc(c.when)}）" if c.when else "") + "</li>" for c in f.channels)
        log = f'<p class="calc-log-support">{esc(f.log_support)}</p>' if f.log_support else ""
        note = f'<p class="calc-note">{esc(f.note)}</p>' if f.note else ""
        parts.append(
            f'<section class="calc-finding" data-severity="{f.severity}"><h3>{esc(f.label)}</h3>'
            f'<p class="calc-badge">{esc(f.severity_label)}</p>'
            f"<h4>碰到的规则</h4><ul>{rules}</ul>{skipped}{note}{log}"
            f"<h4>要留的证据</h4><ul>{''.join(f'<li>{esc(e)}</li>' for e in f.evidence)}</ul>"
            f"<h4>去找谁（按顺序）</h4><ol>{channels}</ol></section>")
    parts.append(notes(
        ["只写真实发生的事。虚假或夸大的投诉会削弱你的可信度；“代理维权”机构教人编造“暴力催收”的做法，监管部门专门提醒过。",
         "这是对照检查，不是法律意见；是否违法、怎样处理，由公安机关、监管部门或法院认定。"],
        WEIGHT_NOTES))
    return "".join(parts)



FORM = Form("checker", "催收合规自查", FIELDS, compute, render)
