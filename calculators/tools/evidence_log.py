"""催收记录本 (evidence-log): a log of every collection contact, kept only in this browser — summary figures,
a summary to paste into a complaint, contacts per day, and the log itself (filter, sort, delete). The page's two
actions (添加、删除: raw page arguments in, the page-call reply's fields out) are here too; the log itself is
``calculators.evidence``.
"""

from __future__ import annotations

import json

from ..errors import InputError
from ..evidence import (
    CHANNELS,
    MAX_ENTRIES,
    TARGETS,
    THREAT_WORDS,
    LogSummary,
    date_range,
    dump_entries,
    is_night,
    load_entries,
    make_entry,
    stored,
    summary_lines,
    view,
)
from ..forms import Choice, Field, Form, LongText
from ..pagefields import Button
from ..render import collapsed, esc, notes, plain_text, scroll_table, summary, table
from .shared import ENTRIES

__all__ = ["FORM", "add", "compute", "delete", "log_figures", "render"]

FIELDS = (
    ENTRIES,
    Field("when", "时间", "", "", "精确到分钟，例如 2026-11-20 22:30 或 2026年11月20日 22:30。", optional=True),
    Choice("channel", "方式", "电话", choices=tuple((c, c) for c in CHANNELS)),
    Field("contact", "号码或名称", "", "", "来电号码、微信号；对方自称的姓名、工号和机构。", optional=True),
    Choice("target", "联系了谁", "本人", choices=tuple((t, t) for t in TARGETS)),
    LongText("said", "说了什么", "", "", "尽量写原话，尤其是威胁、辱骂、说要上门的话；也可以写你说了什么。",
             optional=True, rows=3),
    Field("files", "证据文件", "", "", "对应的录音、截图的文件名，例如 20261120_2230.m4a；文件本身另外保存。",
          optional=True),
    Button("add", "添加这条记录", "", "", "记录只保存在这台设备的浏览器里。", optional=True, call="evidence_add"),
    Choice("sort", "排序", "new", choices=(("new", "时间从新到旧"), ("old", "时间从旧到新"))),
    Choice("filter_target", "只看", "all",
           choices=(("all", "全部"), ("third", "本人以外的所有人")) + tuple((t, t) for t in TARGETS)),
    Field("filter_text", "查找", "", "", "按号码、内容或文件名查找；留空就显示全部。", optional=True),
)


def compute(v: dict):
    """催收记录本: the saved log, filtered and sorted, with its summary."""
    return view(load_entries(v["entries"]), v["sort"], v["filter_target"], v["filter_text"] or "")


def log_figures(s: LogSummary) -> list[tuple[str, str]]:
    """记录本小结的关键数字 (also shown by the compliance checker)."""
    items = [("记录总数", f"{s.total} 次")]
    if s.first is not None:
        items.append(("起止日期", date_range(s)))
    items += [("夜间（22:00–8:00）", f"{s.night} 次"), ("联系你以外的人", f"{s.third_party} 次"),
              ("提到威胁等字眼（按关键词）", f"{s.threat} 次")]
    if s.visit:
        items.append(("上门", f"{s.visit} 次"))
    if s.max_day is not None:
        items.append(("最多的一天", f"{s.max_day:%Y-%m-%d}，{s.max_per_day} 次"))
    return items



def render(result, v: dict) -> str:
    """催收记录本：小结、可复制的小结文字、每天次数和记录表（每行可删除）。"""
    s = result.summary
    if not result.total:
        return ('<div class="calc-empty"><p>还没有记录。在上面填好时间、方式、号码、联系了谁和说了什么，'
                "点“添加这条记录”。每次被催收，当天就记一条。</p>"
                "<p>记录只保存在这台设备的浏览器里，不会上传。记得定期用“导出 CSV”备份，录音和截图等原始文件另存两处。</p></div>")
    parts = [summary(log_figures(s), title="小结")]
    text = "\n".join(summary_lines(s))
    parts.append("<h3>可以复制进投诉信的小结</h3>" + plain_text(text, "催收记录小结.txt"))
    day_rows = [(f"{d.date:%Y-%m-%d}", d.total, d.night, d.third_party, d.threat) for d in reversed(s.days)]
    if day_rows:
        day_table = table(["日期", "联系次数", "夜间", "联系你以外的人", "提到威胁等字眼"], day_rows, caption="每天的次数")
        parts.append(collapsed("每天的次数", day_table, len(day_rows)))
    rows = []
    for index, e in result.rows:
        flags = []
        if e.at is not None and is_night(e.at):
            flags.append("夜间")
        if e.third_party:
            flags.append("第三人")
        words = e.threats
        if words:
            flags.append("提到：" + "、".join(words[:3]))
        if e.at is None:
            flags.append("时间不完整")
        flag_html = "".join(f'<span class="calc-flag">{esc(f)}</span>' for f in flags)
        rows.append(
            f"<tr><td>{esc(e.when)}{flag_html}</td><td>{esc(e.channel)}</td><td>{esc(e.contact)}</td>"
            f"<td>{esc(e.target)}</td><td>{esc(e.said)}</td><td>{esc(e.files)}</td>"
            f'<td><button type="button" class="md-button calc-delete" data-call="evidence_delete" '
            f'data-arg="{index}" data-confirm="删除这条记录？" aria-label="删除 {esc(e.when)} 的记录">删除</button></td></tr>')
    shown = f"显示 {len(result.rows)} 条，共 {result.total} 条" if result.filtered else f"共 {result.total} 条"
    head = "".join(f'<th scope="col">{h}</th>' for h in ("时间", "方式", "号码或名称", "联系了谁", "说了什么", "证据文件", ""))
    body = "".join(rows) if rows else '<tr><td colspan="7">没有符合条件的记录。</td></tr>'
    parts.append(scroll_table("催收记录", f"<caption>催收记录（{esc(shown)}）</caption><thead><tr>{head}</tr></thead>"
                                          f"<tbody>{body}</tbody>"))
    parts.append(notes([], (
        "夜间指 22:00 至次日 8:00：推荐性国家标准 GB/T 45251-2025 和银行业协会的自律指引都说未经同意不在这段时间催收；"
        "它们不是法律，但投诉时很有分量。",
        "“联系你以外的人”是“联系了谁”一栏不是“本人”的记录。",
        "“提到威胁等字眼”只是按字面找这些词：" + "、".join(THREAT_WORDS) + "。它可能漏掉，也可能多算，请自己核对原话。",
        "推荐性国家标准说的是每天“主动有效通话”不超过 3 次（接通的有效通话），银行业协会指引是未接通时同一号码当天尝试拨打不宜超过 6 次，"
        "所以记录时最好写明接通还是未接通。",
        "只记真实发生的事；记录和证据只交给警方、监管部门、法院或你的律师，不要发到网上。",
    )))
    return "".join(parts)


# ---------------------------------------------------------------- page actions (添加、删除)

def add(args: dict) -> dict:
    """添加这条记录: the page's new-entry fields → the updated ``entries`` JSON and cleared inputs, or field errors
    (the keyword arguments of ``web.reply``)."""
    try:
        entries = load_entries(args.get("entries", ""))
        entry = make_entry(args, strict=True)
    except InputError as exc:
        return {"errors": exc.to_dict()}
    if len(entries) >= MAX_ENTRIES:
        return {"errors": {"entries": f"催收记录：最多 {MAX_ENTRIES} 条。请先导出备份，再删掉旧的记录。"}}
    if not (entry.contact or entry.said or entry.files):
        return {"errors": {"said": "说了什么：请至少写一点内容（或填号码、证据文件名），这样以后才用得上。"}}
    entries.append(entry)
    night = "（在夜间 22:00 至次日 8:00）" if entry.at and is_night(entry.at) else ""
    return {"fields": {"entries": dump_entries(entries), "when": "", "contact": "", "said": "", "files": ""},
            "message": f"已记录 1 条{night}，现在共 {len(entries)} 条。"}


def delete(args: dict) -> dict:
    """删除一条记录: ``_arg`` is the entry's position in the saved log (the keyword arguments of ``web.reply``)."""
    try:
        entries = load_entries(args.get("entries", ""))
    except InputError as exc:
        return {"errors": exc.to_dict()}
    arg = str(args.get("_arg", "")).strip()
    if not arg.isdigit() or int(arg) >= len(entries):
        return {"errors": {"entries": "没有找到这条记录，可能已经删除了。"}}
    gone = entries.pop(int(arg))
    return {"fields": {"entries": json.dumps([stored(e) for e in entries], ensure_ascii=False)},
            "message": f"已删除 {gone.when or '一条'} 的记录，现在共 {len(entries)} 条。"}


FORM = Form("evidence-log", "催收记录本", FIELDS, compute, render)
