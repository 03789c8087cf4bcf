"""页面字段 (page fields): the form fields that are not typed input — the hidden saved store and page actions.

Both follow the DOM contract of :class:`calculators.forms.Field` (``f-ID``, an error slot ``data-error-for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .forms import Field
from .render import esc

__all__ = ["STORE_LIMIT", "Button", "Store"]

STORE_LIMIT = 2_000_000
"""Most characters a ``store`` field (hidden saved data) may hold."""


@dataclass(frozen=True)
class Store(Field):
    """保存的数据: a hidden, saved textarea (e.g. the JSON of the evidence log), kept as text."""

    kind: ClassVar[str] = "store"

    def to_python(self, text: str):
        if len(text) > STORE_LIMIT:
            raise self.error(f"保存的数据太大了（超过 {STORE_LIMIT // 10000} 万个字符），请先导出备份，再删掉旧的记录。")
        return text

    def html(self) -> str:
        return (f'<div class="calc-field calc-stored"{self._modes()}><textarea id="f-{esc(self.id)}" '
                f'name="{esc(self.id)}" hidden data-shared aria-label="{esc(self.label)}">{esc(self.default)}'
                f"</textarea>{self._error_slot()}</div>")


@dataclass(frozen=True)
class Button(Field):
    """页面操作按钮: triggers the page call ``call`` (a name in ``web.CALLS``); it has no value."""

    call: str = ""
    kind: ClassVar[str] = "button"

    def parse(self, raw: object):
        return None

    def html(self) -> str:
        return (f'<div class="calc-field calc-button"{self._modes()}><button type="button" id="f-{esc(self.id)}" '
                f'name="{esc(self.id)}" class="md-button md-button--primary" data-call="{esc(self.call)}" '
                f"{self._described()}>{esc(self.label)}</button>{self._help()}{self._error_slot()}</div>")
