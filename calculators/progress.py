"""还款进度：把逐月的实际还款（还款记录）和还款计划对照，看提前还是落后、什么时候能还清、已经付了多少利息。

实际数字怎么算（与还款计划同一个约定）：每笔债务每月先按月初的实际余额计息一次（年利率÷12，四舍五入到分），
月末余额 = 月初余额 + 利息 − 本月还款。
- 只记了“已还”：月末余额按上式推算（多还的部分不会让余额变成负数，差额记为“差额”）。
- 只记了“余额”：以账单余额为准，本月还款 = 月初余额 + 利息 − 账单余额；账单余额比“月初余额 + 利息”还高时，
  本月还款记为 0，多出来的部分（罚息、费用或新借的钱）记为“差额”。
- 两样都记了：都以记录为准，差额 = 账单余额 −（月初余额 + 利息 − 已还）。
- 已经过去的月份，一笔没还清的债务没有记录，就是“漏记/未还”（missed）：按没还计算（只计利息），结果里一定列出来。
- 本月还没有记录的债务是“本月待还”（pending）：按计划的还款估算，不算漏记。

“提前/落后几个月”的定义：设到第 k 个月末实际总余额是 A，计划各月末总余额是 P₀（开始时）、P₁、P₂……（还清后为 0）。
找出计划里总余额最接近 A 的月份 j（一样接近时取较早的月份，即不往好处说），“你现在的余额相当于计划第 j 个月末”，
提前的月数 = j − k（负数是落后）。A 恰好等于 P_k 时为 0；比开始时还多时 j = 0。
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .debts import Debt
from .errors import InputError
from .money import FEN, format_money
from .months import Month, debt_free_month, index_of, month_of
from .plan import MAX_MONTHS, PlanResult, plan
from .records import Record

__all__ = ["STATUSES", "ACTIONS", "SOURCES", "DebtMonth", "ProgressMonth", "Missed", "Progress", "months_ahead",
           "progress"]

STATUSES = ("not_started", "ahead", "on_plan", "behind", "debt_free", "plan_infeasible")
ACTIONS = ("record_missed", "catch_up", "negotiate")
SOURCES = ("paid", "balance", "both", "missed", "pending", "cleared")
_ZERO = Decimal("0.00")
CONVENTIONS = [
    "每月先按月初的实际余额计息一次（年利率÷12，四舍五入到分），月末余额 = 月初余额 + 利息 − 本月还款。",
    "只记了余额时，本月还款 = 月初余额 + 利息 − 账单余额；两样都记了时以记录为准，对不上的部分记为差额。",
    "已经过去的月份没有记录的债务算作漏记，按没还计算；本月还没记录的债务按计划估算。",
    "已付利息：记录的各月按月初实际余额计的利息合计（每月的还款先抵利息）。",
    "提前/落后几个月：计划里总余额最接近你现在总余额的月份（一样接近取较早的），和现在的月份相差几个月。",
    "还清月份按最新的实际余额、同样的预算和策略重新计算。",
]


@dataclass
class DebtMonth:
    """一笔债务一个月的计划与实际：利息按月初实际余额计；adjustment 是账单和推算对不上的差额（正数：账单多）。"""

    name: str
    start_balance: Decimal
    interest: Decimal
    planned_payment: Decimal
    payment: Decimal
    planned_balance: Decimal
    balance: Decimal
    adjustment: Decimal
    source: str  # SOURCES 之一
    below_minimum: bool  # 实际还款低于最低还款（可能已经逾期）


@dataclass
class ProgressMonth:
    """一个月的对照：合计的计划/实际还款和余额；difference = 计划余额 − 实际余额（正数是提前）。"""

    index: int  # 计划的第几个月
    month: Month
    label: str
    debts: list[DebtMonth]
    planned_paid: Decimal
    paid: Decimal
    planned_balance: Decimal
    balance: Decimal
    difference: Decimal
    months_ahead: int  # 负数是落后
    status: str  # ahead / on_plan / behind
    missed: list[str]


@dataclass
class Missed:
    """漏记（或没还）的一个月里的一笔债务。"""

    month: Month
    label: str
    debt: str


@dataclass
class Progress:
    """还款进度：逐月对照、现在的余额、重算的还清月份、已付利息、状态和建议（actions 是 ACTIONS 里的标记）。"""

    start: Month
    through: Month | None  # 对照到哪个月（含）；还没开始时为 None
    names: list[str]
    months: list[ProgressMonth]
    plan: PlanResult
    replan: PlanResult | None  # 从最新实际余额重算的计划；已还清或还没开始时为 None
    planned_debt_free: Month | None
    debt_free: Month | None
    months_earlier: int | None  # 还清月份比原计划早几个月（负数是晚）
    balances: list[Decimal]
    balance: Decimal
    planned_balance: Decimal
    difference: Decimal
    months_ahead: int
    paid_so_far: Decimal
    planned_paid_so_far: Decimal
    interest_so_far: Decimal
    adjustments_so_far: Decimal
    status: str
    missed: list[Missed] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def months_ahead(planned: Sequence[Decimal], k: int, actual: Decimal, *, paid_off: bool = True) -> int:
    """提前（正数）或落后（负数）几个月，定义见模块说明。planned[j] 是计划第 j 个月末的总余额（planned[0] 是开始时）。

    paid_off=True 表示计划在最后一个月还清（之后每月计划余额都是 0）；否则之后的计划余额停在最后一个数。

    >>> P = [Decimal(v) for v in (1000, 800, 600, 400, 200, 0)]
    >>> months_ahead(P, 2, Decimal(600)), months_ahead(P, 2, Decimal(350)), months_ahead(P, 2, Decimal(880))
    (0, 1, -1)
    >>> months_ahead(P, 2, Decimal(900))  # 离 1000 和 800 一样近：取较早的第 0 个月
    -2
    >>> months_ahead(P, 2, Decimal(700)), months_ahead(P, 2, Decimal(0)), months_ahead(P, 8, Decimal(0))
    (-1, 3, 0)
    """
    at_k = planned[k] if k < len(planned) else (_ZERO if paid_off else planned[-1])
    if actual == at_k:
        return 0
    nearest = min(range(len(planned)), key=lambda j: (abs(planned[j] - actual), j))
    return nearest - k


def _planned(result: PlanResult, k: int, i: int, opening: Decimal) -> tuple[Decimal, Decimal]:
    """计划第 k 个月第 i 笔债务的（还款, 月末余额）；计划之外的月份：还清后为 0，还不清时停在最后的余额。"""
    if k <= len(result.table):
        row = result.table[k - 1]
        return row.payments[i], row.balances[i]
    if result.months is not None:
        return _ZERO, _ZERO
    return _ZERO, result.table[-1].balances[i] if result.table else opening


def _one(debt: Debt, start_balance: Decimal, rec: Record | None, past: bool, planned_pay: Decimal,
         planned_bal: Decimal) -> DebtMonth:
    s = start_balance
    interest = (s * debt.annual_rate / 12).quantize(FEN) if s > 0 else _ZERO
    owed = s + interest
    adj = _ZERO
    if rec is None:
        if s <= 0:
            source, pay = "cleared", _ZERO
        elif past:
            source, pay = "missed", _ZERO
        else:
            source, pay = "pending", min(planned_pay, owed)
        end = owed - pay
    elif rec.balance is None:
        source, pay = "paid", rec.paid
        end = max(owed - pay, _ZERO)
        adj = end - (owed - pay)
    else:
        end = rec.balance
        source, pay = ("both", rec.paid) if rec.paid is not None else ("balance", max(owed - end, _ZERO))
        adj = end - (owed - pay)
    below = s > 0 and source not in ("pending", "cleared") and pay < min(debt.minimum_payment, owed)
    return DebtMonth(debt.name, s, interest, planned_pay, pay, planned_bal, end, adj, source, below)


def _check_records(records: Sequence[Record], names: list[str], start: Month, current: Month) -> dict:
    by_key: dict[tuple[Month, str], Record] = {}
    for r in records:
        where = f"还款记录第{r.line}行" if r.line else f"还款记录（{r.month.label}“{r.debt}”）"
        if r.debt not in names:
            raise InputError("records", f"{where}：债务清单里没有名为“{r.debt}”的债务。")
        if r.month < start:
            raise InputError("records", f"{where}：{r.month.label}在开始月份（{start.label}）之前。")
        if r.month > current:
            raise InputError("records", f"{where}：{r.month.label}还没到，只能记录已经发生的还款。")
        if r.paid is None and r.balance is None:
            raise InputError("records", f"{where}：请写已还金额或账单余额。")
        if (r.month, r.debt) in by_key:
            raise InputError("records", f"{where}：{r.month.label}“{r.debt}”记了两次。")
        by_key[(r.month, r.debt)] = r
    return by_key


def progress(
    debts: Sequence[Debt], budget: Decimal, strategy: str = "avalanche", *, order: Sequence[str] | None = None,
    start: Month, records: Sequence[Record] = (), today: datetime.date,
    extra_payments: Mapping[int, Decimal] | None = None, budget_changes: Sequence[tuple[int, Decimal]] = (),
) -> Progress:
    """还款进度：按记录逐月对照计划，从最新余额重算还清月份。debts 的余额是开始月份月初的余额。

    计划设置（策略、自定义顺序、额外还款、预算变化，月份都按计划的第几个月）与还款计划相同；
    重算时，还没到的额外还款和预算变化照样生效。

    计划每月还 2500 元（雪崩法），2027年1月 按计划还了，2月 给网贷多还了 500 元：

    >>> ds = [Debt("A", Decimal(5000), Decimal("0.1825"), Decimal(250)),
    ...       Debt("B", Decimal(12000), Decimal("0.24"), Decimal(600)),
    ...       Debt("C", Decimal(30000), Decimal("0.072"), Decimal(900))]
    >>> recs = [Record(Month(2027, 1), "A", Decimal(250)), Record(Month(2027, 1), "B", Decimal(1350)),
    ...         Record(Month(2027, 1), "C", Decimal(900)), Record(Month(2027, 2), "A", Decimal(250)),
    ...         Record(Month(2027, 2), "B", Decimal(1850)), Record(Month(2027, 2), "C", Decimal(900))]
    >>> p = progress(ds, Decimal(2500), start=Month(2027, 1), records=recs, today=datetime.date(2027, 3, 1))
    >>> p.status, p.difference, p.months_ahead, p.planned_debt_free.label, p.debt_free.label
    ('ahead', Decimal('500.00'), 0, '2028年9月', '2028年9月')
    >>> p.interest_so_far, p.paid_so_far
    (Decimal('962.92'), Decimal('5500.00'))

    多还的 500 元不到计划一个月的进度，所以“提前 0 个月”，还清月份不变。3月没有记录，到了4月再看：
    3月算漏记，按没还计算，结果落后：

    >>> p = progress(ds, Decimal(2500), start=Month(2027, 1), records=recs, today=datetime.date(2027, 4, 2))
    >>> [(m.label, m.debt) for m in p.missed], p.status, p.months_ahead, p.debt_free.label
    ([('2027年3月', 'A'), ('2027年3月', 'B'), ('2027年3月', 'C')], 'behind', -1, '2028年10月')
    >>> p.actions
    ['record_missed', 'catch_up', 'negotiate']
    """
    extras = dict(extra_payments or {})
    changes = sorted(budget_changes)
    base = plan(debts, budget, strategy, order=order, extra_payments=extras, budget_changes=changes)

    def rest(current: list[Debt], k: int, how: str = strategy) -> PlanResult:
        """第 k 个月之后的计划：从这些余额起，用同样的设置（之后的额外还款、预算变化按新的月份数）。"""
        b, later = budget, []
        for m, amount in changes:
            if m <= k + 1:
                b = amount
            else:
                later.append((m - k, amount))
        return plan(current, b, how, order=order, budget_changes=later,
                    extra_payments={m - k: v for m, v in extras.items() if m > k})

    names = list(base.names)
    current = Month.of(today)
    by_key = _check_records(records, names, start, current)
    through = max([current.add(-1)] + [r.month for r in records])
    count = index_of(start, through)
    if count > MAX_MONTHS:
        raise InputError("start", f"开始月份：离现在超过 {MAX_MONTHS} 个月了，请把开始月份设得近一些。")
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        bal = [d.balance.quantize(FEN) for d in debts]
        planned_totals = [sum(bal, _ZERO)] + [row.total_balance for row in base.table]
        months: list[ProgressMonth] = []
        missed: list[Missed] = []
        for k in range(1, count + 1):
            month = month_of(start, k)
            rows = []
            for i, d in enumerate(debts):
                pp, pb = _planned(base, k, i, d.balance.quantize(FEN))
                rows.append(_one(d, bal[i], by_key.get((month, d.name)), month < current, pp, pb))
            bal = [r.balance for r in rows]
            total = sum(bal, _ZERO)
            ptotal = sum((r.planned_balance for r in rows), _ZERO)
            ahead = months_ahead(planned_totals, k, total, paid_off=base.months is not None)
            gone = [r.name for r in rows if r.source == "missed"]
            missed += [Missed(month, month.label, n) for n in gone]
            status = "ahead" if total < ptotal else "behind" if total > ptotal else "on_plan"
            months.append(ProgressMonth(
                k, month, month.label, rows, sum((r.planned_payment for r in rows), _ZERO),
                sum((r.payment for r in rows), _ZERO), ptotal, total, ptotal - total, ahead, status, gone,
            ))
        return _summarise(base, list(debts), rest, start, months, missed, bal)


def _summarise(base: PlanResult, debts: list[Debt], rest: Callable[..., PlanResult], start: Month,
               months: list[ProgressMonth], missed: list[Missed], bal: list[Decimal]) -> Progress:
    last = months[-1] if months else None
    flat = [r for m in months for r in m.debts]
    planned_free = debt_free_month(base.months, start)
    out = Progress(
        start=start, through=last.month if last else None, names=list(base.names), months=months, plan=base,
        replan=None, planned_debt_free=planned_free, debt_free=planned_free, months_earlier=None,
        balances=bal, balance=sum(bal, _ZERO), planned_balance=last.planned_balance if last else sum(bal, _ZERO),
        difference=last.difference if last else _ZERO, months_ahead=last.months_ahead if last else 0,
        paid_so_far=sum((m.paid for m in months), _ZERO),
        planned_paid_so_far=sum((m.planned_paid for m in months), _ZERO),
        interest_so_far=sum((r.interest for r in flat), _ZERO),
        adjustments_so_far=sum((r.adjustment for r in flat), _ZERO),
        status="not_started", missed=missed, warnings=list(base.warnings), conventions=list(CONVENTIONS),
    )
    if last is None:
        out.status = "plan_infeasible" if not base.feasible else "not_started"
    elif out.balance == 0:
        out.status = "debt_free"
        owed_at_start = any(d.balance > 0 for d in debts)  # 开始时就不欠钱：和计划一样，没有“还清月份”
        out.debt_free = next(m.month for m in months if m.balance == 0) if owed_at_start else None
    else:
        out.status = "plan_infeasible" if not base.feasible else last.status
        current = [replace(d, balance=b) for d, b in zip(debts, bal, strict=True)]
        out.replan = rest(current, last.index)
        out.debt_free = last.month.add(out.replan.months) if out.replan.months else None
    if planned_free is not None and out.debt_free is not None:
        out.months_earlier = planned_free - out.debt_free
    _advise(out, flat)
    if base.strategy == "snowball" and out.months_earlier is not None and out.months_earlier < 0 \
            and out.difference >= 0 and out.replan is not None:
        _snowball_note(out, rest([replace(d, balance=b) for d, b in zip(debts, bal, strict=True)], last.index,
                                 "avalanche"))
    return out


def _advise(out: Progress, flat: list[DebtMonth]) -> None:
    """状态说明和该做什么：漏记要补记；落后时按新的还清月份继续；付不起最低还款时去协商。"""
    if out.missed:
        out.actions.append("record_missed")
        when = "、".join(dict.fromkeys(m.label for m in out.missed))
        out.advice.append(
            f"{when}有债务没有记录，已按没还计算（只计利息）。如果其实还了，请补上记录；如果确实没还，先别慌，往下看。"
        )
    if out.status == "behind":
        out.actions.append("catch_up")
        out.advice.append(
            f"比计划多欠 {format_money(-out.difference)} 元。按原来的预算继续还，" +
            (f"预计 {out.debt_free.label} 还清。" if out.debt_free else "按现在的余额和预算还不清。") +
            "能多还一点就多还一点，但不要借新还旧。"
        )
    elif out.status == "ahead":
        out.advice.append(f"比计划少欠 {format_money(out.difference)} 元，继续保持。")
    pending = [r.name for r in (out.months[-1].debts if out.months else []) if r.source == "pending"]
    if pending:
        out.advice.append(f"本月“{'、'.join(pending)}”还没有记录，先按计划的还款估算；还了以后记得记下来。")
    more = sum((r.adjustment for r in flat if r.adjustment > 0), _ZERO)
    less = sum((-r.adjustment for r in flat if r.adjustment < 0), _ZERO)
    if more or less:
        out.warnings.append(
            "有记录和按利率推算的对不上："
            + (f"账单比推算多 {format_money(more)} 元（可能是罚息、费用、新借的钱，或多还的钱没有算进余额）" if more else "")
            + ("；" if more and less else "")
            + (f"比推算少 {format_money(less)} 元（可能有减免，或实际利率和填的不同）" if less else "")
            + "。以账单为准，明细见各月的“差额”。"
        )
    short = any(r.below_minimum for r in flat)
    cannot = out.status == "plan_infeasible" or (out.replan is not None and (
        not out.replan.feasible or out.replan.months is None))
    if short or cannot or out.missed:
        out.actions.append("negotiate")
        out.advice.append(
            "有月份的还款低于最低还款，可能已经逾期。" if short else
            "按现在的余额和预算还不清，" if cannot else "没按时还最低还款会产生罚息、影响征信。"
        )
        out.advice[-1] += "可以尽早主动联系债权人协商分期或延期，说明实际情况和每月能拿出的钱。"


def _snowball_note(out: Progress, alt: PlanResult) -> None:
    """雪球法的反直觉情形：多还了钱，还清却推迟了（多还的钱让一笔低利率债务变成余额最小的，它被排到了前面）。"""
    when = f"改用雪崩法（先还利率最高的），预计 {out.through.add(alt.months).label} 还清。" if alt.months else ""
    out.warnings.append(
        "雪球法每月先还余额最小的债务：这次多还的钱让另一笔债务变成了余额最小的，之后先还它，"
        "利率更高的债务要多计利息，所以还清月份反而推迟了。多还的钱给利率最高的债务最省。" + when
    )
