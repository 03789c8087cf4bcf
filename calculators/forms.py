"""Declarative input schemas of every calculator (表单定义): field id, label, unit, default, help, kind.

The build renders each form from these declarations with its defaults as a worked example; the browser sends
the raw text of the same fields back to :func:`calculators.web.run`. Parsing goes through ``money`` and
``rates`` so the site accepts exactly what the command line accepts ("1.2万", "日息万五").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError
from .money import parse_date, parse_int, parse_money
from .rates import parse_rate


@dataclass(frozen=True)
class Field:
    """One form field. ``kind``: money, rate, int, date, choice, lines (one item per line), longtext."""

    id: str
    label: str
    kind: str
    default: str = ""
    unit: str = ""
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    optional: bool = False
    minimum: int = 0
    maximum: int = 600
    modes: tuple[str, ...] = ()
    """Only used (and shown) when the form's ``mode`` field has one of these values; empty = always."""
    shared: bool = False
    """Saved in this browser and shared by the inventory, plan, negotiate and budget tools."""
    rows: int = 6
    period: str = "year"
    """For rates: the period a bare number like "0.6%" means (year, month or day)."""

    @property
    def inputmode(self) -> str:
        return {"money": "decimal", "int": "numeric", "date": "numeric"}.get(self.kind, "text")


@dataclass(frozen=True)
class Form:
    """A calculator: its fields, how to compute from parsed values, how to render the result."""

    id: str
    title: str
    fields: tuple[Field, ...]
    compute: Callable[[dict], object]
    render: Callable[[object, dict], str]


def parse_value(field: Field, raw: str):
    """Parse one raw string by the field's kind; raises InputError naming the field."""
    text = raw if isinstance(raw, str) else ""
    if field.optional and not text.strip():
        return None
    if field.kind == "money":
        return parse_money(text, field.id, field.label)
    if field.kind == "rate":
        return parse_rate(text, field.id, field.label, default_period=field.period)
    if field.kind == "int":
        return parse_int(text, field.id, field.label, minimum=field.minimum, maximum=field.maximum)
    if field.kind == "date":
        return parse_date(text, field.id, field.label)
    if field.kind == "choice":
        allowed = {v for v, _ in field.choices}
        value = text.strip()
        if value not in allowed:
            names = "、".join(label for _, label in field.choices)
            raise InputError(field.id, f"{field.label}：请从这些选项中选一个：{names}。")
        return value
    if len(text) > 20000:
        raise InputError(field.id, f"{field.label}：内容太长（最多 20000 个字符）。")
    return text


def parse_fields(form: Form, raw: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Parse every field the form's current mode uses; collect one Chinese error per bad field."""
    values: dict = {}
    errors: dict[str, str] = {}
    mode_field = next((f for f in form.fields if f.id == "mode"), None)
    mode = None
    if mode_field is not None:
        try:
            mode = values["mode"] = parse_value(mode_field, raw.get("mode", mode_field.default))
        except InputError as exc:
            errors.update(exc.to_dict())
    for field in form.fields:
        if field.id == "mode" or (field.modes and mode not in field.modes):
            continue
        try:
            values[field.id] = parse_value(field, raw.get(field.id, ""))
        except InputError as exc:
            errors.update(exc.to_dict())
    return values, errors


def money_lines(text: str, field: str, label: str) -> list[Decimal]:
    """每行（或用逗号、空格分隔）一个金额 → list of Decimal."""
    parts = [p for p in text.replace("，", ",").replace(",", "\n").split() if p.strip()]
    if not parts:
        raise InputError(field, f"{label}：请至少填写一个金额，每行一个。")
    if len(parts) > 1200:
        raise InputError(field, f"{label}：最多 1200 期。")
    out = []
    for i, part in enumerate(parts, 1):
        try:
            out.append(parse_money(part, field, f"{label}第 {i} 项"))
        except InputError as exc:
            raise InputError(field, exc.message) from None
    return out


FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    FORMS[form.id] = form
    return form


# ---------------------------------------------------------------- 真实年化利率 (apr)

def _compute_apr(v: dict):
    from . import rates

    mode = v["mode"]
    if mode == "flat":
        fee = v["flat_fee"]
        if fee.period != "month":
            raise InputError("flat_fee", "每期手续费：请填每月的费率，例如“0.6%”或“月费率0.6%”。")
        return rates.flat_fee_apr(v["principal"], v["months"], fee.value, one_off_fee=v["one_off_fee"] or Decimal(0),
                                  net_received=v["net_received"])
    if mode == "daily":
        return rates.daily_loan_apr(v["principal"], v["daily_rate"].daily(), v["months"], v["start_date"])
    return rates.apr_of_payments(v["net_received_total"], money_lines(v["payments"], "payments", "每期还款额"))


def _render_apr(result, v: dict) -> str:
    from . import render

    return render.apr_result(result, v)


register(Form("apr", "真实年化利率", (
    Field("mode", "贷款类型", "choice", "flat", choices=(
        ("flat", "分期手续费（等本等息：信用卡分期、花呗分期、多数网贷）"),
        ("daily", "按日计息（借呗、金条、微粒贷一类，等额本金）"),
        ("schedule", "我有每期还款金额（任意还款计划）"))),
    Field("principal", "借款本金", "money", "12000", "元", "合同写的借款金额，例如 12000 或 1.2万。",
          modes=("flat", "daily")),
    Field("months", "期数", "int", "12", "期（月）", "分几个月还完。", minimum=1, maximum=600, modes=("flat", "daily")),
    Field("flat_fee", "每期手续费率", "rate", "0.6%", "每月", "按原始本金每月收取的费率，例如 0.6% 或 月费率0.6%。",
          modes=("flat",), period="month"),
    Field("one_off_fee", "一次性费用", "money", "", "元", "随第一期收取的一次性手续费；没有就留空。", optional=True,
          modes=("flat",)),
    Field("net_received", "实际到手金额", "money", "", "元",
          "放款时被先扣了服务费、砍头息，就填实际到账的钱；没有被扣就留空。", optional=True, modes=("flat",)),
    Field("daily_rate", "日利率", "rate", "日息万五", "", "例如 日息万五、0.05%/天、日利率0.05%。", modes=("daily",)),
    Field("start_date", "借款日期", "date", "2025-01-01", "", "例如 2025-01-01 或 2025年1月1日。", modes=("daily",)),
    Field("net_received_total", "实际到手金额", "money", "99000", "元", "扣除各种费用后真正拿到的钱。",
          modes=("schedule",)),
    Field("payments", "每期还款额", "lines", "8833.3\n" * 12, "元", "每行一期，按月份顺序填；也可以用逗号分开。",
          modes=("schedule",)),
), _compute_apr, _render_apr))


# ---------------------------------------------------------------- 还款方式对比 (schedule)

def _compute_schedule(v: dict):
    from . import schedules

    basis = int(v["day_basis"])
    annual = v["annual_rate"].annual(basis)
    term = v["months"]
    if v["method"] == "compare":
        return [schedules.build(m, v["principal"], annual, term) for m in ("annuity", "equal-principal",
                                                                           "interest-only", "flat")]
    if v["method"] == "bullet":
        term = v["days"]
    return [schedules.build(v["method"], v["principal"], annual, term, basis)]


def _render_schedule(result, v: dict) -> str:
    from . import render

    return render.schedule_result(result, v)


class _Schedules(list):
    def to_dict(self) -> dict:
        return {"schedules": [s.to_dict() for s in self]}


register(Form("schedule", "还款方式对比", (
    Field("principal", "借款本金", "money", "10000", "元", "例如 10000 或 1万。"),
    Field("annual_rate", "年利率", "rate", "12%", "", "例如 12%、月息1分、日息万五；按日或按月的利率会换算成年利率。"),
    Field("months", "期数", "int", "12", "月", "分几个月还。", minimum=1, maximum=600),
    Field("method", "还款方式", "choice", "compare", choices=(
        ("compare", "四种方式对比"), ("annuity", "等额本息"), ("equal-principal", "等额本金"),
        ("interest-only", "先息后本"), ("bullet", "一次性还本付息"), ("flat", "等本等息（年利率按 月费率×12 填）"))),
    Field("days", "借款天数", "int", "90", "天", "只用于一次性还本付息。", minimum=1, maximum=18300, modes=()),
    Field("day_basis", "一年按多少天", "choice", "360", choices=(("360", "360 天（人民币贷款通常口径）"),
                                                              ("365", "365 天"))),
), lambda v: _Schedules(_compute_schedule(v)), _render_schedule))
