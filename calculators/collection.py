"""催收合规自查 (collection-conduct checker): the situations a person ticks → the rules they touch.

Facts are data: ``data/collection_rules.json`` holds each situation's rules (a source id from ``laws.json``,
an article and what it says), the evidence to keep, the channels to go to (ids from ``channels.json``, in
order) and a severity. The legal weight of every rule comes from ``laws.json`` through
:func:`calculators.sources.cite`, so a recommended standard is never presented as law.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from . import sources
from .evidence import LogSummary


@cache
def rules() -> dict:
    """催收合规规则表 (``data/collection_rules.json``)."""
    return sources._read_json("collection_rules.json")


def items() -> dict[str, dict]:
    """The situations, by stable id, in the order of the checker page."""
    return rules()["items"]


def lenders() -> tuple[tuple[str, str], ...]:
    """放贷方类型 choices: (key, label)."""
    return tuple((k, v) for k, v in rules()["lenders"])


@dataclass(frozen=True)
class Rule:
    """一条规则：来源、条款、内容，以及它的效力层级（法律、推荐性国家标准、行业自律文件……）。"""

    source_id: str
    article: str
    says: str
    citation: str
    weight: str
    scope: str


@dataclass(frozen=True)
class Channel:
    """去找谁：渠道 id、名称、号码或网址，以及什么时候找它。"""

    id: str
    name: str
    contact: str
    when: str


@dataclass
class Finding:
    """一项勾选的情况：碰到的规则、要留的证据、去找谁、记录本里的数字。"""

    id: str
    label: str
    severity: int
    severity_label: str
    rules: list[Rule]
    skipped: int
    note: str
    evidence: list[str]
    channels: list[Channel]
    log_support: str = ""


@dataclass
class CheckResult:
    """自查结果：按严重程度排好的各项，以及放贷方类型和记录本小结。"""

    lender: str
    findings: list[Finding] = field(default_factory=list)
    log: LogSummary | None = None


def _applies(lender_list: list[str] | None, lender: str) -> bool:
    return lender_list is None or lender in lender_list


def _log_support(kind: str | None, log: LogSummary | None) -> str:
    if not kind or log is None or not log.total:
        return ""
    n = log.total
    if kind == "max_per_day":
        day = f"（{log.max_day:%Y-%m-%d}）" if log.max_day else ""
        return f"你的记录本：最多的一天{day}有 {log.max_per_day} 次联系。"
    count, what = {
        "night": (log.night, "在 22:00 至次日 8:00"),
        "third_party": (log.third_party, "联系的是你以外的人"),
        "threat": (log.threat, "的内容提到威胁、上门、曝光等字眼（按关键词统计，请自己核对原话）"),
        "visit": (log.visit, "是上门"),
    }[kind]
    if not count:
        return f"你的记录本：{n} 次联系里，还没有记到这一类。"
    return f"你的记录本：{n} 次联系里，有 {count} 次{what}。"


def check(happened: tuple[str, ...] | list[str], lender: str = "unknown", log: LogSummary | None = None) -> CheckResult:
    """催收合规自查: the ticked situations → findings ordered by seriousness (then page order).

    >>> r = check(["night", "threats"], "consumer-finance")
    >>> [f.id for f in r.findings], r.findings[0].channels[0].id
    (['threats', 'night'], '110')
    >>> r.findings[1].rules[0].citation
    'GB/T 45251-2025（推荐性国家标准）'
    """
    data = rules()
    laws = sources.laws()
    names = {c["id"]: c for c in sources.channels()}
    scopes = data["source_scopes"]
    order = list(data["items"])
    result = CheckResult(lender, log=log if log is not None and log.total else None)
    for key in sorted(dict.fromkeys(happened), key=lambda k: (-data["items"][k]["severity"], order.index(k))):
        item = data["items"][key]
        chosen, skipped = [], 0
        for rule in item["rules"]:
            scope = scopes.get(rule["source_id"], {})
            if not _applies(rule.get("lenders", scope.get("lenders")), lender):
                skipped += 1
                continue
            weight = sources.WEIGHT_LABELS[laws[rule["source_id"]]["weight"]]
            chosen.append(Rule(rule["source_id"], rule["article"], rule["says"],
                               sources.cite(rule["source_id"], rule["article"]), weight, scope.get("scope", "")))
        channels = []
        for cid in item["channels"]:
            if not _applies(data["channel_lenders"].get(cid), lender):
                continue
            c = names[cid]
            channels.append(Channel(cid, c["name"], c["contact"], item.get("channel_notes", {}).get(cid, "")))
        if not channels or lender == "private":
            for cid in ("110", "12348", "court"):
                if cid not in {c.id for c in channels}:
                    c = names[cid]
                    when = {"110": "有威胁、暴力或骚扰时", "12348": "免费法律咨询", "court": "起诉侵权或应诉时"}[cid]
                    channels.append(Channel(cid, c["name"], c["contact"], when))
        result.findings.append(Finding(key, item["label"], item["severity"], data["severity_labels"][str(item["severity"])],
                                       chosen, skipped, item.get("note", ""), list(item["evidence"]), channels,
                                       _log_support(item.get("log"), log)))
    return result
