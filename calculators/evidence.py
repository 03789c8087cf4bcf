"""催收记录本 (evidence log): parse, check and summarise a person's log of collection contacts.

The log is one JSON array kept in the browser (the shared hidden field ``entries``), each entry
``{"when": "2026-11-20 22:30", "channel": "电话", "contact": "...", "target": "本人", "said": "...", "files": "..."}``.
:func:`summarise` turns it into the figures a complaint needs: how many contacts, how many at night
(22:00–8:00), how many to other people, how many mention threats (by keywords), per day.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field

from . import csvio
from .errors import InputError
from .money import MAX_YEAR, MIN_YEAR, normalize_text

__all__ = ["CHANNELS", "COLUMNS", "KEYS", "LIMITS", "MAX_ENTRIES", "SELF", "TARGETS", "THREAT_WORDS", "DayCount",
           "Entry", "LogSummary", "LogView", "cn_date", "date_range", "dump_entries", "format_when",
           "from_csv", "is_log_header", "is_night", "load_entries", "make_entry", "merge", "parse_when", "sort_key",
           "stored", "summarise", "summary_lines", "threat_words", "to_csv", "view"]

CHANNELS = ("电话", "短信", "微信或QQ等", "上门", "信件或律师函", "其他")
"""方式: how the collector made contact."""
SELF = "本人"
TARGETS = (SELF, "家人", "同事或单位", "通讯录联系人", "其他人")
"""联系了谁: the person contacted; everything but 本人 is a third party (第三人)."""
THREAT_WORDS = ("威胁", "恐吓", "上门", "去你家", "到你家", "找你家", "去你单位", "找你单位", "找你领导", "爆通讯录",
                "通讯录", "坐牢", "抓你", "拘留", "通缉", "起诉你家人", "全家", "家人出事", "弄死", "打断", "砍",
                "让你好看", "后果自负", "走着瞧", "曝光", "不得安宁")
"""Keywords that suggest a threat (威胁、恐吓、要上门、要曝光). A keyword match is a hint, not a finding."""
COLUMNS = ("时间", "方式", "号码或名称", "联系了谁", "说了什么", "证据文件")
"""Header of the CSV export, in entry-key order (when, channel, contact, target, said, files)."""
KEYS = ("when", "channel", "contact", "target", "said", "files")
LIMITS = {"when": 40, "channel": 20, "contact": 200, "target": 20, "said": 2000, "files": 300}
MAX_ENTRIES = 3000
NIGHT_START, NIGHT_END = 22, 8

_WHEN = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[日号]?\s*[T ]?\s*"
                   r"(?:(上午|早上|凌晨|下午|晚上|中午))?\s*([0-9]{1,2})\s*[:点时]\s*(?:([0-9]{1,2})\s*分?)?"
                   r"(?::[0-9]{1,2})?$")


def parse_when(text: str, field: str = "when", label: str = "时间") -> datetime.datetime:
    """解析时间（日期和钟点）：“2026-11-20 22:30”“2026/11/20 22:30”“2026年11月20日 22:30”“2026年11月20日晚上10点”。

    >>> parse_when("2026年11月20日 22:30")
    datetime.datetime(2026, 11, 20, 22, 30)
    >>> parse_when("2026/11/20 晚上10点")
    datetime.datetime(2026, 11, 20, 22, 0)
    """
    message = f"{label}：请写日期和时间，例如 2026-11-20 22:30 或 2026年11月20日 22:30。"
    t = normalize_text(text)
    if not t:
        raise InputError(field, f"{label}：不能为空。" + message.split("：", 1)[1])
    m = _WHEN.match(t)
    if not m:
        raise InputError(field, message)
    y, mo, d, part, h, mi = m.groups()
    hour, minute = int(h), int(mi or 0)
    if part in ("下午", "晚上") and hour < 12:
        hour += 12
    elif part in ("凌晨", "早上", "上午") and hour == 12:
        hour = 0
    if not MIN_YEAR <= int(y) <= MAX_YEAR:
        raise InputError(field, message)
    try:
        return datetime.datetime(int(y), int(mo), int(d), hour, minute)
    except ValueError:
        raise InputError(field, message) from None


def format_when(at: datetime.datetime) -> str:
    """时间的写法: The one way a time is stored and shown: “2026-11-20 22:30”."""
    return f"{at:%Y-%m-%d %H:%M}"


def is_night(at: datetime.datetime) -> bool:
    """夜间：22:00 至次日 8:00（推荐性国家标准和银行业协会自律指引所说的时段）.

    >>> is_night(datetime.datetime(2026, 1, 1, 22, 0)), is_night(datetime.datetime(2026, 1, 1, 8, 0))
    (True, False)
    """
    return at.hour >= NIGHT_START or at.hour < NIGHT_END


def threat_words(text: str) -> list[str]:
    """可能涉及威胁的关键词（只是按字面匹配）.

    >>> threat_words("说明天去你单位找你领导，后果自负")
    ['去你单位', '找你领导', '后果自负']
    """
    t = normalize_text(text)
    return [w for w in THREAT_WORDS if w in t]


@dataclass(frozen=True)
class Entry:
    """一条催收记录。``at`` is the parsed time, or None when the stored text is not a time we can read."""

    when: str
    channel: str
    contact: str
    target: str
    said: str
    files: str
    at: datetime.datetime | None = None

    @property
    def third_party(self) -> bool:
        return self.target != SELF

    @property
    def threats(self) -> list[str]:
        return threat_words(self.said)


def stored(e: Entry) -> dict[str, str]:
    """一条记录的保存格式: the six typed keys (``KEYS``), as kept in the ``entries`` field and the CSV."""
    return {k: getattr(e, k) for k in KEYS}


def _clean(raw: dict, key: str) -> str:
    value = raw.get(key, "")
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text.strip()[:LIMITS[key]]


def make_entry(raw: dict, *, strict: bool = False) -> Entry:
    """新建一条记录: One entry from a dict of strings. ``strict`` (adding a new entry) checks every field and raises
    InputError keyed by the form field; otherwise (stored or imported entries) it keeps what it can."""
    values = {k: _clean(raw, k) for k in KEYS}
    at = None
    if strict:
        at = parse_when(values["when"])
        if values["channel"] not in CHANNELS:
            raise InputError("channel", "方式：请从这些选项中选一个：" + "、".join(CHANNELS) + "。")
        if values["target"] not in TARGETS:
            raise InputError("target", "联系了谁：请从这些选项中选一个：" + "、".join(TARGETS) + "。")
        for key, label in (("contact", "号码或名称"), ("said", "说了什么"), ("files", "证据文件")):
            value = raw.get(key, "")
            if isinstance(value, str) and len(value.strip()) > LIMITS[key]:
                raise InputError(key, f"{label}：太长了（最多 {LIMITS[key]} 个字）。")
    else:
        try:
            at = parse_when(values["when"])
        except InputError:
            at = None
    if at is not None:
        values["when"] = format_when(at)
    if not values["target"]:
        values["target"] = SELF
    return Entry(**values, at=at)


def load_entries(text: str | None) -> list[Entry]:
    """读出记录本: The shared ``entries`` field (a JSON array) → list of Entry; an empty field is an empty log."""
    t = (text or "").strip()
    if not t:
        return []
    try:
        data = json.loads(t)
    except ValueError:
        raise InputError("entries", "催收记录：保存的记录读不出来（不是有效的数据）。可以用“导入文件”恢复备份，"
                                    "或“清除本机数据”后重新记录。") from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise InputError("entries", "催收记录：保存的记录格式不对，应当是一组记录。可以用“导入文件”恢复备份。")
    if len(data) > MAX_ENTRIES:
        raise InputError("entries", f"催收记录：最多 {MAX_ENTRIES} 条。请先导出备份，再删掉旧的记录。")
    return [make_entry(x) for x in data]


def sort_key(e: Entry) -> tuple:
    """按时间排序."""
    return (e.at is None, e.at or datetime.datetime.min)


def dump_entries(entries: list[Entry]) -> str:
    """list of Entry → the JSON text kept in the shared field (sorted by time, unreadable times last)."""
    return json.dumps([stored(e) for e in sorted(entries, key=sort_key)], ensure_ascii=False)


@dataclass
class DayCount:
    """一天的联系次数."""

    date: datetime.date
    total: int = 0
    night: int = 0
    third_party: int = 0
    threat: int = 0
    visit: int = 0


@dataclass
class LogSummary:
    """记录小结: the figures a complaint or a police report needs."""

    total: int = 0
    night: int = 0
    third_party: int = 0
    threat: int = 0
    visit: int = 0
    undated: int = 0
    first: datetime.date | None = None
    last: datetime.date | None = None
    max_per_day: int = 0
    max_day: datetime.date | None = None
    days: list[DayCount] = field(default_factory=list)
    by_target: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)


def summarise(entries: list[Entry]) -> LogSummary:
    """记录小结：总次数、每天次数、夜间（22:00–8:00）次数、联系第三人次数、提到威胁关键词的次数、单日最多、起止日期.

    >>> log = [make_entry({"when": "2026-03-05 22:41", "target": "本人", "said": "明天去你单位"}),
    ...        make_entry({"when": "2026-03-06 10:15", "target": "家人", "said": "告诉她我欠款"})]
    >>> s = summarise(log)
    >>> s.total, s.night, s.third_party, s.threat, s.max_per_day, str(s.first), str(s.last)
    (2, 1, 1, 1, 1, '2026-03-05', '2026-03-06')
    """
    s = LogSummary(total=len(entries))
    days: dict[datetime.date, DayCount] = {}
    for e in entries:
        s.by_target[e.target] = s.by_target.get(e.target, 0) + 1
        s.by_channel[e.channel or "未填"] = s.by_channel.get(e.channel or "未填", 0) + 1
        night, threat, visit = bool(e.at and is_night(e.at)), bool(e.threats), e.channel == "上门"
        s.night += night
        s.third_party += e.third_party
        s.threat += threat
        s.visit += visit
        if e.at is None:
            s.undated += 1
            continue
        day = days.setdefault(e.at.date(), DayCount(e.at.date()))
        day.total += 1
        day.night += night
        day.third_party += e.third_party
        day.threat += threat
        day.visit += visit
    s.days = [days[d] for d in sorted(days)]
    if s.days:
        s.first, s.last = s.days[0].date, s.days[-1].date
        busiest = max(s.days, key=lambda d: (d.total, -d.date.toordinal()))
        s.max_per_day, s.max_day = busiest.total, busiest.date
    return s


def cn_date(d: datetime.date) -> str:
    """2026年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_range(s: LogSummary) -> str:
    """“2026年3月1日至2026年3月7日” (or one day, or “”)."""
    if s.first is None:
        return ""
    if s.first == s.last:
        return cn_date(s.first)
    return f"{cn_date(s.first)}至{cn_date(s.last)}"


def summary_lines(s: LogSummary) -> list[str]:
    """The log summary in the words a complaint uses (也用在信件里).

    >>> s = summarise([make_entry({"when": "2026-03-05 22:41", "target": "家人", "said": "去你家"})])
    >>> summary_lines(s)[0]
    '2026年3月5日，记录的催收联系共 1 次。'
    """
    if not s.total:
        return []
    span = date_range(s)
    lines = [f"{span + '，' if span else ''}记录的催收联系共 {s.total} 次。"]
    lines.append(f"其中夜间 {s.night} 次（22:00 至次日 8:00）。")
    if s.third_party:
        who = "、".join(f"{k} {n} 次" for k, n in s.by_target.items() if k != SELF)
        lines.append(f"联系我以外的人共 {s.third_party} 次（{who}）。")
    else:
        lines.append("没有记录到联系我以外的人。")
    if s.threat:
        lines.append(f"内容提到威胁、上门、曝光等字眼的 {s.threat} 次。")
    if s.visit:
        lines.append(f"上门 {s.visit} 次。")
    if s.max_day is not None:
        lines.append(f"最多的一天（{cn_date(s.max_day)}）{s.max_per_day} 次。")
    return lines


@dataclass
class LogView:
    """记录本的显示：小结，以及筛选、排序后的记录（连同它在保存顺序里的位置，删除时用）。"""

    summary: LogSummary
    rows: list[tuple[int, Entry]]
    total: int
    filtered: bool


def view(entries: list[Entry], sort: str = "new", filter_target: str = "all", filter_text: str = "") -> LogView:
    """筛选和排序：``sort`` new (从新到旧) / old; ``filter_target`` a TARGETS value, "third" (本人以外) or "all"."""
    rows = list(enumerate(entries))
    needle = normalize_text(filter_text or "").lower()
    if filter_target == "third":
        rows = [r for r in rows if r[1].third_party]
    elif filter_target in TARGETS:
        rows = [r for r in rows if r[1].target == filter_target]
    if needle:
        rows = [r for r in rows if any(needle in normalize_text(getattr(r[1], k)).lower() for k in KEYS)]
    rows.sort(key=lambda r: (sort_key(r[1]), r[0]))
    if sort == "new":
        dated = [r for r in rows if r[1].at is not None]
        rows = dated[::-1] + [r for r in rows if r[1].at is None]
    return LogView(summarise(entries), rows, len(entries), len(rows) != len(entries))


# ---------------------------------------------------------------- CSV (导出、导入)

def to_csv(entries: list[Entry]) -> str:
    """导出 CSV（Excel 可以打开）：中文表头；会被 Excel 当成公式的内容前加 ' （见 :mod:`calculators.csvio`）。

    >>> to_csv([make_entry({"when": "2026-03-05 22:41", "channel": "电话", "said": "=1+1"})]).splitlines()
    ['时间,方式,号码或名称,联系了谁,说了什么,证据文件', "2026-03-05 22:41,电话,,本人,'=1+1,"]
    """
    return csvio.write_rows(COLUMNS, [[getattr(e, k) for k in KEYS] for e in entries], bom=False)


_HEADER_ALIASES = {**{c: k for c, k in zip(COLUMNS, KEYS, strict=True)}, **{k: k for k in KEYS},
                   "日期和时间": "when", "号码或名字": "contact", "证据文件名": "files"}


def is_log_header(row: list[str]) -> bool:
    """Is this CSV row the header of a 催收记录 table (it names at least the 时间 column)?"""
    return "when" in [_HEADER_ALIASES.get(c.strip()) for c in row]


def from_csv(text: str) -> list[Entry]:
    """导入 CSV：带表头（中文或英文列名）的记录表 → list of Entry.

    >>> [e.when for e in from_csv("\\ufeff时间,方式,说了什么\\n2026/3/5 22:41,电话,'=1+1\\n")]
    ['2026-03-05 22:41']
    """
    rows = csvio.read_rows(text)
    if not rows:
        raise InputError("entries", "文件里没有记录。")
    if not is_log_header(rows[0]):
        raise InputError("entries", "看不懂这个文件：第一行应当是表头，至少有“时间”一列。")
    header = [_HEADER_ALIASES.get(c.strip()) for c in rows[0]]
    if len(rows) - 1 > MAX_ENTRIES:
        raise InputError("entries", f"文件里的记录太多（最多 {MAX_ENTRIES} 条）。")
    return [make_entry({k: c.strip() for k, c in zip(header, row, strict=False) if k}) for row in rows[1:]]


def merge(old: list[Entry], new: list[Entry]) -> tuple[list[Entry], int]:
    """导入时合并：相同的记录只留一条。Returns (merged, number of new entries added)."""
    seen = {tuple(stored(e).values()) for e in old}
    merged, added = list(old), 0
    for e in new:
        key = tuple(stored(e).values())
        if key not in seen:
            seen.add(key)
            merged.append(e)
            added += 1
    return merged, added
