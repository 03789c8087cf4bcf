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


def error_box(errors: dict[str, str]) -> str:
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


def _store_box(form) -> str:
    """The saved-data box: privacy note, export / import / clear buttons (the page's JS handles them)."""
    shared = {f.id for f in form.fields if f.shared}
    buttons = ('<button type="button" class="md-button" data-action="export-json">导出 JSON</button>'
               '<button type="button" class="md-button" data-action="export-csv">导出 CSV（Excel）</button>'
               '<label class="md-button calc-import">导入文件<input type="file" accept=".json,.csv,text/csv,'
               'application/json" data-action="import" hidden></label>'
               '<button type="button" class="md-button" data-action="clear">清除本机数据</button>')
    if shared == {"entries"} and form.id != "evidence-log":
        text = ("这里会自动用上你在催收记录本里记下的内容；记录只保存在这台设备的浏览器里，不会上传到任何地方。")
        buttons = ""
    elif "entries" in shared:
        text = ("你的催收记录只保存在这台设备的浏览器里，不会上传到任何地方；催收合规自查和信件生成会用到这份记录。"
                "换手机或清理浏览器前，请先导出备份。")
    else:
        text = ("你填的债务和预算只保存在这台设备的浏览器里，不会上传到任何地方；"
                "债务清单、还款计划、协商分期和收支预算共用这份数据。")
    return (f'<div class="calc-store" data-store><p class="calc-privacy">{esc(text)}</p>{buttons}'
            '<p class="calc-store-msg" data-store-msg role="status" aria-live="polite"></p></div>')


def calculator_block(form, result_html: str) -> str:
    """The calculator root (DOM contract of design §4): form fields, status line, result container."""
    fields = "".join(field_html(f) for f in form.fields)
    shared = ' data-shared="1"' if any(f.shared for f in form.fields) else ""
    store = _store_box(form) if shared else ""
    return (f'<div class="calc" data-calculator="{esc(form.id)}" data-state="loading" data-search-exclude '
            f'data-switch="{esc(form.switch)}"{shared}>'
            f'<form class="calc-form" novalidate autocomplete="off" aria-label="{esc(form.title)}">{fields}</form>'
            f'<div class="calc-status" data-status role="status" aria-live="polite">'
            f'<span data-status-text>下面是按默认数字算好的示例；计算引擎加载后可以改成你自己的数字。</span>'
            f'<progress data-progress max="100" value="0" hidden></progress>'
            f'<button type="button" class="md-button" data-action="retry" hidden>重试</button></div>'
            f"{store}"
            f'<div class="calc-result" data-result aria-live="polite">{result_html}</div></div>')


def field_html(field) -> str:
    """One labelled input with its help text and an (empty) error slot.

    Kinds beyond plain inputs: ``checks`` is a <fieldset> of checkboxes sharing the field's name (the page sends
    the ticked values joined by commas); ``store`` is a hidden, saved <textarea>; ``button`` is a page action.
    """
    fid = f"f-{field.id}"
    help_id = f"{fid}-help"
    err_id = f"{fid}-err"
    described = f'aria-describedby="{help_id} {err_id}"'
    shared = " data-shared" if field.shared else ""
    modes = f' data-modes="{esc(" ".join(field.modes))}"' if field.modes else ""
    help_p = f'<p class="calc-help" id="{help_id}">{esc(field.help)}</p>'
    err_p = f'<p class="calc-error" id="{err_id}" data-error-for="{esc(field.id)}"></p>'
    if field.kind == "store":
        return (f'<div class="calc-field calc-stored"{modes}>'
                f'<textarea id="{fid}" name="{esc(field.id)}" hidden data-shared aria-label="{esc(field.label)}">'
                f"{esc(field.default)}</textarea>{err_p}</div>")
    if field.kind == "button":
        return (f'<div class="calc-field calc-button"{modes}><button type="button" id="{fid}" name="{esc(field.id)}" '
                f'class="md-button md-button--primary" data-call="{esc(field.call)}" {described}>{esc(field.label)}</button>'
                f"{help_p}{err_p}</div>")
    if field.kind == "checks":
        ticked = {k.strip() for k in field.default.split(",")}
        boxes = "".join(
            f'<label class="calc-check"><input type="checkbox" id="{fid}-{esc(v)}" name="{esc(field.id)}" '
            f'value="{esc(v)}"{" checked" if v in ticked else ""}> {esc(label)}</label>'
            for v, label in field.choices)
        return (f'<fieldset class="calc-field calc-checks"{modes} {described}><legend>{esc(field.label)}</legend>'
                f'<div class="calc-control">{boxes}</div>{help_p}{err_p}</fieldset>')
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
    return (f'<div class="calc-field calc-{field.kind}"{modes}><label for="{fid}">{esc(field.label)}</label>'
            f'<div class="calc-control">{control}{unit}</div>{help_p}{err_p}</div>')


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


# ---------------------------------------------------------------- shared helpers for the debt tools

LONG_TABLE = 24
"""Tables with more rows than this are collapsed in a <details> block."""


def details(label: str, body: str, *, open_: bool = False) -> str:
    """A collapsible block (展开/收起) around a long table."""
    return f'<details class="calc-detail"{" open" if open_ else ""}><summary>{esc(label)}</summary>{body}</details>'


def _maybe_collapsed(label: str, body: str, rows: int) -> str:
    return details(label, body) if rows > LONG_TABLE else body


def _months(m: int | None) -> str:
    return "还不清" if m is None else f"{m} 个月"


def _payoff(m: int | None) -> str:
    if m is None:
        return "还不清"
    return "无欠款" if m == 0 else f"第 {m} 个月"


def _interest(r) -> str:
    return "还不清，利息越滚越多" if r.never_pays_off else money(r.total_interest)


def _paid(r) -> str:
    return "—" if r.never_pays_off else money(r.total_paid)


def _signed(x: Decimal, positive: str, negative: str) -> str:
    """Never show negative money: “多出 ¥100.00” / “还差 ¥100.00”."""
    return f"{positive} {money(x)}" if x >= 0 else f"{negative} {money(-x)}"


def _plain_list(items: Iterable[str], *, title: str = "", ordered: bool = False) -> str:
    items = list(items)
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    head = f"<h3>{esc(title)}</h3>" if title else ""
    return f"{head}<{tag}>{''.join(f'<li>{esc(i)}</li>' for i in items)}</{tag}>"


# ---------------------------------------------------------------- 债务清单 (inventory)

def inventory_result(inv, v: dict) -> str:
    """债务清单：总欠款、每月最低还款、每月利息、加权利率、还款收入比，逐笔明细和提醒。"""
    from .caps import LENDERS

    items = [
        ("总欠款", money(inv.total_balance)),
        ("每月最低还款合计", money(inv.total_minimums)),
        ("每月利息（估算）", money(inv.monthly_interest)),
        ("加权年利率", "—" if inv.weighted_rate is None else pct(inv.weighted_rate)),
    ]
    if inv.monthly_income is not None:
        items.append(("每月收入", money(inv.monthly_income)))
        items.append(("最低还款占收入", "—" if inv.debt_service_ratio is None else pct(inv.debt_service_ratio)))
    head = summary(items, title="结果")

    def name(d) -> str:
        kind = LENDERS.get(d.lender_type, "")
        return f"{d.name}（{kind}）" if kind else d.name

    rows = [(name(ln.debt), money(ln.debt.balance), pct(ln.debt.annual_rate), money(ln.debt.minimum_payment),
             money(ln.monthly_interest), ln.debt.days_overdue or "—") for ln in inv.lines]
    rows.append(("合计", money(inv.total_balance), "—" if inv.weighted_rate is None else pct(inv.weighted_rate),
                 money(inv.total_minimums), money(inv.monthly_interest), ""))
    body = table(["债务", "余额", "年化利率", "最低还款", "每月利息", "逾期天数"], rows, caption="逐笔明细")
    flags = _plain_list((f"{ln.debt.name}：{f.message}" for ln in inv.lines for f in ln.flags), title="逐笔提醒")
    return head + notes(inv.warnings, inv.conventions) + body + flags


# ---------------------------------------------------------------- 还款计划 (plan)

MAX_DEBT_COLUMNS = 12
"""With more debts than this, the month-by-month table lists totals only and the per-debt chart is left out."""


def plan_month_table(r) -> str:
    """还款计划逐月明细：每月共还、利息，以及每笔债务的还款和月末余额（债务太多时只列合计）."""
    from .plan import STRATEGY_LABELS

    per_debt = len(r.names) <= MAX_DEBT_COLUMNS
    headers = ["月份", "本月共还", "本月利息"]
    if per_debt:
        for name in r.names:
            headers += [f"{name} 还款", f"{name} 余额"]
    else:
        headers.append("月末总欠款")
    rows = []
    for row in r.table:
        cells: list[Cell] = [f"第 {row.month} 个月", money(row.total_paid), money(sum(row.interest, Decimal("0.00")))]
        if per_debt:
            for p, b in zip(row.payments, row.balances, strict=True):
                cells += [money(p), money(b)]
        else:
            cells.append(money(row.total_balance))
        rows.append(cells)
    return table(headers, rows, caption=f"{STRATEGY_LABELS.get(r.strategy, r.strategy)}：逐月明细")


def _per_debt_chart(r) -> str:
    """每笔债务的余额走势，后面紧跟同样数字的逐月明细表."""
    if not r.table:
        return ""
    from .plan import STRATEGY_LABELS

    label = STRATEGY_LABELS.get(r.strategy, r.strategy)
    chart = ""
    if len(r.names) <= MAX_DEBT_COLUMNS:
        chart = line_chart([(name, [row.balances[i] for row in r.table]) for i, name in enumerate(r.names)],
                           title=f"{label}：每笔债务的余额走势")
    else:
        chart = (f'<p class="calc-explain">{esc(f"债务超过 {MAX_DEBT_COLUMNS} 笔，逐月明细只列合计；")}'
                 f'{esc("每笔在第几个月还清见上面的表。")}</p>')
    return chart + _maybe_collapsed(f"{label}：逐月明细（{len(r.table)} 个月）", plan_month_table(r), len(r.table))


def _totals_chart(results: Sequence) -> str:
    """不同策略的总余额走势，后面紧跟同样数字的表。"""
    from .plan import STRATEGY_LABELS

    results = [r for r in results if r.table]
    if not results:
        return ""
    labels = [STRATEGY_LABELS.get(r.strategy, r.strategy) for r in results]
    chart = line_chart([(lab, [row.total_balance for row in r.table]) for lab, r in zip(labels, results, strict=True)],
                       title="总欠款走势（各策略对比）")
    longest = max(len(r.table) for r in results)
    rows = []
    for m in range(longest):
        rows.append([f"第 {m + 1} 个月"] + [money(r.table[m].total_balance) if m < len(r.table) else "已还清"
                                           if r.months is not None else "—" for r in results])
    body = table(["月份"] + [f"{lab}：月末总欠款" for lab in labels], rows, caption="各策略每月月末总欠款")
    return chart + _maybe_collapsed(f"各策略每月月末总欠款（{longest} 个月）", body, longest)


def _infeasible(r) -> str:
    """预算不够付最低还款：缺口、最低预算，以及协商分期能放进预算的期数。"""
    items = [("每月预算", money(r.budget)), ("每月最低还款合计", money(r.minimum_budget)),
             ("每月还差", money(r.shortfall))]
    if r.infeasible_month:
        items.append(("从第几个月起不够", f"第 {r.infeasible_month} 个月"))
    head = summary(items, title="预算不够付最低还款")
    fits = []
    for f in r.instalment_fits:
        what = "免息分期" if f.annual_rate == 0 else f"按加权年利率 {pct(f.annual_rate)} 分期"
        fits.append((what, "60 期内放不进预算" if f.months is None else f"{f.months} 期",
                     "—" if f.payment is None else money(f.payment)))
    body = table(["如果协商把全部欠款分期", "至少要几期", "每月约还"], fits, caption="协商分期粗算")
    partial = _per_debt_chart(r) if r.table else ""
    return head + notes(r.warnings, r.conventions) + body + partial


def plan_result(view, v: dict) -> str:
    """还款计划：先给关键数字，再给提醒和口径，然后是策略对比、每笔还清月份、余额走势和逐月明细。"""
    from .plan import STRATEGY_LABELS

    main = view.main
    if view.strategy == "compare":
        a, s, m = main.avalanche, main.snowball, main.minimum
        if not a.feasible:
            return _infeasible(a)
        items = [("每月预算", money(a.budget)),
                 ("雪崩法还清用时", _months(a.months)), ("雪崩法总利息", _interest(a)),
                 ("雪球法还清用时", _months(s.months)), ("雪球法总利息", _interest(s)),
                 ("只还最低还清用时", _months(m.months)), ("只还最低总利息", _interest(m))]
        if main.interest_saved.get("avalanche") is not None:
            items.append(("雪崩法比只还最低少付利息", money(main.interest_saved["avalanche"])))
        head = summary(items, title="三种策略对比")
        rows = []
        for key, r in (("avalanche", a), ("snowball", s), ("minimum", m)):
            saved = main.interest_saved.get(key)
            months_saved = main.months_saved.get(key)
            rows.append((STRATEGY_LABELS[key], _months(r.months), _interest(r), _paid(r),
                         "对照" if key == "minimum" else ("—" if saved is None else money(saved)),
                         "对照" if key == "minimum" else ("—" if months_saved is None else f"{months_saved} 个月")))
        comparison = table(["策略", "还清用时", "总利息", "一共要还", "比只还最低少付利息", "比只还最低早还清"], rows,
                           caption="策略对比")
        payoff = table(["债务", STRATEGY_LABELS["avalanche"], STRATEGY_LABELS["snowball"], STRATEGY_LABELS["minimum"]],
                       [(n, _payoff(a.payoff_month[n]), _payoff(s.payoff_month[n]), _payoff(m.payoff_month[n]))
                        for n in a.names], caption="每笔债务在第几个月还清")
        return (head + notes(main.warnings, main.conventions) + comparison + payoff + _totals_chart([a, s, m])
                + _per_debt_chart(a))
    r = main
    if not r.feasible:
        return _infeasible(r)
    base = view.minimum
    items = [("还款策略", STRATEGY_LABELS.get(r.strategy, r.strategy)), ("每月预算", money(r.budget)),
             ("全部还清用时", _months(r.months)), ("总利息", _interest(r)), ("一共要还", _paid(r))]
    if base is not None and base.feasible and base.months is not None and r.months is not None:
        items.append(("比只还最低少付利息", money(max(base.total_interest - r.total_interest, Decimal("0.00")))))
        items.append(("比只还最低早还清", f"{max(base.months - r.months, 0)} 个月"))
    head = summary(items, title="结果")
    payoff = table(["债务", "还清月份"], [(n, _payoff(r.payoff_month[n])) for n in r.names],
                   caption="每笔债务在第几个月还清")
    totals = _totals_chart([r, base] if base is not None and base.feasible else [r])
    return head + notes(r.warnings, r.conventions) + payoff + totals + _per_debt_chart(r)


# ---------------------------------------------------------------- 协商分期测算 (negotiate)

def negotiate_result(r, v: dict) -> str:
    """协商分期：一次还清要多少、各方案放得进预算的最短期数、可以提的请求、各期数的月供。"""
    items = [("现在一次还清需要", money(r.total_now)), ("每月能拿出来还的钱", money(v.get("budget")))]
    for sc in r.scenarios:
        sh = sc.shortest
        items.append((sc.label, "60 期内放不进预算" if sh is None else f"最少 {sh.months} 期，每月约 {money(sh.payment)}"))
    head = summary(items, title="结果")
    asks = _plain_list(r.asks, title="可以向对方提出的请求", ordered=True)
    rows = []
    for sc in r.scenarios:
        sh = sc.shortest
        rows.append((sc.label, money(sc.base), pct(sc.annual_rate), "—" if sh is None else f"{sh.months} 期",
                     "—" if sh is None else money(sh.payment), "—" if sh is None else money(sh.total)))
    shortest = table(["方案", "分期基数", "年利率", "放得进预算的最短期数", "月供", "一共要还"], rows,
                     caption="三种方案对比")
    headers = ["期数"] + [f"{sc.label}：月供" for sc in r.scenarios] + [f"{r.scenarios[-1].label}：一共要还"]
    term_rows = []
    for i, o in enumerate(r.scenarios[0].options):
        cells: list[Cell] = [f"{o.months} 期"]
        for sc in r.scenarios:
            opt = sc.options[i]
            cells.append(money(opt.payment) + ("" if opt.fits else "（超预算）"))
        cells.append(money(r.scenarios[-1].options[i].total))
        term_rows.append(cells)
    terms = table(headers, term_rows, caption="按期数看月供（最后一期吸收尾差）")
    return head + notes(r.warnings, r.conventions) + asks + shortest + terms


# ---------------------------------------------------------------- 逾期费用与司法保护上限 (overdue)

def overdue_result(r, v: dict) -> str:
    """逾期费用：到现在的罚息、复利、违约金，和法院保护上限比较，再拖下去会怎样。"""
    from .sources import cite

    now = r.now
    head = summary([
        ("到现在的罚息", money(now.penalty_interest)),
        ("复利", money(now.compound_interest)),
        ("违约金", money(now.fee)),
        ("逾期费用合计", money(now.total)),
        ("罚息年利率", pct(r.penalty_rate)),
        ("对照的上限", f"{r.benchmark_label}（年 {pct(r.benchmark_rate)}）"),
        ("上限对应的金额", money(now.cap_amount)),
        ("超过上限的部分", money(now.above_cap)),
    ], title=f"逾期 {now.days} 天的费用")
    explain = f'<p class="calc-explain">{esc(r.benchmark_explanation)}</p>'
    cites = []
    for sid in r.source_ids:
        try:
            cites.append(cite(sid))
        except KeyError:
            continue
    basis = _plain_list(cites, title="依据")
    rows = [(f"到现在（逾期 {now.days} 天）", money(now.penalty_interest), money(now.compound_interest),
             money(now.fee), money(now.total), "—" if now.annualised is None else pct(now.annualised),
             money(now.cap_amount), money(now.above_cap))]
    for extra, c in r.projections:
        rows.append((f"再拖 {extra} 天（共 {c.days} 天）", money(c.penalty_interest), money(c.compound_interest),
                     money(c.fee), money(c.total), "—" if c.annualised is None else pct(c.annualised),
                     money(c.cap_amount), money(c.above_cap)))
    body = table(["情形", "罚息", "复利", "违约金", "合计", "折算年化", "上限对应金额", "超过上限"], rows,
                 caption="现在和再拖下去的逾期费用")
    return head + notes(r.warnings, r.conventions) + explain + basis + body


# ---------------------------------------------------------------- 以贷养贷模拟 (spiral)

def spiral_result(r, v: dict) -> str:
    """以贷养贷：欠款每月乘以 g，多久翻倍，折算年成本；走势图和逐月表。"""
    year = r.rollover[min(11, len(r.rollover) - 1)]
    last = r.rollover[-1]
    items = [
        ("每月欠款变成原来的", f"{r.growth.quantize(Decimal('0.000001'))} 倍"),
        ("大约几个月翻一倍", "不会翻倍" if r.doubling_months is None else f"{r.doubling_months} 个月"),
        ("折算年成本", pct(r.effective_annual)),
        (f"第 {year.month} 个月欠款", money(year.debt)),
    ]
    if last.month != year.month:
        items.append((f"第 {last.month} 个月欠款", money(last.debt)))
    if r.bridge:
        b = r.bridge[-1]
        items.append((f"模型二：第 {b.month} 个月欠过桥贷", money(b.bridge_debt)))
        items.append(("其中纯利息和手续费", money(b.financing_cost)))
    head = summary(items, title="结果")
    conclusion = f'<p class="calc-conclusion"><strong>{esc(r.conclusion)}</strong></p>'
    series = [("借新还旧（整笔滚动）的欠款", [x.debt for x in r.rollover])]
    if r.bridge:
        series.append(("缺口靠借新贷补：欠的过桥贷", [x.bridge_debt for x in r.bridge]))
    chart = line_chart(series, title="欠款走势")
    headers = ["月份", "整笔滚动：欠款"]
    if r.bridge:
        headers += ["模型二：欠过桥贷", "累计真实缺口", "多付的利息和手续费"]
    rows = []
    for i, x in enumerate(r.rollover):
        cells: list[Cell] = [f"第 {x.month} 个月", money(x.debt)]
        if r.bridge:
            b = r.bridge[i]
            cells += [money(b.bridge_debt), money(b.cumulative_shortfall), money(b.financing_cost)]
        rows.append(cells)
    body = table(headers, rows, caption="逐月欠款")
    return head + conclusion + notes(r.warnings, r.conventions) + chart + _maybe_collapsed(
        f"逐月欠款（{len(rows)} 个月）", body, len(rows))


# ---------------------------------------------------------------- 收支预算 (budget)

def budget_result(view, v: dict) -> str:
    """收支预算：每月收入、开支、能拿来还债的钱，够不够付最低还款，逐项明细（折成每月）。"""
    from .budget import monthly_amount

    r = view.result
    items = [
        ("每月收入", money(r.total_income)),
        ("必要开支", money(r.essential)),
        ("可选开支", money(r.optional)),
        ("能拿来还债的钱", _signed(r.available, "", "入不敷出，每月缺").strip()),
        ("暂停可选开支后能拿出", _signed(r.available_if_cut, "", "仍然每月缺").strip()),
        (f"最低还款合计（{view.debt_count} 笔债务）", money(r.minimum_payments)),
        ("付完最低还款后", _signed(r.gap, "每月多出", "每月还差")),
    ]
    if r.debt_service_ratio is not None:
        items.append(("最低还款占收入", pct(r.debt_service_ratio)))
    head = summary(items, title="结果")

    def how(x) -> str:
        return "每周" if x.weekly else "每月"

    incomes = table(["收入", "填的金额", "折成每月"],
                    [(f"{x.name}（{how(x)}）", money(x.amount), money(monthly_amount(x))) for x in view.incomes]
                    + [("合计", "", money(r.total_income))], caption="收入")
    kinds = {"essential": "必要", "optional": "可选"}
    expenses = table(["开支", "类型", "填的金额", "折成每月"],
                     [(f"{x.name}（{how(x)}）", kinds.get(x.kind, x.kind), money(x.amount), money(monthly_amount(x)))
                      for x in view.expenses] + [("合计", "", "", money(r.essential + r.optional))],
                     caption="开支", numeric_from=2)
    return head + notes(r.warnings, r.conventions) + incomes + expenses


# ---------------------------------------------------------------- rights tools (维权工具)

COMPLAINTS_URL = "../../rights/complaints/"
"""The complaint-channels page, relative to a tool page (/tools/ID/); every channel id is an anchor there."""


def _buttons(filename: str) -> str:
    """Copy / download / print buttons for the nearest [data-letter] (the page's JS handles them)."""
    return ('<p class="calc-letter-actions">'
            '<button type="button" class="md-button md-button--primary" data-action="copy">复制全文</button>'
            f'<button type="button" class="md-button" data-action="download-text" data-filename="{esc(filename)}">'
            '下载 .txt</button>'
            '<button type="button" class="md-button" data-action="print">打印</button></p>')


def plain_text(text: str, filename: str) -> str:
    """A plain-text block a person can copy, download or print (letters, summaries)."""
    return f'<div class="calc-letter"><pre class="letter" data-letter>{esc(text)}</pre>{_buttons(filename)}</div>'


def _log_figures(s) -> list[tuple[str, str]]:
    from .evidence import date_range

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


WEIGHT_NOTES = (
    "法律（民法典、个人信息保护法、治安管理处罚法、刑法）对所有人都有约束力；违反的，可能被公安处罚、被追究刑事责任或被起诉赔偿。",
    "部门规章约束被监管的机构，监管部门可以据此查处。",
    "推荐性国家标准（GB/T 45251-2025）不是法律，违反它本身不等于“违法”，但投诉时很有说服力。",
    "行业自律文件约束协会会员，协会不能罚款；投诉时同样可以引用。写投诉时，对标准和自律文件说“不符合……的要求”比说“违法”更准确。",
)


def checker_result(r, v: dict) -> str:
    """催收合规自查：按严重程度列出勾选的每一项碰到的规则（连同效力层级）、该留的证据、去找谁。"""
    if not r.findings:
        return ('<p class="calc-empty">在上面勾选你遇到过的情况，这里会按严重程度列出每一项碰到的规则、'
                "这条规则有多大分量、该留什么证据、去找谁。</p>")
    urgent = [f for f in r.findings if f.channels and f.channels[0].id == "110"]
    head = summary([("勾选的情况", f"{len(r.findings)} 项"),
                    ("建议先打 110 的", f"{len(urgent)} 项" if urgent else "没有")], title="自查结果")
    if r.log is not None:
        head += summary(_log_figures(r.log), title="你的催收记录本")
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


def evidence_result(view, v: dict) -> str:
    """催收记录本：小结、可复制的小结文字、每天次数和记录表（每行可删除）。"""
    from .evidence import THREAT_WORDS, is_night, summary_lines

    s = view.summary
    if not view.total:
        return ('<div class="calc-empty"><p>还没有记录。在上面填好时间、方式、号码、联系了谁和说了什么，'
                "点“添加这条记录”。每次被催收，当天就记一条。</p>"
                "<p>记录只保存在这台设备的浏览器里，不会上传。记得定期用“导出 CSV”备份，录音和截图等原始文件另存两处。</p></div>")
    parts = [summary(_log_figures(s), title="小结")]
    text = "\n".join(summary_lines(s))
    parts.append("<h3>可以复制进投诉信的小结</h3>" + plain_text(text, "催收记录小结.txt"))
    day_rows = [(f"{d.date:%Y-%m-%d}", d.total, d.night, d.third_party, d.threat) for d in reversed(s.days)]
    if day_rows:
        day_table = table(["日期", "联系次数", "夜间", "联系你以外的人", "提到威胁等字眼"], day_rows, caption="每天的次数")
        parts.append(_maybe_collapsed("每天的次数", day_table, len(day_rows)))
    rows = []
    for index, e in view.rows:
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
    shown = f"显示 {len(view.rows)} 条，共 {view.total} 条" if view.filtered else f"共 {view.total} 条"
    head = "".join(f'<th scope="col">{h}</th>' for h in ("时间", "方式", "号码或名称", "联系了谁", "说了什么", "证据文件", ""))
    body = "".join(rows) if rows else '<tr><td colspan="7">没有符合条件的记录。</td></tr>'
    parts.append(f'<div class="calc-table" tabindex="0" role="region" aria-label="催收记录"><table>'
                 f"<caption>催收记录（{esc(shown)}）</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
                 f"</table></div>")
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


def letter_result(letter, v: dict) -> str:
    """信件生成：填好的信（纯文本，已转义），复制、下载、打印按钮，以及写信和发信的提醒。"""
    head = f"<h3>{esc(letter.title)}</h3><p class=\"calc-note\">什么时候用：{esc(letter.use)}</p>"
    if letter.log is not None:
        head += f'<p class="calc-note">已用上催收记录本里的 {letter.log.total} 条记录。</p>'
    conventions = [
        "把【方括号】换成你的真实情况；用不上的行删掉，不确定的地方宁可不写。",
        "只写真实发生的事，写日期和原话，附上证据清单。",
        "推荐性国家标准和行业自律文件不是法律，写“不符合……的要求”比写“违法”更准确。",
        "优先用能留下记录的方式发出（App 在线客服或投诉入口、官方邮箱、官网投诉页面）；发出前留一份副本，记下发送时间和对方给的编号。",
        "只交和这件事有关的材料；身份证照片、银行卡密码、验证码一律不给。这些信你自己就能写、自己就能发，不需要花钱找人代写。",
    ]
    if letter.kind == "negotiation":
        conventions.insert(2, "对方可以不同意。减免、停止计息、分期都由机构决定；信用卡个性化分期是银行“可以”协商，最长 5 年。")
    if letter.kind == "police":
        conventions.insert(0, "紧急时直接打 110；这份提纲留到做笔录或去派出所时用。是否立案、怎样处理，由公安机关决定。")
    return head + notes(letter.warnings, []) + plain_text(letter.text, letter.filename) + notes([], conventions)


def triage_result(r, v: dict) -> str:
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
