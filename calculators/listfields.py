"""列表字段 (list fields): one textarea, one item per line, parsed once into a list.

Every error, from parsing or from computing (e.g. ``debts[2].balance``), is reported under the form's own field
id, its message starting with the field's label.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from .budget import BudgetItem
from .debts import COLUMN_ALIASES, Debt, load_debts
from .errors import InputError
from .forms import Lines
from .money import parse_int, parse_money
from .records import Record, parse_records

__all__ = ["DEBT_COLUMNS", "Amounts", "Debts", "Items", "ListField", "Names", "Pairs", "Records", "Terms", "parse_debts",
           "split_items"]

DEBT_COLUMNS = ["名称", "余额", "年化利率", "最低还款", "机构类型", "逾期天数", "还款日"]
"""Columns of the shared debts box, in the order a person types them (also the header of the CSV export)."""


def split_items(text: str) -> list[str]:
    """一列东西，按人们常用的分隔写法拆开：逗号（中英文）、顿号或换行 → stripped, non-empty items.

    >>> split_items("网贷， 信用卡、消费贷\\n\\n房贷")
    ['网贷', '信用卡', '消费贷', '房贷']
    """
    text = (text or "").replace("，", ",").replace("、", ",").replace("\n", ",")
    return [item.strip() for item in text.split(",") if item.strip()]


def split_cells(line: str) -> list[str]:
    """拆分一行: One line → its stripped cells (Chinese or English commas, or tabs pasted from a spreadsheet)."""
    return [c.strip() for c in line.replace("，", ",").replace("\t", ",").split(",")]


def parse_debts(text: str) -> list[Debt]:
    """债务清单文本 → list[Debt]: CSV lines with or without a header row, Chinese or English commas, or JSON."""
    t = (text or "").lstrip("\ufeff").strip()
    if not t:
        raise InputError("debts", "请至少填一笔债务，每行一笔：名称, 余额, 年化利率, 最低还款。")
    if t[0] not in "[{":
        lines = [ln.replace("，", ",").replace("\t", ",") for ln in t.splitlines()]
        t = "\n".join(lines)
        first = next(ln for ln in lines if ln.strip())
        if not any(c.strip().lower() in COLUMN_ALIASES for c in first.split(",")):
            t = ",".join(DEBT_COLUMNS) + "\n" + t
    return load_debts(t)


@dataclass(frozen=True)
class ListField(Lines):
    """列表字段: A textarea of items; claims every error whose key is its id or ``ID[...]`` and prefixes its label."""

    def parse(self, raw: object):
        try:
            return super().parse(raw)
        except InputError as exc:
            raise self.report(exc) from None

    def claims(self, key: str) -> bool:
        return key == self.id or key.startswith(self.id + "[")

    def report(self, exc: InputError) -> InputError:
        message = exc.message if exc.message.startswith(self.label) else f"{self.label}：{exc.message}"
        return InputError(self.id, message)

    def lines(self, text: str, most: int) -> list[str]:
        rows = [ln for ln in (text or "").splitlines() if ln.strip()]
        if len(rows) > most:
            raise self.error(f"最多 {most} 行。")
        return rows


@dataclass(frozen=True)
class Debts(ListField):
    """你的债务: 名称, 余额, 年化利率, 最低还款[, 机构类型][, 逾期天数] per line (or a pasted CSV / JSON)."""

    def to_python(self, text: str):
        return parse_debts(text)


@dataclass(frozen=True)
class Items(ListField):
    """收入或开支: 名称, 金额[, 必要/可选][, 每周] per line → list of BudgetItem."""

    expense: bool = False
    KINDS: ClassVar[dict[str, str]] = {"必要": "essential", "必需": "essential", "essential": "essential",
                                       "可选": "optional", "非必要": "optional", "optional": "optional"}
    PERIODS: ClassVar[dict[str, bool]] = {"每周": True, "周": True, "weekly": True, "每月": False, "月": False,
                                          "monthly": False}

    def to_python(self, text: str):
        out = []
        for i, line in enumerate(self.lines(text, 200), 1):
            cells = [c for c in split_cells(line) if c]
            where = f"{self.label}第 {i} 行"
            if len(cells) < 2:
                raise InputError(self.id, f"{where}：请写成“名称, 金额”，例如“房租,2000”。")
            amount = parse_money(cells[1], self.id, f"{where}的金额")
            kinds, periods = {}, {}
            for cell in cells[2:]:
                key = cell.lower()
                if key in self.KINDS and self.expense:
                    kinds[self.KINDS[key]] = cell
                elif key in self.PERIODS:
                    periods[self.PERIODS[key]] = cell
                else:
                    allowed = "必要、可选、每周、每月" if self.expense else "每周、每月"
                    raise InputError(self.id, f"{where}：看不懂“{cell[:20]}”，这里只能写 {allowed}。")
            for tags in (kinds, periods):
                if len(tags) > 1:
                    both = "和".join(f"“{t}”" for t in tags.values())
                    raise InputError(self.id, f"{where}：同时写了{both}，只能选一个，请删掉其中一个。")
            out.append(BudgetItem(cells[0][:40], amount, next(iter(kinds), "essential"), next(iter(periods), False)))
        return out


@dataclass(frozen=True)
class Pairs(ListField):
    """每行“第几个月, 金额” → [(month, amount)]; ``second`` names the amount (金额、新预算)."""

    second: str = "金额"

    def to_python(self, text: str):
        out = []
        for i, line in enumerate(self.lines(text, 600), 1):
            cells = [c for c in split_cells(line) if c]
            where = f"{self.label}第 {i} 行"
            if len(cells) != 2:
                raise InputError(self.id, f"{where}：请写成“第几个月, {self.second}”，例如“3, 2000”。")
            month = parse_int(cells[0], self.id, f"{where}的月份", minimum=1, maximum=600)
            out.append((month, parse_money(cells[1], self.id, f"{where}的{self.second}")))
        return out


@dataclass(frozen=True)
class Amounts(ListField):
    """每行（或用逗号、空格分隔）一个金额 → list of Decimal (e.g. 每期还款额)."""

    def to_python(self, text: str) -> list[Decimal]:
        parts = [p for p in text.replace("，", ",").replace(",", "\n").split() if p.strip()]
        if not parts:
            raise self.error("请至少填写一个金额，每行一个。")
        if len(parts) > 1200:
            raise self.error("最多 1200 期。")
        return [parse_money(part, self.id, f"{self.label}第 {i} 项") for i, part in enumerate(parts, 1)]


@dataclass(frozen=True)
class Names(ListField):
    """一列名称（每行一个，或用逗号、顿号分开）→ list of names; ``empty`` is the message when there is none."""

    empty: str = "请至少写一个名称。"

    def to_python(self, text: str) -> list[str]:
        names = [name[:40] for name in split_items(text)]
        if not names:
            raise self.error(self.empty)
        return names


@dataclass(frozen=True)
class Terms(ListField):
    """想看的期数: "12, 24, 36" → (12, 24, 36), each from 1 to ``maximum``, at most ``maximum`` of them."""

    maximum: int = 60

    def to_python(self, text: str) -> tuple[int, ...]:
        cells = split_items(text)
        if len(cells) > self.maximum:
            raise self.error(f"最多 {self.maximum} 个。")
        return tuple(parse_int(c, self.id, self.label, minimum=1, maximum=self.maximum) for c in cells)


@dataclass(frozen=True)
class Records(ListField):
    """还款记录: 月份, 债务名称, 已还 金额 / 余额 金额 per line → list of Record (:mod:`calculators.records`)."""

    def to_python(self, text: str) -> list[Record]:
        return parse_records(text)
