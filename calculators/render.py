"""Result → escaped HTML fragments (结果展示): summaries, tables, notes and SVG charts.

Used at build time for the pre-rendered worked example and in the browser for live results, so both show the
same thing. Everything a person typed is escaped here; no other layer builds result HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from .money import format_money

Cell = str | Decimal | int | None


def esc(value: object) -> str:
    """Escape any value for HTML text or attribute use."""
    return escape("" if value is None else str(value), quote=True)


def money(x: Decimal | None) -> str:
    """¥12,000.00 (or — when there is no value)."""
    return "—" if x is None else f"¥{format_money(x)}"


def summary(items: Iterable[tuple[str, str]], *, title: str = "") -> str:
    """Key figures as a definition list (dl), readable on a phone."""
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items)
    head = f"<h3>{esc(title)}</h3>" if title else ""
    return f'{head}<dl class="calc-summary">{rows}</dl>'


def table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, caption: str = "", numeric_from: int = 1) -> str:
    """A scrollable table; columns from ``numeric_from`` on are right-aligned numbers."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            cls = ' class="num"' if i >= numeric_from else ""
            cells.append(f"<td{cls}>{esc(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<div class="calc-table" tabindex="0" role="region" aria-label="{esc(caption or headers[0])}">'
            f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


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


def error_box(errors: dict[str, str], form=None) -> str:
    """A summary of input errors; the messages also appear next to their fields."""
    items = "".join(f"<li>{esc(msg)}</li>" for msg in errors.values())
    return (f'<div class="admonition failure calc-errors" role="alert"><p class="admonition-title">请检查输入</p>'
            f"<ul>{items}</ul></div>")


def line_chart(series: Sequence[tuple[str, Sequence[Decimal]]], *, title: str, x_label: str = "月",
               width: int = 640, height: int = 240) -> str:
    """A responsive SVG line chart (余额走势) with a title and description for screen readers.

    Each series is (name, values by period). The caller also shows the numbers as a table.
    """
    series = [(name, list(values)) for name, values in series if values]
    if not series:
        return ""
    longest = max(len(v) for _, v in series)
    top = max((max(v) for _, v in series), default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    pad_l, pad_r, pad_t, pad_b = 8, 8, 8, 22
    w, h = width - pad_l - pad_r, height - pad_t - pad_b

    def point(i: int, v: Decimal) -> str:
        x = pad_l + (w * i / max(longest - 1, 1))
        y = pad_t + h - float(v / top) * h  # screen coordinates only; no money passes through here
        return f"{x:.1f},{y:.1f}"

    lines = []
    for k, (name, values) in enumerate(series):
        pts = " ".join(point(i, v) for i, v in enumerate(values))
        lines.append(f'<polyline class="s{k % 6}" fill="none" stroke-width="2" points="{pts}"><title>{esc(name)}</title>'
                     f"</polyline>")
    legend = "".join(f'<li><span class="swatch s{k % 6}"></span>{esc(name)}</li>' for k, (name, _) in enumerate(series))
    desc = f"{title}：横轴为第 1 到第 {longest} {x_label}，纵轴最高 {money(top)}。具体数字见下表。"
    axis = (f'<line x1="{pad_l}" y1="{pad_t + h}" x2="{pad_l + w}" y2="{pad_t + h}" class="axis"/>'
            f'<text x="{pad_l}" y="{height - 4}" class="tick">第1{x_label}</text>'
            f'<text x="{pad_l + w}" y="{height - 4}" class="tick" text-anchor="end">第{longest}{x_label}</text>')
    return (f'<figure class="calc-chart"><svg viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{esc(desc)}" preserveAspectRatio="none">{axis}{"".join(lines)}</svg>'
            f'<figcaption>{esc(title)}<ul class="legend">{legend}</ul></figcaption></figure>')


def calculator_block(form, result_html: str) -> str:
    """The calculator root (DOM contract of design §4): form fields, status line, result container."""
    fields = "".join(field_html(f) for f in form.fields)
    shared = ' data-shared="1"' if any(f.shared for f in form.fields) else ""
    store = ""
    if shared:
        store = ('<div class="calc-store" data-store>'
                 '<p class="calc-privacy">你填的债务和预算只保存在这台设备的浏览器里，不会上传到任何地方；'
                 '债务清单、还款计划、协商分期和收支预算共用这份数据。</p>'
                 '<button type="button" class="md-button" data-action="export-json">导出 JSON</button>'
                 '<button type="button" class="md-button" data-action="export-csv">导出 CSV（Excel）</button>'
                 '<label class="md-button calc-import">导入文件<input type="file" accept=".json,.csv,text/csv,'
                 'application/json" data-action="import" hidden></label>'
                 '<button type="button" class="md-button" data-action="clear">清除本机数据</button>'
                 '<p class="calc-store-msg" data-store-msg role="status" aria-live="polite"></p></div>')
    return (f'<div class="calc" data-calculator="{esc(form.id)}" data-state="loading"{shared}>'
            f'<form class="calc-form" novalidate autocomplete="off" aria-label="{esc(form.title)}">{fields}</form>'
            f'<div class="calc-status" data-status role="status" aria-live="polite">'
            f'<span data-status-text>下面是按默认数字算好的示例；计算引擎加载后可以改成你自己的数字。</span>'
            f'<progress data-progress max="100" value="0" hidden></progress>'
            f'<button type="button" class="md-button" data-action="retry" hidden>重试</button></div>'
            f"{store}"
            f'<div class="calc-result" data-result aria-live="polite">{result_html}</div></div>')


def field_html(field) -> str:
    """One labelled input with its help text and an (empty) error slot."""
    fid = f"f-{field.id}"
    help_id = f"{fid}-help"
    err_id = f"{fid}-err"
    described = f'aria-describedby="{help_id} {err_id}"'
    shared = " data-shared" if field.shared else ""
    if field.kind == "choice":
        options = "".join(
            f'<option value="{esc(v)}"{" selected" if v == field.default else ""}>{esc(label)}</option>'
            for v, label in field.choices
        )
        control = f'<select id="{fid}" name="{esc(field.id)}" {described}>{options}</select>'
    elif field.kind in ("lines", "longtext"):
        control = (f'<textarea id="{fid}" name="{esc(field.id)}" rows="{field.rows}" spellcheck="false" '
                   f"{described}{shared}>{esc(field.default)}</textarea>")
    else:
        control = (f'<input id="{fid}" name="{esc(field.id)}" type="text" inputmode="{field.inputmode}" '
                   f'value="{esc(field.default)}" {described}{shared}>')
    unit = f'<span class="calc-unit">{esc(field.unit)}</span>' if field.unit else ""
    modes = f' data-modes="{esc(" ".join(field.modes))}"' if field.modes else ""
    return (f'<div class="calc-field calc-{field.kind}"{modes}><label for="{fid}">{esc(field.label)}</label>'
            f'<div class="calc-control">{control}{unit}</div>'
            f'<p class="calc-help" id="{help_id}">{esc(field.help)}</p>'
            f'<p class="calc-error" id="{err_id}" data-error-for="{esc(field.id)}"></p></div>')


# ---------------------------------------------------------------- per-calculator results

def pct(x: Decimal) -> str:
    from .rates import format_percent

    return format_percent(x)


def apr_result(r, v: dict) -> str:
    """真实年化利率的结果."""
    from .rates import AprResult

    if isinstance(r, AprResult):
        head = summary([
            ("真实年化利率（IRR × 12）", pct(r.apr)),
            ("实际年化（按复利）", pct(r.effective_annual)),
            ("实际到手", money(r.net_received)),
            ("一共要还", money(r.total_paid)),
            ("借款成本（利息和费用）", money(r.total_cost)),
        ], title="结果")
        rows = [(f"第 {i} 期", money(p)) for i, p in enumerate(r.payments, 1)]
        body = table(["期次", "应还"], rows, caption="每期还款")
    else:
        head = summary([
            ("真实年化（日 IRR × 365）", pct(r.apr_365)),
            ("真实年化（日 IRR × 360）", pct(r.apr_360)),
            ("实际年化（按复利）", pct(r.effective_annual)),
            ("总利息", money(r.total_interest)),
            ("一共要还", money(r.total_paid)),
        ], title="结果")
        body = schedule_table(r.schedule) if r.schedule else ""
    return head + notes(r.warnings, r.conventions) + body


def schedule_table(s) -> str:
    """One repayment schedule as a table (期次、应还、本金、利息、剩余本金)."""
    rows = [(f"第 {i.period} 期" + (f"（{i.due:%Y-%m-%d}）" if i.due else ""), money(i.payment), money(i.principal),
             money(i.interest), money(i.balance)) for i in s.instalments]
    interest = "手续费" if s.method == "flat" else "利息"
    return table(["期次", "应还", "本金", interest, "剩余本金"], rows, caption=f"{s.label}还款计划")


def schedule_result(schedules: list, v: dict) -> str:
    """还款方式对比: totals side by side, then each schedule's table."""
    if len(schedules) > 1:
        rows = [(s.label, money(s.instalments[0].payment), money(s.instalments[-1].payment), money(s.total_interest),
                 money(s.total_paid)) for s in schedules]
        head = table(["还款方式", "第一期", "最后一期", "总利息或手续费", "一共要还"], rows, caption="四种还款方式对比")
        chart = line_chart([(s.label, [i.balance for i in s.instalments]) for s in schedules],
                           title="剩余本金走势")
    else:
        s = schedules[0]
        head = summary([("还款方式", s.label), ("第一期应还", money(s.instalments[0].payment)),
                        ("总利息或手续费", money(s.total_interest)), ("一共要还", money(s.total_paid))], title="结果")
        chart = ""
    tables = "".join(
        f'<details class="calc-detail"{" open" if len(schedules) == 1 else ""}><summary>{esc(s.label)}：每期明细</summary>'
        f"{schedule_table(s)}</details>" for s in schedules)
    warnings = [w for s in schedules for w in s.warnings]
    conventions = list(dict.fromkeys(c for s in schedules for c in s.conventions))
    return head + chart + notes(warnings, conventions) + tables
