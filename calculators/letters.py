"""信件生成 (letters): fill the templates of ``data/letters.json`` with what a person typed.

Letters are plain text. Filling uses :class:`string.Template`, so text a person types is inserted as it is and
never interpreted; :mod:`calculators.render` escapes the whole letter when it shows it. Anything not given stays
as a 【方括号】 prompt for the writer to fill in by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal
from functools import cache
from string import Template

from . import sources
from .evidence import Entry, LogSummary, date_range, sort_key, summarise, summary_lines
from .money import format_money

__all__ = ["MAX_LISTED", "Letter", "LetterInput", "court_letter", "fill", "kinds", "reasons", "templates", "yuan"]

MAX_LISTED = 40
"""At most this many log entries are written out in a letter; the rest are in the attached log."""


@cache
def templates() -> dict:
    """信件模板 (``data/letters.json``)."""
    return sources._read_json("letters.json")


def kinds() -> tuple[tuple[str, str], ...]:
    """信件种类."""
    return tuple((k, v["label"]) for k, v in templates()["kinds"].items())


def reasons() -> tuple[tuple[str, str], ...]:
    """还不上的原因 (negotiation letters)."""
    return tuple((k, v["label"]) for k, v in templates()["reasons"].items())


@dataclass
class LetterInput:
    """写信用的信息：信的种类、原因、有没有证明，以及（都可以不填的）姓名、放贷机构、金额、期数、月供、经过、记录本。"""

    kind: str
    reason: str = "job-loss"
    has_proof: bool = True
    name: str = ""
    lender_name: str = ""
    amount: Decimal | None = None
    months: int | None = None
    monthly: Decimal | None = None
    facts: str = ""
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Letter:
    """一封填好的信：标题、文件名、正文（纯文本），以及给写信人的提醒。"""

    kind: str
    title: str
    filename: str
    use: str
    text: str
    warnings: list[str] = field(default_factory=list)
    log: LogSummary | None = None


def yuan(x: Decimal) -> str:
    """12,000.00 元."""
    return f"{format_money(x)} 元"


def _entry_line(i: int, e: Entry) -> str:
    parts = [e.when or "【时间】"]
    if e.channel:
        parts.append(e.channel)
    if e.contact:
        parts.append(f"号码或名称：{e.contact}")
    parts.append(f"联系了{e.target}")
    line = f"{i}. " + "，".join(parts)
    if e.said:
        line += f"，说：“{e.said}”"
    line += "。"
    if e.files:
        line += f"（证据：{e.files}）"
    return line


def _facts(inp: LetterInput, example: list[str]) -> str:
    text = "\n".join(ln.rstrip() for ln in inp.facts.strip().splitlines())
    if text:
        return text
    if inp.entries:
        dated = sorted(inp.entries, key=sort_key)
        lines = [_entry_line(i, e) for i, e in enumerate(dated[:MAX_LISTED], 1)]
        if len(dated) > MAX_LISTED:
            lines.append(f"……（其余 {len(dated) - MAX_LISTED} 次见所附催收记录表）")
        return "\n".join(lines)
    return "\n".join(example)


def _plan(inp: LetterInput, warnings: list[str]) -> str:
    amount, months, monthly = inp.amount, inp.months, inp.monthly
    if amount and monthly and not months:
        months = max(1, math.ceil(amount / monthly))
    elif amount and months and not monthly:
        monthly = (amount / months).quantize(Decimal("0.01"), rounding=ROUND_UP)
    if months and months > 60:
        warnings.append(f"按这个月供要还 {months} 期，超过 5 年。信用卡个性化分期最长 5 年，"
                        "其他机构也很少同意这么长；可以先用“协商分期测算”看看别的方案。")
    if amount and months and monthly and monthly * months < amount:
        warnings.append(f"每月 {yuan(monthly)} × {months} 期 = {yuan(monthly * months)}，比欠款合计 {yuan(amount)} 少。"
                        "这等于申请减免，请在方案里写明，或者调整金额。")
    cap = f"我每月最多能拿出 {yuan(monthly)} 用于这笔欠款。" if monthly else "我每月最多能拿出【¥X】元用于这笔欠款。"
    term = f"分 {months} 期偿还" if months else "分【N】期偿还"
    each = yuan(monthly) if monthly else "【¥X】元"
    return "\n".join([
        cap + "申请：",
        f"1. 将上述欠款{term}，每月【日】日前还款 {each}，首期从【年 月】开始；",
        "2. 【如需要：分期期间停止计收罚息、违约金，或减免部分利息和费用】；",
        "3. 我的收入恢复后，会主动告知并提高每月还款额。",
    ])


def _proofs(inp: LetterInput) -> str:
    reason = templates()["reasons"][inp.reason]
    if inp.has_proof:
        return "\n".join(f"- {p}" for p in reason["proofs"]) + "\n【只保留你真的有的材料】"
    lines = [f"我目前没有{reason['proof_name']}这类正式证明，先提供下面这些能说明情况的材料："]
    lines += [f"- {p}" for p in reason["alternatives"]]
    lines.append("【只保留你真的有的材料；一样都没有的，附一份如实的情况说明】")
    return "\n".join(lines)


def _grounds(log: LogSummary | None) -> str:
    counts = {"night": log.night, "third_party": log.third_party, "threat": log.threat} if log else {}
    lines = []
    for g in templates()["grounds"]:
        if log and g["log"]:
            n = counts[g["log"]]
            if n:
                lines.append(f"{g['text']}：记录中共 {n} 次")
        else:
            lines.append(f"【如有：{g['text']}】" if log else g["text"])
    if not log:
        lines.insert(0, "【只保留和你的情况相符的几条，其余删掉】")
        return "\n".join(lines[:1] + [f"{i}. {t}" for i, t in enumerate(lines[1:], 1)])
    return "\n".join(f"{i}. {t}" for i, t in enumerate(lines, 1))


def fill(inp: LetterInput) -> Letter:
    """填写信件：按 ``inp.kind`` 选模板，把能填的都填上，其余留【方括号】.

    >>> letter = fill(LetterInput("negotiation", "illness", False, name="张三", monthly=Decimal("500"),
    ...                           amount=Decimal("6000")))
    >>> "分 12 期偿还，每月【日】日前还款 500.00 元" in letter.text, "诊断证明" in letter.text
    (True, True)
    """
    data = templates()
    kind = data["kinds"][inp.kind]
    reason = data["reasons"][inp.reason]
    warnings: list[str] = []
    log = summarise(inp.entries) if inp.entries else None
    name = inp.name.strip()[:40]
    lender = inp.lender_name.strip()[:80] or "【放贷机构全称，以借款合同上的“贷款人”为准】"
    amount_line = (f"目前欠款合计：{yuan(inp.amount)}（据【日期】账单或 App 显示；本金【¥】元，利息【¥】元，罚息及其他费用【¥】元）"
                   if inp.amount else
                   "目前欠款（据【日期】账单或 App 显示）：本金【¥】元，利息【¥】元，罚息及其他费用【¥】元，合计【¥】元")
    if log:
        log_text = "小结：" + "".join(summary_lines(log))
        if log.undated:
            log_text += f"（另有 {log.undated} 次记录的时间不完整，没有计入夜间和每日次数。）"
        period = date_range(log) or "【起止日期】"
        period += f"，共 {log.total} 次"
        attachments = f"催收记录表（共 {log.total} 条）、通话记录截图【×】张、录音【×】段、短信或聊天截图【×】张"
        contacts = "、".join(dict.fromkeys(e.contact for e in inp.entries if e.contact)) or "【】"
        if len(contacts) > 300:
            contacts = contacts[:300] + "……"
    else:
        log_text = "小结：【起止日期】来电共【×】次，其中 22:00 至次日 8:00 之间【×】次；联系我的家人、同事共【×】次。"
        period = "【起止日期】，共【×】次"
        attachments = "通话记录截图【×】张、录音【×】段、亲友收到的短信截图【×】张、催收记录表【×】页"
        contacts = "【】"
    evidence = list(data["evidence"]) + ([f"催收记录表（共 {log.total} 条）"] if log else ["催收记录表"])
    example = ["1. 【2026年3月5日 22:41】，号码【号码】自称【某某公司 姓名或工号】来电，说【原话或要点】。（有录音）",
               "2. 【2026年3月6日 10:15】，同一方打电话给我的【母亲／同事 姓名】，告诉对方我欠款未还，并说【原话或要点】。（有截图）",
               "3. 【……】"]
    values = {
        "name": name or "【姓名】",
        "signature": name or "【签名】",
        "lender": lender,
        "amount_line": amount_line,
        "amount_suffix": f"；目前欠款约 {yuan(inp.amount)}" if inp.amount else "",
        "situation": reason["situation"],
        "facts": _facts(inp, [reason["hint"]] if inp.kind == "negotiation" else example),
        "plan": _plan(inp, warnings) if inp.kind == "negotiation" else "",
        "proofs": _proofs(inp) if inp.kind == "negotiation" else "",
        "log_summary": log_text,
        "grounds": _grounds(log),
        "attachments": attachments,
        "evidence_list": "\n".join(f"    {i}. {e}" for i, e in enumerate(evidence, 1)),
        "period": period,
        "contacts": contacts,
    }
    text = Template("\n".join(kind["body"])).substitute(values)
    return Letter(inp.kind, kind["label"], kind["filename"], kind["use"], text, warnings, log)


def court_letter(key: str, values: dict[str, str], warnings: list[str] | None = None) -> Letter:
    """诉讼文书草稿（答辩状）：``data/letters.json`` 的 ``court`` 模板，用同样的 :class:`string.Template` 填写.

    ``values`` 里的文字原样放进去、不再解释（输入里的 ``$`` 也不会被当成占位符）；显示时由
    :func:`calculators.render.plain_text` 整体转义。

    >>> keys = ("name", "plaintiff", "case_number", "claims", "grounds", "requests", "evidence", "court", "signature")
    >>> letter = court_letter("defence", {k: "【】" for k in keys} | {"claims": "本金 $100"})
    >>> letter.title, "本金 $100" in letter.text, letter.filename
    ('答辩状（草稿）', True, '答辩状.txt')
    """
    t = templates()["court"][key]
    text = Template("\n".join(t["body"])).substitute(values)
    return Letter(key, t["label"], t["filename"], t["use"], text, list(warnings or []))
