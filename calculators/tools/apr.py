"""真实年化利率 (apr): the real annual rate (IRR) of a flat-fee instalment loan, a daily-interest loan, or any
list of payments.
"""

from __future__ import annotations

from decimal import Decimal

from .. import irr
from ..forms import Choice, Date, Form, Int, Money, Rate
from ..listfields import Amounts
from ..render import money, notes, pct, summary, table
from .schedule import schedule_table

__all__ = ["FORM", "compute", "render"]

FIELDS = (
    Choice("mode", "贷款类型", "flat", choices=(
        ("flat", "分期手续费（等本等息：信用卡分期、花呗分期、多数网贷）"),
        ("daily", "按日计息（借呗、金条、微粒贷一类，等额本金）"),
        ("schedule", "我有每期还款金额（任意还款计划）"))),
    Money("principal", "借款本金", "12000", "元", "合同写的借款金额，例如 12000、1.2万 或 一万二。", modes=("flat", "daily")),
    Int("months", "期数", "12", "期（月）", "分几个月还完。", minimum=1, maximum=600, modes=("flat", "daily")),
    Rate("flat_fee", "每期手续费率", "0.6%", "每月", "按原始本金每月收取的费率，例如 0.6% 或 月费率0.6%。",
         modes=("flat",), period="month", periods=("month",), hint="请填每月的费率，例如“0.6%”或“月费率0.6%”。"),
    Money("one_off_fee", "一次性费用", "", "元", "随第一期收取的一次性手续费；没有就留空。", optional=True,
          modes=("flat",)),
    Money("net_received", "实际到手金额", "", "元",
          "放款时被先扣了服务费、砍头息，就填实际到账的钱；没有被扣就留空。", optional=True, modes=("flat",)),
    Rate("daily_rate", "日利率", "日息万五", "", "例如 日息万五、0.05%/天、日利率0.05%。", modes=("daily",),
         flat_ok=False, hint="这是按原始本金收的分期手续费率，不是日利率：请把“贷款类型”选成“分期手续费”再填，"
                             "或者在这里填日利率，例如 日息万五。"),
    Date("start_date", "借款日期", "2025-01-01", "", "例如 2025-01-01 或 2025年1月1日。", modes=("daily",)),
    Money("net_received_total", "实际到手金额", "99000", "元", "扣除各种费用后真正拿到的钱。", modes=("schedule",)),
    Amounts("payments", "每期还款额", "8833.3\n" * 12, "元", "每行一期，按月份顺序填；也可以用逗号分开。",
            modes=("schedule",)),
)


def compute(v: dict):
    """算真实年化: 等本等息 (flat fee), 按日计息 (daily) or 任意还款计划 (a list of payments)."""
    if v["mode"] == "flat":
        return irr.flat_fee_apr(v["principal"], v["months"], v["flat_fee"].value,
                                  one_off_fee=v["one_off_fee"] or Decimal(0), net_received=v["net_received"])
    if v["mode"] == "daily":
        return irr.daily_loan_apr(v["principal"], v["daily_rate"].daily(), v["months"], v["start_date"])
    return irr.apr_of_payments(v["net_received_total"], v["payments"])


def render(r, v: dict) -> str:
    """真实年化利率的结果."""

    if isinstance(r, irr.AprResult):
        head = summary([
            ("真实年化利率（IRR × 12）", pct(r.apr)),
            ("实际年化（按复利）", pct(r.effective_annual)),
            ("实际到手", money(r.net_received)),
            ("一共要还", money(r.total_paid)),
            ("借款成本（利息和费用）", money(r.total_cost)),
        ], title="结果")
        rows = [(f"第 {i} 期", money(p)) for i, p in enumerate(r.payments, 1)]
        body = table(["期次", "应还"], rows, caption="每期还款")
    else:
        head = summary([
            ("真实年化（日 IRR × 365）", pct(r.apr_365)),
            ("真实年化（日 IRR × 360）", pct(r.apr_360)),
            ("实际年化（按复利）", pct(r.effective_annual)),
            ("总利息", money(r.total_interest)),
            ("一共要还", money(r.total_paid)),
        ], title="结果")
        body = schedule_table(r.schedule) if r.schedule else ""
    return head + notes(r.warnings, r.conventions) + body



FORM = Form("apr", "真实年化利率", FIELDS, compute, render)
