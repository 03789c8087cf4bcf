"""逾期成本（罚息、复利、违约金）：到今天已经产生多少，再拖 30/90/180 天会变成多少，和法院保护上限比一比。

公式见 CONVENTIONS.md §8：罚息 = 逾期本金 × 合同年利率 × k ÷ 360 × 逾期天数；复利 = 未付利息 × 合同年利率 × k
÷ 360 × 天数。k（罚息倍数）按合同的逾期利率（罚息）条款填写，没有法定的默认值：人民银行2003年的通知
（银发〔2003〕251号）曾规定银行贷款逾期罚息在合同利率上加收30%–50%，它现在是否仍然有效未能核实。
比较上限用 caps.benchmark。
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .caps import benchmark
from .errors import InputError
from .money import FEN, fen

__all__ = ["OverdueInput", "OverdueCost", "OverdueResult", "overdue_cost", "DEFAULT_PROJECTIONS"]

DEFAULT_PROJECTIONS = (30, 90, 180)
CAP_BASIS = 365  # 与上限比较时按 365 天折年（CONVENTIONS.md §2、§8）


@dataclass
class OverdueInput:
    """逾期成本的输入。fee_percent 是违约金占逾期金额（本金+未付利息）的比例（小数）。"""

    principal: Decimal
    annual_rate: Decimal  # 合同年利率（小数）
    days_overdue: int
    contract_date: date
    lender_type: str = "bank"
    multiplier: Decimal = Decimal("1.5")  # 罚息 = 合同利率 × k；按合同填写。1.5 只是示例（合同写“上浮50%”时），不是规定
    unpaid_interest: Decimal = Decimal(0)
    compound: bool = True  # 对未付利息计收复利
    fee_amount: Decimal = Decimal(0)  # 固定违约金
    fee_percent: Decimal = Decimal(0)
    day_basis: int = 360
    projections: tuple[int, ...] = DEFAULT_PROJECTIONS


@dataclass
class OverdueCost:
    """某个逾期天数下的成本明细，以及和法院保护上限的比较。"""

    days: int
    penalty_interest: Decimal
    compound_interest: Decimal
    fee: Decimal
    total: Decimal
    annualised: Decimal | None  # 总成本 ÷ 逾期本金 × 365 ÷ 天数
    cap_amount: Decimal  # 逾期本金 × 上限年利率 × 天数 ÷ 365
    above_cap: Decimal


@dataclass
class OverdueResult:
    """逾期成本结果：到现在的成本、再拖几天后的成本、对照的上限。"""

    now: OverdueCost
    projections: list[tuple[int, OverdueCost]]  # (再拖的天数, 成本)
    penalty_rate: Decimal
    benchmark_rate: Decimal
    benchmark_label: str
    benchmark_explanation: str
    source_ids: list[str]
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def _validate(inp: OverdueInput) -> None:
    if inp.principal <= 0:
        raise InputError("principal", "逾期本金：必须大于 0。")
    if not 0 <= inp.annual_rate <= 10:
        raise InputError("annual_rate", "合同年利率：请填 0% 到 1000% 之间。")
    if not 0 <= inp.days_overdue <= 36500:
        raise InputError("days_overdue", "逾期天数：请填 0 到 36500 之间的整数。")
    if not Decimal(1) <= inp.multiplier <= Decimal(2):
        raise InputError("multiplier", "罚息倍数：请按合同填 1 到 2 之间的数，例如合同写“上浮50%”就填 1.5，不上浮填 1。")
    if inp.unpaid_interest < 0 or inp.fee_amount < 0:
        raise InputError("fee_amount" if inp.fee_amount < 0 else "unpaid_interest", "金额不能是负数。")
    if not 0 <= inp.fee_percent <= 1:
        raise InputError("fee_percent", "违约金比例：请填 0% 到 100% 之间。")
    if inp.day_basis not in (360, 365):
        raise InputError("day_basis", "计息天数基准：请选 360 或 365。")
    if any(not 1 <= d <= 3650 for d in inp.projections):
        raise InputError("projections", "预测天数：请填 1 到 3650 之间。")


def _cost(inp: OverdueInput, days: int, cap_rate: Decimal) -> OverdueCost:
    daily = inp.annual_rate * inp.multiplier / inp.day_basis
    penalty = fen(inp.principal * daily * days)
    compound = fen(inp.unpaid_interest * daily * days) if inp.compound else Decimal("0.00")
    fee = fen(inp.fee_amount + (inp.principal + inp.unpaid_interest) * inp.fee_percent)
    total = penalty + compound + fee
    annualised = (total / inp.principal * CAP_BASIS / days).quantize(Decimal("0.0001")) if days else None
    cap = fen(inp.principal * cap_rate * days / CAP_BASIS)
    return OverdueCost(days, penalty, compound, fee, total, annualised, cap, max(Decimal("0.00"), total - cap))


def overdue_cost(inp: OverdueInput) -> OverdueResult:
    """逾期成本（罚息、复利、违约金）：已产生的和继续拖下去的，以及超过法院保护上限的部分。

    1 万元逾期 30 天，合同年利率 7.2%，合同写明罚息在合同利率上浮 50%，罚息是多少？

    >>> r = overdue_cost(OverdueInput(Decimal(10000), Decimal("0.072"), 30, date(2025, 6, 1)))
    >>> r.now.penalty_interest, r.penalty_rate
    (Decimal('90.00'), Decimal('0.1080'))
    """
    _validate(inp)
    bm = benchmark(inp.lender_type, inp.contract_date)
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        now = _cost(inp, inp.days_overdue, bm.rate)
        projections = [(d, _cost(inp, inp.days_overdue + d, bm.rate)) for d in sorted(set(inp.projections))]
        penalty_rate = inp.annual_rate * inp.multiplier
    pct = (bm.rate * 100).quantize(FEN)
    conventions = [
        f"罚息 = 逾期本金 × 合同年利率 × {inp.multiplier} ÷ {inp.day_basis} × 逾期天数；金额四舍五入到分。",
        f"罚息倍数按 {inp.multiplier} 计算：罚息以合同的逾期利率（罚息）条款为准，没有统一的法定倍数；合同写的不同，请改成合同的数。",
        "复利按同一罚息利率对未付利息计收，单利计算，不再滚动；合同没有约定对未付利息计收复利的，不应计这一项。"
        if inp.compound else "未计复利。",
        "违约金 = 固定金额 + 逾期金额（本金+未付利息）× 比例，只算一次。",
        f"折算年化和上限都按 {CAP_BASIS} 天一年、只对逾期本金计算；上限年利率 {pct}%（{bm.label}）。",
        "只计逾期期间的费用，不含逾期前已付的利息。",
    ]
    warnings: list[str] = [bm.unverified] if bm.unverified else []
    worst = projections[-1][1] if projections else now
    if now.above_cap > 0:
        warnings.append(
            f"到现在的逾期费用中，约 {now.above_cap} 元超过了 {bm.label}（年 {pct}%）对应的金额，"
            "这部分法院不太可能支持。"
        )
    elif worst.above_cap > 0:
        warnings.append(f"如果再拖 {projections[-1][0]} 天，约 {worst.above_cap} 元会超过 {bm.label}。")
    if not getattr(bm, "statutory", inp.lender_type == "private"):
        warnings.append("对持牌机构，超过年 24% 的部分需要你在诉讼中主动提出，法院才会考虑调减；这不是自动的。")
    warnings.append("逾期越久，费用和征信影响越大。尽早联系对方说明情况、协商还款，比拖着更划算；不要借新还旧。")
    return OverdueResult(now, projections, penalty_rate, bm.rate, bm.label, bm.explanation, list(bm.source_ids),
                         warnings, conventions)
