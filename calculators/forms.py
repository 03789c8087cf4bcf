"""表单字段 (form fields): each kind parses its raw text and renders its input (Django's ``to_python`` + widget).

A calculator (:class:`Form`) is its fields plus ``compute`` and ``render`` (declared in :mod:`calculators.tools`).
Parsing goes through ``money`` and ``rates``, so the site and the command line accept the same writing ("1.2万",
"日息万五"). List fields (debts, incomes, …) are in :mod:`calculators.listfields`; the hidden saved store and
page-action buttons in :mod:`calculators.pagefields`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from decimal import Decimal
from typing import ClassVar

from .errors import InputError
from .money import normalize_text, parse_date, parse_int, parse_money
from .months import parse_month
from .rates import parse_rate
from .render import esc

__all__ = ["CalendarMonth", "Checks", "Choice", "Date", "Field", "Form", "Int", "Lines", "LongText", "Money", "Multiple",
           "Rate", "parse_fields"]

TEXT_LIMIT = 20000  # most characters a typed text field may hold
FLAT_MESSAGE = "这是按原始本金收取的手续费率，真实年化要高得多。请先用“真实年化利率”工具换算，再填年利率。"
_MULTIPLE = re.compile(r"^(上浮|加收|提高)?([0-9]{1,6}(?:\.[0-9]{1,6})?)(%)?倍?$")


@dataclass(frozen=True)
class Field:
    """表单字段 (一行文字): one labelled text input. Subclasses set ``kind`` (CSS class ``calc-KIND``) and parse.

    ``modes``: used (and shown) only when the form's switch field has one of these values; empty = always.
    ``shared``: saved in this browser and shared by the tools that have a field with the same id.
    """

    id: str
    label: str
    default: str = ""
    unit: str = ""
    help: str = ""
    _: KW_ONLY
    optional: bool = False
    modes: tuple[str, ...] = ()
    shared: bool = False

    kind: ClassVar[str] = "text"
    inputmode: ClassVar[str] = "text"

    def parse(self, raw: object):
        """The raw text → a value (``None`` for an empty optional field); raises InputError naming the field."""
        text = raw if isinstance(raw, str) else ""
        if self.optional and not text.strip():
            return None
        return self.to_python(text)

    def to_python(self, text: str):
        if len(text) > TEXT_LIMIT:
            raise self.error(f"内容太长（最多 {TEXT_LIMIT} 个字符）。")
        return text

    def error(self, message: str) -> InputError:
        """An InputError on this field, the message starting with its label."""
        return InputError(self.id, f"{self.label}：{message}")

    def claims(self, key: str) -> bool:
        """Does an InputError raised while computing (key ``key``) belong to this field?"""
        return key == self.id

    def report(self, exc: InputError) -> InputError:
        """A computing error this field claims, as shown next to the field."""
        return exc

    # ------------------------------------------------------------ widget (DOM contract: f-ID, f-ID-help, f-ID-err)

    def control(self, described: str) -> str:
        shared = " data-shared" if self.shared else ""
        return (f'<input id="f-{esc(self.id)}" name="{esc(self.id)}" type="text" inputmode="{self.inputmode}" '
                f'value="{esc(self.default)}" {described}{shared}>')

    def html(self) -> str:
        """The field's block: label, control, unit, help text and an (empty) error slot."""
        unit = f'<span class="calc-unit">{esc(self.unit)}</span>' if self.unit else ""
        return (f'<div class="calc-field calc-{self.kind}"{self._modes()}><label for="f-{esc(self.id)}">'
                f'{esc(self.label)}</label><div class="calc-control">{self.control(self._described())}{unit}</div>'
                f"{self._help()}{self._error_slot()}</div>")

    def _described(self) -> str:
        return f'aria-describedby="f-{esc(self.id)}-help f-{esc(self.id)}-err"'

    def _modes(self) -> str:
        return f' data-modes="{esc(" ".join(self.modes))}"' if self.modes else ""

    def _help(self) -> str:
        return f'<p class="calc-help" id="f-{esc(self.id)}-help">{esc(self.help)}</p>'

    def _error_slot(self) -> str:
        return f'<p class="calc-error" id="f-{esc(self.id)}-err" data-error-for="{esc(self.id)}"></p>'


@dataclass(frozen=True)
class Money(Field):
    """金额: "12000", "1.2万", "一万二", "¥3,000" → Decimal rounded to the fen (CONVENTIONS.md §9)."""

    allow_zero: bool = True
    kind: ClassVar[str] = "money"
    inputmode: ClassVar[str] = "decimal"

    def to_python(self, text: str):
        return parse_money(text, self.id, self.label, allow_zero=self.allow_zero)


@dataclass(frozen=True)
class Int(Field):
    """整数 (期数、天数、月数) between ``minimum`` and ``maximum``; "12期" and "12个月" are read as 12."""

    minimum: int = 0
    maximum: int = 600
    kind: ClassVar[str] = "int"
    inputmode: ClassVar[str] = "numeric"

    def to_python(self, text: str):
        return parse_int(text, self.id, self.label, minimum=self.minimum, maximum=self.maximum)


@dataclass(frozen=True)
class Date(Field):
    """日期: "2025-06-01", "2025年6月1日" → date."""

    kind: ClassVar[str] = "date"
    inputmode: ClassVar[str] = "numeric"

    def to_python(self, text: str):
        return parse_date(text, self.id, self.label)


@dataclass(frozen=True)
class CalendarMonth(Field):
    """月份: "2027-01", "2027年1月" → :class:`calculators.months.Month`."""

    kind: ClassVar[str] = "month"

    def to_python(self, text: str):
        return parse_month(text, self.id, self.label)


@dataclass(frozen=True)
class Rate(Field):
    """利率: "12%", "日息万五", "月息1分", "月费率0.6%" → :class:`calculators.rates.Rate`.

    ``period``: what a bare "0.6%" means. ``periods``: the periods allowed (empty = any), else ``hint``.
    ``flat_ok``: whether a fee rate charged on the original principal (手续费、月费率) is accepted.
    """

    period: str = "year"
    periods: tuple[str, ...] = ()
    flat_ok: bool = True
    hint: str = ""
    kind: ClassVar[str] = "rate"

    def to_python(self, text: str):
        rate = parse_rate(text, self.id, self.label, default_period=self.period)
        wrong_period = bool(self.periods) and rate.period not in self.periods
        if wrong_period or (rate.flat and not self.flat_ok):
            raise self.error(self.hint if self.hint else FLAT_MESSAGE)
        return rate


@dataclass(frozen=True)
class Multiple(Field):
    """倍数 (罚息倍数): how many times a base rate, as a contract writes it → Decimal.

    "1.5" and "1.5倍" are 1.5; "上浮50%" (加收、提高) is 1 + 50%; "150%" is 1.5. The calculation checks the range.

    >>> f = Multiple("multiplier", "罚息倍数")
    >>> f.parse("上浮50%"), f.parse("1.3倍"), f.parse("150%")
    (Decimal('1.5'), Decimal('1.3'), Decimal('1.5'))
    """

    kind: ClassVar[str] = "multiple"
    inputmode: ClassVar[str] = "decimal"

    def to_python(self, text: str):
        m = _MULTIPLE.match(normalize_text(text).replace(" ", ""))
        if not m:
            raise self.error("请按合同填写倍数，例如 1.5；合同写“上浮50%”的，填 1.5 或照抄“上浮50%”。")
        raise_by, number, percent = m.groups()
        value = Decimal(number) / 100 if percent else Decimal(number)
        return 1 + value if raise_by else value


@dataclass(frozen=True)
class Choice(Field):
    """下拉选项: the raw value must be one of the ``choices`` keys."""

    choices: tuple[tuple[str, str], ...] = ()
    kind: ClassVar[str] = "choice"

    def to_python(self, text: str):
        value = text.strip()
        if value not in {v for v, _ in self.choices}:
            raise self.error(f"请从这些选项中选一个：{'、'.join(label for _, label in self.choices)}。")
        return value

    def control(self, described: str) -> str:
        options = "".join(f'<option value="{esc(v)}"{" selected" if v == self.default else ""}>{esc(label)}</option>'
                          for v, label in self.choices)
        shared = " data-shared" if self.shared else ""
        return f'<select id="f-{esc(self.id)}" name="{esc(self.id)}" {described}{shared}>{options}</select>'


@dataclass(frozen=True)
class Checks(Choice):
    """勾选框组: the raw value is the ticked keys joined by commas (or 、 or spaces) → keys in ``choices`` order.

    >>> Checks("x", "情况", choices=(("a", "甲"), ("b", "乙"))).parse("b, a，b")
    ('a', 'b')
    """

    kind: ClassVar[str] = "checks"

    def to_python(self, text: str):
        keys = [k for k in text.replace("，", ",").replace("、", ",").replace(",", " ").split() if k]
        allowed = [v for v, _ in self.choices]
        bad = [k for k in keys if k not in allowed]
        if bad:
            raise self.error(f"没有“{bad[0][:20]}”这个选项，请在列出的选项里勾选。")
        if not keys:
            raise self.error("请至少勾选一项。")
        return tuple(v for v in allowed if v in keys)

    def html(self) -> str:
        fid, ticked = f"f-{esc(self.id)}", {k.strip() for k in self.default.split(",")}
        boxes = "".join(f'<label class="calc-check"><input type="checkbox" id="{fid}-{esc(v)}" name="{esc(self.id)}" '
                        f'value="{esc(v)}"{" checked" if v in ticked else ""}> {esc(label)}</label>'
                        for v, label in self.choices)
        return (f'<fieldset class="calc-field calc-checks"{self._modes()} {self._described()}>'
                f'<legend>{esc(self.label)}</legend><div class="calc-control">{boxes}</div>'
                f"{self._help()}{self._error_slot()}</fieldset>")


@dataclass(frozen=True)
class Lines(Field):
    """多行文字 (one item per line); list fields in :mod:`calculators.listfields` parse the lines."""

    rows: int = 6
    kind: ClassVar[str] = "lines"

    def control(self, described: str) -> str:
        shared = " data-shared" if self.shared else ""
        return (f'<textarea id="f-{esc(self.id)}" name="{esc(self.id)}" rows="{self.rows}" spellcheck="false" '
                f"{described}{shared}>{esc(self.default)}</textarea>")


@dataclass(frozen=True)
class LongText(Lines):
    """一段话 (free text, e.g. 说了什么)."""

    kind: ClassVar[str] = "longtext"


@dataclass(frozen=True)
class Form:
    """计算器: its fields, how to compute from the parsed values, how to render the result."""

    id: str
    title: str
    fields: tuple[Field, ...]
    compute: Callable[[dict], object]
    render: Callable[[object, dict], str]
    switch: str = "mode"
    """The choice field whose value decides which ``modes``-restricted fields are used and shown."""
    today: bool = False  # the result depends on today's date: the page recomputes it once the engine is ready
    remind_export: bool = False
    """The page reminds the reader to export after a month of saved data without a backup (calc-keep.js)."""

    def report(self, exc: InputError) -> dict[str, str]:
        """A computing error as ``{field id: message}``, under the field that claims it."""
        for f in self.fields:
            if f.claims(exc.field):
                return f.report(exc).to_dict()
        return exc.to_dict()


def parse_fields(form: Form, raw: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """解析表单: parse every field the form's current mode uses; collect one Chinese error per bad field."""
    values: dict = {}
    errors: dict[str, str] = {}
    switch = next((f for f in form.fields if f.id == form.switch), None)
    mode = None
    if switch is not None:
        try:
            mode = values[switch.id] = switch.parse(raw.get(switch.id, switch.default))
        except InputError as exc:
            errors.update(exc.to_dict())
    for field in form.fields:
        if field is switch or (field.modes and mode not in field.modes):
            continue
        try:
            values[field.id] = field.parse(raw.get(field.id, ""))
        except InputError as exc:
            errors.update(exc.to_dict())
    return values, errors

