"""答辩状草稿和证据清单（应诉准备）：用 :func:`calculators.respond.assess` 算出的数字，填 ``data/letters.json`` 的
答辩状模板（:func:`calculators.letters.court_letter`），并列出开庭要带的材料。

草稿只写规则和数字，措辞平实；案号、法院、身份信息等留【方括号】给读者自己填。说理用第一人称（答辩人），
依据写文件全称和条文，和页面上（第二人称）的说明是同一组理由。
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import sources
from .caps import NEW_PRIVATE_RULE
from .evidence import LogSummary, date_range
from .letters import Letter, court_letter, yuan
from .money import format_date_cn
from .rates import format_percent
from .respond import ClaimCheck, RespondInput

__all__ = ["EvidenceItem", "checklist", "draft"]


@dataclass(frozen=True)
class EvidenceItem:
    """要带的一样材料：名称，以及为什么要带、去哪里找。"""

    title: str
    why: str


def checklist(inp: RespondInput, check: ClaimCheck, log: LogSummary | None) -> list[EvidenceItem]:
    """证据清单：起诉材料本身、合同、到账流水、扣费和还款记录、转让通知、催收记录、身份证件。

    被起诉了，放款时被扣过服务费，开庭要带哪些材料？

    >>> from decimal import Decimal
    >>> import datetime
    >>> from calculators.respond import assess
    >>> inp = RespondInput(Decimal(10000), Decimal(8500), datetime.date(2025, 3, 1), datetime.date(2026, 3, 1),
    ...                    datetime.date(2026, 11, 27), fees=Decimal(2000))
    >>> [e.title for e in checklist(inp, assess(inp), None)][:4]
    ['起诉状副本、传票、应诉通知书、举证通知书', '借款合同或电子合同', '实际到账的流水', '放款时被扣的钱和服务费、担保费的记录']
    """
    items = [
        EvidenceItem("起诉状副本、传票、应诉通知书、举证通知书",
                     "核对案号、法院、原告、开庭时间和地点。对文书真假有疑问，用法院官网公布的电话打过去核实，"
                     "不要打文书上陌生的手机号，也不要往陌生账户转钱。"),
        EvidenceItem("借款合同或电子合同",
                     "在借款 App 里找“借款协议”“合同”，下载或截图：借款金额、利率、各项费用、约定的法院都在里面。"),
        EvidenceItem("实际到账的流水", f"银行卡或支付账户的入账记录，证明实际到账 {yuan(inp.received)}。"),
    ]
    if check.withheld > 0 or inp.fees > 0:
        items.append(EvidenceItem("放款时被扣的钱和服务费、担保费的记录",
                                  "放款短信、App 里的费用明细、扣款记录截图，证明哪些钱在放款时就被扣了、收了哪些费用。"))
    paid = f"，证明你已付的 {yuan(inp.paid)}" if inp.paid > 0 else ""
    items.append(EvidenceItem("还款记录", f"每一笔还款的银行流水或 App 还款明细{paid}。"))
    if inp.plaintiff != "lender":
        items.append(EvidenceItem("债权转让通知", "收到过的转让短信、信件；没有收到过的，如实说明。"))
    if log is not None:
        span = f"（{date_range(log)}）" if date_range(log) else ""  # no readable time in a restored backup
        items.append(EvidenceItem("催收记录表",
                                  f"催收记录本里已有 {log.total} 条记录{span}，可以导出打印；"
                                  "录音和截图另存两处。违规催收和欠款是两件事，可以另外投诉。"))
    else:
        items.append(EvidenceItem("催收记录（如果有）",
                                  "遇到过违规催收的，带上记录、录音和截图，可以先在催收记录本里整理。"
                                  "违规催收和欠款是两件事，可以另外投诉。"))
    items += [
        EvidenceItem("身份证", "开庭时带原件。"),
        EvidenceItem("收入和困难证明（愿意调解分期时）", "工资流水、失业或生病的证明，以及每月能还多少的测算。"),
    ]
    return items


def _name(source_id: str, article: str = "") -> str:
    return sources.laws()[source_id]["name"] + article


def _grounds(inp: RespondInput, c: ClaimCheck) -> list[str]:
    out = []
    keys = {g.key for g in c.grounds}
    if "withheld" in keys:
        basis = _name("civil-code", "第六百七十条")
        if inp.lender_type == "private":
            basis += "、" + _name("spc-private-lending-2020", "第二十六条")
        out.append(f"借款合同载明借款 {yuan(inp.contract_principal)}，答辩人实际收到 {yuan(inp.received)}，"
                   f"其中 {yuan(c.withheld)}在放款时即被预先扣除【写明扣除的名目，例如“服务费”“担保费”】。"
                   f"依照{basis}的规定，利息不得预先在本金中扣除，预先扣除的，应当按照实际借款数额返还借款并计算利息。"
                   f"本金应按 {yuan(inp.received)}认定。")
    if "cap" in keys:
        period = (f"按实际借款 {yuan(inp.received)}、自{format_date_cn(inp.contract_date)}至"
                  f"{format_date_cn(inp.through_date)}共 {c.days} 天计算"
                  + (f"，扣除答辩人已付的 {yuan(inp.paid)}后" if inp.paid > 0 else "")
                  + f"，利息和各项费用合计不应超过 {yuan(c.room)}。")
        rate = format_percent(c.cap_rate)
        if inp.lender_type == "private":
            source = (_name("spc-private-lending-2020", "第二十五条、第二十九条") if inp.contract_date >= NEW_PRIVATE_RULE
                      else _name("spc-private-lending-2020", "第三十一条") + "和" + _name("spc-private-lending-2015"))
            out.append(f"依照{source}的规定，利息、逾期利息、违约金和其他费用总计超过年利率 {rate} 的部分，"
                       f"不应支持。{period}")
        else:
            high = "原告主张的利息、罚息、违约金和服务费等各项费用明显过高。" if any(
                i.excess > 0 for i in c.items if i.key != "principal") else ""  # never said of charges within the line
            out.append(f"{high}依照{_name('spc-financial-trial-2017', '第二条')}，"
                       f"请求对总计超过年利率 {rate} 的部分予以调减。{period}")
    if "penalty" in keys:
        out.append(f"原告主张的罚息、逾期利息和违约金共 {yuan(inp.penalties)}，过分高于原告的实际损失。"
                   f"依照{_name('civil-code', '第五百八十五条')}的规定，请求予以适当减少。")
    if "fees" in keys:
        out.append(f"原告主张的服务费、担保费等费用共 {yuan(inp.fees)}，请原告说明每一项的收费依据和实际提供的服务；"
                   "不能说明的，不应支持。")
    if "assignee" in keys:
        out.append(f"原告并非原出借人。依照{_name('civil-code', '第五百四十六条')}的规定，债权转让未通知债务人的，"
                   "该转让对债务人不发生效力。答辩人【未收到／于某年某月某日收到】债权转让通知，"
                   "请原告提供转让协议及已通知答辩人的证据。")
    if "paid" in keys:
        out.append(f"答辩人已向【原出借人／原告】支付利息及各项费用共 {yuan(inp.paid)}（见还款记录），请求在核算时一并计入。")
    out.append("请原告提供借款合同、放款凭证和完整的还款明细；原告不能证明的金额，请求不予支持。")
    return [f"（{'一二三四五六七八九十'[i]}）{text}" for i, text in enumerate(out)]


def _claims(inp: RespondInput, c: ClaimCheck) -> str:
    by = {i.key: i for i in c.items}
    charges = [i for i in c.items if i.key != "principal"]
    claimed = sum((i.claimed for i in charges), Decimal("0.00"))
    supported = sum((i.supported for i in charges), Decimal("0.00"))
    p = by["principal"]
    lines = [f"原告请求答辩人支付本金 {yuan(p.claimed)}、利息 {yuan(by['interest'].claimed)}、"
             f"罚息及违约金 {yuan(by['penalties'].claimed)}、服务费等费用 {yuan(by['fees'].claimed)}，"
             f"合计 {yuan(c.claimed)}（计算至 {format_date_cn(inp.through_date)}）。答辩人对其中 {yuan(c.excess)}有异议："]
    lines.append(f"1. 本金：答辩人实际收到 {yuan(inp.received)}，本金最多应按 {yuan(p.supported)}计算，"
                 f"有异议的部分 {yuan(p.excess)}。")
    lines.append(f"2. 利息、罚息、违约金和各项费用：原告主张合计 {yuan(claimed)}，按下述规则合计不应超过 "
                 f"{yuan(supported)}，有异议的部分 {yuan(claimed - supported)}。")
    lines.append("【对借款事实本身有异议的（例如没有借过、已经还清），在这里写明】")
    return "\n".join(lines)


def _requests(inp: RespondInput, c: ClaimCheck) -> str:
    cut = "不予支持" if c.statutory else "予以调减"
    p = c.items[0]
    if p.supported == inp.received:
        principal = f"1. 本金按实际到账的 {yuan(inp.received)}计算；"
    else:  # partly repaid: never ask for more than the complaint claims
        withheld = f"（放款时被预先扣除的 {yuan(c.withheld)}不计入本金）" if c.withheld > 0 else ""
        principal = f"1. 本金最多按 {yuan(p.supported)}计算{withheld}；"
    return "\n".join([
        principal,
        f"2. 利息、罚息、违约金和各项费用合计超过 {yuan(c.room)}的部分{cut}；",
        "3. 【如愿意调解：答辩人愿意在法院主持下协商分期还款，每月可还【¥X】元】。",
    ])


def draft(inp: RespondInput, c: ClaimCheck, evidence: list[EvidenceItem]) -> Letter:
    """答辩状草稿：诉讼请求逐项的意见、理由和依据、请求、证据清单；没填的留【方括号】。

    合同写借款1万元、实际到账8500元，答辩状里本金该怎么写？

    >>> from decimal import Decimal
    >>> import datetime
    >>> from calculators.respond import assess
    >>> inp = RespondInput(Decimal(10000), Decimal(8500), datetime.date(2025, 3, 1), datetime.date(2026, 3, 1),
    ...                    datetime.date(2026, 11, 27), interest=Decimal(1500), court="某某区人民法院")
    >>> c = assess(inp)
    >>> text = draft(inp, c, checklist(inp, c, None)).text
    >>> "本金应按 8,500.00 元认定" in text, "某某区人民法院" in text, "【案号" in text
    (True, True, True)
    """
    name = inp.name.strip()[:40]
    values = {
        "name": name or "【姓名】",
        "signature": name or "【签名】",
        "plaintiff": inp.plaintiff_name.strip()[:80] or "【原告名称，照起诉状抄写】",
        "case_number": inp.case_number.strip()[:60] or "【案号，照传票或通知书抄写】",
        "court": inp.court.strip()[:80] or "【××人民法院】",
        "claims": _claims(inp, c),
        "grounds": "\n".join(_grounds(inp, c)),
        "requests": _requests(inp, c),
        "evidence": "\n".join(f"{i}. {e.title}" for i, e in enumerate(evidence, 1)),
    }
    return court_letter("defence", values)
