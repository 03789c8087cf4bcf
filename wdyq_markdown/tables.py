"""Tables and lists generated from ``calculators/data`` through the domain loaders (never by re-reading a file).

Used by the ``[[table:NAME]]`` and ``[[channels:…]]`` markers (``markers.py``); pure functions returning Markdown.
"""

from __future__ import annotations

from calculators import lpr, sources


def md_cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "｜").replace("\n", " ")


def zh_date(iso: str) -> str:
    """2026-02-28 → 2026年2月28日."""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def research_cutoff() -> str:
    """研究截止日: the latest date any source in the laws index was checked (ISO)."""
    return max(sources.checked(i) for i in sources.laws())


def cutoff_sentence() -> str:
    """How far the laws index was checked: one date if every source was checked on it, else the span."""
    dates = {sources.checked(i) for i in sources.laws()}
    first, last = min(dates), max(dates)
    if first == last:
        return f"本索引的资料核实截至 **{zh_date(last)}**（研究截止日），此后的修订、废止和新文件没有收录；"
    return (f"本索引各条目的最后核实日期写在条目里，从 **{zh_date(first)}** 到 **{zh_date(last)}** 不等；"
            "一个文件在它的核实日期以后的修订、废止，以及以后的新文件，这里可能没有收录；")


def table_laws() -> str:
    """法规与文件索引, grouped by legal weight, one anchor per source id, with the research cut-off."""
    by_weight: dict[str, list[tuple[str, dict]]] = {}
    for source_id, rec in sources.laws().items():
        by_weight.setdefault(rec["weight"], []).append((source_id, rec))
    out = [f"{cutoff_sentence()}每个来源的核实程度写在它的条目里。\n"]
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
                ("核实程度", sources.CONFIDENCE_LABELS.get(rec.get("confidence"), rec.get("confidence"))),
                ("最后核实", zh_date(rec["checked"])),
                ("官方链接", f"<{rec['url']}>" if rec.get("url") else ""),
                ("说明", rec.get("note")),
            ]
            out.extend(f"- **{k}**：{v}" for k, v in facts if v)
            out.append("")
    return "\n".join(out)


def table_channels() -> str:
    """投诉与求助渠道 table."""
    rows = ["| 渠道 | 联系方式 | 适用情形 | 说明 |", "|---|---|---|---|"]
    for ch in sources.channels():
        rows.append(
            f"| **{md_cell(ch['name'])}** | {md_cell(ch.get('contact', ''))} | {md_cell(ch.get('for', ''))} "
            f"| {md_cell(ch.get('notes', ''))} |"
        )
    return "\n".join(rows) + "\n"


def channel_list(ids: list[str], complaints: str) -> str:
    """找谁: the named channels (name, contact, what it is for), each linking to its section of ``complaints``.

    Raises ``KeyError`` naming an unknown channel id.
    """
    known = {ch["id"]: ch for ch in sources.channels()}
    unknown = [i for i in ids if i not in known]
    if unknown or not ids:
        raise KeyError(f"未知的渠道编号：{'、'.join(unknown) or '（空）'}（可用：{'、'.join(known)}）")
    items = []
    for ch in (known[i] for i in ids):
        contact = f"（{ch['contact']}）" if ch.get("contact") and ch["contact"] not in ch["name"] else ""
        items.append(f"- **[{ch['name']}]({complaints}#{ch['id']})**{contact}：{ch.get('for', '')}")
    return '<div class="channels" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"


def table_lpr() -> str:
    """贷款市场报价利率 (LPR) history, from ``calculators.lpr.lpr_changes()``."""
    rows = ["| 生效日期 | 一年期 LPR | 五年期以上 LPR | 4 倍一年期 LPR |", "|---|---|---|---|"]
    for q in lpr.lpr_changes():
        rows.append(f"| {q.date.year}年{q.date.month}月{q.date.day}日 | {q.one_year * 100:.2f}% "
                    f"| {q.five_year * 100:.2f}% | {4 * q.one_year * 100:.2f}% |")
    through = lpr.verified_through().isoformat()
    return "\n".join(rows) + f"\n\n数据文件 `calculators/data/lpr.csv`，用可靠来源核实到 {zh_date(through)}。\n"


def table_glossary() -> str:
    """术语表."""
    rows = ["| 术语 | 解释 |", "|---|---|"]
    rows += [f"| **{md_cell(t)}** | {md_cell(d)} |" for t, d in sorted(sources.glossary().items())]
    return "\n".join(rows) + "\n"


TABLES = {"laws": table_laws, "channels": table_channels, "lpr": table_lpr, "glossary": table_glossary}
"""``[[table:NAME]]`` → the function that writes it."""
