"""结果转成 JSON 数据 (serializer): any result dataclass → JSON-safe data, one rule for every calculator.

``Decimal`` → its exact string ("47000.00"), dates → ISO ("2026-11-28"), dataclasses → dicts of their fields,
tuples → lists, dict keys → strings. Used for ``web.run(..., data=True)`` and the command line's ``--json``.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

__all__ = ["to_data"]


def to_data(value: object) -> object:
    """转成 JSON 数据: a result (dataclass, list, dict, Decimal, date, …) → nested dicts, lists, str, int, bool.

    >>> import datetime
    >>> from decimal import Decimal
    >>> @dataclasses.dataclass
    ... class Row:
    ...     month: int
    ...     debt: Decimal
    ...     due: datetime.date | None = None
    >>> to_data([Row(1, Decimal("10200.00"), datetime.date(2026, 1, 5)), Row(2, Decimal("0.1303"))])
    [{'month': 1, 'debt': '10200.00', 'due': '2026-01-05'}, {'month': 2, 'debt': '0.1303', 'due': None}]
    """
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_data(v) for v in value]
    raise TypeError(f"to_data: cannot serialise {type(value).__name__}")
