"""协商材料 (pack): one printable page for a lender's negotiation desk — the debts, the monthly budget, the
instalment proposal and the hardship letter, filled from the data saved in this browser, with the date and the
attachments to bring. Nothing is sent anywhere: the page only prints.

The figures come from the other tools' own logic: :func:`calculators.debts.inventory` (债务清单),
:func:`calculators.budget.budget` (收支预算), :func:`calculators.negotiate.negotiate` (协商分期测算) and
:func:`calculators.letters.fill` (协商还款申请书). This module only chooses which debt the pack is for and how
much of the monthly budget is left for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ..budget import BudgetInput, BudgetItem, BudgetResult, budget, monthly_amount
from ..caps import LENDERS
from ..debts import Debt, Inventory, find_debt, inventory
from ..errors import InputError
from ..evidence import LogSummary, load_entries, summarise, summary_lines
from ..forms import Date, Field, Form, Money
from ..letters import Letter, LetterInput, fill, templates, yuan
from ..money import format_date_cn
from ..negotiate import DEFAULT_TERMS, NegotiationInput, NegotiationResult, TermOption, negotiate
from ..render import esc, money, notes, pct, plain_list, plain_text, signed, summary, table
from . import letters as letters_tool
from .shared import BUDGET, DEBTS, ENTRIES, EXPENSES, INCOMES

__all__ = ["FORM", "Pack", "compute", "render"]

ALL = "全部债务"
"""What the pack is for when the reader names no single debt."""


def _letter_field(field_id: str) -> Field:
    """The letters tool's own field (one label, one rule), used here without its letter-kind switch."""
    return replace(next(f for f in letters_tool.FIELDS if f.id == field_id), modes=())


FIELDS = (
    DEBTS,
    Field("target", "这份材料给哪笔债务", "", "",
          "填债务清单里的名称，或第几笔（例如 1）；留空表示全部债务合在一起（例如都在同一家机构）。", optional=True),
    Money("interest", "其中已产生的利息", "", "元",
          "这笔（这些）债务的余额里，已经产生、还没还的利息；不知道就留空。", optional=True),
    Money("fees", "其中罚息、违约金等费用", "", "元",
          "余额里逾期后产生的罚息、复利、违约金和其他费用合计；不知道就留空。", optional=True),
    INCOMES,
    EXPENSES,
    BUDGET,
    _letter_field("name"),
    _letter_field("lender_name"),
    _letter_field("reason"),
    _letter_field("has_proof"),
    Date("date", "材料上的日期", "", "", "例如 2026-12-01；留空就用今天的日期。", optional=True),
    ENTRIES,
)


@dataclass
class Pack:
    """一份协商材料：日期、给哪笔债务、债务清单、收支预算、分期方案、申请书、要带的材料。"""

    date: date
    target: str
    debts: Inventory
    chosen: list[Debt]
    budget: BudgetResult
    incomes: list[BudgetItem]
    expenses: list[BudgetItem]
    set_aside: Decimal  # 每月能拿出来还债的钱（共用的“每月能拿出来还债的钱”）
    monthly: Decimal  # 其中这份材料里的债务每月能还多少
    balance: Decimal
    interest: Decimal
    fees: Decimal
    proposal: NegotiationResult
    offer: TermOption | None  # 写进申请书的方案（停息分期放得进预算的最短期数）
    letter: Letter
    log: LogSummary | None
    attachments: list[str]
    warnings: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)


def _target(debts: list[Debt], text: str | None) -> tuple[str, list[Debt]]:
    """Which debt the pack is for: a name in the debts box, its number (1 = the first), or empty = all."""
    if not (text or "").strip():
        return ALL, debts
    try:
        chosen = find_debt(debts, text or "", "target", "这份材料给哪笔债务")
    except InputError as exc:
        raise InputError("target", exc.message[:-1] + "；留空表示全部债务。") from None
    return chosen.name, [chosen]


def _among(d: Debt, chosen: list[Debt]) -> bool:
    """Is this very row (not an equal-looking one) among the pack's debts?"""
    return any(d is c for c in chosen)


def _proposal(balance: Decimal, interest: Decimal, fees: Decimal, monthly: Decimal, rate: Decimal,
              target: str) -> NegotiationResult:
    """协商分期测算 for the pack's debt(s): the balance split into principal, interest and fees."""
    if interest + fees > balance:
        raise InputError("interest" if interest > balance else "fees",
                         f"其中的利息和费用合计（{yuan(interest + fees)}）超过了余额 {yuan(balance)}，请核对。")
    if balance - interest - fees <= 0:
        where = "target" if target != ALL else "debts"
        raise InputError(where, "这份材料里的债务本金是 0，没有需要协商分期的欠款；请核对余额、利息和费用。")
    return negotiate(NegotiationInput(balance - interest - fees, interest, fees, monthly, rate, DEFAULT_TERMS))


def _facts(reason: str, r: BudgetResult) -> str:
    """申请书“我的情况”：原因的提示，加上收支预算里的收入和必要开支。"""
    hint = templates()["reasons"][reason]["hint"]
    return (f"{hint}\n现在我每月收入约 {yuan(r.total_income)}，房租、吃饭等必要开支约 {yuan(r.essential)}"
            "（收支明细见附件）。")


def _attachments(reason: str, has_proof: bool, log: LogSummary | None) -> list[str]:
    """要带的材料：困难证明、账单、收支表，需要时身份证复印件和催收记录小结。"""
    info = templates()["reasons"][reason]
    proofs = info["proofs"] if has_proof else info["alternatives"]
    items = [f"说明困难的材料（有哪样带哪样）：{'；'.join(proofs)}。",
             "最近一期账单，或 App 里欠款明细的截图（本金、利息、罚息和各项费用）。",
             "这份材料里的收支表；有工资流水、房租合同等凭证的，可以一起带上。",
             "身份证复印件：只在对方明确要求时提供，在复印件上写明“仅供与贷款人协商还款使用”和日期。"]
    if log is not None:
        items.append(f"如果要同时反映催收方式的问题：催收记录小结（{''.join(summary_lines(log))}）和相应的录音、截图。")
    return items


def compute(v: dict) -> Pack:
    """协商材料: the debts, the budget, the instalment proposal and the letter, all with the same figures."""
    when = v["date"] or date.today()
    debts: list[Debt] = v["debts"]
    target, chosen = _target(debts, v["target"])
    minimums = sum((d.minimum_payment for d in debts), Decimal(0))
    plan = budget(BudgetInput(v["incomes"], v["expenses"], minimums))
    inv = inventory(debts, plan.total_income if plan.total_income > 0 else None, as_of=when)
    warnings: list[str] = []
    others = sum((d.minimum_payment for d in debts if not _among(d, chosen)), Decimal(0))
    monthly = v["budget"] - others
    if monthly < 0:
        warnings.append(f"每月能拿出来还债的钱（{yuan(v['budget'])}）不够付其他债务的最低还款（{yuan(others)}），"
                        "扣掉之后，这笔债务每月没有钱可还。可以和各家债权人都谈一谈，或先用“还款计划”看看怎样安排。")
        monthly = Decimal(0)
    if v["budget"] > plan.available_if_cut:
        warnings.append(f"每月能拿出来还债的钱（{yuan(v['budget'])}）比收支预算里暂停可选开支后的结余"
                        f"（{signed(plan.available_if_cut, '', '每月缺').strip()}）还多。"
                        "请先核对收支，只向对方承诺做得到的数字。")
    if target == ALL and len(debts) > 1:
        warnings.append(f"这份材料按全部 {len(debts)} 笔债务合在一起算。每家机构只管自己那一笔；要和某一家谈，"
                        "在“这份材料给哪笔债务”里填那一笔的名称。")
    balance = sum((d.balance for d in chosen), Decimal(0))
    rate = chosen[0].annual_rate if len(chosen) == 1 else (inv.weighted_rate or Decimal(0))
    proposal = _proposal(balance, v["interest"] or Decimal(0), v["fees"] or Decimal(0), monthly, rate, target)
    offer = proposal.scenarios[1].shortest or proposal.scenarios[0].shortest
    letter_monthly = offer.payment if offer else (monthly or None)
    entries = load_entries(v["entries"] or "")
    log = summarise(entries) if entries else None
    letter = fill(LetterInput("negotiation", v["reason"], v["has_proof"] != "no", v["name"] or "",
                              v["lender_name"] or "", balance, offer.months if offer else None, letter_monthly,
                              _facts(v["reason"], plan)))
    letter = replace(letter, text=letter.text.replace("日期：【年 月 日】", f"日期：{format_date_cn(when)}"))
    conventions = [
        "债务、收支、分期方案和申请书用的是同一组数字：债务来自债务清单，收支来自收支预算，"
        "分期方案按协商分期测算的算法计算。",
        "只为一笔债务准备材料时，每月能拿出来还债的钱先扣掉其他债务的最低还款，剩下的才是这笔债务每月能还的。",
        "余额里填了利息和费用时，本金 = 余额 − 利息 − 费用；没填时把余额全部当作本金。",
        "继续计息方案用这笔债务的年化利率；全部债务合在一起时用按余额加权的年化利率。",
        "申请书里的方案是“停息、免罚息和费用”时放得进预算的最短期数；对方可以不同意，最后以书面协议为准。",
    ] + proposal.conventions
    return Pack(when, target, inv, chosen, plan, v["incomes"], v["expenses"], v["budget"], monthly, balance,
                v["interest"] or Decimal(0), v["fees"] or Decimal(0), proposal, offer, letter, log,
                _attachments(v["reason"], v["has_proof"] != "no", log),
                # With an offer the letter's own checks only see the rounding the last instalment absorbs.
                warnings + (letter.warnings if offer is None else []), conventions)


def _label(p: Pack) -> str:
    return f"全部 {len(p.debts.lines)} 笔债务" if p.target == ALL else p.target


def _section(title: str, body: str) -> str:
    return f'<section class="calc-pack-part"><h3>{esc(title)}</h3>{body}</section>'


def _debts(p: Pack) -> str:
    inv = p.debts

    def name(d: Debt) -> str:
        kind = LENDERS.get(d.lender_type, "")
        mark = "（本次协商）" if p.target != ALL and _among(d, p.chosen) else ""
        return (f"{d.name}（{kind}）" if kind else d.name) + mark

    rows = [(name(ln.debt), money(ln.debt.balance), pct(ln.debt.annual_rate), money(ln.debt.minimum_payment),
             ln.debt.days_overdue or "—") for ln in inv.lines]
    rows.append(("合计", money(inv.total_balance), "—" if inv.weighted_rate is None else pct(inv.weighted_rate),
                 money(inv.total_minimums), ""))
    items = [("债务笔数", f"{len(inv.lines)} 笔"), ("总欠款", money(inv.total_balance)),
             ("每月最低还款合计", money(inv.total_minimums)), ("每月利息（估算）", money(inv.monthly_interest))]
    return summary(items) + table(["债务", "余额", "年化利率", "最低还款", "逾期天数"], rows, caption="我的全部债务")


def _budget(p: Pack) -> str:
    r = p.budget
    items = [("每月收入", money(r.total_income)), ("必要开支", money(r.essential)),
             ("可选开支（可以暂停）", money(r.optional)),
             ("收入减去全部开支", signed(r.available, "剩下", "每月缺")),
             ("暂停可选开支后", signed(r.available_if_cut, "剩下", "每月缺")),
             ("每月能拿出来还债的钱", money(p.set_aside))]
    if p.target != ALL:
        items.append((f"扣掉其他债务的最低还款后，能还“{p.target}”的钱", money(p.monthly)))
    kinds = {"essential": "必要", "optional": "可选"}
    incomes = table(["收入", "每月"], [(x.name, money(monthly_amount(x))) for x in p.incomes]
                    + [("合计", money(r.total_income))], caption="收入（折成每月）")
    expenses = table(["开支", "类型", "每月"],
                     [(x.name, kinds.get(x.kind, x.kind), money(monthly_amount(x))) for x in p.expenses]
                     + [("合计", "", money(r.essential + r.optional))], caption="开支（折成每月）", numeric_from=2)
    return summary(items) + incomes + expenses


def _proposal_html(p: Pack) -> str:
    r, o = p.proposal, p.offer
    items = [("协商的债务", _label(p)), ("欠款合计", money(p.balance))]
    if p.interest or p.fees:
        items += [("其中利息", money(p.interest)), ("其中罚息和费用", money(p.fees))]
    items += [("每月能还", money(p.monthly)),
              ("提出的方案", "60 期内放不进每月能还的钱" if o is None else f"分 {o.months} 期，每月 {money(o.payment)}"
               + ("" if o.last_payment == o.payment else f"，最后一期 {money(o.last_payment)}"))]
    rows = [(sc.label, money(sc.base), pct(sc.annual_rate), "—" if sc.shortest is None else f"{sc.shortest.months} 期",
             "—" if sc.shortest is None else money(sc.shortest.payment)) for sc in r.scenarios]
    return (summary(items) + table(["方案", "分期基数", "年利率", "最短期数", "月供"], rows, caption="三种方案对比")
            + plain_list(r.asks, title="向对方提出的请求", ordered=True))


def render(p: Pack, v: dict) -> str:
    """协商材料：打印按钮，然后是债务、收支、分期方案、申请书和要带的材料，每部分单独一页。"""
    name = (v.get("name") or "").strip()[:40] or "【姓名】"
    lender = (v.get("lender_name") or "").strip()[:80] or "【放贷机构全称】"
    top = ('<p class="calc-pack-actions"><button type="button" class="md-button md-button--primary" '
           'data-action="print">打印这份材料</button></p>'
           '<p class="calc-note calc-pack-screen">打印或“另存为 PDF”都只在这台设备上完成，材料不会上传。'
           "交给对方前，把【方括号】换成你的真实情况。</p>")
    cover = (f'<p class="calc-pack-meta">申请人：{esc(name)}　致：{esc(lender)}　日期：{esc(format_date_cn(p.date))}</p>'
             + _debts(p))
    keep = ("不要交出：银行卡密码、短信验证码、App 登录密码、手机通讯录。这些协商用不上；"
            "也不要付钱给自称能“代理协商”“债务优化”的中介，你自己就能谈。")
    parts = [
        _section("一、债务情况", cover),
        _section("二、每月收支", _budget(p)),
        _section("三、分期还款方案", _proposal_html(p)),
        _section("四、协商还款申请书", plain_text(p.letter.text, p.letter.filename)),
        _section("五、要带的材料", plain_list(p.attachments, ordered=True) + f"<p><strong>{esc(keep)}</strong></p>"),
    ]
    screen = f'<div class="calc-pack-screen">{notes(p.warnings, p.conventions)}</div>'
    return f'<div class="calc-pack">{top}{screen}{"".join(parts)}</div>'


FORM = Form("pack", "协商材料", FIELDS, compute, render, today=True)
