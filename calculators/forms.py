"""Declarative input schemas of every calculator (表单定义): field id, label, unit, default, help, kind.

The build renders each form from these declarations with its defaults as a worked example; the browser sends
the raw text of the same fields back to :func:`calculators.web.run`. Parsing goes through ``money`` and
``rates`` so the site accepts exactly what the command line accepts ("1.2万", "日息万五").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from .errors import InputError
from .money import parse_date, parse_int, parse_money
from .rates import parse_rate


@dataclass(frozen=True)
class Field:
    """One form field. ``kind``: money, rate, int, date, choice, text, lines (one item per line), longtext,
    checks (a group of checkboxes; the raw value is the comma-joined keys of the ticked ``choices``),
    store (hidden saved data, e.g. the JSON of the evidence log) or button (a page action; no value)."""

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
    """Only used (and shown) when the form's switch field (``Form.switch``) has one of these values; empty = always."""
    shared: bool = False
    """Saved in this browser and shared by the inventory, plan, negotiate and budget tools."""
    rows: int = 6
    period: str = "year"
    """For rates: the period a bare number like "0.6%" means (year, month or day)."""
    call: str = ""
    """For buttons: the page call (a name in ``web.CALLS``) the button triggers."""

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
    switch: str = "mode"
    """The choice field whose value decides which ``modes``-restricted fields are used and shown."""


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
    if field.kind == "checks":
        return parse_checks(field, text)
    if field.kind == "button":
        return None
    if field.kind == "store":
        if len(text) > STORE_LIMIT:
            raise InputError(field.id, f"{field.label}：保存的数据太大了（超过 {STORE_LIMIT // 10000} 万个字符），"
                                       "请先导出备份，再删掉旧的记录。")
        return text
    if len(text) > 20000:
        raise InputError(field.id, f"{field.label}：内容太长（最多 20000 个字符）。")
    return text


STORE_LIMIT = 2_000_000
"""Most characters a ``store`` field may hold."""


def parse_checks(field: Field, text: str) -> tuple[str, ...]:
    """勾选框组：逗号（或顿号、空格）分隔的选项键 → the ticked keys in the order of ``field.choices``.

    >>> parse_checks(Field("x", "情况", "checks", choices=(("a", "甲"), ("b", "乙"))), "b, a，b")
    ('a', 'b')
    """
    keys = [k for k in text.replace("，", ",").replace("、", ",").replace(",", " ").split() if k]
    allowed = [v for v, _ in field.choices]
    bad = [k for k in keys if k not in allowed]
    if bad:
        raise InputError(field.id, f"{field.label}：没有“{bad[0][:20]}”这个选项，请在列出的选项里勾选。")
    if not keys:
        raise InputError(field.id, f"{field.label}：请至少勾选一项。")
    return tuple(v for v in allowed if v in keys)


def parse_fields(form: Form, raw: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Parse every field the form's current mode uses; collect one Chinese error per bad field."""
    values: dict = {}
    errors: dict[str, str] = {}
    switch = next((f for f in form.fields if f.id == form.switch), None)
    mode = None
    if switch is not None:
        try:
            mode = values[switch.id] = parse_value(switch, raw.get(switch.id, switch.default))
        except InputError as exc:
            errors.update(exc.to_dict())
    for field in form.fields:
        if field is switch or (field.modes and mode not in field.modes):
            continue
        try:
            values[field.id] = parse_value(field, raw.get(field.id, ""))
        except InputError as exc:
            errors.update(exc.to_dict())
    return values, errors


def split_items(text: str) -> list[str]:
    """一列东西，按人们常用的分隔写法拆开：逗号（中英文）、顿号或换行 → stripped, non-empty items.

    >>> split_items("网贷， 信用卡、消费贷\\n\\n房贷")
    ['网贷', '信用卡', '消费贷', '房贷']
    """
    text = (text or "").replace("，", ",").replace("、", ",").replace("\n", ",")
    return [item.strip() for item in text.split(",") if item.strip()]


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
    Field("days", "借款天数", "int", "90", "天", "一次性还本付息：从借款到还款一共多少天。", minimum=1, maximum=18300,
          modes=("bullet",)),
    Field("day_basis", "一年按多少天", "choice", "360", choices=(("360", "360 天（人民币贷款通常口径）"),
                                                              ("365", "365 天"))),
), lambda v: _Schedules(_compute_schedule(v)), _render_schedule, switch="method"))


# ---------------------------------------------------------------- shared fields and helpers (债务、预算共用)

DEBTS_DEFAULT = "信用卡,5000,18.25%,250\n网贷,12000,24%,600\n消费贷,30000,7.2%,900"
DEBTS_FIELD = Field(
    "debts", "你的债务", "lines", DEBTS_DEFAULT, "",
    "每行一笔债务：名称, 余额, 年化利率, 最低还款，后面可以再加 机构类型（银行、消费金融、小贷、网贷、民间借贷）"
    "和 逾期天数；用中文或英文逗号隔开。利率可以写 18%、日息万五、月息1分；金额可以写 12000 或 1.2万"
    "（不要用千位逗号）。也可以粘贴带列名的表格（CSV）。",
    shared=True, rows=6)
INCOME_FIELD = Field("monthly_income", "每月收入", "money", "8000", "元",
                     "到手的月收入（工资、经营收入等）；不想填可以留空。", optional=True, shared=True)
BUDGET_FIELD = Field("budget", "每月能拿出来还债的钱", "money", "2500", "元",
                     "每个月留出的还款总额（含各笔最低还款）；不确定可以先用“收支预算”工具算一算。", shared=True)
INCOMES_FIELD = Field(
    "incomes", "收入", "lines", "工资,8000", "",
    "每行一项：名称, 金额；按周拿的钱在后面加“每周”，例如“兼职,500,每周”。金额不要用千位逗号。",
    shared=True, rows=3)
EXPENSES_FIELD = Field(
    "expenses", "开支", "lines",
    "房租,2200\n吃饭,1600\n水电话费,300\n交通,300\n其他必要,400\n聚餐娱乐,400,可选\n网购,170,可选\n外卖奶茶,30,可选,每周",
    "",
    "每行一项：名称, 金额, 必要或可选（不写算必要）, 每周（不写算每月）。可选开支是暂时可以停掉的钱。",
    shared=True, rows=8)

_LIST_FIELDS = {f.id: f.label for f in (DEBTS_FIELD, INCOMES_FIELD, EXPENSES_FIELD)}
DEBT_COLUMNS = ["名称", "余额", "年化利率", "最低还款", "机构类型", "逾期天数"]
"""Columns of the shared debts box, in the order a person types them (also the header of the CSV export)."""


def _with_fields(compute: Callable[[dict], object], renames: dict[str, str] | None = None) -> Callable[[dict], object]:
    """Map an InputError's field to a form field id: "debts[2].balance" → "debts", plus ``renames``."""
    renames = renames or {}

    def wrapped(v: dict):
        try:
            return compute(v)
        except InputError as exc:
            field, message = exc.field, exc.message
            for prefix, label in _LIST_FIELDS.items():
                if field == prefix or field.startswith(prefix + "["):
                    field = prefix
                    if not message.startswith(label):
                        message = f"{label}：{message}"
                    break
            field = renames.get(field, field)
            if field == exc.field and message == exc.message:
                raise
            raise InputError(field, message) from None

    return wrapped


def _split_cells(line: str) -> list[str]:
    return [c.strip() for c in line.replace("，", ",").replace("\t", ",").split(",")]


def parse_debts(text: str):
    """债务清单文本 → list[Debt]: CSV lines with or without a header row, Chinese or English commas, or JSON."""
    from .debts import _COLUMNS, load_debts

    t = (text or "").lstrip("\ufeff").strip()
    if not t:
        raise InputError("debts", "你的债务：请至少填一笔债务，每行一笔：名称, 余额, 年化利率, 最低还款。")
    if t[0] not in "[{":
        lines = [ln.replace("，", ",").replace("\t", ",") for ln in t.splitlines()]
        t = "\n".join(lines)
        first = next(ln for ln in lines if ln.strip())
        if not any(c.strip().lower() in _COLUMNS for c in first.split(",")):
            t = ",".join(DEBT_COLUMNS) + "\n" + t
    return load_debts(t)


def _items(text: str, field: str, label: str, expense: bool):
    """收入或开支的文本（每行：名称, 金额[, 必要/可选][, 每周]）→ list[BudgetItem]."""
    from .budget import BudgetItem

    rows = [ln for ln in (text or "").splitlines() if ln.strip()]
    if len(rows) > 200:
        raise InputError(field, f"{label}：最多 200 项。")
    kinds = {"必要": "essential", "必需": "essential", "essential": "essential", "可选": "optional",
             "非必要": "optional", "optional": "optional"}
    periods = {"每周": True, "周": True, "weekly": True, "每月": False, "月": False, "monthly": False}
    out = []
    for i, line in enumerate(rows, 1):
        cells = [c for c in _split_cells(line) if c]
        where = f"{label}第 {i} 行"
        if len(cells) < 2:
            raise InputError(field, f"{where}：请写成“名称, 金额”，例如“房租,2000”。")
        try:
            amount = parse_money(cells[1], field, f"{where}的金额")
        except InputError as exc:
            raise InputError(field, exc.message) from None
        kind, weekly = "essential", False
        for cell in cells[2:]:
            key = cell.lower()
            if key in kinds and expense:
                kind = kinds[key]
            elif key in periods:
                weekly = periods[key]
            else:
                allowed = "必要、可选、每周、每月" if expense else "每周、每月"
                raise InputError(field, f"{where}：看不懂“{cell[:20]}”，这里只能写 {allowed}。")
        out.append(BudgetItem(cells[0][:40], amount, kind, weekly))
    return out


def _pairs(text: str | None, field: str, label: str, second: str) -> list[tuple[int, Decimal]]:
    """每行“第几个月, 金额” → [(month, amount)]."""
    out = []
    for i, line in enumerate((ln for ln in (text or "").splitlines() if ln.strip()), 1):
        cells = [c for c in _split_cells(line) if c]
        where = f"{label}第 {i} 行"
        if len(cells) != 2:
            raise InputError(field, f"{where}：请写成“第几个月, {second}”，例如“3, 2000”。")
        try:
            month = parse_int(cells[0], field, f"{where}的月份", minimum=1, maximum=600)
            amount = parse_money(cells[1], field, f"{where}的{second}")
        except InputError as exc:
            raise InputError(field, exc.message) from None
        out.append((month, amount))
    if len(out) > 600:
        raise InputError(field, f"{label}：最多 600 行。")
    return out


def _plain_rate(rate, field: str, label: str) -> None:
    if rate.flat:
        raise InputError(field, f"{label}：这是按原始本金收取的手续费率，真实年化要高得多。"
                                "请先用“真实年化利率”工具换算，再填年利率。")


# ---------------------------------------------------------------- 债务清单 (inventory)

def _compute_inventory(v: dict):
    from .debts import inventory

    return inventory(parse_debts(v["debts"]), v["monthly_income"], as_of=v["as_of"])


def _render_inventory(result, v: dict) -> str:
    from . import render

    return render.inventory_result(result, v)


register(Form("inventory", "债务清单", (
    DEBTS_FIELD,
    INCOME_FIELD,
    Field("as_of", "计算日期", "date", "2026-11-28", "", "用于判断适用的 LPR（民间借贷利率上限）；例如 2026-11-28。"),
), _with_fields(_compute_inventory), _render_inventory))


# ---------------------------------------------------------------- 还款计划 (plan)

@dataclass
class PlanView:
    """还款计划的结果：``main`` 是 Comparison（三种策略对比）或 PlanResult；``minimum`` 是只还最低的对照。"""

    strategy: str
    main: object
    minimum: object | None = None

    def to_dict(self) -> dict:
        out = {"strategy": self.strategy, **self.main.to_dict()}
        if self.minimum is not None:
            out["minimum_only"] = self.minimum.to_dict()
        return out


def _compute_plan(v: dict):
    from . import plan

    debts = parse_debts(v["debts"])
    extra: dict[int, Decimal] = {}
    for month, amount in _pairs(v["extra"], "extra", "额外还款", "金额"):
        extra[month] = extra.get(month, Decimal(0)) + amount
    changes = _pairs(v["budget_changes"], "budget_changes", "预算变化", "新预算")
    strategy = v["strategy"]
    kw = {"extra_payments": extra, "budget_changes": changes}
    if strategy == "compare":
        return PlanView(strategy, plan.compare(debts, v["budget"], **kw))
    order = None
    if strategy == "custom":
        order = [name[:40] for name in split_items(v["order"])]
        if not order:
            raise InputError("order", "还款顺序：选了“按我填的顺序”，请每行写一笔债务的名称，先还的写在前面。")
    result = plan.plan(debts, v["budget"], strategy, order=order, **kw)
    minimum = None if strategy == "minimum" else plan.plan(debts, v["budget"], "minimum", **kw)
    return PlanView(strategy, result, minimum)


def _render_plan(result, v: dict) -> str:
    from . import render

    return render.plan_result(result, v)


register(Form("plan", "还款计划", (
    DEBTS_FIELD,
    BUDGET_FIELD,
    Field("strategy", "还款策略", "choice", "compare", choices=(
        ("compare", "三种策略对比"), ("avalanche", "先还利率最高（雪崩法）"), ("snowball", "先还余额最小（雪球法）"),
        ("custom", "按我填的顺序"), ("minimum", "只还最低还款"))),
    Field("order", "还款顺序", "lines", "", "",
          "每行写一笔债务的名称（和上面一致），先还的写在前面；没写到的按利率从高到低排在后面。",
          optional=True, rows=3, modes=("custom",)),
    Field("extra", "一次性额外还款", "lines", "", "",
          "可选。每行一笔：第几个月, 金额，例如“6, 3000”（第 6 个月多还 3000 元，比如年终奖）。", optional=True, rows=2),
    Field("budget_changes", "预算变化", "lines", "", "",
          "可选。每行一条：从第几个月起, 新的每月预算，例如“13, 3000”。", optional=True, rows=2),
), _with_fields(_compute_plan, {"extra_payments": "extra", "max_months": "budget_changes"}), _render_plan,
   switch="strategy"))


# ---------------------------------------------------------------- 协商分期测算 (negotiate)

def _compute_negotiate(v: dict):
    from .negotiate import DEFAULT_TERMS, NegotiationInput, negotiate

    rate = v["annual_rate"]
    _plain_rate(rate, "annual_rate", "分期期间的年利率")
    terms = DEFAULT_TERMS
    if v["terms"]:
        cells = split_items(v["terms"])
        if len(cells) > 60:
            raise InputError("terms", "想看的期数：最多 60 个。")
        terms = tuple(parse_int(c, "terms", "想看的期数", minimum=1, maximum=60) for c in cells) or DEFAULT_TERMS
    zero = Decimal(0)
    return negotiate(NegotiationInput(v["principal"], v["interest"] or zero, v["fees"] or zero, v["budget"],
                                      rate.annual(360), terms))


def _render_negotiate(result, v: dict) -> str:
    from . import render

    return render.negotiate_result(result, v)


register(Form("negotiate", "协商分期测算", (
    Field("principal", "欠款本金", "money", "30000", "元", "还没还的本金，不含利息和罚息；例如 30000 或 3万。"),
    Field("interest", "已产生的利息", "money", "2000", "元", "账单上已经产生、还没还的利息；没有就留空。", optional=True),
    Field("fees", "罚息、违约金等费用", "money", "1000", "元", "逾期后产生的罚息、复利、违约金和其他费用合计；没有就留空。",
          optional=True),
    BUDGET_FIELD,
    Field("annual_rate", "分期期间的年利率", "rate", "7.2%", "",
          "如果对方不同意停息，分期期间继续按这个利率计息；例如 7.2%、月息0.6%、日息万二。"),
    Field("terms", "想看的期数", "lines", "", "期",
          "可选。用逗号隔开，例如“12, 24, 36”；留空就看 12、24、36、48、60 期。最长 60 期。", optional=True, rows=1),
), _with_fields(_compute_negotiate, {"monthly_budget": "budget"}), _render_negotiate))


# ---------------------------------------------------------------- 逾期费用与司法保护上限 (overdue)

def _compute_overdue(v: dict):
    from .overdue import OverdueInput, overdue_cost

    basis = int(v["day_basis"])
    rate = v["annual_rate"]
    _plain_rate(rate, "annual_rate", "合同年利率")
    fee_percent = Decimal(0)
    if v["fee_percent"] is not None:
        fp = v["fee_percent"]
        if fp.period != "year" or fp.flat:
            raise InputError("fee_percent", "违约金比例：请直接填百分比，例如 5%。")
        fee_percent = fp.value
    zero = Decimal(0)
    return overdue_cost(OverdueInput(
        v["principal"], rate.annual(basis), v["days_overdue"], v["contract_date"], v["lender_type"],
        Decimal(v["multiplier"]), v["unpaid_interest"] or zero, True, v["fee_amount"] or zero, fee_percent, basis))


def _render_overdue(result, v: dict) -> str:
    from . import render

    return render.overdue_result(result, v)


def _lender_choices() -> tuple[tuple[str, str], ...]:
    from .caps import LENDERS

    return tuple(LENDERS.items())


register(Form("overdue", "逾期费用与司法保护上限", (
    Field("principal", "逾期本金", "money", "10000", "元", "已经逾期、还没还的本金；例如 10000 或 1万。"),
    Field("annual_rate", "合同年利率", "rate", "7.2%", "", "合同写的正常利率，例如 7.2%、日息万二、月息0.6%。"),
    Field("days_overdue", "已逾期天数", "int", "30", "天", "从应还日第二天算起，到今天一共多少天。", minimum=0, maximum=36500),
    Field("contract_date", "借款合同日期", "date", "2025-06-01", "",
          "签合同（或借款）的日期，用来确定当时适用的利率上限；例如 2025-06-01。"),
    Field("lender_type", "出借人类型", "choice", "bank", choices=_lender_choices()),
    Field("multiplier", "罚息倍数", "choice", "1.5", choices=(
        ("1", "1 倍（不上浮）"), ("1.3", "1.3 倍（上浮 30%）"), ("1.4", "1.4 倍（上浮 40%）"),
        ("1.5", "1.5 倍（上浮 50%，常见）"), ("2", "2 倍（挪用贷款）"))),
    Field("unpaid_interest", "未付利息", "money", "", "元", "逾期前已经产生、没有付的利息；会对它计收复利。没有就留空。",
          optional=True),
    Field("fee_amount", "固定违约金", "money", "", "元", "合同写的固定金额违约金或滞纳金；没有就留空。", optional=True),
    Field("fee_percent", "违约金比例", "rate", "", "", "按逾期金额收取的违约金比例，例如 5%；没有就留空。", optional=True),
    Field("day_basis", "一年按多少天", "choice", "360", choices=(("360", "360 天（人民币贷款通常口径）"),
                                                              ("365", "365 天"))),
), _with_fields(_compute_overdue), _render_overdue))


# ---------------------------------------------------------------- 以贷养贷模拟 (spiral)

def _compute_spiral(v: dict):
    from .spiral import SpiralInput, spiral

    rate = v["monthly_rate"]
    _plain_rate(rate, "monthly_rate", "新贷的月利率")
    fee = v["fee"]
    if fee.period == "day":
        raise InputError("fee", "新贷手续费：请直接填占借款金额的百分比，例如 3%。")
    return spiral(SpiralInput(v["start_debt"], rate.monthly(360), fee.value, v["months"], v["obligations"],
                              v["available"]))


def _render_spiral(result, v: dict) -> str:
    from . import render

    return render.spiral_result(result, v)


register(Form("spiral", "以贷养贷模拟", (
    Field("start_debt", "现在的欠款", "money", "10000", "元", "要靠借新贷来还的欠款；例如 10000 或 1万。"),
    Field("monthly_rate", "新贷的月利率", "rate", "2%", "每月", "例如 2%（每月）、年化24%、日息万五。", period="month"),
    Field("fee", "新贷手续费", "rate", "3%", "", "每借一笔新贷，放款时先扣掉的比例（服务费、砍头息）；例如 3%。",
          period="month"),
    Field("months", "模拟月数", "int", "24", "个月", "看多少个月，1 到 120。", minimum=1, maximum=120),
    Field("obligations", "每月应还", "money", "5000", "元",
          "模型二（可选）：每月各笔合计要还多少。和下一项一起填，不用就两项都留空。", optional=True),
    Field("available", "每月能拿出的钱", "money", "4000", "元",
          "模型二（可选）：每月实际能拿出来还的钱；差额假设靠借 30 天的新贷补上。", optional=True),
), _with_fields(_compute_spiral, {"debt": "start_debt"}), _render_spiral))


# ---------------------------------------------------------------- 收支预算 (budget)

@dataclass
class BudgetView:
    """收支预算的结果，连同逐项收入、开支（折成每月）。"""

    result: object
    incomes: list
    expenses: list
    debt_count: int

    def to_dict(self) -> dict:
        return {**self.result.to_dict(), "incomes": [x.to_dict() for x in self.incomes],
                "expenses": [x.to_dict() for x in self.expenses], "debt_count": self.debt_count}


def _compute_budget(v: dict):
    from .budget import BudgetInput, budget

    incomes = _items(v["incomes"], "incomes", "收入", False)
    expenses = _items(v["expenses"], "expenses", "开支", True)
    debts = parse_debts(v["debts"]) if v["debts"] else []
    minimums = sum((d.minimum_payment for d in debts), Decimal(0))
    return BudgetView(budget(BudgetInput(incomes, expenses, minimums)), incomes, expenses, len(debts))


def _render_budget(result, v: dict) -> str:
    from . import render

    return render.budget_result(result, v)


register(Form("budget", "收支预算", (
    INCOMES_FIELD,
    EXPENSES_FIELD,
    replace(DEBTS_FIELD, optional=True),
), _with_fields(_compute_budget, {"minimum_payments": "debts"}), _render_budget))


# ---------------------------------------------------------------- 催收记录（共用）

ENTRIES_FIELD = Field(
    "entries", "催收记录", "store", "", "",
    "催收记录本里的全部记录，只保存在这台设备的浏览器里；催收合规自查和信件生成会用到它。",
    optional=True, shared=True)


# ---------------------------------------------------------------- 催收合规自查 (checker)

def _compute_checker(v: dict):
    from .collection import check
    from .evidence import load_entries, summarise

    log = summarise(load_entries(v["entries"])) if v["entries"] else None
    return check(v["happened"] or (), v["lender"], log)


def _render_checker(result, v: dict) -> str:
    from . import render

    return render.checker_result(result, v)


def _checker_fields() -> tuple[Field, ...]:
    from .collection import items, lenders

    return (
        Field("happened", "你遇到过哪些情况", "checks", "night,third_party,threats", "",
              "勾选遇到过的情况，可以多选。下面按严重程度列出每一项碰到的规则、该留的证据和去找谁。",
              choices=tuple((k, item["label"]) for k, item in items().items()), optional=True),
        Field("lender", "借钱给你的是谁", "choice", "unknown", "",
              "看借款合同上的“贷款人”；有些规则只约束银行等机构，选对了结果更准。", choices=lenders()),
        ENTRIES_FIELD,
    )


register(Form("checker", "催收合规自查", _checker_fields(), _compute_checker, _render_checker))


# ---------------------------------------------------------------- 催收记录本 (evidence-log)

def _compute_evidence(v: dict):
    from .evidence import load_entries, view

    return view(load_entries(v["entries"]), v["sort"], v["filter_target"], v["filter_text"] or "")


def _render_evidence(result, v: dict) -> str:
    from . import render

    return render.evidence_result(result, v)


def _evidence_fields() -> tuple[Field, ...]:
    from .evidence import CHANNELS, TARGETS

    return (
        ENTRIES_FIELD,
        Field("when", "时间", "text", "", "", "精确到分钟，例如 2026-11-20 22:30 或 2026年11月20日 22:30。", optional=True),
        Field("channel", "方式", "choice", "电话", choices=tuple((c, c) for c in CHANNELS)),
        Field("contact", "号码或名称", "text", "", "", "来电号码、微信号；对方自称的姓名、工号和机构。", optional=True),
        Field("target", "联系了谁", "choice", "本人", choices=tuple((t, t) for t in TARGETS)),
        Field("said", "说了什么", "longtext", "", "", "尽量写原话，尤其是威胁、辱骂、说要上门的话；也可以写你说了什么。",
              optional=True, rows=3),
        Field("files", "证据文件", "text", "", "", "对应的录音、截图的文件名，例如 20261120_2230.m4a；文件本身另外保存。",
              optional=True),
        Field("add", "添加这条记录", "button", "", "", "记录只保存在这台设备的浏览器里。", optional=True,
              call="evidence_add"),
        Field("sort", "排序", "choice", "new", choices=(("new", "时间从新到旧"), ("old", "时间从旧到新"))),
        Field("filter_target", "只看", "choice", "all",
              choices=(("all", "全部"), ("third", "本人以外的所有人")) + tuple((t, t) for t in TARGETS)),
        Field("filter_text", "查找", "text", "", "", "按号码、内容或文件名查找；留空就显示全部。", optional=True),
    )


register(Form("evidence-log", "催收记录本", _evidence_fields(), _compute_evidence, _render_evidence))


# ---------------------------------------------------------------- 信件生成 (letters)

def _compute_letters(v: dict):
    from .evidence import load_entries
    from .letters import LetterInput, fill

    kind = v["kind"]
    negotiation = kind == "negotiation"
    return fill(LetterInput(
        kind, v["reason"] if negotiation else "job-loss", v.get("has_proof") != "no", v["name"] or "",
        v["lender_name"] or "", v["amount"], v["months"] if negotiation else None,
        v["monthly"] if negotiation else None, v["facts"] or "", load_entries(v["entries"])))


def _render_letters(result, v: dict) -> str:
    from . import render

    return render.letter_result(result, v)


def _letters_fields() -> tuple[Field, ...]:
    from .letters import kinds, reasons

    neg = ("negotiation",)
    return (
        Field("kind", "要写什么", "choice", "negotiation", choices=kinds()),
        Field("reason", "还不上的原因", "choice", "job-loss", choices=reasons(), modes=neg),
        Field("has_proof", "有没有相关证明（例如失业证明、诊断证明）", "choice", "yes",
              "没有也可以写：信里会列出能代替的材料。", choices=(("yes", "有"), ("no", "没有")), modes=neg),
        Field("name", "你的姓名", "text", "", "", "可以不填，信里会留出【姓名】让你自己写。", optional=True),
        Field("lender_name", "放贷机构全称", "text", "", "", "以借款合同上的“贷款人”为准；可以不填。", optional=True),
        Field("amount", "目前欠款合计", "money", "", "元", "据账单或 App 显示的欠款合计；可以不填。", optional=True),
        Field("months", "想分几期", "int", "", "期", "可以不填；填了每月金额会自动算出期数。", optional=True, minimum=1,
              maximum=600, modes=neg),
        Field("monthly", "每月能还", "money", "", "元", "先用“收支预算”和“协商分期测算”算出来，不要承诺做不到的数字。",
              optional=True, modes=neg),
        Field("facts", "经过或情况说明", "longtext", "", "",
              "按时间写清发生了什么，只写真实发生的事。不填时：投诉和报警材料会列出催收记录本里的记录。",
              optional=True, rows=5),
        ENTRIES_FIELD,
    )


register(Form("letters", "信件生成", _letters_fields(), _compute_letters, _render_letters, switch="kind"))


# ---------------------------------------------------------------- 我该怎么办 (what-to-do)

def _compute_triage(v: dict):
    from .triage import plan

    return plan(v)


def _render_triage(result, v: dict) -> str:
    from . import render

    return render.triage_result(result, v)


def _triage_fields() -> tuple[Field, ...]:
    from .triage import questions

    return tuple(Field(q["id"], q["label"], "choice", q["default"], "", q["help"],
                       choices=tuple((k, label) for k, label in q["choices"])) for q in questions())


register(Form("what-to-do", "我该怎么办", _triage_fields(), _compute_triage, _render_triage))
