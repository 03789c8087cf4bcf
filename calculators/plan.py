"""还款计划（还款策略）：雪崩法（先还利率最高的）、雪球法（先还余额最小的）、自定义顺序、只还最低。

逐月模拟，约定见 loan-math.md §6.1 和 design.md §5：每月先按月初余额计息一次（年利率÷12，
四舍五入到分），再给每笔未还清的债务付它自己的最低还款（不超过余额），预算剩下的钱按策略顺序
投向目标债务；目标当月还清后，余下的钱在同一个月顺延给下一笔。预算每月不变，所以还清的债务
空出来的最低还款会自动滚到下一笔。
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .debts import Debt
from .errors import InputError
from .money import FEN, fen

__all__ = [
    "STRATEGIES",
    "MAX_MONTHS",
    "PlanInput",
    "MonthRow",
    "InstalmentFit",
    "PlanResult",
    "Comparison",
    "run_plan",
    "plan",
    "compare",
    "instalment_months",
]

STRATEGIES = ("avalanche", "snowball", "custom", "minimum")
STRATEGY_LABELS = {
    "avalanche": "雪崩法（先还利率最高的）",
    "snowball": "雪球法（先还余额最小的）",
    "custom": "自定义顺序",
    "minimum": "只还最低还款",
}
MAX_MONTHS = 600
MAX_RATE = Decimal(100)  # 年化 10000%，再高就不是真实数字了
TIMING = (
    "计息时点：每月先按月初余额计息一次（年利率÷12，四舍五入到分），再给每笔债务付各自的最低还款，"
    "剩下的预算按策略顺序投向目标债务，当月还清后余额在同一个月顺延给下一笔。"
)
FIXED_MINIMUMS = "最低还款额按你填的固定金额计算，不随余额下降而减少；最后一期只付剩余余额。"


@dataclass
class PlanInput:
    """还款计划的输入：债务、每月还款预算、策略，以及可选的一次性额外还款和预算变化。"""

    debts: list[Debt]
    budget: Decimal
    strategy: str = "avalanche"
    order: list[str] | None = None  # 自定义顺序（债务名称）
    extra_payments: dict[int, Decimal] = field(default_factory=dict)  # 第几个月 → 额外还款
    budget_changes: list[tuple[int, Decimal]] = field(default_factory=list)  # (从第几个月起, 新预算)
    max_months: int = MAX_MONTHS


@dataclass
class MonthRow:
    """一个月的明细：各债务（顺序同 PlanResult.names）的还款、利息、月末余额。"""

    month: int
    budget: Decimal
    payments: list[Decimal]
    interest: list[Decimal]
    balances: list[Decimal]
    total_paid: Decimal
    total_balance: Decimal


@dataclass
class InstalmentFit:
    """协商分期的粗算：按某个年利率把全部余额做等额本息，最少几期月供能放进预算。"""

    annual_rate: Decimal
    months: int | None  # None：60 期内放不进预算
    payment: Decimal | None


@dataclass
class PlanResult:
    """还款计划结果。feasible=False 时预算低于最低还款合计，见 shortfall / minimum_budget / instalment_fits。"""

    strategy: str
    budget: Decimal
    names: list[str]
    feasible: bool
    months: int | None  # 全部还清用的月数；还不清时为 None
    total_interest: Decimal
    total_paid: Decimal
    payoff_month: dict[str, int | None]
    table: list[MonthRow]
    minimum_budget: Decimal
    shortfall: Decimal = Decimal("0.00")
    infeasible_month: int | None = None
    never_pays_off: bool = False
    capped: bool = False
    never_shrinks: list[str] = field(default_factory=list)
    instalment_fits: list[InstalmentFit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def _annuity(total: Decimal, annual_rate: Decimal, n: int) -> Decimal:
    r = annual_rate / 12
    if r == 0:
        return fen(total / n)
    f = (1 + r) ** n
    return fen(total * r * f / (f - 1))


def instalment_months(total: Decimal, budget: Decimal, annual_rate: Decimal, limit: int = 60) -> InstalmentFit:
    """协商分期（个性化分期）粗算：等额本息月供不超过预算的最少期数。

    欠 4.7 万、每月只能拿出 1700 元，免息分期要多少期？

    >>> instalment_months(Decimal("47000"), Decimal("1700"), Decimal("0")).months
    28
    """
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        if total <= 0:
            return InstalmentFit(annual_rate, 0, Decimal("0.00"))
        for n in range(1, limit + 1):
            pay = _annuity(total, annual_rate, n)
            if pay <= budget:
                return InstalmentFit(annual_rate, n, pay)
    return InstalmentFit(annual_rate, None, None)


def _validate(inp: PlanInput) -> None:
    if inp.strategy not in STRATEGIES:
        raise InputError("strategy", "还款策略：请选择 雪崩法、雪球法、自定义顺序 或 只还最低。")
    if not inp.debts:
        raise InputError("debts", "债务清单：至少需要一笔债务。")
    seen: set[str] = set()
    for i, d in enumerate(inp.debts):
        where = f"第{i + 1}笔债务"
        if d.name in seen:
            raise InputError(f"debts[{i}].name", f"{where}：名称“{d.name}”重复了，请给每笔债务起不同的名字。")
        seen.add(d.name)
        if d.balance < 0:
            raise InputError(f"debts[{i}].balance", f"{where}：余额不能是负数。")
        if d.minimum_payment < 0:
            raise InputError(f"debts[{i}].minimum_payment", f"{where}：最低还款不能是负数。")
        if not 0 <= d.annual_rate <= MAX_RATE:
            raise InputError(f"debts[{i}].annual_rate", f"{where}：年化利率请填 0% 到 10000% 之间。")
    if inp.budget < 0:
        raise InputError("budget", "每月还款预算：不能是负数。")
    for month, amount in inp.extra_payments.items():
        if month < 1 or amount < 0:
            raise InputError("extra", "额外还款：月份从 1 开始，金额不能是负数。")
    for month, amount in inp.budget_changes:
        if month < 1 or amount < 0:
            raise InputError("budget_changes", "预算变化：月份从 1 开始，金额不能是负数。")
    if not 1 <= inp.max_months <= MAX_MONTHS:
        raise InputError("max_months", f"模拟月数：请填 1 到 {MAX_MONTHS} 之间。")
    if inp.strategy == "custom":
        unknown = [n for n in (inp.order or []) if n not in seen]
        if unknown:
            raise InputError("order", f"自定义顺序：清单里没有名为“{unknown[0]}”的债务。")


def _priority(inp: PlanInput) -> tuple[list[int] | None, str]:
    """固定顺序（自定义）或按月动态挑选目标的规则名。"""
    if inp.strategy == "custom":
        names = [d.name for d in inp.debts]
        order = [names.index(n) for n in dict.fromkeys(inp.order or [])]
        rest = sorted(
            (i for i in range(len(names)) if i not in order),
            key=lambda i: (-inp.debts[i].annual_rate, inp.debts[i].balance, i),
        )
        return order + rest, "custom"
    if inp.strategy == "snowball":
        return None, "snowball"
    return None, "avalanche"  # 只还最低时，一次性额外还款也按利率从高到低投放


def _avalanche_target(cands: list[int], bal: list[Decimal], mrate: list[Decimal]) -> int:
    """cands 已按利率从高到低排好；同利率时选余额小的。"""
    t = cands[0]
    for j in cands[1:]:
        if mrate[j] != mrate[t]:
            break
        if bal[j] < bal[t]:
            t = j
    return t


def _snowball_target(cands: list[int], bal: list[Decimal], mrate: list[Decimal]) -> int:
    """余额最小的；同余额时选利率高的（cands 已按利率从高到低排好）。"""
    t = cands[0]
    for j in cands[1:]:
        if bal[j] < bal[t]:
            t = j
    return t


def run_plan(inp: PlanInput) -> PlanResult:
    """还款计划（雪崩法 / 雪球法 / 自定义 / 只还最低）：逐月模拟直到还清，或报告还不清。

    三笔债（信用卡 5000 元 18.25%、网贷 12000 元 24%、消费贷 30000 元 7.2%），每月拿 2500 元还，
    用雪崩法多久还清、总共付多少利息？

    >>> debts = [Debt("A", Decimal(5000), Decimal("0.1825"), Decimal(250)),
    ...          Debt("B", Decimal(12000), Decimal("0.24"), Decimal(600)),
    ...          Debt("C", Decimal(30000), Decimal("0.072"), Decimal(900))]
    >>> r = run_plan(PlanInput(debts, Decimal(2500), "avalanche"))
    >>> r.months, r.total_interest, r.payoff_month
    (21, Decimal('4527.85'), {'A': 12, 'B': 10, 'C': 21})
    """
    _validate(inp)
    debts = inp.debts
    n = len(debts)
    names = [d.name for d in debts]
    conventions = [TIMING, FIXED_MINIMUMS, "金额四舍五入到分（ROUND_HALF_UP）。", f"最多模拟 {inp.max_months} 个月。"]
    if inp.strategy == "minimum":
        conventions.append("只还最低：每笔只付最低还款，还清的债务空出来的钱不再滚到别的债务。")
    warnings: list[str] = []
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        bal = [fen(d.balance) for d in debts]
        mins = [fen(d.minimum_payment) for d in debts]
        mrate = [d.annual_rate / 12 for d in debts]
        start_total = sum(bal, Decimal("0.00"))
        min_budget = sum((min(m, b) for m, b in zip(mins, bal, strict=True)), Decimal("0.00"))
        never_shrinks = [
            names[i] for i in range(n) if bal[i] > 0 and mins[i] <= (bal[i] * mrate[i]).quantize(FEN)
        ]
        if never_shrinks:
            warnings.append(
                "、".join(never_shrinks) + "：最低还款不超过每月利息，只还最低的话余额永远不会减少（负摊还/只还利息）。"
                "这样的债务需要额外还款，或尽早和债权人协商。"
            )
        base = PlanResult(
            strategy=inp.strategy, budget=fen(inp.budget), names=names, feasible=True, months=None,
            total_interest=Decimal("0.00"), total_paid=Decimal("0.00"),
            payoff_month={nm: (0 if b == 0 else None) for nm, b in zip(names, bal, strict=True)}, table=[],
            minimum_budget=min_budget, never_shrinks=never_shrinks, warnings=warnings, conventions=conventions,
        )
        if inp.budget < min_budget:
            return _infeasible(base, start_total, debts, bal, inp.budget, 0)
        order, rule = _priority(inp)
        by_rate = sorted(range(n), key=lambda i: (-mrate[i], i))
        changes = sorted(inp.budget_changes)
        budget = fen(inp.budget)
        total_interest = Decimal("0.00")
        total_paid = Decimal("0.00")
        limit = start_total * 1000 + 1000000
        month = 0
        zero = Decimal("0.00")
        open_idx = [i for i in range(n) if bal[i] > 0]
        while open_idx:
            month += 1
            if month > inp.max_months:
                base.capped = True
                base.never_pays_off = True
                month -= 1
                break
            while changes and changes[0][0] <= month:
                budget = fen(changes.pop(0)[1])
            extra = fen(inp.extra_payments.get(month, zero))
            pay = [zero] * n
            intr = [zero] * n
            for i in open_idx:  # 1) 按月初余额计息一次
                it = (bal[i] * mrate[i]).quantize(FEN)
                intr[i] = it
                bal[i] += it
            total_interest += sum(intr, zero)
            need = sum((min(mins[i], bal[i]) for i in open_idx), zero)
            if budget + extra < need:
                # 预算变化后低于最低还款：本月起无法按计划执行
                for i in open_idx:
                    bal[i] -= intr[i]
                total_interest -= sum(intr, zero)
                month -= 1
                base.total_interest, base.total_paid = total_interest, total_paid
                return _infeasible(base, sum(bal, zero), debts, bal, budget + extra, month + 1, need)
            avail = budget + extra
            for i in open_idx:  # 2) 每笔先付自己的最低还款
                p = min(mins[i], bal[i])
                pay[i] = p
                bal[i] -= p
                avail -= p
            if inp.strategy == "minimum" and avail > extra:
                avail = extra
            if avail > 0:  # 3) 余下的钱按策略顺序投放，同月顺延
                if order is not None:
                    for i in order:
                        if avail <= 0:
                            break
                        if bal[i] > 0:
                            p = min(avail, bal[i])
                            pay[i] += p
                            bal[i] -= p
                            avail -= p
                else:
                    cands = [i for i in by_rate if bal[i] > 0]  # 利率从高到低
                    while avail > 0 and cands:
                        t = _avalanche_target(cands, bal, mrate) if rule == "avalanche" else \
                            _snowball_target(cands, bal, mrate)
                        p = min(avail, bal[t])
                        pay[t] += p
                        bal[t] -= p
                        avail -= p
                        cands.remove(t)
            paid = sum(pay, zero)
            total_paid += paid
            for i in open_idx:
                if bal[i] == 0:
                    base.payoff_month[names[i]] = month
            open_idx = [i for i in open_idx if bal[i] > 0]
            total_bal = sum((bal[i] for i in open_idx), zero)
            base.table.append(MonthRow(month, budget + extra, pay, intr, list(bal), paid, total_bal))
            if total_bal > limit:
                base.never_pays_off = True
                break
        base.total_interest = total_interest
        base.total_paid = total_paid
        if base.never_pays_off:
            row = base.table[min(11, len(base.table) - 1)] if base.table else None
            grow = f"{row.month} 个月后总余额是 {row.total_balance} 元（开始时 {start_total} 元），" if row else ""
            warnings.append(
                f"按这个预算，债务还不清：{grow}利息吃掉了还款。"
                "需要提高每月还款、减少利息（协商分期、停息），或寻求帮助；不要借新还旧。"
            )
        else:
            base.months = month
    return base


def _infeasible(
    base: PlanResult, total: Decimal, debts: Sequence[Debt], bal: list[Decimal], budget: Decimal, month: int,
    need: Decimal | None = None,
) -> PlanResult:
    need = base.minimum_budget if need is None else need
    base.feasible = False
    base.infeasible_month = month or None
    base.shortfall = fen(need - budget)
    base.months = None
    weighted = (
        sum((b * d.annual_rate for b, d in zip(bal, debts, strict=True)), Decimal(0)) / total if total > 0 else Decimal(0)
    )
    base.instalment_fits = [
        instalment_months(total, budget, Decimal(0)),
        instalment_months(total, budget, weighted.quantize(Decimal("0.000001"))),
    ]
    when = "每月" if not month else f"从第 {month} 个月起，每月"
    lines = [
        f"{when}预算比最低还款合计（{need} 元）少 {base.shortfall} 元，按原合同无法全部按时还最低。"
        "这不是你的错，也不必慌：可以先和债权人协商。",
    ]
    for fit in base.instalment_fits:
        rate = "免息" if fit.annual_rate == 0 else f"按加权年利率 {(fit.annual_rate * 100).quantize(FEN)}%"
        if fit.months is None:
            lines.append(f"如果把全部欠款 {fen(total)} 元{rate}分期，60 期内月供都超过预算。")
        else:
            lines.append(f"如果把全部欠款 {fen(total)} 元{rate}分期，至少要 {fit.months} 期，月供约 {fit.payment} 元。")
    lines.append("能否分期、能否停息，由债权人决定；请不要借新贷来补最低还款。")
    base.warnings.extend(lines)
    return base


def plan(
    debts: Sequence[Debt],
    budget: Decimal,
    strategy: str = "avalanche",
    *,
    order: Sequence[str] | None = None,
    extra_payments: Mapping[int, Decimal] | None = None,
    budget_changes: Sequence[tuple[int, Decimal]] = (),
    max_months: int = MAX_MONTHS,
) -> PlanResult:
    """还款计划（还款策略）：``run_plan`` 的便捷写法。

    每月只能拿 1700 元，够不够付三笔最低还款（合计 1750 元）？

    >>> debts = [Debt("A", Decimal(5000), Decimal("0.1825"), Decimal(250)),
    ...          Debt("B", Decimal(12000), Decimal("0.24"), Decimal(600)),
    ...          Debt("C", Decimal(30000), Decimal("0.072"), Decimal(900))]
    >>> r = plan(debts, Decimal(1700))
    >>> r.feasible, r.shortfall, r.minimum_budget
    (False, Decimal('50.00'), Decimal('1750.00'))
    """
    return run_plan(
        PlanInput(
            list(debts), budget, strategy, list(order) if order is not None else None,
            dict(extra_payments or {}), list(budget_changes), max_months,
        )
    )


@dataclass
class Comparison:
    """三种策略并排比较（雪崩 / 雪球 / 只还最低），以及比只还最低省下的利息和月数。"""

    avalanche: PlanResult
    snowball: PlanResult
    minimum: PlanResult
    interest_saved: dict[str, Decimal | None]
    months_saved: dict[str, int | None]
    warnings: list[str]
    conventions: list[str]


def compare(
    debts: Sequence[Debt],
    budget: Decimal,
    *,
    extra_payments: Mapping[int, Decimal] | None = None,
    budget_changes: Sequence[tuple[int, Decimal]] = (),
) -> Comparison:
    """还款策略比较：雪崩法、雪球法和只还最低并排算，看各省多少利息、早几个月还清。

    每月 2500 元，雪崩法比只还最低少付多少利息？

    >>> debts = [Debt("A", Decimal(5000), Decimal("0.1825"), Decimal(250)),
    ...          Debt("B", Decimal(12000), Decimal("0.24"), Decimal(600)),
    ...          Debt("C", Decimal(30000), Decimal("0.072"), Decimal(900))]
    >>> c = compare(debts, Decimal(2500))
    >>> c.interest_saved["avalanche"], c.months_saved["avalanche"]
    (Decimal('3529.59'), 17)
    """
    kw = {"extra_payments": extra_payments, "budget_changes": budget_changes}
    results = {s: plan(debts, budget, s, **kw) for s in ("avalanche", "snowball", "minimum")}
    base = results["minimum"]
    saved: dict[str, Decimal | None] = {}
    months: dict[str, int | None] = {}
    for s in ("avalanche", "snowball"):
        r = results[s]
        ok = r.months is not None and base.months is not None
        saved[s] = base.total_interest - r.total_interest if ok else None
        months[s] = base.months - r.months if ok else None
    warnings: list[str] = []
    a, b = results["avalanche"], results["snowball"]
    if a.months is not None and b.months is not None:
        diff = b.total_interest - a.total_interest
        if diff > 0:
            warnings.append(f"雪崩法比雪球法少付利息 {diff} 元；雪球法能更早还清一笔，给人动力。两种都可以，坚持最重要。")
        elif diff < 0:
            warnings.append(f"这组债务用雪球法反而少付利息 {-diff} 元。")
    for r in (a, b):
        for w in r.warnings:
            if w not in warnings:
                warnings.append(w)
    return Comparison(a, b, base, saved, months, warnings, list(a.conventions))
