"""梳理债务（债务清单）：读入债务表格，算总余额、加权利率、每月利息和月供，并标出需要注意的债务。

利率标记的依据见 CONVENTIONS.md §8：持牌机构的利息、罚息、违约金等合计超过年 24% 的部分，借款人主张时
法院通常支持调减；民间借贷以合同成立时一年期 LPR 的 4 倍为上限（caps.benchmark）。
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .caps import benchmark
from .errors import InputError
from .money import FEN, fen, parse_int, parse_money
from .rates import parse_rate

__all__ = ["Debt", "Flag", "DebtLine", "Inventory", "LENDER_TYPES", "find_debt", "load_debts", "inventory"]

LENDER_TYPES = ("bank", "consumer-finance", "microloan", "platform", "private")
_LENDER_ALIASES = {
    "银行": "bank", "信用卡": "bank", "消费金融": "consumer-finance", "消金": "consumer-finance",
    "消费金融公司": "consumer-finance", "小贷": "microloan", "小额贷款": "microloan", "小额贷款公司": "microloan",
    "网贷": "platform", "平台": "platform", "网贷平台": "platform", "助贷": "platform",
    "民间借贷": "private", "民间": "private", "个人": "private", "私人": "private",
}
MAX_DEBTS = 200

# 列名 → (字段, 中文列名)
COLUMN_ALIASES = {
    "name": "name", "名称": "name",
    "balance": "balance", "余额": "balance",
    "annual_rate": "annual_rate", "年化利率": "annual_rate",
    "minimum_payment": "minimum_payment", "最低还款": "minimum_payment",
    "lender_type": "lender_type", "机构类型": "lender_type",
    "product": "product", "产品": "product",
    "due_day": "due_day", "还款日": "due_day",
    "days_overdue": "days_overdue", "逾期天数": "days_overdue",
}
_LABELS = {
    "name": "名称", "balance": "余额", "annual_rate": "年化利率", "minimum_payment": "最低还款",
    "lender_type": "机构类型", "product": "产品", "due_day": "还款日", "days_overdue": "逾期天数",
}
_REQUIRED = ("name", "balance", "annual_rate", "minimum_payment")


@dataclass
class Debt:
    """一笔债务：余额（元）、年化利率（小数，0.18 即 18%）、每月最低还款（元）。"""

    name: str
    balance: Decimal
    annual_rate: Decimal
    minimum_payment: Decimal
    lender_type: str = ""
    product: str = ""
    due_day: int | None = None
    days_overdue: int = 0


def _rows(text: str) -> list[dict[str, str]]:
    t = text.lstrip("\ufeff").strip()
    if not t:
        raise InputError("debts", "债务清单：内容是空的。请粘贴 CSV 表格或 JSON。")
    if t[0] in "[{":
        try:
            data = json.loads(t, parse_float=Decimal, parse_int=Decimal)
        except ValueError:
            raise InputError("debts", "债务清单：JSON 格式有误，请检查括号和引号。") from None
        if isinstance(data, dict):
            data = data.get("debts")
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise InputError("debts", "债务清单：JSON 应是债务对象的列表，或 {\"debts\": [...]}。")
        return [{str(k).strip(): ("" if v is None else str(v)) for k, v in x.items()} for x in data]
    reader = csv.reader(io.StringIO(t))
    lines = [row for row in reader if any(c.strip() for c in row)]
    if not lines:
        raise InputError("debts", "债务清单：内容是空的。")
    header = [h.strip().lstrip("\ufeff") for h in lines[0]]
    return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in lines[1:]]


def _parse_cell(vals: dict[str, str], i: int, col: str, fn):
    try:
        return fn(vals[col].strip(), f"debts[{i}].{col}", _LABELS[col])
    except InputError as e:
        raise InputError(f"debts[{i}].{col}", f"第{i + 1}笔债务的“{_LABELS[col]}”列：{e.message}") from None


def load_debts(text: str) -> list[Debt]:
    """读入债务清单（梳理债务）：CSV（可带 BOM，中英文列名均可）或 JSON。

    我把几笔欠款记在表格里，怎么读进来？

    >>> ds = load_debts("名称,余额,年化利率,最低还款\\n网贷,1.2万,24%,600")
    >>> ds[0].name, ds[0].balance, ds[0].annual_rate, ds[0].minimum_payment
    ('网贷', Decimal('12000.00'), Decimal('0.24'), Decimal('600.00'))
    """
    raw = _rows(text)
    if not raw:
        raise InputError("debts", "债务清单：没有找到任何债务。第一行写列名，下面每行一笔债务。")
    if len(raw) > MAX_DEBTS:
        raise InputError("debts", f"债务清单：最多 {MAX_DEBTS} 笔债务。")
    debts: list[Debt] = []
    for i, row in enumerate(raw):
        vals: dict[str, str] = {}
        for key, value in row.items():
            col = COLUMN_ALIASES.get(key.strip().lower()) if key else None
            if col:
                vals[col] = value
        for col in _REQUIRED:
            if not vals.get(col, "").strip():
                raise InputError(f"debts[{i}].{col}", f"第{i + 1}笔债务的“{_LABELS[col]}”没有填。")

        name = vals["name"].strip()[:40]
        balance = _parse_cell(vals, i, "balance", parse_money)
        parsed = _parse_cell(vals, i, "annual_rate", parse_rate)
        if parsed.flat:
            raise InputError(
                f"debts[{i}].annual_rate",
                f"第{i + 1}笔债务的“年化利率”列：这是按原始本金收取的手续费率，真实年化要高得多。"
                "请先用“真实年化”工具换算，再填年化利率。",
            )
        rate = parsed.annual(360)
        minimum = _parse_cell(vals, i, "minimum_payment", parse_money)
        lender = vals.get("lender_type", "").strip()
        if lender:
            lender = _LENDER_ALIASES.get(lender, lender.lower())
            if lender not in LENDER_TYPES:
                raise InputError(
                    f"debts[{i}].lender_type",
                    f"第{i + 1}笔债务的“机构类型”列：请填 银行(bank)、消费金融(consumer-finance)、"
                    "小贷(microloan)、网贷平台(platform) 或 民间借贷(private)，也可以留空。",
                )
        due_day = None
        if vals.get("due_day", "").strip():
            due_day = _parse_cell(vals, i, "due_day", lambda t, f, lab: parse_int(t, f, lab, minimum=1, maximum=31))
        overdue = 0
        if vals.get("days_overdue", "").strip():
            overdue = _parse_cell(vals, i, "days_overdue", lambda t, f, lab: parse_int(t, f, lab, minimum=0, maximum=36500))
        debts.append(Debt(name, balance, rate, minimum, lender, vals.get("product", "").strip()[:40], due_day, overdue))
    return debts


@dataclass
class Flag:
    """需要注意的情况：机器可读的 key，加一句中文说明。"""

    key: str
    message: str


@dataclass
class DebtLine:
    """清单里的一行：原债务、每月利息，以及标记。"""

    debt: Debt
    monthly_interest: Decimal
    flags: list[Flag] = field(default_factory=list)


@dataclass
class Inventory:
    """债务清单汇总。"""

    lines: list[DebtLine]
    total_balance: Decimal
    total_minimums: Decimal  # 每月最低还款合计（每月必须付出的钱）
    monthly_interest: Decimal
    weighted_rate: Decimal | None  # 按余额加权的年化利率（小数）
    monthly_income: Decimal | None
    debt_service_ratio: Decimal | None  # 最低还款合计 ÷ 月收入
    warnings: list[str]
    conventions: list[str]


def find_debt(debts: list[Debt], text: str, field: str, label: str) -> Debt:
    """按名称或序号找一笔债务（“网贷”或“2”，1 是第一笔）；找不到时 InputError 写明能填什么。

    >>> ds = [Debt("信用卡", Decimal(1), Decimal(0), Decimal(0)), Debt("网贷", Decimal(2), Decimal(0), Decimal(0))]
    >>> find_debt(ds, "2", "target", "哪笔").name, find_debt(ds, "网贷", "target", "哪笔").name
    ('网贷', '网贷')
    """
    t = (text or "").strip()
    if t.isdecimal() and len(t) <= 4 and 1 <= int(t) <= len(debts):
        return debts[int(t) - 1]
    for d in debts:
        if d.name == t:
            return d
    raise InputError(field, f"{label}：债务清单里没有“{t[:20]}”。请填清单里的名称，或第几笔（1 到 {len(debts)}）。")


def _pct(x: Decimal) -> str:
    return f"{(x * 100).quantize(FEN, rounding=ROUND_HALF_UP)}%"


def _flags(d: Debt, interest: Decimal, private_cap: Decimal | None) -> list[Flag]:
    flags: list[Flag] = []
    if d.annual_rate > Decimal("0.36"):
        flags.append(Flag("over_36", f"年化 {_pct(d.annual_rate)}，超过 36%。这个成本非常高，优先处理或尽快协商。"))
    elif d.annual_rate > Decimal("0.24"):
        flags.append(Flag("over_24", f"年化 {_pct(d.annual_rate)}，超过 24%。持牌机构超过 24% 的部分，你在诉讼中主张时法院通常支持调减。"))
    if d.lender_type == "private" and private_cap is not None and d.annual_rate > private_cap:
        flags.append(Flag("over_private_cap", f"民间借贷年化 {_pct(d.annual_rate)}，超过合同成立时一年期 LPR 的 4 倍（{_pct(private_cap)}），超出部分法院不支持。"))
    if d.balance > 0 and d.minimum_payment <= interest:
        kind = "只还利息" if d.minimum_payment == interest else "负摊还"
        flags.append(Flag("never_shrinks", f"最低还款 {fen(d.minimum_payment)} 元不超过每月利息 {interest} 元，只还最低的话余额不会减少（{kind}）。"))
    if d.days_overdue > 0:
        flags.append(Flag("overdue", f"已逾期 {d.days_overdue} 天，可能在产生罚息和违约金。可以用逾期成本工具估算，并尽早联系对方协商。"))
    return flags


def inventory(debts: list[Debt], monthly_income: Decimal | None = None, *, as_of: date) -> Inventory:
    """梳理债务（债务清单汇总）：总余额、每月最低还款合计、每月利息、加权年利率、还款收入比和逐笔标记。

    我欠信用卡 5000（18.25%）、网贷 12000（24%）、消费贷 30000（7.2%），每月收入 6000，压力有多大？

    >>> ds = [Debt("信用卡", Decimal(5000), Decimal("0.1825"), Decimal(250)),
    ...       Debt("网贷", Decimal(12000), Decimal("0.24"), Decimal(600)),
    ...       Debt("消费贷", Decimal(30000), Decimal("0.072"), Decimal(900))]
    >>> inv = inventory(ds, Decimal(6000), as_of=date(2026, 1, 1))
    >>> inv.total_balance, inv.total_minimums, inv.monthly_interest, inv.debt_service_ratio
    (Decimal('47000.00'), Decimal('1750.00'), Decimal('496.04'), Decimal('0.2917'))
    """
    warnings: list[str] = []
    conventions = ["每月利息 = 余额 × 年化利率 ÷ 12，四舍五入到分。", "加权年利率按余额加权。"]
    private_cap: Decimal | None = None
    if any(d.lender_type == "private" for d in debts):
        try:
            bm = benchmark("private", as_of)
            private_cap = bm.rate
            conventions.append(f"民间借贷上限按 {as_of.isoformat()} 的一年期 LPR 的 4 倍估算（{_pct(private_cap)}）；"
                               "实际以合同成立日的 LPR 为准。")
            if bm.unverified:
                warnings.append(bm.unverified)
        except InputError:
            warnings.append("无法取得民间借贷利率上限，未做该项标记。")
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        lines = []
        for d in debts:
            interest = fen(d.balance * d.annual_rate / 12)
            lines.append(DebtLine(d, interest, _flags(d, interest, private_cap)))
        total = fen(sum((d.balance for d in debts), Decimal(0)))
        mins = fen(sum((d.minimum_payment for d in debts), Decimal(0)))
        interest_total = fen(sum((ln.monthly_interest for ln in lines), Decimal(0)))
        weighted = None
        if total > 0:
            weighted = (sum((d.balance * d.annual_rate for d in debts), Decimal(0)) / total).quantize(Decimal("0.0001"))
        ratio = None
        if monthly_income is not None and monthly_income > 0:
            ratio = (mins / monthly_income).quantize(Decimal("0.0001"))
    if monthly_income is not None and monthly_income <= 0:
        warnings.append("月收入为 0 时无法计算还款收入比。先保障吃饭、住房等基本生活，可以拨打 12348 咨询免费法律援助。")
    if ratio is not None and ratio >= 1:
        warnings.append(f"每月最低还款合计 {mins} 元，已经不低于月收入，靠收入付不起全部最低还款。请尽早和债权人协商分期，不要借新还旧。")
    elif ratio is not None and ratio > Decimal("0.5"):
        warnings.append(f"每月最低还款占收入的 {_pct(ratio)}，压力很大。可以先看看开源节流，再考虑和债权人协商。")
    n_shrink = [ln.debt.name for ln in lines if any(f.key == "never_shrinks" for f in ln.flags)]
    if n_shrink:
        warnings.append("、".join(n_shrink) + "：只还最低，余额不会减少。")
    return Inventory(lines, total, mins, interest_total, weighted, monthly_income, ratio, warnings, conventions)
