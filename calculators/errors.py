"""输入错误（InputError）：计算器收到无法使用的输入时抛出的唯一异常类型。

适配层（命令行、网页）把它变成按字段排列的中文提示，不会把堆栈抛给用户。
"""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """输入错误：``field`` 是表单字段 id（如 ``"principal"``），``message`` 是给用户看的中文提示。

    >>> e = InputError("principal", "借款本金：请输入 0 到 1亿元 之间的金额。")
    >>> e.field, e.message
    ('principal', '借款本金：请输入 0 到 1亿元 之间的金额。')
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def to_dict(self) -> dict[str, str]:
        """转成 ``{字段: 提示}``，供适配层合并到 errors 中。"""
        return {self.field: self.message}
