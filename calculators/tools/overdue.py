"""逾期费用与司法保护上限 (overdue): 罚息, 复利 and 违约金 so far and if it drags on, compared with the cap a court
protects.
"""

from __future__ import annotations

from decimal import Decimal

from ..caps import LENDERS
from ..forms import Choice, Date, Form, Int, Money, Multiple, Rate
from ..overdue import OverdueInput, overdue_cost
from ..render import esc, money, notes, pct, plain_list, summary, table
from ..sources import cite
from .schedule import DAY_BASIS

__all__ = ["FORM", "compute", "render"]

FIELDS = (
    Money("principal", "逾期本金", "10000", "元", "已经逾期、还没还的本金；例如 10000 或 1万。"),
    Rate("annual_rate", "合同年利率", "7.2%", "", "合同写的正常利率，例如 7.2%、日息万二、月息0.6%。", flat_ok=False),
    Int("days_overdue", "已逾期天数", "30", "天", "从应还日第二天算起，到今天一共多少天。", minimum=0, maximum=36500),
    Date("contract_date", "借款合同日期", "2025-06-01", "",
         "签合同（或借款）的日期，用来确定当时适用的利率上限；例如 2025-06-01。"),
    Choice("lender_type", "出借人类型", "bank", choices=tuple(LENDERS.items())),
    Multiple("multiplier", "罚息倍数（按合同填）", "1.5", "倍",
             "看合同的逾期利率（罚息）条款：写“在合同利率上浮50%”就填 1.5，按合同利率计收就填 1。"
             "默认的 1.5 只是示例，不是规定；找不到这一条的，可以填 1 和 1.5 各算一次。"),
    Money("unpaid_interest", "未付利息", "", "元",
          "逾期前已经产生、没有付的利息，工具按罚息利率对它计收复利；合同没有约定复利的，留空。", optional=True),
    Money("fee_amount", "固定违约金", "", "元", "合同写的固定金额违约金或滞纳金；没有就留空。", optional=True),
    Rate("fee_percent", "违约金比例", "", "", "按逾期金额收取的违约金比例，例如 5%；没有就留空。", optional=True,
         periods=("year",), flat_ok=False, hint="请直接填百分比，例如 5%。"),
    DAY_BASIS,
)


def compute(v: dict):
    """逾期费用: penalty interest, compound interest and fees now and later, against the protected cap."""
    basis = int(v["day_basis"])
    zero = Decimal(0)
    fee_percent = v["fee_percent"].value if v["fee_percent"] is not None else zero
    return overdue_cost(OverdueInput(
        v["principal"], v["annual_rate"].annual(basis), v["days_overdue"], v["contract_date"], v["lender_type"],
        v["multiplier"], v["unpaid_interest"] or zero, True, v["fee_amount"] or zero, fee_percent, basis))


def render(r, v: dict) -> str:
    """逾期费用：到现在的罚息、复利、违约金，和法院保护上限比较，再拖下去会怎样。"""
    now = r.now
    head = summary([
        ("到现在的罚息", money(now.penalty_interest)),
        ("复利", money(now.compound_interest)),
        ("违约金", money(now.fee)),
        ("逾期费用合计", money(now.total)),
        ("罚息年利率", pct(r.penalty_rate)),
        ("对照的上限", f"{r.benchmark_label}（年 {pct(r.benchmark_rate)}）"),
        ("上限对应的金额", money(now.cap_amount)),
        ("超过上限的部分", money(now.above_cap)),
    ], title=f"逾期 {now.days} 天的费用")
    explain = f'<p class="calc-explain">{esc(r.benchmark_explanation)}</p>'
    cites = []
    for sid in r.source_ids:
        try:
            cites.append(cite(sid))
        except KeyError:
            continue
    basis = plain_list(cites, title="依据")
    rows = [(f"到现在（逾期 {now.days} 天）", money(now.penalty_interest), money(now.compound_interest),
             money(now.fee), money(now.total), "—" if now.annualised is None else pct(now.annualised),
             money(now.cap_amount), money(now.above_cap))]
    for extra, c in r.projections:
        rows.append((f"再拖 {extra} 天（共 {c.days} 天）", money(c.penalty_interest), money(c.compound_interest),
                     money(c.fee), money(c.total), "—" if c.annualised is None else pct(c.annualised),
                     money(c.cap_amount), money(c.above_cap)))
    body = table(["情形", "罚息", "复利", "违约金", "合计", "折算年化", "上限对应金额", "超过上限"], rows,
                 caption="现在和再拖下去的逾期费用")
    return head + notes(r.warnings, r.conventions) + explain + basis + body



FORM = Form("overdue", "逾期费用与司法保护上限", FIELDS, compute, render)
