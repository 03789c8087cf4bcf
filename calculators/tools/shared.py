"""共用字段 (shared fields): the saved data several tools read and write — the debts box, income, budget, the
budget's incomes and expenses, and the evidence log. Each is declared once here; a tool lists it in its fields.
"""

from __future__ import annotations

from ..forms import Money, Store
from ..listfields import Debts, Items

__all__ = ["BUDGET", "DEBTS", "DEBTS_DEFAULT", "ENTRIES", "EXPENSES", "INCOME", "INCOMES"]

DEBTS_DEFAULT = "信用卡,5000,18.25%,250\n网贷,12000,24%,600\n消费贷,30000,7.2%,900"
DEBTS = Debts(
    "debts", "你的债务", DEBTS_DEFAULT, "",
    "每行一笔债务：名称, 余额, 年化利率, 最低还款，后面可以再加 机构类型（银行、消费金融、小贷、网贷、民间借贷）"
    "和 逾期天数；用中文或英文逗号隔开。利率可以写 18%、日息万五、月息1分；金额可以写 12000 或 1.2万"
    "（不要用千位逗号）。也可以粘贴带列名的表格（CSV）。",
    shared=True, rows=6)
INCOME = Money("monthly_income", "每月收入", "8000", "元", "到手的月收入（工资、经营收入等）；不想填可以留空。",
               optional=True, shared=True)
BUDGET = Money("budget", "每月能拿出来还债的钱", "2500", "元",
               "每个月留出的还款总额（含各笔最低还款）；不确定可以先用“收支预算”工具算一算。", shared=True)
INCOMES = Items(
    "incomes", "收入", "工资,8000", "",
    "每行一项：名称, 金额；按周拿的钱在后面加“每周”，例如“兼职,500,每周”。金额不要用千位逗号。",
    shared=True, rows=3)
EXPENSES = Items(
    "expenses", "开支",
    "房租,2200\n吃饭,1600\n水电话费,300\n交通,300\n其他必要,400\n聚餐娱乐,400,可选\n网购,170,可选\n外卖奶茶,30,可选,每周",
    "",
    "每行一项：名称, 金额, 必要或可选（不写算必要）, 每周（不写算每月）。可选开支是暂时可以停掉的钱。",
    shared=True, rows=8, expense=True)
ENTRIES = Store(
    "entries", "催收记录", "", "",
    "催收记录本里的全部记录，只保存在这台设备的浏览器里；催收合规自查和信件生成会用到它。",
    optional=True, shared=True)
