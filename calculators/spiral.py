"""以贷养贷（借新还旧）的雪球：用两个模型算清楚，越借越多是怎么发生的。

模型见 loan-math.md §6.2。
模型一（整笔滚动）：每月借一笔新贷把旧债连本带息还清，新贷到手要先扣手续费 f：
    D_{t+1} = D_t · g，g = (1+i)/(1−f)，D_t = D_0 · g^t，翻倍时间 = ln2 / ln g。
模型二（缺口靠短期贷补）：每月要还 S，只能拿出 Y（Y < S），差额借 30 天的新贷，下月连本带息还：
    X_t = (S−Y)/(1−f) · (g^t − 1)/(g − 1)。
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InputError
from .money import fen

__all__ = ["SpiralInput", "RolloverRow", "BridgeRow", "SpiralResult", "spiral", "growth_factor", "doubling_months"]

MAX_MONTHS = 120
LABELS = {"start_debt": "现在的欠款", "monthly_rate": "新贷的月利率", "fee": "新贷手续费", "months": "模拟月数",
          "obligations": "每月应还", "available": "每月能拿出的钱"}
"""The one Chinese name of each input (the web form and the command line use the same), by field id."""


@dataclass
class SpiralInput:
    """以贷养贷的输入：月利率 i、新贷手续费比例 f（都是小数）；模型二另需每月应还 S 与能拿出的钱 Y。"""

    debt: Decimal  # 模型一：现在的欠款 D_0
    monthly_rate: Decimal  # i
    fee: Decimal  # f，新贷到手前扣掉的比例
    months: int = 24
    obligations: Decimal | None = None  # 模型二：每月应还 S
    available: Decimal | None = None  # 模型二：每月能拿出的钱 Y


@dataclass
class RolloverRow:
    month: int
    debt: Decimal


@dataclass
class BridgeRow:
    month: int
    bridge_debt: Decimal  # 月末欠的过桥贷（下月要连本带息还）
    cumulative_shortfall: Decimal  # 真实缺口累计 (S−Y)·t
    financing_cost: Decimal  # 多出来的纯融资成本


@dataclass
class SpiralResult:
    """以贷养贷结果：逐月表、增长倍数 g、翻倍月数、折算年成本和一句结论。"""

    growth: Decimal
    doubling_months: Decimal | None  # g ≤ 1 时为 None
    effective_annual: Decimal  # g^12 − 1
    rollover: list[RolloverRow]
    bridge: list[BridgeRow] | None
    conclusion: str
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def growth_factor(monthly_rate: Decimal, fee: Decimal) -> Decimal:
    """以贷养贷每月的增长倍数 g = (1+i)/(1−f)。

    月息 2%、每次借新贷扣 3% 手续费，欠款每月变成原来的几倍？

    >>> growth_factor(Decimal("0.02"), Decimal("0.03")).quantize(Decimal("0.000001"))
    Decimal('1.051546')
    """
    with localcontext(prec=34):
        return (1 + monthly_rate) / (1 - fee)


def doubling_months(g: Decimal) -> Decimal | None:
    """翻倍时间（以贷养贷）：ln2 / ln g 个月，保留一位小数；g ≤ 1 时不会翻倍，返回 None。

    >>> doubling_months(growth_factor(Decimal("0.02"), Decimal("0.03")))
    Decimal('13.8')
    """
    if g <= 1:
        return None
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        return (Decimal(2).ln() / g.ln()).quantize(Decimal("0.1"))


def _validate(inp: SpiralInput) -> None:
    if not 0 < inp.debt <= Decimal(100000000):
        raise InputError("start_debt", f"{LABELS['start_debt']}：请填 0 到 1亿元 之间。")
    if not 0 <= inp.monthly_rate <= 1:
        raise InputError("monthly_rate", f"{LABELS['monthly_rate']}：请填 0% 到 100% 之间。")
    if not 0 <= inp.fee < Decimal("0.9"):
        raise InputError("fee", f"{LABELS['fee']}：请填 0% 到 90% 之间。")
    if not 1 <= inp.months <= MAX_MONTHS:
        raise InputError("months", f"{LABELS['months']}：请填 1 到 {MAX_MONTHS} 之间。")
    if (inp.obligations is None) != (inp.available is None):
        raise InputError("available", f"模型二需要同时填“{LABELS['obligations']}”和“{LABELS['available']}”。")
    for name, v in (("obligations", inp.obligations), ("available", inp.available)):
        if v is not None and not 0 <= v <= Decimal(100000000):
            raise InputError(name, f"{LABELS[name]}：请填 0 到 1亿元 之间。")


def spiral(inp: SpiralInput) -> SpiralResult:
    """以贷养贷（借新还旧）：欠款怎样按 g = (1+i)/(1−f) 滚大，以及缺口靠短期贷补时欠多少。

    欠 1 万，每月借新还旧，月息 2%、手续费 3%，一年后欠多少？多久翻倍？

    >>> r = spiral(SpiralInput(Decimal(10000), Decimal("0.02"), Decimal("0.03"), 24))
    >>> r.rollover[11].debt, r.doubling_months, r.effective_annual
    (Decimal('18278.53'), Decimal('13.8'), Decimal('0.8279'))
    """
    _validate(inp)
    warnings: list[str] = []
    with localcontext(prec=34, rounding=ROUND_HALF_UP):
        g = growth_factor(inp.monthly_rate, inp.fee)
        rollover = [RolloverRow(t, fen(inp.debt * g**t)) for t in range(1, inp.months + 1)]
        effective = (g**12 - 1).quantize(Decimal("0.0001"))
        bridge = None
        if inp.obligations is not None and inp.available is not None:
            gap = max(Decimal(0), inp.obligations - inp.available)
            bridge = []
            x = Decimal(0)
            for t in range(1, inp.months + 1):
                # 本月要筹的钱 = 缺口 + 上月过桥贷连本带息；借的面额扣掉手续费后正好够
                x = fen((gap + x * (1 + inp.monthly_rate)) / (1 - inp.fee))
                cum = fen(gap * t)
                bridge.append(BridgeRow(t, x, cum, x - cum))
    doubling = doubling_months(g)
    year = rollover[min(11, len(rollover) - 1)]
    pct = f"{(effective * 100).quantize(Decimal('0.1'))}%"
    if doubling is not None:
        conclusion = (
            f"借新还旧时，欠款每月乘以 {g.quantize(Decimal('0.000001'))}：{year.month} 个月后从 {fen(inp.debt)} 元"
            f"变成 {year.debt} 元，约 {doubling} 个月翻一倍，折算年成本约 {pct}。"
            "以贷养贷只会让债越滚越大。停止借新贷，把现有欠款列清楚，尽早和债权人协商分期。"
        )
    else:
        conclusion = "按这些数字欠款不会变大，但借新还旧本身没有减少欠款。请停止借新贷，尽早和债权人协商。"
    if bridge:
        b = bridge[-1]
        if b.bridge_debt > 0:
            warnings.append(
                f"每月缺 {fen(inp.obligations - inp.available)} 元靠借新贷补：{b.month} 个月后欠过桥贷 {b.bridge_debt} 元，"
                f"其中 {b.financing_cost} 元是纯粹的利息和手续费。缺口不会自己消失，要从开源节流和协商还款入手。"
            )
    conventions = [
        "模型一：每月把全部欠款连本带息用新贷还清，新贷到手前扣手续费；D_t = D_0 × g^t，g = (1+i)/(1−f)。",
        "模型二：每月缺口借 30 天新贷，下月连本带息还；逐月计算 X_t = (S−Y + X_{t−1}×(1+i))/(1−f)，"
        "每月四舍五入到分（等于 (S−Y)/(1−f) × (g^t−1)/(g−1)，只差尾数）。",
        "翻倍时间 = ln2 ÷ ln g；折算年成本 = g^12 − 1（复利）。金额四舍五入到分。",
    ]
    return SpiralResult(g, doubling, effective, rollover, bridge, conclusion, warnings, conventions)
