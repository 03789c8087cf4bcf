"""共用字段 (shared fields): the saved data several tools read and write — the debts box, income, budget, the
budget's incomes and expenses, and the evidence log. Each is declared once here; a tool lists it in its fields.
"""

from __future__ import annotations

import datetime

from ..forms import CalendarMonth, Choice, Money
from ..listfields import Debts, Items, Names, Records
from ..months import Month, default_start
from ..pagefields import Store

__all__ = ["BUDGET", "DEBTS", "DEBTS_DEFAULT", "ENTRIES", "EXPENSES", "INCOME", "INCOMES", "ORDER", "RECORDS", "START",
           "STRATEGY", "start_month"]

DEBTS_DEFAULT = "信用卡,5000,18.25%,250\n网贷,12000,24%,600\n消费贷,30000,7.2%,900"
DEBTS = Debts(
    "debts", "你的债务", DEBTS_DEFAULT, "",
    "每行一笔债务：名称, 余额, 年化利率, 最低还款，后面可以再加 机构类型（银行、消费金融、小贷、网贷、民间借贷）、"
    "逾期天数 和 还款日（每月几号，例如 15；不填的列空着，例如“网贷,12000,24%,600,,,15”）；用中文或英文逗号隔开。利率可以写 18%、日息万五、月息1分；金额可以写 12000、1.2万 或 一万二"
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
START = CalendarMonth(
    "start", "开始月份", "", "", "计划的第 1 个月是哪个月，例如 2027-01 或 2027年1月；留空就是下个月。",
    optional=True, shared=True)
STRATEGY = Choice("strategy", "还款策略", "compare", choices=(
    ("compare", "三种策略对比"), ("avalanche", "先还利率最高（雪崩法）"), ("snowball", "先还余额最小（雪球法）"),
    ("custom", "按我填的顺序"), ("minimum", "只还最低还款")), shared=True)
ORDER = Names("order", "还款顺序", "", "",
              "每行写一笔债务的名称（和上面一致），先还的写在前面；没写到的按利率从高到低排在后面。",
              rows=3, modes=("custom",), empty="选了“按我填的顺序”，请每行写一笔债务的名称，先还的写在前面。",
              shared=True)
RECORDS = Records(
    "records", "还款记录",
    "2026-09, 信用卡, 已还 250\n2026-09, 网贷, 已还 1350\n2026-09, 消费贷, 已还 900\n"
    "2026-10, 信用卡, 已还 250\n2026-10, 网贷, 已还 1850\n2026-10, 消费贷, 已还 900\n"
    "2026-11, 信用卡, 已还 250\n2026-11, 网贷, 余额 8500\n2026-11, 消费贷, 已还 900", "",
    "每行一条：月份, 债务名称, 已还 金额（这个月实际还了多少），或 月份, 债务名称, 余额 金额（账单上还欠多少），"
    "例如“2027-01, 网贷, 已还 1350”。两样都有可以写在一行：“2027-01, 网贷, 已还 1350, 余额 10890”。",
    optional=True, shared=True, rows=8)


def start_month(value: Month | None, today: datetime.date | None = None) -> Month:
    """开始月份: the reader's month, or (left empty) the month after today (the reader's clock, not the build's)."""
    return value if value is not None else default_start(today or datetime.date.today())
