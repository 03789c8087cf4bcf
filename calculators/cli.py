"""命令行: ``python -m calculators SUBCOMMAND … [--json]``, a thin adapter around the calculators.

With ``--json`` money and rates are strings with two decimals (rates in percent, e.g. ``"13.03"``); without it,
a readable Chinese table. Bad input: exit code 2 and one Chinese line on stderr naming the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from . import caps, lpr, plan, rates, schedules, spiral
from .debts import load_debts
from .errors import InputError
from .money import format_money, parse_date, parse_int, parse_money
from .rates import parse_rate


def _m(x: Decimal | None) -> str | None:
    return None if x is None else f"{x:.2f}"


def _p(fraction: Decimal | None) -> str | None:
    """A rate fraction as a percent string with two decimals: 0.130312 -> "13.03"."""
    return None if fraction is None else rates.format_percent(fraction).rstrip("%")


class ChineseParser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Chinese line and exit code 2."""

    def error(self, message: str):
        message = (message.replace("the following arguments are required:", "缺少必填参数：")
                   .replace("invalid choice:", "无效的选项：").replace("unrecognized arguments:", "无法识别的参数："))
        self.exit(2, f"输入有误：{message}\n")


# ---------------------------------------------------------------- subcommands: each returns (json dict, table text)

def cmd_apr(a):
    principal = parse_money(a.principal, "principal", "借款本金（--principal）", allow_zero=False)
    months = parse_int(a.months, "months", "期数（--months）", minimum=1, maximum=600)
    fee = parse_rate(a.flat_fee, "flat_fee", "每期手续费率（--flat-fee）", default_period="month")
    if fee.period != "month":
        raise InputError("flat_fee", "每期手续费率（--flat-fee）：请填每月的费率，例如 0.6%。")
    net = parse_money(a.net_received, "net_received", "实际到手金额（--net-received）", allow_zero=False) \
        if a.net_received else None
    r = rates.flat_fee_apr(principal, months, fee.value, net_received=net)
    out = {"apr": _p(r.apr), "effective_annual": _p(r.effective_annual), "monthly_irr": _p(r.monthly_irr),
           "net_received": _m(r.net_received), "total_paid": _m(r.total_paid), "total_cost": _m(r.total_cost),
           "payment": _m(r.payments[0]), "warnings": r.warnings, "conventions": r.conventions}
    text = [f"真实年化利率（IRR×12）：{out['apr']}%", f"实际年化（复利）：{out['effective_annual']}%",
            f"每期还款：{format_money(r.payments[0])} 元", f"借款成本：{format_money(r.total_cost)} 元"]
    return out, text + [f"提醒：{w}" for w in r.warnings]


def cmd_schedule(a):
    principal = parse_money(a.principal, "principal", "借款本金（--principal）", allow_zero=False)
    rate = parse_rate(a.annual_rate, "annual_rate", "年利率（--annual-rate）")
    months = parse_int(a.months, "months", "期数（--months）", minimum=1, maximum=600)
    basis = int(a.day_basis)
    term = months
    if a.method == "bullet":
        term = parse_int(a.days, "days", "天数（--days）", minimum=1, maximum=18300) if a.days else months * 30
    s = schedules.build(a.method, principal, rate.annual(basis), term, basis)
    out = {"method": a.method, "instalments": [
        {"period": i.period, "payment": _m(i.payment), "principal": _m(i.principal), "interest": _m(i.interest),
         "balance": _m(i.balance)} for i in s.instalments],
        "total_interest": _m(s.total_interest), "total_paid": _m(s.total_paid), "conventions": s.conventions}
    text = [f"{s.label}：总利息 {format_money(s.total_interest)} 元，共还 {format_money(s.total_paid)} 元",
            f"{'期次':>4} {'应还':>12} {'本金':>12} {'利息':>10} {'剩余本金':>12}"]
    text += [f"{i.period:>6} {format_money(i.payment):>14} {format_money(i.principal):>14} "
             f"{format_money(i.interest):>12} {format_money(i.balance):>14}" for i in s.instalments]
    return out, text


def cmd_plan(a):
    path = Path(a.debts)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise InputError("debts", f"债务文件（--debts）：无法读取 {a.debts}，请给出 UTF-8 的 CSV 或 JSON 文件。") from None
    debts = load_debts(text)
    budget = parse_money(a.budget, "budget", "每月还款预算（--budget）", allow_zero=False)
    order = [x.strip() for x in a.order.split(",")] if a.order else None
    r = plan.plan(debts, budget, a.strategy, order=order)
    out = {"strategy": a.strategy, "feasible": r.feasible, "months": r.months, "total_interest": _m(r.total_interest),
           "total_paid": _m(r.total_paid), "payoff_month": r.payoff_month, "minimum_budget": _m(r.minimum_budget),
           "shortfall": _m(r.shortfall), "never_pays_off": r.never_pays_off, "warnings": r.warnings,
           "conventions": r.conventions}
    if not r.feasible:
        text = [f"预算不够：每月至少要 {format_money(r.minimum_budget)} 元才能付清所有最低还款，"
                f"还差 {format_money(r.shortfall)} 元。"]
    else:
        text = [f"全部还清：第 {r.months} 个月；总利息 {format_money(r.total_interest)} 元"]
        text += [f"  {name}：第 {m} 个月还清" if m else f"  {name}：还不清" for name, m in r.payoff_month.items()]
    return out, text + [f"提醒：{w}" for w in r.warnings]


def cmd_spiral(a):
    debt = parse_money(a.start_debt, "start_debt", "起始欠款（--start-debt）", allow_zero=False)
    i = parse_rate(a.monthly_rate, "monthly_rate", "月利率（--monthly-rate）", default_period="month").monthly()
    fee = parse_rate(a.fee, "fee", "每次借新贷的手续费（--fee）", default_period="month").value
    months = parse_int(a.months, "months", "月数（--months）", minimum=1, maximum=600)
    r = spiral.spiral(spiral.SpiralInput(debt, i, fee, months))
    final = r.rollover[-1].debt
    out = {"final_debt": _m(final), "doubling_months": None if r.doubling_months is None else f"{r.doubling_months:.1f}",
           "effective_annual": _p(r.effective_annual), "months": months,
           "rollover": [{"month": row.month, "debt": _m(row.debt)} for row in r.rollover], "conclusion": r.conclusion}
    text = [f"{months} 个月后欠款：{format_money(final)} 元", f"翻倍时间：{out['doubling_months'] or '不会翻倍'} 个月",
            f"折算年成本：{out['effective_annual']}%", r.conclusion]
    return out, text


def cmd_lpr(a):
    q = lpr.lpr_on(parse_date(a.date, "date", "日期（--date）"))
    out = {"date": q.date.isoformat(), "one_year": _p(q.one_year), "five_year": _p(q.five_year)}
    return out, [f"{q.date:%Y-%m-%d} 起适用：一年期 LPR {out['one_year']}%，五年期以上 {out['five_year']}%"]


def cmd_cap(a):
    contract = parse_date(a.contract_date, "contract_date", "合同日期（--contract-date）")
    apr = parse_rate(a.apr, "apr", "年化利率（--apr）").annual()
    c = caps.check_apr(a.lender, contract, apr)
    out = {"cap_percent": _p(c.cap), "exceeds": c.exceeds, "basis": c.basis, "apr": _p(c.apr),
           "explanation": c.explanation, "source_ids": c.source_ids}
    verdict = "超过" if c.exceeds else "没有超过"
    return out, [f"参照线：{out['cap_percent']}%（{c.basis}）", f"你的年化 {out['apr']}% {verdict}这条线。", c.explanation]


def build_parser() -> argparse.ArgumentParser:
    p = ChineseParser(prog="python -m calculators", description="网贷逾期应对指南的计算器（命令行版）")
    sub = p.add_subparsers(dest="command", required=True, parser_class=ChineseParser)

    def add(name, fn, help_text):
        s = sub.add_parser(name, help=help_text)
        s.set_defaults(fn=fn)
        s.add_argument("--json", action="store_true", help="输出 JSON")
        return s

    s = add("apr", cmd_apr, "分期手续费的真实年化利率（IRR）")
    s.add_argument("--principal", required=True)
    s.add_argument("--months", required=True)
    s.add_argument("--flat-fee", required=True)
    s.add_argument("--net-received")
    s = add("schedule", cmd_schedule, "还款计划表")
    s.add_argument("--principal", required=True)
    s.add_argument("--annual-rate", required=True)
    s.add_argument("--months", required=True)
    s.add_argument("--method", choices=list(schedules.METHODS), default="annuity")
    s.add_argument("--days", help="一次性还本付息的借款天数")
    s.add_argument("--day-basis", choices=["360", "365"], default="360")
    s = add("plan", cmd_plan, "多笔债务的还款计划（雪崩 / 雪球 / 自定义 / 只还最低）")
    s.add_argument("--debts", required=True, help="CSV（名称,余额,年化利率,最低还款）或 JSON 文件")
    s.add_argument("--budget", required=True)
    s.add_argument("--strategy", choices=["avalanche", "snowball", "custom", "minimum"], default="avalanche")
    s.add_argument("--order", help="custom 策略的顺序：用逗号分隔的债务名称")
    s = add("spiral", cmd_spiral, "以贷养贷：借新还旧的欠款增长")
    s.add_argument("--start-debt", required=True)
    s.add_argument("--monthly-rate", required=True)
    s.add_argument("--fee", required=True)
    s.add_argument("--months", default="12")
    s = add("lpr", cmd_lpr, "某日适用的贷款市场报价利率（LPR）")
    s.add_argument("--date", required=True)
    s = add("cap", cmd_cap, "按机构类型和合同日期的司法保护参照线")
    s.add_argument("--lender", required=True, choices=list(caps.LENDERS))
    s.add_argument("--contract-date", required=True)
    s.add_argument("--apr", required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        out, text = args.fn(args)
    except InputError as exc:
        print(f"输入有误：{exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print("\n".join(text))
    return 0
