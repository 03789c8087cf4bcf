"""命令行: ``python -m calculators SUBCOMMAND … [--json]``, a thin adapter around the calculators.

Options are built from the web form's own field objects (label, help, parsing rule), so the command line and
the site accept and refuse the same writing. With ``--json`` money and rates are strings with two decimals
(rates in percent, e.g. ``"13.03"``); without it, a readable Chinese table. Bad input: exit code 2 and one
Chinese line on stderr naming the field.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from . import caps, irr, lpr, plan, schedules, sources, spiral
from .errors import InputError
from .forms import Date, Field, Rate
from .ical import plan_ics
from .listfields import parse_debts
from .money import format_date_cn, format_money
from .months import Month, month_of
from .rates import format_percent
from .respond import PLAINTIFFS, PROCEDURES
from .serialize import to_data
from .tools import FORMS, tool
from .tools.shared import START, start_month

__all__ = ["build_parser", "main"]


def _m(x: Decimal | None) -> str | None:
    return None if x is None else f"{x:.2f}"


def _p(fraction: Decimal | None) -> str | None:
    """A rate fraction as a percent string with two decimals: 0.130312 -> "13.03"."""
    return None if fraction is None else format_percent(fraction).rstrip("%")


def pick(result: object, *, money: tuple[str, ...] = (), percent: tuple[str, ...] = (),
         keep: tuple[str, ...] = ()) -> dict:
    """选取输出字段: The ``--json`` selection of one result: money as "1072.00", rates as "13.03", the rest serialised as is."""
    out: dict = {}
    for name in keep:
        out[name] = to_data(getattr(result, name))
    out.update({name: _m(getattr(result, name)) for name in money})
    out.update({name: _p(getattr(result, name)) for name in percent})
    return out


def _form_field(form_id: str, field_id: str, **changes) -> Field:
    field = next(f for f in FORMS[form_id].fields if f.id == field_id)
    return replace(field, **changes)


class Option:
    """命令行参数: A command-line flag backed by a form field: ``--flag`` parses exactly like the field on the page."""

    def __init__(self, flag: str, field: Field, *, default: str | None = None):
        self.flag, self.default = flag, default
        self.field = replace(field, label=f"{field.label}（{flag}）")

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        required = not self.field.optional and self.default is None
        help_text = self.field.help.replace("%", "%%") or None  # argparse formats help with %
        parser.add_argument(self.flag, required=required, default=self.default, help=help_text)

    def parse(self, args: argparse.Namespace):
        return self.field.parse(getattr(args, self.flag.lstrip("-").replace("-", "_")) or "")


OPTIONS = {
    "apr": [Option("--principal", _form_field("apr", "principal", allow_zero=False)),
            Option("--months", _form_field("apr", "months")),
            Option("--flat-fee", _form_field("apr", "flat_fee")),
            Option("--net-received", _form_field("apr", "net_received", allow_zero=False))],
    "schedule": [Option("--principal", _form_field("schedule", "principal", allow_zero=False)),
                 Option("--annual-rate", _form_field("schedule", "annual_rate")),
                 Option("--months", _form_field("schedule", "months")),
                 Option("--days", _form_field("schedule", "days", optional=True, modes=())),
                 Option("--start", replace(START, help="第 1 期是哪个月（YYYY-MM，例如 2027-01）；不给就不写月份。"))],
    "plan": [Option("--budget", _form_field("plan", "budget", allow_zero=False)),
             Option("--start", replace(START, help="计划的第 1 个月（YYYY-MM，例如 2027-01）；不给就是下个月。"))],
    "spiral": [Option("--start-debt", _form_field("spiral", "start_debt")),
               Option("--monthly-rate", _form_field("spiral", "monthly_rate")),
               Option("--fee", _form_field("spiral", "fee")),
               Option("--months", _form_field("spiral", "months"), default="12")],
    "lpr": [Option("--date", Date("date", "日期"))],
    "respond": [Option(f"--{fid.replace('_', '-')}", _form_field("respond", fid))
                for fid in ("contract_principal", "received", "claim_principal", "interest", "penalties", "fees", "paid",
                            "contract_date", "through_date", "service_date", "answer_days", "evidence_days", "hearing",
                            "judgment_date", "name", "plaintiff_name", "case_number", "court")],
    "cap": [Option("--contract-date", Date("contract_date", "合同日期")),
            Option("--apr", Rate("apr", "年化利率"))],
}
"""The flags of each subcommand that are typed values (the others are choices or a file)."""


def _values(name: str, args: argparse.Namespace) -> dict:
    return {o.field.id: o.parse(args) for o in OPTIONS[name]}


class ChineseParser(argparse.ArgumentParser):
    """中文报错的参数解析: argparse that reports usage errors as one Chinese line and exit code 2."""

    def error(self, message: str):
        message = (message.replace("the following arguments are required:", "缺少必填参数：")
                   .replace("invalid choice:", "无效的选项：").replace("unrecognized arguments:", "无法识别的参数："))
        self.exit(2, f"输入有误：{message}\n")


# ---------------------------------------------------------------- subcommands: each returns (json dict, table text)

def cmd_apr(a):
    """真实年化利率 (flat-fee instalments)."""
    v = _values("apr", a)
    r = irr.flat_fee_apr(v["principal"], v["months"], v["flat_fee"].value, net_received=v["net_received"])
    out = {**pick(r, percent=("apr", "effective_annual", "monthly_irr")),
           **pick(r, money=("net_received", "total_paid", "total_cost")),
           "payment": _m(r.payments[0]), **pick(r, keep=("warnings", "conventions"))}
    text = [f"真实年化利率（IRR×12）：{out['apr']}%", f"实际年化（复利）：{out['effective_annual']}%",
            f"每期还款：{format_money(r.payments[0])} 元", f"借款成本：{format_money(r.total_cost)} 元"]
    return out, text + [f"提醒：{w}" for w in r.warnings]


def cmd_schedule(a):
    """还款计划表."""
    v = _values("schedule", a)
    basis = int(a.day_basis)
    term = v["months"]
    if a.method == "bullet":
        term = v["days"] or v["months"] * 30
    s = schedules.build(a.method, v["principal"], v["annual_rate"].annual(basis), term, basis)
    start: Month | None = v["start"]
    rows = [pick(i, keep=("period",), money=("payment", "principal", "interest", "balance")) for i in s.instalments]
    if start is not None:
        for row in rows:
            row["month"] = str(month_of(start, row["period"]))
    out = {"method": a.method, "start": None if start is None else str(start), "instalments": rows,
           **pick(s, money=("total_interest", "total_paid")), **pick(s, keep=("conventions",))}
    text = [f"{s.label}：总利息 {format_money(s.total_interest)} 元，共还 {format_money(s.total_paid)} 元",
            f"{'期次':>4} {'应还':>12} {'本金':>12} {'利息':>10} {'剩余本金':>12}"]
    for i in s.instalments:
        when = f"{i.period:>6}" if start is None else f"{month_of(start, i.period).label:>10}"
        text.append(f"{when} {format_money(i.payment):>14} {format_money(i.principal):>14} "
                    f"{format_money(i.interest):>12} {format_money(i.balance):>14}")
    return out, text


def cmd_plan(a):
    """还款计划 (several debts, one budget)."""
    path = Path(a.debts)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise InputError("debts", f"债务文件（--debts）：无法读取 {a.debts}，请给出 UTF-8 的 CSV 或 JSON 文件。") from None
    v = _values("plan", a)
    start = start_month(v["start"])
    order = [x.strip() for x in a.order.split(",")] if a.order else None
    debts = parse_debts(text)
    r = plan.plan(debts, v["budget"], a.strategy, order=order)
    out = {"strategy": a.strategy, "start": str(start), **pick(r, keep=("feasible", "months")),
           **pick(r, money=("total_interest", "total_paid")), **pick(r, keep=("payoff_month",)),
           "debt_free_month": str(month_of(start, r.months)) if r.months else None,
           "payoff_calendar_month": {n: str(month_of(start, m)) if m else None for n, m in r.payoff_month.items()},
           **pick(r, money=("minimum_budget", "shortfall")),
           **pick(r, keep=("never_pays_off", "warnings", "conventions"))}
    if not r.feasible:
        text = [f"预算不够：每月至少要 {format_money(r.minimum_budget)} 元才能付清所有最低还款，"
                f"还差 {format_money(r.shortfall)} 元。"]
    else:
        free = f"{month_of(start, r.months).label}（第 {r.months} 个月）" if r.months else "还不清"
        text = [f"第 1 个月：{start.label}", f"全部还清：{free}；总利息 {format_money(r.total_interest)} 元"]
        text += [f"  {name}：{month_of(start, m).label}（第 {m} 个月）还清" if m else f"  {name}：还不清"
                 for name, m in r.payoff_month.items()]
    if a.ics:
        text += _write_ics(a.ics, r, debts, start)
        out["ics"] = a.ics
    return out, text + [f"提醒：{w}" for w in r.warnings]


def _write_ics(path: str, r, debts, start: Month) -> list[str]:
    """还款提醒文件 (--ics): every payment of the plan as an all-day event with an alarm the day before."""
    if not r.feasible or not r.table:
        raise InputError("ics", "还款提醒（--ics）：预算不够付最低还款，没有可以提醒的还款计划。")
    text = plan_ics(r, debts, start, dtstamp=datetime.datetime.now(datetime.UTC))
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError:
        raise InputError("ics", f"还款提醒（--ics）：无法写入 {path}。") from None
    return [f"已写入还款提醒：{path}（{text.count('BEGIN:VEVENT')} 笔还款）"]


def cmd_spiral(a):
    """以贷养贷 (model one: roll the whole debt over every month)."""
    v = _values("spiral", a)
    r = spiral.spiral(spiral.SpiralInput(v["start_debt"], v["monthly_rate"].monthly(360), v["fee"].value,
                                         v["months"]))
    final = r.rollover[-1].debt
    out = {"final_debt": _m(final), "doubling_months": None if r.doubling_months is None else f"{r.doubling_months:.1f}",
           "effective_annual": _p(r.effective_annual), "months": v["months"],
           "rollover": [pick(row, keep=("month",), money=("debt",)) for row in r.rollover],
           "conclusion": r.conclusion}
    text = [f"{v['months']} 个月后欠款：{format_money(final)} 元",
            f"翻倍时间：{out['doubling_months'] or '不会翻倍'} 个月", f"折算年成本：{out['effective_annual']}%",
            r.conclusion]
    return out, text


def cmd_lpr(a):
    """贷款市场报价利率 (LPR) on a date."""
    day = _values("lpr", a)["date"]
    q = lpr.lpr_on(day)
    caveat = lpr.unverified_note(day)
    out = {"date": q.date.isoformat(), **pick(q, percent=("one_year", "five_year")), "verified": caveat is None,
           "verified_through": lpr.verified_through().isoformat()}
    text = [f"{q.date:%Y-%m-%d} 起适用：一年期 LPR {out['one_year']}%，五年期以上 {out['five_year']}%"]
    return out, text + ([f"提醒：{caveat}"] if caveat else [])


def cmd_cap(a):
    """司法保护参照线 for a lender type and contract date."""
    v = _values("cap", a)
    c = caps.check_apr(a.lender, v["contract_date"], v["apr"].annual())
    out = {"cap_percent": _p(c.cap), **pick(c, keep=("exceeds", "basis")), "apr": _p(c.apr),
           **pick(c, keep=("explanation", "source_ids"))}
    verdict = "超过" if c.exceeds else "没有超过"
    text = [f"参照线：{out['cap_percent']}%（{c.basis}）", f"你的年化 {out['apr']}% {verdict}这条线。", c.explanation]
    return out, text + ([f"提醒：{c.unverified}"] if c.unverified else [])


def _write(path: str, text: str, flag: str, what: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError:
        raise InputError(flag.lstrip("-"), f"{what}（{flag}）：无法写入 {path}。") from None


def cmd_respond(a):
    """应诉准备: the claim against the caps, the deadlines; --draft / --ics write the answer and the reminders."""
    form = FORMS["respond"]
    values = {**_values("respond", a), "lender_type": a.lender, "plaintiff": a.plaintiff, "procedure": a.procedure,
              "entries": ""}
    view = form.compute(values)
    c = view.check
    out = {**pick(c, money=("claimed", "supported", "excess", "withheld", "cap", "room")),
           "cap_percent": _p(c.cap_rate), "cap_label": c.cap_label, "statutory": c.statutory,
           "charges_rate": _p(c.charges_rate),
           "items": [{"label": i.label, **pick(i, money=("claimed", "supported", "excess"))} for i in c.items],
           "grounds": [{"title": g.title, "text": g.text, "basis": [sources.cite(sid, art) for sid, art in g.cites]}
                       for g in c.grounds],
           "deadlines": [{"label": s.label, "date": s.day.isoformat() if s.day else None, "condition": s.condition,
                          "rule": s.rule, "notes": list(s.notes)} for s in view.timeline.steps],
           "warnings": c.warnings + view.timeline.warnings}
    text = [f"起诉要求合计：{format_money(c.claimed)} 元；按规则算出的上限内：{format_money(c.supported)} 元；"
            f"可以争辩的部分：{format_money(c.excess)} 元",
            f"参照线：{c.cap_label}，年 {out['cap_percent']}%"]
    text += [f"  {i.label}：要求 {format_money(i.claimed)}，上限内 {format_money(i.supported)}，"
             f"可争辩 {format_money(i.excess)}" for i in c.items]
    for s in view.timeline.steps:
        if s.day is None:
            text.append(f"{s.label}：{s.rule}")
            continue
        text.append(f"{s.label}：{s.condition + '：' if s.condition else ''}{format_date_cn(s.day)}")
        text += [f"  {n}" for n in s.notes]
    if a.draft:
        _write(a.draft, view.letter.text, "--draft", "答辩状草稿")
        out["draft"] = a.draft
        text.append(f"已写入答辩状草稿：{a.draft}")
    if a.ics:
        ics = tool("respond").ics_text(view)
        _write(a.ics, ics, "--ics", "期限提醒")
        out["ics"] = a.ics
        text.append(f"已写入期限提醒：{a.ics}（{ics.count('BEGIN:VEVENT')} 个日程）")
    return out, text + [f"提醒：{w}" for w in out["warnings"]]


def build_parser() -> argparse.ArgumentParser:
    """命令行参数表: The argument parser: one subcommand per calculator the command line offers."""
    p = ChineseParser(prog="python -m calculators", description="网贷逾期应对指南的计算器（命令行版）")
    sub = p.add_subparsers(dest="command", required=True, parser_class=ChineseParser)

    def add(name, fn, help_text):
        s = sub.add_parser(name, help=help_text)
        s.set_defaults(fn=fn)
        s.add_argument("--json", action="store_true", help="输出 JSON")
        for option in OPTIONS[name]:
            option.add_to(s)
        return s

    add("apr", cmd_apr, "分期手续费的真实年化利率（IRR）")
    s = add("schedule", cmd_schedule, "还款计划表")
    s.add_argument("--method", choices=list(schedules.METHODS), default="annuity")
    s.add_argument("--day-basis", choices=["360", "365"], default="360")
    s = add("plan", cmd_plan, "多笔债务的还款计划（雪崩 / 雪球 / 自定义 / 只还最低）")
    s.add_argument("--debts", required=True, help="CSV（名称,余额,年化利率,最低还款）或 JSON 文件")
    s.add_argument("--strategy", choices=["avalanche", "snowball", "custom", "minimum"], default="avalanche")
    s.add_argument("--order", help="custom 策略的顺序：用逗号分隔的债务名称")
    s.add_argument("--ics", help="把每笔还款写成日历文件（.ics），还款日当天全天、前一天提醒")
    add("spiral", cmd_spiral, "以贷养贷：借新还旧的欠款增长")
    add("lpr", cmd_lpr, "某日适用的贷款市场报价利率（LPR）")
    s = add("cap", cmd_cap, "按机构类型和合同日期的司法保护参照线")
    s.add_argument("--lender", required=True, choices=list(caps.LENDERS))
    s = add("respond", cmd_respond, "应诉准备：起诉金额和参照线逐项对照、答辩期和上诉期的日期")
    s.add_argument("--lender", required=True, choices=list(caps.LENDERS), help="出借人类型")
    s.add_argument("--procedure", choices=list(PROCEDURES), default="unclear", help="通知书写的审理程序")
    s.add_argument("--plaintiff", choices=list(PLAINTIFFS), default="lender", help="原告是原来的放贷机构还是受让人")
    s.add_argument("--draft", help="把答辩状草稿写成文本文件")
    s.add_argument("--ics", help="把期限写成日历文件（.ics）")
    return p


def main(argv: list[str] | None = None) -> int:
    """命令行入口: run one subcommand; exit code 0, or 2 with one Chinese line on stderr for bad input."""
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
