"""CSV 文件 (CSV files): the one writer and reader for every table we export or import.

Excel and WPS run a cell that starts with ``= + - @`` (or a tab / carriage return) as a formula, so every such
cell is written with a leading ``'`` (公式防护). A cell that already starts with ``'`` gets one too, and import
removes exactly one such prefix, so export → import gives back every cell exactly (quotes, commas and newlines
are CSV quoting, handled by :mod:`csv`).
"""

from __future__ import annotations

import csv
import io

__all__ = ["BOM", "neutralise", "read_rows", "restore", "write_rows"]

BOM = "\ufeff"
"""Byte-order mark: Excel on Windows reads a UTF-8 CSV as Chinese only when the file starts with it."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = (*_FORMULA, "'")


def neutralise(cell: str) -> str:
    """公式防护: a cell Excel would run as a formula (or one starting with ``'``) gets a leading ``'``.

    >>> neutralise("=1+1"), neutralise("-5"), neutralise("'x"), neutralise("网贷")
    ("'=1+1", "'-5", "''x", '网贷')
    """
    return "'" + cell if cell.startswith(_GUARDED) else cell


def restore(cell: str) -> str:
    """去掉公式防护: the exact inverse of :func:`neutralise` (a lone ``'`` before other text is kept).

    >>> [restore(neutralise(c)) for c in ("=1+1", "'x", "\\tx", "'")]
    ['=1+1', "'x", '\\tx', "'"]
    >>> restore("'abc")
    "'abc"
    """
    return cell[1:] if cell.startswith("'") and cell[1:2] and cell[1:2] in _GUARDED else cell


def write_rows(header: list[str] | tuple[str, ...] | None, rows: list[list[str]], bom: bool = True) -> str:
    """CSV text (with the BOM unless ``bom`` is false): the header as is, every cell neutralised.

    >>> write_rows(["名称", "余额"], [["=HYPERLINK(1)", "1,000"]], bom=False)
    '名称,余额\\n\\'=HYPERLINK(1),"1,000"\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows([neutralise(str(c)) for c in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()


def read_rows(text: str) -> list[list[str]]:
    """CSV text (BOM or not) → rows of restored cells; blank rows are skipped.

    >>> read_rows("\\ufeff名称,余额\\n\\n'=1,\\"a,b\\"\\n")
    [['名称', '余额'], ['=1', 'a,b']]
    """
    reader = csv.reader(io.StringIO((text or "").lstrip(BOM)))
    return [[restore(c) for c in row] for row in reader if any(c.strip() for c in row)]
