"""应诉准备（被网贷机构或受让债权的公司起诉时）：起诉的金额里，按已有的规则哪些可以争辩；答辩期、举证期限、
上诉期这些日子落在哪天。只列规则和算术，不预测判决：法院怎么判由法院决定。

- 本金按实际到账算：利息不得预先在本金中扣除，预先扣除的按实际借款数额返还借款并计算利息（民法典 第六百七十条；
  民间借贷另见民间借贷规定 第二十六条）。放款时被扣掉的钱 = 合同金额 − 实际到账。
- 利息、罚息、违约金和各项费用合计，和 :func:`calculators.caps.benchmark` 给出的参照线比：民间借贷是合同成立时
  一年期 LPR 的 4 倍（民间借贷规定 第二十五条、第二十九条），持牌机构是年 24%，要借款人自己提出
  （法发〔2017〕22号 第二条）。上限金额用 :func:`calculators.caps.cap_amount` 按实际到账金额计算，365 天折年。
- 违约金过高可以请求适当减少（民法典 第五百八十五条）：这是可以争辩的理由，不是算术，这里不按比例计算。
- 期限按 :mod:`calculators.periods`（民事诉讼法 第八十五条）计算；小额诉讼一审终审，没有上诉期。
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .caps import LENDERS, NEW_PRIVATE_RULE, benchmark, cap_amount
from .errors import InputError
from .evidence import Entry
from .letters import yuan
from .money import fen, format_date_cn
from .overdue import CAP_BASIS
from .periods import Deadline, deadline, uncovered_note
from .rates import format_percent

__all__ = ["ANSWER_DAYS", "APPEAL_DAYS", "PLAINTIFFS", "PROCEDURES", "TEXT_LIMITS", "ClaimCheck", "ClaimItem", "Ground",
           "RespondInput", "Step", "Timeline", "assess", "timeline"]

PROCEDURES = {"ordinary": "普通程序", "simple": "简易程序", "small": "小额诉讼程序", "unclear": "不清楚"}
"""审理程序：通知书（受理通知书、应诉通知书、举证通知书）上写的。"""
PLAINTIFFS = {"lender": "借钱给我的那家", "assignee": "受让债权的另一家公司", "unclear": "不清楚"}
"""原告是谁。"""
TEXT_LIMITS = {"name": ("你的姓名", 40), "plaintiff_name": ("原告名称", 80), "case_number": ("案号", 60),
               "court": ("受理法院", 80)}
"""写进答辩状的文字最多几个字：太长的不截断（截断的案号是错的案号），请读者核对。"""
ANSWER_DAYS = 15  # 民事诉讼法 第一百二十八条；小额诉讼最长 15 日（民诉法解释 第二百七十五条）
APPEAL_DAYS = 15  # 民事诉讼法 第一百七十一条（判决）
ZERO = Decimal("0.00")


@dataclass
class RespondInput:
    """应诉准备的输入：起诉状里的金额、借款和计算日期、出借人类型、收到起诉材料的日期、审理程序等。"""

    contract_principal: Decimal  # 合同写的借款金额
    received: Decimal  # 实际到账
    contract_date: datetime.date
    through_date: datetime.date  # 利息、费用算到哪天
    service_date: datetime.date  # 收到起诉状副本的日期
    lender_type: str = "microloan"
    claim_principal: Decimal | None = None  # 起诉要求的本金；None = 合同金额
    interest: Decimal = ZERO
    penalties: Decimal = ZERO  # 罚息、逾期利息、违约金
    fees: Decimal = ZERO  # 服务费、担保费、会员费等
    paid: Decimal = ZERO  # 以前已经付过的利息和各项费用
    procedure: str = "unclear"
    plaintiff: str = "lender"
    answer_days: int | None = None
    evidence_days: int | None = None
    hearing: datetime.date | None = None
    judgment_date: datetime.date | None = None
    name: str = ""
    plaintiff_name: str = ""
    case_number: str = ""
    court: str = ""
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Ground:
    """一条可以争辩的理由：标题、说明，以及依据（laws.json 的 id 和条文）。"""

    key: str
    title: str
    text: str
    cites: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ClaimItem:
    """起诉的一项金额：要求多少、按规则算出的上限内有多少、超出多少（= 要求 − 上限内，不为负）。"""

    key: str
    label: str
    claimed: Decimal
    supported: Decimal
    excess: Decimal


@dataclass
class ClaimCheck:
    """起诉金额逐项对照：本金按实际到账、利息和各项费用合计按参照线，以及可以争辩的理由。"""

    items: list[ClaimItem]
    claimed: Decimal
    supported: Decimal
    excess: Decimal
    withheld: Decimal  # 放款时被扣掉的钱（合同金额 − 实际到账）
    days: int  # 借款日到计算日的天数（算头不算尾）
    cap_rate: Decimal
    cap_label: str
    cap: Decimal  # 参照线对应的利息和费用合计
    room: Decimal  # 扣掉已付的利息和费用后还剩的
    statutory: bool  # True：民间借贷的法定上限；False：持牌机构，要借款人自己提出
    charges_rate: Decimal | None  # 利息和各项费用（含已付）折算的年利率
    grounds: list[Ground]
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def _validate(inp: RespondInput) -> None:
    if inp.contract_principal <= 0:
        raise InputError("contract_principal", "合同写的借款金额：必须大于 0 元。")
    if inp.received <= 0:
        raise InputError("received", "实际到账金额：必须大于 0 元；一分钱没到账的，请把情况写进答辩意见，这里不计算。")
    if inp.received > inp.contract_principal:
        raise InputError("received", f"实际到账金额：不能比合同写的借款金额（{yuan(inp.contract_principal)}）还多，请核对。")
    if inp.lender_type not in LENDERS:
        raise InputError("lender_type", "出借人类型：请从列出的选项中选一个。")
    if inp.plaintiff not in PLAINTIFFS:
        raise InputError("plaintiff", "原告是谁：请从列出的选项中选一个。")
    if inp.through_date < inp.contract_date:
        raise InputError("through_date", f"利息、费用算到哪天：不能早于借款日期（{format_date_cn(inp.contract_date)}）。")
    if inp.service_date < inp.contract_date:
        raise InputError("service_date",
                         f"收到起诉材料的日期：不能早于借款日期（{format_date_cn(inp.contract_date)}），请核对。")
    for key, day, label in (("hearing", inp.hearing, "开庭日期"), ("judgment_date", inp.judgment_date, "收到判决书的日期")):
        if day is not None and day < inp.service_date:
            raise InputError(key, f"{label}：不能早于收到起诉材料的日期（{format_date_cn(inp.service_date)}）。")
    if inp.procedure not in PROCEDURES:
        raise InputError("procedure", "通知书写的审理程序：请从列出的选项中选一个。")
    for key, (label, limit) in TEXT_LIMITS.items():
        n = len(getattr(inp, key).strip())
        if n > limit:
            raise InputError(key, f"{label}：最多 {limit} 个字，现在是 {n} 个字。请照起诉状、传票上写的核对，只填这一项。")


def _cap_cites(lender: str, contract_date: datetime.date) -> tuple[tuple[str, str], ...]:
    if lender == "private":
        if contract_date >= NEW_PRIVATE_RULE:
            return (("spc-private-lending-2020", "第二十五条、第二十九条"),)
        return (("spc-private-lending-2020", "第三十一条"), ("spc-private-lending-2015", ""))
    cites: tuple[tuple[str, str], ...] = (("spc-financial-trial-2017", "第二条"),)
    return cites + ((("spc-reply-2020-27", ""),) if lender == "microloan" else ())


def _grounds(inp: RespondInput, c: ClaimCheck, charges: Decimal) -> list[Ground]:
    out = []
    if c.withheld > 0:
        cites: tuple[tuple[str, str], ...] = (("civil-code", "第六百七十条"),)
        if inp.lender_type == "private":
            cites += (("spc-private-lending-2020", "第二十六条"),)
        out.append(Ground("withheld", "本金按实际到账的钱算", (
            f"合同写借款 {yuan(inp.contract_principal)}，实际到账 {yuan(inp.received)}，"
            f"放款时就被扣掉了 {yuan(c.withheld)}。利息不得预先在本金中扣除；预先扣除的，"
            "按实际借款数额返还借款并计算利息。放款时先扣的钱不论叫利息、服务费还是别的名目，都可以据此主张"
            f"本金只按 {yuan(inp.received)}算。"), cites))
    if charges > 0 or inp.paid > 0:
        rate = format_percent(c.cap_rate)
        if c.statutory:
            text = (f"民间借贷的利息、逾期利息、违约金和其他费用合计，超过{c.cap_label}（年 {rate}）的部分，"
                    "法院不予支持。")
        else:
            text = (f"对持牌机构的借款，利息、复利、罚息、违约金和其他费用合计超过年 {rate} 的部分，"
                    "借款人请求调减的，法院一般会调减；法院不会主动调，要你在答辩和开庭时明确提出。")
            if inp.lender_type == "microloan":
                text += "小额贷款公司（含网络小贷）是地方金融组织，不适用民间借贷 4 倍 LPR 的规定。"
        line = (f"按实际到账 {yuan(inp.received)}、{c.days} 天算，这条线对应 {yuan(c.cap)}"
                + (f"，扣掉你已付的 {yuan(inp.paid)}，还剩 {yuan(c.room)}" if inp.paid > 0 else "") + "。")
        out.append(Ground("cap", "利息和各项费用合计不超过参照线", text + line,
                          _cap_cites(inp.lender_type, inp.contract_date)))
    if inp.penalties > 0:
        out.append(Ground("penalty", "罚息、违约金过高，请求适当减少", (
            f"起诉要求的罚息、逾期利息和违约金共 {yuan(inp.penalties)}。约定的违约金过分高于造成的损失的，"
            "可以请求法院适当减少；减多少由法院根据实际损失决定，这里不按比例计算。"),
            (("civil-code", "第五百八十五条"),)))
    if inp.fees > 0:
        out.append(Ground("fees", "服务费、担保费等要对方说明依据", (
            f"起诉要求的服务费、担保费、会员费等共 {yuan(inp.fees)}。可以要求原告说明每一项按什么收、"
            "实际提供了什么服务；这些费用也算在上面的合计里。")))
    if inp.plaintiff != "lender":
        out.append(Ground("assignee", "原告不是原来的放贷机构时，核对转让通知", (
            "债权转让没有通知债务人的，对债务人不发生效力。可以要求原告提供转让协议和通知你的证据；"
            "你没有收到过通知的，如实说明。"), (("civil-code", "第五百四十六条"),)))
    if inp.paid > 0:
        out.append(Ground("paid", "已经付过的钱要一并核算", (
            f"你以前已经付过利息和各项费用 {yuan(inp.paid)}。把还款记录交给法院，请求一并核算；"
            "已付的超过参照线的部分能不能抵本金，由法院认定。")))
    return out


def assess(inp: RespondInput) -> ClaimCheck:
    """起诉金额对照（应诉）：本金按实际到账，利息、罚息、违约金和各项费用合计按参照线，逐项列出可以争辩的部分。

    合同写借款1万元，实际到账8500元，起诉要求本金1万、利息罚息服务费共4200元（小贷公司，借了一年），
    按规则算，超出的部分有多少？

    >>> c = assess(RespondInput(Decimal(10000), Decimal(8500), datetime.date(2025, 3, 1), datetime.date(2026, 3, 1),
    ...                         datetime.date(2026, 11, 27), interest=Decimal(1500), penalties=Decimal(700),
    ...                         fees=Decimal(2000)))
    >>> c.claimed, c.supported, c.excess, c.cap
    (Decimal('14200.00'), Decimal('10540.00'), Decimal('3660.00'), Decimal('2040.00'))
    >>> [(i.label, i.excess) for i in c.items]
    [('本金', Decimal('1500.00')), ('利息', Decimal('0.00')), ('罚息、逾期利息、违约金', Decimal('160.00')), ('服务费等各项费用', Decimal('2000.00'))]
    """
    _validate(inp)
    withheld = fen(inp.contract_principal - inp.received)
    claim_p = fen(inp.contract_principal if inp.claim_principal is None else inp.claim_principal)
    principal = fen(min(inp.received, max(Decimal(0), claim_p - withheld)))
    days = (inp.through_date - inp.contract_date).days
    bm = benchmark(inp.lender_type, inp.contract_date)
    cap = cap_amount([(inp.received, days)], bm.rate, CAP_BASIS)
    room = max(ZERO, cap - inp.paid)
    items = [ClaimItem("principal", "本金", claim_p, principal, claim_p - principal)]
    left = room
    for key, label, amount in (("interest", "利息", inp.interest), ("penalties", "罚息、逾期利息、违约金", inp.penalties),
                               ("fees", "服务费等各项费用", inp.fees)):
        amount = fen(amount)
        part = min(amount, left)
        left -= part
        items.append(ClaimItem(key, label, amount, part, amount - part))
    claimed = sum((i.claimed for i in items), ZERO)
    supported = sum((i.supported for i in items), ZERO)
    charges = inp.interest + inp.penalties + inp.fees
    charges_rate = ((charges + inp.paid) / inp.received * CAP_BASIS / days).quantize(Decimal("0.0001")) \
        if days else None
    c = ClaimCheck(items, claimed, supported, claimed - supported, withheld, days, bm.rate, bm.label, cap, room,
                   bm.statutory, charges_rate, [])
    c.grounds = _grounds(inp, c, charges)
    if inp.claim_principal is not None and inp.claim_principal > inp.contract_principal:
        c.warnings.append("起诉要求的本金比合同写的借款金额还多，请对照起诉状和合同核对。")
    if bm.unverified:
        c.warnings.append(bm.unverified)
    if not bm.statutory:
        c.warnings.append("对持牌机构，超过年 24% 的部分要你在答辩和开庭时自己提出，法院才会考虑调减，不会自动调减。")
    if charges_rate is not None and charges_rate > bm.rate:
        c.warnings.append(f"利息和各项费用（含已付）折算年利率约 {format_percent(charges_rate)}，"
                          f"高于参照线 {format_percent(bm.rate)}。")
    c.conventions = [
        "本金：起诉要求的本金减去放款时被扣掉的钱（合同金额 − 实际到账），最多按实际到账金额算。",
        f"参照线对应的金额 = 实际到账金额 × 年利率 {format_percent(bm.rate)} × 天数 ÷ {CAP_BASIS}；天数从借款日算到"
        "“利息算到哪天”，算头不算尾。没有扣除你已还的本金，所以这条线可能偏高，是对你偏保守的估计。",
        "已付的利息和各项费用先从这条线里扣掉，剩下的才是还能要的利息和费用。",
        "拆到各项时先算利息，再算罚息和违约金，最后算服务费等费用，只是为了列清楚；对照的是合计。",
        "违约金是否过高、减多少，由法院根据实际损失判断，这里不按比例计算。",
    ] + list(bm.notes)
    return c


# ---------------------------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Step:
    """一个要记住的日子：答辩期、举证期限、开庭或上诉期。``day`` 为 None 表示没有可算的日期（例如小额诉讼没有上诉期）。"""

    key: str
    label: str
    day: datetime.date | None
    rule: str
    cites: tuple[tuple[str, str], ...] = ()
    period: Deadline | None = None
    notes: tuple[str, ...] = ()
    condition: str = ""  # 例如“如果不是小额诉讼”


@dataclass
class Timeline:
    """应诉的期限：每一步的日期、规则和提醒。"""

    procedure: str
    steps: list[Step]
    warnings: list[str] = field(default_factory=list)


def _period_notes(p: Deadline) -> tuple[str, ...]:
    if p.uncovered is not None:
        return (uncovered_note(p.uncovered),)
    weekend = p.due.weekday() >= 5  # a Saturday or Sunday that is not a rest day: a 调休上班 day
    if p.skipped:
        worked = f"（星期{'六日'[p.due.weekday() - 5]}，调休上班）" if weekend else ""
        return (f"第 {p.days} 日是 {format_date_cn(p.naive)}，是休息日，顺延到之后的第一个工作日 "
                f"{format_date_cn(p.due)}{worked}。稳妥起见，尽量在{format_date_cn(p.naive)}之前办好。",)
    if weekend:
        return (f"第 {p.days} 日是 {format_date_cn(p.due)}，星期{'六日'[p.due.weekday() - 5]}，"
                "但按国务院的放假安排是调休上班的日子，不是休息日，所以不顺延。",)
    return ()


ANSWER_RULES = {
    "ordinary": ("普通程序：收到起诉状副本之日起 15 日内提出答辩状。", (("civil-procedure-law", "第一百二十八条"),)),
    "simple": ("简易程序：一般也是 15 日；法院征得你同意后，可以另定答辩期间。以通知书写的为准。",
               (("civil-procedure-law", "第一百二十八条"), ("spc-civil-procedure-interpretation-2022", "第二百六十六条"))),
    "small": ("小额诉讼：答辩期由法院征得你同意后确定，最长不超过 15 日。以通知书写的为准。",
              (("spc-civil-procedure-interpretation-2022", "第二百七十五条"),)),
    "unclear": ("普通程序的答辩期是 15 日；简易程序一般也是 15 日，小额诉讼由法院确定、最长 15 日，可能更短。"
                "以通知书写的为准。",
                (("civil-procedure-law", "第一百二十八条"), ("spc-civil-procedure-interpretation-2022", "第二百七十五条"))),
}
EVIDENCE_LIMITS = {"ordinary": "普通程序的举证期限不少于 15 日", "simple": "简易程序的举证期限不超过 15 日",
                   "small": "小额诉讼的举证期限一般不超过 7 日"}


def _answer(inp: RespondInput, warnings: list[str]) -> Step:
    days = inp.answer_days or ANSWER_DAYS
    rule, cites = ANSWER_RULES[inp.procedure]
    if inp.answer_days is not None:
        label = f"答辩期最后一天（按通知书写的 {days} 日）"
        if inp.procedure == "ordinary" and days != ANSWER_DAYS:
            warnings.append(f"普通程序的答辩期是法律规定的 15 日，你填的是 {days} 日，请再看一遍通知书。")
        if inp.procedure == "small" and days > ANSWER_DAYS:
            warnings.append(f"小额诉讼的答辩期最长 15 日，你填的是 {days} 日，请再看一遍通知书。")
    elif inp.procedure in ("small", "unclear"):
        label = "答辩期最后一天（按最长的 15 日算，通知书可能定得更短）"
    else:
        label = "答辩期最后一天（15 日）"
    p = deadline(inp.service_date, days)
    return Step("answer", label, p.due, rule, cites, p, _period_notes(p))


def _evidence(inp: RespondInput, warnings: list[str]) -> Step | None:
    if inp.evidence_days is None:
        return None
    days = inp.evidence_days
    limit = EVIDENCE_LIMITS.get(inp.procedure)
    if (inp.procedure == "ordinary" and days < 15) or (inp.procedure == "simple" and days > 15) or (
            inp.procedure == "small" and days > 7):
        warnings.append(f"{limit}，你填的是 {days} 日，请再看一遍举证通知书。")
    p = deadline(inp.service_date, days)
    rule = ("举证期限由法院确定，按举证通知书写的天数，从收到通知书的次日算起；通知书不是和起诉状副本同一天收到的，"
            "以通知书为准。普通程序不少于 15 日，简易程序不超过 15 日，小额诉讼一般不超过 7 日。")
    return Step("evidence", f"举证期限最后一天（按通知书写的 {days} 日）", p.due, rule,
                (("spc-evidence-2019", "第五十一条"),), p, _period_notes(p))


def _appeal(inp: RespondInput) -> Step:
    cites_appeal = (("civil-procedure-law", "第一百七十一条"),)
    small_rule = ("小额诉讼实行一审终审，判决后不能上诉。认为案件不应该按小额诉讼审理的，要在开庭前向法院提出异议。")
    small_cites = (("civil-procedure-law", "第一百六十五条"), ("spc-civil-procedure-interpretation-2022", "第二百七十九条"))
    if inp.procedure == "small":
        notes = ("你填了收到判决书的日期，但小额诉讼没有上诉期，这里不算日期。",) if inp.judgment_date else ()
        return Step("appeal", "上诉：小额诉讼不能上诉", None, small_rule, small_cites, None, notes)
    rule = "不服一审判决的，在判决书送达之日起 15 日内向上一级法院上诉（不服裁定的是 10 日）。"
    if inp.procedure == "unclear":
        rule = ("如果是普通程序或简易程序：" + rule + "如果是小额诉讼：" + small_rule
                + "看受理通知书、应诉通知书或举证通知书：写着“小额诉讼”或“一审终审”的，是小额诉讼。")
        cites = cites_appeal + small_cites
    else:
        cites = cites_appeal
    condition = "如果不是小额诉讼" if inp.procedure == "unclear" else ""
    if inp.judgment_date is None:
        return Step("appeal", "上诉期：收到判决书后再算", None,
                    rule + "收到判决书后，把日期填进“收到判决书的日期”，这里会算出最后一天。", cites, None, (), condition)
    p = deadline(inp.judgment_date, APPEAL_DAYS)
    return Step("appeal", "上诉期最后一天（15 日）", p.due, rule, cites, p, _period_notes(p), condition)


def timeline(inp: RespondInput) -> Timeline:
    """应诉期限：答辩期、举证期限、开庭、上诉期（民事诉讼法 第八十五条的算法；小额诉讼没有上诉期）。

    2026年11月27日收到起诉状副本，不清楚是什么程序，答辩期最晚到哪天？小额诉讼能上诉吗？

    >>> t = timeline(RespondInput(Decimal(10000), Decimal(8500), datetime.date(2025, 3, 1),
    ...                           datetime.date(2026, 3, 1), datetime.date(2026, 11, 27)))
    >>> format_date_cn(t.steps[0].day)
    '2026年12月14日'
    >>> small = RespondInput(Decimal(1), Decimal(1), datetime.date(2025, 3, 1), datetime.date(2026, 3, 1),
    ...                      datetime.date(2026, 11, 27), procedure="small", judgment_date=datetime.date(2027, 1, 8))
    >>> [s.day for s in timeline(small).steps if s.key == "appeal"]
    [None]
    """
    _validate(inp)
    warnings: list[str] = []
    steps = [_answer(inp, warnings)]
    evidence = _evidence(inp, warnings)
    if evidence is not None:
        steps.append(evidence)
    if inp.hearing is not None:
        steps.append(Step("hearing", "开庭", inp.hearing,
                          "按传票上的时间、地点到庭。经传票传唤，无正当理由拒不到庭的，法院可以缺席判决。",
                          (("civil-procedure-law", "第一百四十七条"),)))
    steps.append(_appeal(inp))
    return Timeline(inp.procedure, steps, warnings)
