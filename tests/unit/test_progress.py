"""还款进度: the records text format, plan against actual, months ahead/behind, the recomputed debt-free month,
interest so far, missed months, and the properties of issue 12."""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators.debts import Debt
from calculators.errors import InputError
from calculators.months import Month
from calculators.plan import plan
from calculators.progress import ACTIONS, SOURCES, STATUSES, months_ahead, progress
from calculators.records import Record, format_records, parse_records

START = Month(2027, 1)


def example_debts():
    return [
        Debt("A", D(5000), D("0.1825"), D(250)),
        Debt("B", D(12000), D("0.24"), D(600)),
        Debt("C", D(30000), D("0.072"), D(900)),
    ]


def planned_records(debts, result, months, start=START, kind="paid"):
    """The records of someone who paid exactly what the plan said, for the first `months` months."""
    out = []
    prev = [d.balance for d in debts]
    for row in result.table[:months]:
        for i, d in enumerate(debts):
            if prev[i] > 0:
                paid = row.payments[i] if kind in ("paid", "both") else None
                bal = row.balances[i] if kind in ("balance", "both") else None
                out.append(Record(start.add(row.month - 1), d.name, paid, bal))
        prev = row.balances
    return out


def today_after(months, start=START):
    """A day in the month after the last recorded month, so every recorded month is in the past."""
    return start.add(months).first_day() + datetime.timedelta(days=4)


def run(debts, records, months, budget=D(2500), strategy="avalanche", **kw):
    return progress(debts, budget, strategy, start=START, records=records, today=today_after(months), **kw)


# --- the records text ---------------------------------------------------------------------------------------------

def test_parse_records_formats_and_merge():
    text = "\n".join([
        "# 我的还款记录",
        "2027-01, 信用卡, 已还 500",
        "",
        "2027年1月，网贷，余额 1.2万",
        "2027-01, 信用卡, 余额 4,500.5",
        "2027-02\t信用卡\t还了 ¥1,234",
        "２０２７－０２, 网贷, 已还 600, 余额 11000",
        "2027-03, 消费贷, 剩余：29000",
    ])
    recs = parse_records(text, ["信用卡", "网贷", "消费贷"])
    assert recs == [
        Record(Month(2027, 1), "信用卡", D(500), D("4500.50")),
        Record(Month(2027, 1), "网贷", None, D(12000)),
        Record(Month(2027, 2), "信用卡", D(1234), None),
        Record(Month(2027, 2), "网贷", D(600), D(11000)),
        Record(Month(2027, 3), "消费贷", None, D(29000)),
    ]
    assert [r.line for r in recs] == [2, 4, 6, 7, 8]
    assert parse_records("") == [] and parse_records("# 只有注释\n\n") == []


def test_names_with_commas_and_spaces_survive():
    recs = parse_records("2027-01, 借呗, 备用金 1号, 已还 100")
    assert recs[0].debt == "借呗, 备用金 1号" and recs[0].paid == D(100)
    assert parse_records(format_records(recs)) == recs


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("2027-01, 信用卡", 1, "已还 金额"),
        ("2027-01", 1, "已还 金额"),
        ("\n\n2027-01, 信用卡, 付了 500", 3, "已还 金额"),
        ("2027-13, 信用卡, 已还 500", 1, "月份"),
        ("下个月, 信用卡, 已还 500", 1, "月份"),
        ("2027-01, 信用卡, 已还", 1, "已还金额"),
        ("2027-01, 信用卡, 已还 -5", 1, "负数"),
        ("2027-01, 信用卡, 余额 abc", 1, "余额金额"),
        ("2027-01, 信用卡, 已还 5, 已还 6", 1, "两次"),
        ("2027-01, , 已还 5", 1, "已还 金额"),
        ("2027-01, 信用卡, 已还 5\n2027年1月, 信用卡, 已还 6", 2, "第1行已经记过了"),
        ("2027-01, 花呗, 已还 5", 1, "没有名为“花呗”"),
    ],
)
def test_parse_records_errors_name_the_line(text, line, words):
    with pytest.raises(InputError) as e:
        parse_records(text, ["信用卡", "网贷"])
    assert e.value.field == "records"
    assert e.value.message.startswith(f"还款记录第{line}行")
    assert words in e.value.message


def test_too_many_lines():
    with pytest.raises(InputError) as e:
        parse_records("2027-01, A, 已还 1\n" * 5001)
    assert "最多" in e.value.message


def test_format_records_is_canonical():
    text = "2027-01，A，已还 1.2万，余额 3千\n2027/2, B, 账单余额 5"
    assert format_records(parse_records(text)) == "2027-01, A, 已还 12000.00, 余额 3000.00\n2027-02, B, 余额 5.00"


amounts = st.integers(0, 10_000_000_00).map(lambda c: D(c) / 100)
names = st.lists(st.sampled_from(["信用卡", "网贷", "借呗", "（1）", "(2)", "A", "b 3", "·", "，分期", ", 备用"]),
                 min_size=1, max_size=3).map("".join).filter(lambda s: s[0] not in ",，")
records_st = st.lists(
    st.builds(Record, st.builds(Month, st.integers(1950, 2100), st.integers(1, 12)), names,
              st.none() | amounts, st.none() | amounts).filter(lambda r: r.paid is not None or r.balance is not None),
    max_size=8, unique_by=lambda r: (r.month, r.debt),
)


@given(records_st)
def test_records_round_trip_exactly(records):
    text = format_records(records)
    back = parse_records(text)
    assert back == records
    assert format_records(back) == text


# --- plan against actual ------------------------------------------------------------------------------------------

def test_exact_plan_is_on_plan():
    debts = example_debts()
    base = plan(debts, D(2500))
    p = run(debts, planned_records(debts, base, 6), 6)
    assert p.status == "on_plan" and p.months_ahead == 0 and p.difference == 0
    assert [m.balance for m in p.months] == [row.total_balance for row in base.table[:6]]
    assert p.debt_free == Month(2028, 9) == p.planned_debt_free and p.months_earlier == 0
    assert p.interest_so_far == sum((sum(row.interest) for row in base.table[:6]), D(0))
    assert p.paid_so_far == p.planned_paid_so_far == D(15000)
    assert p.missed == [] and p.actions == []
    assert p.replan.months == 15


def test_paying_above_plan_is_ahead_and_finishes_earlier():
    debts = example_debts()
    base = plan(debts, D(2500))
    recs = planned_records(debts, base, 3)
    recs[-1] = Record(Month(2027, 3), "C", D(900 + 4000))  # a one-off 4000 extra to C in March
    p = run(debts, recs, 3)
    assert p.status == "ahead"
    assert p.difference == D(4000)
    assert p.months_ahead == 2  # 4000 is about two months of the plan's progress
    assert p.debt_free < p.planned_debt_free and p.months_earlier >= 1
    assert p.months[-1].debts[2].source == "paid" and p.months[-1].debts[2].payment == D(4900)
    assert p.actions == [] and any("少欠" in a for a in p.advice)


def test_paying_below_plan_is_behind_with_money_and_months():
    debts = example_debts()
    base = plan(debts, D(2500))
    recs = planned_records(debts, base, 2)
    recs += [Record(Month(2027, 3), "A", D(250)), Record(Month(2027, 3), "B", D(600)),
             Record(Month(2027, 3), "C", D(900))]  # only the minimums in March
    p = run(debts, recs, 3)
    planned = base.table[2].total_balance
    assert p.status == "behind"
    assert p.balance - planned == D(750) + (p.months[-1].debts[1].interest - base.table[2].interest[1])
    assert p.difference < 0 and p.months_ahead == 0  # 750 behind is under half a month of progress
    assert p.debt_free >= p.planned_debt_free
    assert p.actions == ["catch_up"]  # minimums were paid: not overdue, so no negotiation flag
    assert any("多欠" in a and "预计" in a for a in p.advice)


def test_balance_records_reproduce_the_plan_and_adjustments_are_reported():
    debts = example_debts()
    base = plan(debts, D(2500))
    p = run(debts, planned_records(debts, base, 4, kind="balance"), 4)
    assert p.status == "on_plan" and p.adjustments_so_far == 0 and p.warnings == []
    assert [m.paid for m in p.months] == [D(2500)] * 4
    assert all(r.source == "balance" for m in p.months for r in m.debts)
    # a bill 30 yuan higher than the arithmetic (a fee): the payment is as recorded, the 30 is an adjustment
    recs = planned_records(debts, base, 1, kind="both")
    recs[0] = Record(START, "A", D(250), base.table[0].balances[0] + 30)
    p = run(debts, recs, 1)
    a = p.months[0].debts[0]
    assert a.source == "both" and a.adjustment == D(30) and a.payment == D(250)
    assert p.adjustments_so_far == D(30) and any("多 30.00 元" in w for w in p.warnings)


def test_balance_above_start_plus_interest_means_nothing_was_paid():
    debts = [Debt("X", D(1000), D("0.12"), D(100))]
    p = progress(debts, D(100), start=START, records=[Record(START, "X", None, D(1050))],
                 today=today_after(1))
    x = p.months[0].debts[0]
    assert x.interest == D(10) and x.payment == 0 and x.adjustment == D(40)
    assert x.below_minimum and "negotiate" in p.actions


def test_overpayment_never_makes_a_negative_balance():
    debts = [Debt("X", D(1000), D(0), D(100))]
    p = progress(debts, D(100), start=START, records=[Record(START, "X", D(1500))], today=today_after(1))
    assert p.balance == 0 and p.status == "debt_free" and p.debt_free == START
    assert p.months[0].debts[0].adjustment == D(500) and p.warnings
    assert p.months_earlier == 9


def test_snowball_extra_to_a_cheap_debt_can_finish_later_and_says_why():
    # paying 50 more to the 0% debt makes it the smallest, so snowball then pays it before the 60% one
    debts = [Debt("A", D(1000), D("0.6"), D(10)), Debt("B", D(1050), D(0), D(10))]
    base = plan(debts, D(100), "snowball")
    row = base.table[0]
    recs = [Record(START, "A", row.payments[0]), Record(START, "B", row.payments[1] + 50)]
    p = progress(debts, D(100), "snowball", start=START, records=recs, today=today_after(1))
    assert p.difference == D(50) and p.status == "ahead"
    assert p.planned_debt_free == Month(2029, 2) and p.debt_free == Month(2030, 5) and p.months_earlier == -15
    assert any("雪球法" in w and "雪崩法" in w and "还清" in w for w in p.warnings)
    same = progress(debts, D(100), "avalanche", start=START, records=recs, today=today_after(1))
    assert same.months_earlier >= 0 and not any("雪球法" in w for w in same.warnings)


def test_later_extra_payments_and_budget_changes_carry_into_the_recomputed_plan():
    debts = example_debts()
    settings = {"extra_payments": {2: D(1000), 8: D(3000)}, "budget_changes": [(3, D(2000)), (6, D(3000))]}
    base = plan(debts, D(2500), **settings)
    p = progress(debts, D(2500), start=START, records=planned_records(debts, base, 4), today=today_after(4),
                 **settings)
    assert p.months[1].planned_paid == D(3500) and p.months[3].planned_paid == D(2000)
    assert p.status == "on_plan" and p.debt_free == p.planned_debt_free == START.add(base.months - 1)
    assert p.replan.budget == D(2000)
    assert p.replan.table[1].budget == D(3000)  # month 6 of the plan is month 2 after April
    assert p.replan.table[3].budget == D(6000)  # month 8: the 3000 extra on top of the 3000 budget


def test_missed_month_is_shown_and_counted_as_unpaid():
    debts = example_debts()
    base = plan(debts, D(2500))
    recs = [r for r in planned_records(debts, base, 3) if not (r.month == Month(2027, 2) and r.debt == "B")]
    p = run(debts, recs, 3)
    assert [(m.month, m.debt) for m in p.missed] == [(Month(2027, 2), "B")]
    feb = p.months[1]
    assert feb.missed == ["B"]
    b = feb.debts[1]
    assert b.source == "missed" and b.payment == 0 and b.balance == b.start_balance + b.interest
    assert b.below_minimum
    assert p.actions == ["record_missed", "catch_up", "negotiate"]
    assert any("2027年2月" in a and "补上记录" in a for a in p.advice)


def test_months_with_no_records_at_all_are_all_missed():
    debts = example_debts()
    p = run(debts, [], 3)
    assert len(p.months) == 3 and len(p.missed) == 9
    assert [m.paid for m in p.months] == [0, 0, 0]
    assert p.months_ahead == -3  # more than at the start: counted back to the start


def test_current_month_without_a_record_is_pending_not_missed():
    debts = example_debts()
    base = plan(debts, D(2500))
    recs = planned_records(debts, base, 2)
    recs.append(Record(Month(2027, 3), "A", D(250)))  # March has started: only A recorded so far
    p = progress(debts, D(2500), start=START, records=recs, today=datetime.date(2027, 3, 10))
    assert p.through == Month(2027, 3) and p.missed == []
    assert [r.source for r in p.months[-1].debts] == ["paid", "pending", "pending"]
    assert p.months[-1].balance == base.table[2].total_balance and p.status == "on_plan"
    assert any("还没有记录" in a for a in p.advice)


def test_not_started_and_bad_records():
    debts = example_debts()
    p = progress(debts, D(2500), start=START, records=[], today=datetime.date(2026, 12, 1))
    assert p.status == "not_started" and p.months == [] and p.through is None
    assert p.debt_free == p.planned_debt_free == Month(2028, 9) and p.months_earlier == 0
    for rec, words in [
        (Record(Month(2027, 2), "A", D(1), line=4), "还款记录第4行：2027年2月还没到"),
        (Record(Month(2026, 12), "A", D(1), line=2), "还款记录第2行：2026年12月在开始月份"),
        (Record(START, "Z", D(1), line=1), "没有名为“Z”"),
        (Record(START, "A"), "请写已还金额或账单余额"),
    ]:
        with pytest.raises(InputError) as e:
            progress(debts, D(2500), start=START, records=[rec], today=datetime.date(2027, 1, 20))
        assert e.value.field == "records" and words in e.value.message
    with pytest.raises(InputError) as e:
        progress(debts, D(2500), start=Month(1970, 1), records=[], today=datetime.date(2027, 1, 20))
    assert e.value.field == "start"
    with pytest.raises(InputError):
        progress(debts, D(-1), start=START, records=[], today=datetime.date(2027, 1, 20))


def test_infeasible_plan_points_to_negotiation():
    debts = example_debts()
    p = progress(debts, D(1700), start=START, records=[], today=today_after(1))
    assert p.status == "plan_infeasible" and "negotiate" in p.actions
    assert p.debt_free is None


def test_statuses_and_actions_are_from_the_declared_sets():
    debts = example_debts()
    base = plan(debts, D(2500))
    for recs, months in [(planned_records(debts, base, 2), 2), ([], 2), (planned_records(debts, base, 1), 3)]:
        p = run(debts, recs, months)
        assert p.status in STATUSES and set(p.actions) <= set(ACTIONS)
        assert all(r.source in SOURCES for m in p.months for r in m.debts)


def test_months_ahead_definition():
    planned = [D(v) for v in (1000, 800, 600, 400, 200, 0)]
    assert months_ahead(planned, 2, D(600)) == 0
    assert months_ahead(planned, 2, D(601)) == 0 and months_ahead(planned, 2, D(599)) == 0
    assert months_ahead(planned, 2, D(699)) == 0 and months_ahead(planned, 2, D(701)) == -1
    assert months_ahead(planned, 2, D(1500)) == -2
    assert months_ahead(planned, 2, D(0)) == 3
    assert months_ahead(planned, 7, D(0)) == 0  # the plan was done in month 5: at 0 is on plan
    assert months_ahead(planned, 7, D(150)) == -3
    plateau = [D(v) for v in (500, 500, 500)]  # interest-only plan that never shrinks
    assert months_ahead(plateau, 2, D(500), paid_off=False) == 0
    assert months_ahead(plateau, 5, D(500), paid_off=False) == 0


# --- properties ---------------------------------------------------------------------------------------------------

money = st.integers(0, 3_000_000).map(lambda c: D(c) / 100)


@st.composite
def debt_st(draw):
    """A debt whose minimum pays its interest plus 1%-10% of the balance (plans end within about 100 months, so
    the suite stays quick inside Pyodide); the plan tests cover never-shrinking minimums."""
    balance = draw(money)
    rate = D(draw(st.integers(0, 3600))) / 10000
    principal = D(draw(st.integers(10, 100))) / 1000
    return balance, rate, (balance * (rate / 12 + principal)).quantize(D("0.01"))


debt_st = debt_st()
strategies = st.sampled_from(["avalanche", "snowball", "custom", "minimum"])


def make(raw, headroom, strategy):
    debts = [Debt(f"d{i}", b, r, m) for i, (b, r, m) in enumerate(raw)]
    budget = sum((min(d.minimum_payment, d.balance) for d in debts), D(0)) + headroom
    order = [d.name for d in reversed(debts)] if strategy == "custom" else None
    return debts, budget, order


@given(st.lists(debt_st, min_size=1, max_size=3), money, strategies, st.integers(1, 18),
       st.sampled_from(["paid", "balance", "both"]),
       st.dictionaries(st.integers(1, 24), money, max_size=2),
       st.lists(st.tuples(st.integers(1, 24), money), max_size=2))
def test_recording_the_planned_payments_reproduces_the_plan(raw, headroom, strategy, k, kind, extras, changes):
    debts, budget, order = make(raw, headroom, strategy)
    changes = [(m, budget + a) for m, a in changes]  # budget changes that stay above the minimums
    settings = {"order": order, "extra_payments": extras, "budget_changes": changes}
    base = plan(debts, budget, strategy, **settings)
    assume(base.feasible)
    k = min(k, max(len(base.table), 1))
    recs = planned_records(debts, base, k, kind=kind)
    p = progress(debts, budget, strategy, start=START, records=recs, today=today_after(k), **settings)
    for m, row in zip(p.months, base.table, strict=False):
        assert [r.balance for r in m.debts] == row.balances
        assert [r.payment for r in m.debts] == row.payments
        assert [r.interest for r in m.debts] == row.interest
        assert m.difference == 0 and m.months_ahead == 0
    assert p.missed == [] and p.adjustments_so_far == 0
    assert p.months_ahead == 0 and p.difference == 0
    assert p.status in ("on_plan", "debt_free")
    if base.months is not None:
        assert p.debt_free == p.planned_debt_free
    if base.months:
        assert p.debt_free is not None and p.months_earlier == 0
        if p.replan is not None:
            assert [row.balances for row in p.replan.table] == [row.balances for row in base.table[k:]]


@given(st.lists(debt_st, min_size=1, max_size=3), money, strategies, st.integers(1, 12), st.integers(0, 2),
       st.integers(1, 500_000).map(lambda c: D(c) / 100))
def test_paying_more_in_a_month_never_makes_the_debt_free_month_later(raw, headroom, strategy, k, which, extra):
    debts, budget, order = make(raw, headroom, strategy)
    base = plan(debts, budget, strategy, order=order)
    assume(base.months is not None and base.months >= 1)
    k = min(k, base.months)
    recs = planned_records(debts, base, k)
    last = [r for r in recs if r.month == START.add(k - 1)]
    target = last[which % len(last)]
    if strategy == "snowball":
        # snowball re-sorts by balance: extra money must go to its target (the smallest balance left, ties to the
        # higher rate), or it can reorder the debts and finish later (see test_snowball_extra_to_a_cheap_debt_...)
        row = base.table[k - 1]
        open_ = [r for r in last if row.balances[base.names.index(r.debt)] > 0] or last
        target = min(open_, key=lambda r: (row.balances[base.names.index(r.debt)],
                                           -debts[base.names.index(r.debt)].annual_rate, base.names.index(r.debt)))
    recs[recs.index(target)] = Record(target.month, target.debt, target.paid + extra)
    p = progress(debts, budget, strategy, order=order, start=START, records=recs, today=today_after(k))
    assert p.debt_free is not None and p.debt_free <= p.planned_debt_free
    assert p.difference >= 0 and p.status in ("ahead", "debt_free", "on_plan")
    assert p.months_ahead >= 0


@given(st.lists(debt_st, min_size=1, max_size=3), money, strategies, st.integers(1, 12), st.data())
def test_a_missed_month_is_never_hidden(raw, headroom, strategy, k, data):
    debts, budget, order = make(raw, headroom, strategy)
    base = plan(debts, budget, strategy, order=order)
    assume(base.feasible)
    recs = planned_records(debts, base, k)
    dropped = data.draw(st.sets(st.sampled_from(range(len(recs))), min_size=1)) if recs else set()
    kept = [r for i, r in enumerate(recs) if i not in dropped]
    p = progress(debts, budget, strategy, order=order, start=START, records=kept, today=today_after(k))
    assert [m.month for m in p.months] == [START.add(i) for i in range(k)]  # every past month is shown
    recorded = {(r.month, r.debt) for r in kept}
    expected = [(m.month, r.name) for m in p.months for r in m.debts
                if r.start_balance > 0 and (m.month, r.name) not in recorded]
    assert [(x.month, x.debt) for x in p.missed] == expected
    for m in p.months:
        assert m.missed == [r.name for r in m.debts if r.source == "missed"]
    if recs:
        first = min(dropped)
        assert (recs[first].month, recs[first].debt) in expected  # the first dropped record's debt was still open
    assert ("record_missed" in p.actions) == bool(expected)
    if expected:
        assert "negotiate" in p.actions and p.advice
