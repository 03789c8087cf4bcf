"""利率的法律参照线（利率上限/司法保护线）：按出借人类型和合同成立日期给出参照利率及出处。

- 民间借贷（个人或非持牌）：2020年8月20日起成立的合同，以合同成立时一年期 LPR 的 4 倍为限；
  此前成立的合同适用 2015 年规则（24% 受保护、超过 36% 无效）。
- 银行、消费金融公司、小额贷款公司、助贷平台（持牌机构）：没有单一的法定利率上限；借款人在诉讼中主张时，
  法院一般支持把利息、复利、罚息、违约金和其他费用合计超过年利率 24% 的部分调减。
见 loan-math.md §1.3、§1.4、§5.3、§5.4 与 law-facts.md §4。``source_ids`` 是 data/laws.json 的键。
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from . import lpr
from .errors import InputError
from .money import fen, format_date_cn
from .rates import format_percent

__all__ = ["LENDERS", "Benchmark", "CapCheck", "benchmark", "check_apr", "cap_amount"]

LENDERS = {
    "bank": "银行/信用卡",
    "consumer-finance": "消费金融公司",
    "microloan": "小额贷款公司（含网络小贷）",
    "platform": "助贷平台（与银行等合作）",
    "private": "民间借贷（个人或非持牌）",
}

NEW_PRIVATE_RULE = datetime.date(2020, 8, 20)
OLD_PRIVATE_RULE = datetime.date(2015, 9, 1)
COURT_LINE = Decimal("0.24")
VOID_LINE = Decimal("0.36")


@dataclass(frozen=True)
class Benchmark:
    """参照利率：年利率（小数）、名称、一句话说明、出处 id（data/laws.json），以及补充说明。"""

    rate: Decimal
    label: str
    explanation: str
    source_ids: list[str]
    lender: str = ""
    contract_date: datetime.date | None = None
    statutory: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CapCheck:
    """年化利率与参照线的比较：参照线（百分比文字与小数）、是否超过、依据、说明、出处 id。"""

    cap_percent: str
    exceeds: bool
    basis: str
    explanation: str
    source_ids: list[str]
    cap: Decimal = Decimal(0)
    apr: Decimal = Decimal(0)
    notes: list[str] = field(default_factory=list)


def _check_lender(lender: str) -> None:
    if lender not in LENDERS:
        raise InputError("lender", "出借人类型：请选择 " + "、".join(LENDERS.values()) + " 之一。")


def _private(contract_date: datetime.date) -> Benchmark:
    if contract_date >= NEW_PRIVATE_RULE:
        quote = lpr.lpr_on(contract_date)
        with localcontext(prec=34):
            rate = quote.one_year * 4
        notes = ["上限按合同成立时的一年期 LPR 计算，之后 LPR 变动不影响已成立的合同。"]
        if contract_date > lpr.verified_through():
            notes.append(
                f"本站的 LPR 数据核实到 {format_date_cn(lpr.verified_through())}，之后的数值沿用最近一次调整，"
                "请以全国银行间同业拆借中心公布的为准。"
            )
        return Benchmark(
            rate,
            "4倍LPR（民间借贷司法保护上限）",
            f"合同成立时一年期 LPR 为 {format_percent(quote.one_year)}，4 倍即 {format_percent(rate)}："
            "利息、逾期利息、违约金和其他费用合计超过这一年利率的部分，法院不予支持。",
            ["spc-private-lending-2020", "pboc-lpr-reform-2019"],
            "private",
            contract_date,
            True,
            notes,
        )
    notes = [
        "2020年8月20日以后起诉的，2020年8月19日以前的利息可以按旧规则（24%/36%）计算；"
        "此后的利息按起诉时的新标准（一般理解为起诉时一年期 LPR 的 4 倍）计算（2020年规定第三十一条）。"
    ]
    if contract_date < OLD_PRIVATE_RULE:
        notes.append(
            "2015年9月1日以前成立的合同，当时适用“不超过银行同类贷款利率 4 倍”的旧规则，本工具不计算。"
        )
    return Benchmark(
        COURT_LINE,
        "24%/36%（2015年民间借贷规则）",
        "年利率 24% 以内受法律保护；24% 到 36% 之间已经自愿支付的不能要回；超过 36% 的部分无效，已付的可以要求返还。",
        ["spc-private-lending-2015", "spc-private-lending-2020"],
        "private",
        contract_date,
        True,
        notes,
    )


def _licensed(lender: str, contract_date: datetime.date) -> Benchmark:
    sources = ["spc-financial-trial-2017"]
    notes = ["24% 不是法定利率上限：法院只在借款人主张费用过高时才会审查调减，不会自动适用。"]
    if lender == "microloan":
        sources += ["spc-reply-2020-27", "microloan-cost-guideline-2025"]
        notes += [
            "小额贷款公司（含网络小贷）是持牌的地方金融组织，不适用民间借贷的 4 倍 LPR 规则。",
            "据媒体报道，2025年末监管要求小贷公司新发放贷款的综合融资成本超过 24% 的要处置，"
            "并逐步降到一年期 LPR 的 4 倍以内；该文件未公开发布，原文未能核实。",
        ]
    elif lender == "platform":
        sources += ["nfra-assisted-lending-2025"]
        notes += [
            "助贷平台撮合的贷款，出借方通常是银行等持牌机构，按金融借款看待；"
            "媒体所说的“综合成本 24% 以内”属于解读或窗口指导，条文中未见。"
        ]
    return Benchmark(
        COURT_LINE,
        "24%司法调减线（持牌金融机构）",
        "持牌机构的借款没有单一的法定利率上限；你在诉讼中主张时，法院一般支持把利息、复利、罚息、违约金和其他费用"
        "合计超过年利率 24% 的部分调减。",
        sources,
        lender,
        contract_date,
        False,
        notes,
    )


def benchmark(lender: str, contract_date: datetime.date) -> Benchmark:
    """利率参照线（司法保护上限/调减线）：按出借人类型与合同成立日期给出。

    2025年6月1日向个人借钱，法律保护的年利率最高是多少？

    >>> b = benchmark("private", datetime.date(2025, 6, 1))
    >>> format_percent(b.rate), b.source_ids
    ('12.00%', ['spc-private-lending-2020', 'pboc-lpr-reform-2019'])
    >>> format_percent(benchmark("bank", datetime.date(2025, 6, 1)).rate)
    '24.00%'
    """
    _check_lender(lender)
    if not isinstance(contract_date, datetime.date):
        raise InputError("contract_date", "签约日期：请输入有效日期，例如 2025-06-01。")
    return _private(contract_date) if lender == "private" else _licensed(lender, contract_date)


def check_apr(lender: str, contract_date: datetime.date, apr: Decimal) -> CapCheck:
    """年化利率是否超过参照线（司法保护上限/调减线）。

    网贷真实年化 35.9%，向小贷公司借的，超过 24% 了吗？

    >>> c = check_apr("microloan", datetime.date(2025, 6, 1), Decimal("0.359"))
    >>> c.cap_percent, c.exceeds
    ('24.00%', True)
    """
    if not isinstance(apr, Decimal) or not apr.is_finite() or apr < 0:
        raise InputError("apr", "年化利率：必须是不小于 0 的数。")
    b = benchmark(lender, contract_date)
    exceeds = apr > b.rate
    notes = list(b.notes)
    if lender == "private" and contract_date < NEW_PRIVATE_RULE:
        if apr > VOID_LINE:
            verdict = f"年化 {format_percent(apr)} 超过 36%：超过 36% 的部分无效，已付的可以要求返还。"
        elif exceeds:
            verdict = f"年化 {format_percent(apr)} 在 24% 到 36% 之间：法院不支持强制收取，但已自愿支付的一般不能要回。"
        else:
            verdict = f"年化 {format_percent(apr)} 未超过 24%。"
    elif exceeds:
        if b.statutory:
            verdict = f"年化 {format_percent(apr)} 超过 {format_percent(b.rate)}：超出部分法院不予支持。"
        else:
            verdict = (
                f"年化 {format_percent(apr)} 超过 24%：如果被起诉，你可以主张把超过年利率 24% 的部分调减，"
                "也可以向监管部门投诉。"
            )
    else:
        verdict = f"年化 {format_percent(apr)} 未超过 {format_percent(b.rate)}。"
    return CapCheck(
        format_percent(b.rate),
        exceeds,
        b.label,
        verdict + b.explanation,
        list(b.source_ids),
        b.rate,
        apr,
        notes,
    )


def cap_amount(segments, rate: Decimal, basis: int = 365) -> Decimal:
    """上限对应的最高利息和费用合计：Σ 剩余本金 × 年利率 × 天数 ÷ 365（或 360），四舍五入到分（loan-math §5.3）。

    ``segments`` 是 (本金, 天数) 的序列；预扣了利息（砍头息）的，本金按实际出借金额算。

    借1万元一年、上限12%，最多能收多少利息和费用？先扣了1000元呢？

    >>> cap_amount([(Decimal(10000), 365)], Decimal("0.12")), cap_amount([(Decimal(9000), 365)], Decimal("0.12"))
    (Decimal('1200.00'), Decimal('1080.00'))
    """
    if basis not in (360, 365):
        raise InputError("day_basis", "计息天数基准：只能是 360 或 365。")
    if not isinstance(rate, Decimal) or not rate.is_finite() or rate < 0:
        raise InputError("rate", "年利率：必须是不小于 0 的数。")
    total = Decimal(0)
    with localcontext(prec=40):
        for principal, days in segments:
            if not isinstance(principal, Decimal) or not principal.is_finite() or principal < 0:
                raise InputError("principal", "本金：必须是不小于 0 的金额。")
            if not isinstance(days, int) or isinstance(days, bool) or days < 0:
                raise InputError("days", "天数：必须是不小于 0 的整数。")
            total += principal * rate * days / basis
    return fen(total)
