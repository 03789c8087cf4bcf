"""calculators：债务求助网站的计算器核心（纯标准库，CPython 与 Pyodide 通用）。

金额一律用 Decimal、四舍五入到分；错误输入抛出 :class:`calculators.errors.InputError`。
模块：money（金额解析）、rates（利率与真实年化）、schedules（还款计划）、lpr（LPR 查询）、
caps（利率的法律参照线）等。
"""

from .errors import InputError

__all__ = ["InputError"]
__version__ = "0.1.0"
