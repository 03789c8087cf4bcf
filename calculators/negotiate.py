"""协商还款（协商分期、个性化分期、俗称“停息挂账”）：比较一次还清、免息分期和继续计息分期。

依据：《商业银行信用卡业务监督管理办法》（2011）第七十条——特殊情况下，发卡银行**可以**与持卡人
协商达成个性化分期还款协议，最长不超过 5 年。这是银行可以做、不是必须做的事；“停息挂账”不是法律用语。
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError
from .money import FEN, fen

__all__ = ["DEFAULT_TERMS", "NegotiationInput", "TermOption", "Scenario", "NegotiationResult", "negotiate"]

DEFAULT_TERMS = (12, 24, 36, 48, 60)
MAX_TERM = 60


@dataclass
class NegotiationInput:
    """协商的输入：逾期欠款的构成（本金、已产生的利息、罚息和费用）、每月能拿出的钱、继续计息时的年利率。"""

    principal: Decimal
    interest: Decimal = Decimal(0)  # 已经产生、尚未还的利息
    fees: Decimal = Decimal(0)  # 罚息、复利、违约金、其他费用
    monthly_budget: Decimal = Decimal(0)
    annual_rate: Decimal = Decimal(0)  # 分期期间继续计息的年利率（小数）
    terms: tuple[int, ...] = DEFAULT_TERMS


@dataclass
class TermOption:
    """分 N 期：每期月供（最后一期吸收尾差）、总共要还多少、月供是否放得进预算。"""

    months: int
    payment: Decimal
    last_payment: Decimal
    total: Decimal
    fits: bool


@dataclass
class Scenario:
    """一种协商方案：分期基数、年利率、各期数的月供，以及放得进预算的最短期数。"""

    key: str
    label: str
    base: Decimal
    annual_rate: Decimal
    options: list[TermOption]
    shortest: TermOption | None


@dataclass
class NegotiationResult:
    """协商比较结果：一次还清的金额、几种分期方案、可以向对方提出的请求。"""

    total_now: Decimal
    fits_now: bool
    scenarios: list[Scenario]
    asks: list[str]
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def _last(base: Decimal, r: Decimal, n: int, pay: Decimal) -> Decimal:
    if r == 0:
        return base - pay * (n - 1)
    bal = base
    for _ in range(n - 1):
        bal = bal + (bal * r).quantize(FEN) - pay
    return bal + (bal * r).quantize(FEN)


def _option(base: Decimal, annual_rate: Decimal, n: int, budget: Decimal) -> TermOption:
    r = annual_rate / 12
    exact = base / n if r == 0 else base * r * (1 + r) ** n / ((1 + r) ** n - 1)
    pay = fen(exact)
    last = _last(base, r, n, pay)
    if last < 0:  # 金额极小时四舍五入会多收；改为舍去，尾差放到最后一期
        pay = exact.quantize(FEN, rounding=ROUND_DOWN)
        last = _last(base, r, n, pay)
    total = pay * (n - 1) + last
    return TermOption(n, pay, last, total, max(pay, last) <= budget)


def _scenario(key: str, label: str, base: Decimal, rate: Decimal, inp: NegotiationInput) -> Scenario:
    options = [_option(base, rate, n, inp.monthly_budget) for n in inp.terms]
    shortest = None
    if base > 0:
        for n in range(1, MAX_TERM + 1):
            o = _option(base, rate, n, inp.monthly_budget)
            if o.fits:
                shortest = o
                break
    return Scenario(key, label, base, rate, options, shortest)


def _validate(inp: NegotiationInput) -> None:
    for name, key, label in (("principal", "principal", "本金"), ("interest", "interest", "已产生的利息"),
                             ("fees", "fees", "罚息和费用"), ("monthly_budget", "budget", "每月能拿出的钱")):
        if getattr(inp, name) < 0:
            raise InputError(key, f"{label}：不能是负数。")
    if inp.principal <= 0:
        raise InputError("principal", "本金：必须大于 0。")
    if not 0 <= inp.annual_rate <= 10:
        raise InputError("annual_rate", "分期年利率：请填 0% 到 1000% 之间。")
    if not inp.terms or any(not 1 <= n <= MAX_TERM for n in inp.terms):
        raise InputError("terms", f"分期期数：请填 1 到 {MAX_TERM} 之间的整数。")


def negotiate(inp: NegotiationInput) -> NegotiationResult:
    """协商分期（个性化分期 / 停息挂账）比较：一次还清、免息分期、继续计息分期，找出放得进预算的最短期数。

    信用卡逾期，本金 3 万、利息 2000、罚息和违约金 1000，每月只能拿 1200 元，停息分期最少要几期？

    >>> r = negotiate(NegotiationInput(Decimal(30000), Decimal(2000), Decimal(1000), Decimal(1200), Decimal("0.12")))
    >>> r.total_now, r.scenarios[0].shortest.months, r.scenarios[0].shortest.payment
    (Decimal('33000.00'), 25, Decimal('1200.00'))
    >>> r.scenarios[1].shortest.months, r.scenarios[1].shortest.payment
    (27, Decimal('1185.19'))
    """
    _validate(inp)
    terms = tuple(sorted(set(inp.terms)))
    inp = NegotiationInput(fen(inp.principal), fen(inp.interest), fen(inp.fees), fen(inp.monthly_budget),
                           inp.annual_rate, terms)
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        total_now = inp.principal + inp.interest + inp.fees
        scenarios = [
            _scenario("waive_all", "停息、免除全部利息和费用，只还本金", inp.principal, Decimal(0), inp),
            _scenario("waive_future", "停息、免罚息和费用，还本金加已产生的利息", inp.principal + inp.interest,
                      Decimal(0), inp),
            _scenario("continue", "不减免，全部欠款按年利率继续计息分期", total_now, inp.annual_rate, inp),
        ]
    pct = (inp.annual_rate * 100).quantize(FEN)
    conventions = [
        "“停息”指分期期间不再计息；本工具分两种写法：只还本金，或本金加已产生的利息（罚息和费用免除）。",
        f"继续计息方案：全部欠款（本金+利息+罚息费用）按年利率 {pct}% 等额本息分期，月利率=年利率÷12。",
        "月供四舍五入到分，最后一期吸收尾差；“放得进预算”按每月最高一期判断。",
        f"最长考虑 {MAX_TERM} 期（5 年），对应信用卡个性化分期的上限。",
    ]
    asks: list[str] = []
    warnings: list[str] = []
    best = scenarios[1].shortest or scenarios[0].shortest
    fits_now = inp.monthly_budget >= total_now
    if fits_now:
        asks.append(f"你这个月就能一次还清 {total_now} 元。可以先请对方减免罚息和费用（{inp.fees} 元），再还清。")
    if best is not None and not fits_now:
        what = "本金加已产生的利息" if scenarios[1].shortest is not None else "本金"
        asks.append(f"请对方提供个性化分期（协商还款）：{what}分 {best.months} 期，每月约 {best.payment} 元。")
    if inp.fees > 0:
        asks.append(f"请求减免罚息、复利和违约金（合计 {inp.fees} 元）。")
    asks.append("请求分期期间停止计息（俗称“停息挂账”，这不是法律用语，可以说“分期期间不再收取利息和费用”）。")
    asks.append("把谈好的结果写成书面协议或保留录音，写清欠款余额和构成、每期金额和日期、期间是否计息收费。")
    asks.append("签协议前不要先付“手续费”“保证金”；只还到对方官方账户。")
    warnings.append(
        "《商业银行信用卡业务监督管理办法》第七十条写的是银行“可以”协商最长 5 年的个性化分期，"
        "不是必须同意；网贷、消费金融也由对方决定。本工具不能保证结果。"
    )
    if best is None and scenarios[0].shortest is None:
        need = _option(inp.principal, Decimal(0), MAX_TERM, inp.monthly_budget).payment
        warnings.append(
            f"即使分 {MAX_TERM} 期、免除全部利息，每月也要 {need} 元，超过你的预算。"
            "可以先用“开源节流”工具看看能否多拿出一些，并拨打 12348 咨询免费法律援助。请不要借新贷还旧贷。"
        )
    warnings.append("不要找收费的“代理维权”“债务优化”中介，你自己就可以联系对方协商。")
    return NegotiationResult(total_now, fits_now, scenarios, asks, warnings, conventions)
