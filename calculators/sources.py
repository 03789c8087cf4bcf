"""Facts as data (法规索引、求助渠道、术语表): loaders shared by the calculators and the site build.

Each fact is typed once, in a file under ``calculators/data/``; this module only reads it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

__all__ = ["WEIGHT_LABELS", "channels", "cite", "glossary", "laws"]

WEIGHT_LABELS = {
    "law": "法律",
    "administrative-regulation": "行政法规",
    "departmental-rule": "部门规章",
    "judicial-interpretation": "司法解释",
    "judicial-document": "司法指导文件",
    "normative-document": "规范性文件",
    "recommended-standard": "推荐性国家标准",
    "self-regulation": "行业自律文件",
    "announcement": "公告或通知",
}
"""效力层级: the legal weight of a document, in the words the pages use."""


CONFIDENCE_LABELS = {
    "verified-primary": "已核对官方文本",
    "verified-secondary": "未见原件，多个可靠转载一致",
    "partly-unverified": "部分内容未能核实（见说明）",
}
"""核实程度: how far a source was checked, in the words of the laws index."""

CITATION_FLAGS = {"partly-unverified": "未经核实"}
"""The label a citation in prose carries for a source below verified (verified-secondary shows nothing in prose:
several reliable copies agree; the laws index says 未见原件)."""


def _read_json(name: str):
    return json.loads((files("calculators") / "data" / name).read_text(encoding="utf-8"))


@cache
def laws() -> dict[str, dict]:
    """法规与文件索引: source id -> document record (name, short, number, dates, weight, …)."""
    return _read_json("laws.json")


@cache
def channels() -> list[dict]:
    """投诉与求助渠道, in the order a person should consider them."""
    return _read_json("channels.json")


@cache
def glossary() -> dict[str, str]:
    """术语表: term -> one-line plain definition."""
    return _read_json("glossary.json")


@cache
def search_aliases() -> list[dict]:
    """搜索别名: the words people in distress type (想不开、口子、爆通讯录…) → the page section that helps."""
    return _read_json("search_aliases.json")["aliases"]


def confidence_label(source_id: str) -> str:
    """未经核实标注: the visible label a citation of this source carries in prose ("" when none is needed)."""
    return CITATION_FLAGS.get(laws()[source_id]["confidence"], "")


def checked(source_id: str) -> str:
    """最后核实日期: the ISO date this source was last checked against its text (the research cut-off)."""
    return laws()[source_id]["checked"]


def cite(source_id: str, article: str = "") -> str:
    """引用: the short citation text of a source, e.g. “《治安管理处罚法》第五十条（法律）”.

    >>> cite("no-such-id")
    Traceback (most recent call last):
    ...
    KeyError: '未知的来源编号：no-such-id'
    """
    record = laws().get(source_id)
    if record is None:
        raise KeyError(f"未知的来源编号：{source_id}")
    weight = WEIGHT_LABELS.get(record["weight"], record["weight"])
    return f"{record['short']}{article}（{weight}）"
