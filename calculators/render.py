"""Shared HTML pieces (结果展示的公共部件): escaping, summaries, tables, notes, SVG charts, the calculator block.

Used at build time for the pre-rendered worked example and in the browser for live results, so both show the
same thing. Everything a person typed is escaped here; each tool (:mod:`calculators.tools`) builds its result
from these pieces, and no other layer builds result HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from .money import format_money
from .rates import format_percent

__all__ = ["LONG_TABLE", "Cell", "calculator_block", "collapsed", "details", "error_box", "esc", "line_chart",
           "money", "notes", "pct", "plain_list", "plain_text", "scroll_table", "signed", "summary", "table"]

Cell = str | Decimal | int | None


def esc(value: object) -> str:
    """转义: Escape any value for HTML text or attribute use."""
    return escape("" if value is None else str(value), quote=True)


def money(x: Decimal | None) -> str:
    """金额: ¥12,000.00 (or — when there is no value)."""
    return "—" if x is None else f"¥{format_money(x)}"


def summary(items: Iterable[tuple[str, str]], *, title: str = "") -> str:
    """关键数字: Key figures as a definition list (dl), readable on a phone."""
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items)
    head = f"<h3>{esc(title)}</h3>" if title else ""
    return f'{head}<dl class="calc-summary">{rows}</dl>'


def table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, caption: str = "", numeric_from: int = 1) -> str:
    """表格: A scrollable table; columns from ``numeric_from`` on are right-aligned numbers."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            cls = ' class="num"' if i >= numeric_from else ""
            cells.append(f"<td{cls}>{esc(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return scroll_table(caption or headers[0], f"{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>")


def scroll_table(label: str, inner_html: str) -> str:
    """可左右滚动的表格: the table inside one keyboard-focusable scroll region labelled ``label``.

    The table carries a class: Material for MkDocs wraps only ``table:not([class])`` in its own scroll boxes, so a
    result table stays exactly as Python rendered it (one scroll region, the same HTML as in CPython) whenever
    Material's script starts."""
    return (f'<div class="calc-table" tabindex="0" role="region" aria-label="{esc(label)}">'
            f'<table class="calc-grid">{inner_html}</table></div>')


def notes(warnings: Iterable[str] = (), conventions: Iterable[str] = ()) -> str:
    """Warnings (提醒) and the conventions the numbers follow (计算口径)."""
    out = []
    warnings = list(warnings)
    if warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
        out.append(f'<div class="admonition warning"><p class="admonition-title">提醒</p><ul>{items}</ul></div>')
    conventions = list(conventions)
    if conventions:
        items = "".join(f"<li>{esc(c)}</li>" for c in conventions)
        out.append(f'<details class="note calc-conventions"><summary>计算口径</summary><ul>{items}</ul></details>')
    return "".join(out)


def error_box(errors: dict[str, str]) -> str:
    """输入错误汇总: A summary of input errors; the messages also appear next to their fields."""
    items = "".join(f"<li>{esc(msg)}</li>" for msg in errors.values())
    return (f'<div class="admonition failure calc-errors" role="alert"><p class="admonition-title">请检查输入</p>'
            f"<ul>{items}</ul></div>")


def line_chart(series: Sequence[tuple[str, Sequence[Decimal]]], *, title: str, x_label: str = "月",
               x_labels: Sequence[str] | None = None, width: int = 640, height: int = 240) -> str:
    """余额走势图: a responsive SVG line chart with its axis labels as HTML beside it, so they stay legible on a
    phone (the SVG stretches; the text does not): amounts on the y axis (¥0, half, the highest) and the first,
    middle and last period on the x axis (``x_labels``: one name per period, e.g. 2027年1月; else 第N月).

    Each series is (name, values by period). The caller also shows the numbers as a table.
    """
    series = [(name, list(values)) for name, values in series if values]
    if not series:
        return ""
    longest = max(len(v) for _, v in series)
    top = max((max(v) for _, v in series), default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    pad = 4
    w, h = width - 2 * pad, height - 2 * pad

    def point(i: int, v: Decimal) -> str:
        x = pad + (w * i / max(longest - 1, 1))
        y = pad + h - float(v / top) * h  # screen coordinates only; no money passes through here
        return f"{x:.1f},{y:.1f}"

    lines = []
    for k, (name, values) in enumerate(series):
        pts = " ".join(point(i, v) for i, v in enumerate(values))
        lines.append(f'<polyline class="s{k % 6}" fill="none" stroke-width="2" vector-effect="non-scaling-stroke" '
                     f'points="{pts}"><title>{esc(name)}</title></polyline>')
    grid = "".join(f'<line x1="{pad}" y1="{y:.1f}" x2="{pad + w}" y2="{y:.1f}" class="{cls}" '
                   f'vector-effect="non-scaling-stroke"/>'
                   for y, cls in ((pad + h, "axis"), (pad + h / 2, "grid"), (pad, "grid")))
    names = list(x_labels)[:longest] if x_labels else []
    names += [f"第{i + 1}{x_label}" for i in range(len(names), longest)]
    picks = {"first": 0, "mid": (longest - 1) // 2, "last": longest - 1}  # no inline styles: the CSP forbids them
    shown = {k: i for k, i in picks.items() if k == "first" or i not in (0, picks["last"]) or k == "last" and i}
    x_ticks = "".join(f'<span class="tick tick-{k}">{esc(names[i])}</span>' for k, i in shown.items())
    half = (top / 2).quantize(Decimal("0.01"))
    y_ticks = "".join(f'<span class="tick">{esc(t)}</span>' for t in (_short(top), _short(half), "¥0"))
    legend = "".join(f'<li><span class="swatch s{k % 6}"></span>{esc(name)}</li>' for k, (name, _) in enumerate(series))
    desc = f"{title}：横轴从{names[0]}到{names[-1]}，纵轴从 ¥0 到 {money(top)}。具体数字见下表。"
    return (f'<figure class="calc-chart"><div class="calc-plot"><div class="calc-y" aria-hidden="true">{y_ticks}</div>'
            f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(desc)}" preserveAspectRatio="none">'
            f'{grid}{"".join(lines)}</svg><div class="calc-x" aria-hidden="true">{x_ticks}</div></div>'
            f'<figcaption>{esc(title)}<ul class="legend">{legend}</ul></figcaption></figure>')


def _short(x: Decimal) -> str:
    """纵轴刻度: a rounded amount short enough for a phone: ¥9,500, ¥1.2万, ¥350万."""
    if x >= 10000:
        wan = (x / 10000).quantize(Decimal("0.1"))
        return f"¥{wan.normalize():f}万" if wan < 1000 else f"¥{format_money(wan.quantize(Decimal(1)))[:-3]}万"
    return f"¥{format_money(x.quantize(Decimal(1)))[:-3]}"


KEEP = {
    "granted": "浏览器已同意长期保存这些数据。",
    "denied": "浏览器没有答应长期保存：存储空间不够、或很久没有打开本站时，它可能清除这些数据。",
    "exported": "上次导出 JSON 备份：{y}年{m}月{d}日。",
    "never": "还没有导出过 JSON 备份。",
}
"""The store line's second sentence, picked by docs/assets/calc-keep.js once the reader has saved something: what
the browser answered when asked to keep the data (said only where it can answer), and the last export."""
PRIVACY_URL = "../../about/privacy/"
REMINDER = ("你保存在这台设备上的数据，已经一个多月没有导出备份了。浏览器有时会自己清除网站保存的数据"
            "（在 iPhone 上，一段时间不打开本站就可能发生）；导出一份存到别处，数据丢了还能导入恢复。")


def _keep_line() -> str:
    """The keep sentence's slot: empty and hidden until calc-keep.js fills it from these templates."""
    data = "".join(f' data-keep-{k}="{esc(v)}"' for k, v in KEEP.items())
    return f'<span class="calc-keep" data-keep hidden{data}></span>'


def _reminder() -> str:
    """The export reminder (hidden until due, see calc-keep.js): the export button right there (the same export as
    the box's 导出 JSON, its own action name so that the box's button stays the one ``export-json``), and
    这个月不再提醒."""
    return ('<div class="calc-remind" data-remind hidden><p>'
            f'{esc(REMINDER)}<a href="{PRIVACY_URL}#keep">为什么会被清除？</a></p>'
            '<button type="button" class="md-button md-button--primary" data-action="remind-export">导出 JSON 备份'
            '</button>'
            '<button type="button" class="md-button" data-action="remind-later">这个月不再提醒</button></div>')


def _store_box(form) -> str:
    """The saved-data box: privacy note (with the keep sentence), export / import / clear buttons (the page's JS
    handles them), and on the pages that remind the reader to export, the reminder."""
    shared = {f.id for f in form.fields if f.shared}
    buttons = ('<button type="button" class="md-button" data-action="export-json">导出 JSON</button>'
               '<button type="button" class="md-button" data-action="export-csv">导出 CSV（Excel）</button>'
               '<label class="md-button calc-import">导入文件<input type="file" accept=".json,.csv,text/csv,'
               'application/json" data-action="import" hidden></label>'
               '<button type="button" class="md-button" data-action="clear">清除本机数据</button>')
    if shared == {"entries"} and form.id != "evidence-log":
        text = ("这里会自动用上你在催收记录本里记下的内容；记录只保存在这台设备的浏览器里，不会上传到任何地方。")
        buttons = ""
    elif "entries" in shared and "debts" not in shared:
        text = ("你的催收记录只保存在这台设备的浏览器里，不会上传到任何地方；催收合规自查和信件生成会用到这份记录。"
                "换手机或清理浏览器前，请先导出备份。")
    else:
        text = ("你填的债务和预算只保存在这台设备的浏览器里，不会上传到任何地方；"
                "债务清单、还款计划、还款进度、协商分期和收支预算共用这份数据。")
    keep = _keep_line() if buttons else ""
    remind = _reminder() if buttons and form.remind_export else ""
    return (f'<div class="calc-store" data-store>{remind}<p class="calc-privacy">{esc(text)}{keep}</p>{buttons}'
            '<p class="calc-store-msg" data-store-msg role="status" aria-live="polite"></p></div>')


def calculator_block(form, result_html: str) -> str:
    """计算器区块: The calculator root (the DOM contract in CONTRIBUTING.md): form fields, status line, result container."""
    fields = "".join(f.html() for f in form.fields)
    shared = ' data-shared="1"' if any(f.shared for f in form.fields) else ""
    shared += ' data-today="1"' if form.today else ""
    store = _store_box(form) if any(f.shared for f in form.fields) else ""
    return (f'<div class="calc" data-calculator="{esc(form.id)}" data-state="loading" data-search-exclude '
            f'data-switch="{esc(form.switch)}"{shared}>'
            f'<form class="calc-form" novalidate autocomplete="off" aria-label="{esc(form.title)}">{fields}</form>'
            f'<div class="calc-status" data-status role="status" aria-live="polite">'
            f'<span data-status-text>下面是按默认数字算好的示例；计算引擎加载后可以改成你自己的数字。</span>'
            f'<progress data-progress max="100" value="0" hidden aria-label="计算引擎的下载和启动进度"></progress>'
            f'<span class="calc-progress" data-progress-text aria-hidden="true" hidden></span>'
            f'<button type="button" class="md-button" data-action="retry" hidden>重试</button></div>'
            f"{store}"
            f'<div class="calc-result" data-result aria-live="polite">{result_html}</div></div>')



def pct(x: Decimal) -> str:
    """百分数: 0.1303 → "13.03%"."""
    return format_percent(x)


LONG_TABLE = 24
"""Tables with more rows than this are collapsed in a <details> block."""


def details(label: str, body: str, *, open_: bool = False) -> str:
    """A collapsible block (展开/收起) around a long table."""
    return f'<details class="calc-detail"{" open" if open_ else ""}><summary>{esc(label)}</summary>{body}</details>'


def collapsed(label: str, body: str, rows: int) -> str:
    """折叠长表: ``body`` inside :func:`details` when it has more than :data:`LONG_TABLE` rows."""
    return details(label, body) if rows > LONG_TABLE else body


def signed(x: Decimal, positive: str, negative: str) -> str:
    """Never show negative money: “多出 ¥100.00” / “还差 ¥100.00”."""
    return f"{positive} {money(x)}" if x >= 0 else f"{negative} {money(-x)}"


def plain_list(items: Iterable[str], *, title: str = "", ordered: bool = False) -> str:
    """一列要点 (a list of plain sentences), with an optional heading; empty when there are no items."""
    items = list(items)
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    head = f"<h3>{esc(title)}</h3>" if title else ""
    return f"{head}<{tag}>{''.join(f'<li>{esc(i)}</li>' for i in items)}</{tag}>"


def _buttons(filename: str) -> str:
    """Copy / download / print buttons for the nearest [data-letter] (the page's JS handles them)."""
    return ('<p class="calc-letter-actions">'
            '<button type="button" class="md-button md-button--primary" data-action="copy">复制全文</button>'
            f'<button type="button" class="md-button" data-action="download-text" data-filename="{esc(filename)}">'
            '下载 .txt</button>'
            '<button type="button" class="md-button" data-action="print">打印</button></p>')


def plain_text(text: str, filename: str) -> str:
    """可复制的纯文本: A plain-text block a person can copy, download or print (letters, summaries)."""
    return f'<div class="calc-letter"><pre class="letter" data-letter>{esc(text)}</pre>{_buttons(filename)}</div>'


