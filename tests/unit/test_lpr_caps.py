import datetime
import json
from decimal import Decimal
from importlib.resources import files

import pytest

from calculators.caps import LENDERS, benchmark, cap_amount, check_apr
from calculators.errors import InputError
from calculators.lpr import FIRST_LPR_DATE, latest, lpr_changes, lpr_on, verified_through
from calculators.rates import format_percent
from calculators.serialize import to_data

D = Decimal
day = datetime.date


@pytest.mark.parametrize(
    "d,one,five",
    [
        (day(2024, 10, 21), "3.10", "3.60"),
        (day(2024, 10, 20), "3.35", "3.85"),
        (day(2026, 3, 20), "3.00", "3.50"),
        (day(2019, 8, 20), "4.25", "4.85"),
        (day(2019, 9, 19), "4.25", "4.85"),
        (day(2022, 5, 20), "3.70", "4.45"),
        (day(2020, 8, 20), "3.85", "4.65"),
        (day(2025, 5, 19), "3.10", "3.60"),
        (day(2025, 5, 20), "3.00", "3.50"),
    ],
)
def test_lpr_on(d, one, five):
    q = lpr_on(d)
    assert (q.one_year * 100, q.five_year * 100) == (D(one), D(five))


def test_lpr_before_reform():
    with pytest.raises(InputError) as e:
        lpr_on(day(2019, 8, 19))
    assert e.value.field == "contract_date" and "2019年8月20日" in e.value.message


def test_lpr_table_is_consistent():
    quotes = lpr_changes()
    assert quotes[0].date == FIRST_LPR_DATE and len(quotes) == 15
    assert [q.date for q in quotes] == sorted({q.date for q in quotes})
    for a, b in zip(quotes, quotes[1:], strict=False):
        assert (a.one_year, a.five_year) != (b.one_year, b.five_year)  # only change dates are listed
    for q in quotes:
        assert D("0.02") < q.one_year < q.five_year < D("0.06")
        assert q.source and q.checked == "2026-11-28"
        assert (q.one_year * 10000) % 5 == 0  # published in steps of 0.05 pp
    assert latest().date == day(2025, 5, 20) and verified_through() == day(2026, 3, 20)
    assert D(to_data(quotes[-1])["one_year"]) == D("0.03") and format_percent(quotes[-1].one_year) == "3.00%"


@pytest.mark.parametrize(
    "d,cap",
    [
        (day(2020, 8, 20), "0.154"),
        (day(2024, 10, 20), "0.134"),
        (day(2024, 10, 21), "0.124"),
        (day(2025, 6, 1), "0.12"),
    ],
)
def test_private_lending_cap(d, cap):
    b = benchmark("private", d)
    assert b.rate == D(cap)
    assert b.source_ids == ["spc-private-lending-2020", "pboc-lpr-reform-2019"]
    assert "4" in b.label and b.statutory


def test_private_lending_before_2020():
    b = benchmark("private", day(2019, 6, 1))
    assert b.rate == D("0.24")
    assert "24%" in b.explanation and "36%" in b.explanation
    assert "spc-private-lending-2015" in b.source_ids
    assert any("第三十一条" in n for n in b.notes)
    assert check_apr("private", day(2019, 6, 1), D("0.30")).exceeds
    assert "36%" in check_apr("private", day(2019, 6, 1), D("0.40")).explanation


def test_future_contract_warns_about_unverified_lpr():
    b = benchmark("private", day(2027, 1, 1))
    assert b.rate == D("0.12") and any("核实" in n for n in b.notes)
    assert not any("核实" in n for n in benchmark("private", day(2025, 6, 1)).notes)


@pytest.mark.parametrize("lender", ["bank", "consumer-finance", "microloan", "platform"])
def test_licensed_lenders(lender):
    b = benchmark(lender, day(2025, 6, 1))
    assert b.rate == D("0.24") and not b.statutory
    assert "spc-financial-trial-2017" in b.source_ids
    assert "不是法定" in b.notes[0] or "没有单一的法定" in b.explanation
    assert format_percent(D(to_data(b)["rate"])) == "24.00%"


def test_lender_specific_sources():
    micro = benchmark("microloan", day(2025, 6, 1)).source_ids
    assert {"spc-reply-2020-27", "microloan-cost-guideline-2025"} <= set(micro)
    assert "nfra-assisted-lending-2025" in benchmark("platform", day(2025, 6, 1)).source_ids
    assert list(LENDERS) == ["bank", "consumer-finance", "microloan", "platform", "private"]
    with pytest.raises(InputError) as e:
        benchmark("loan-shark", day(2025, 6, 1))
    assert e.value.field == "lender"


def test_source_ids_exist_in_laws_json():
    path = files("calculators") / "data" / "laws.json"
    if not path.is_file():
        pytest.skip("laws.json not written yet")
    laws = json.loads(path.read_text(encoding="utf-8"))
    for lender in LENDERS:
        for d in (day(2019, 6, 1), day(2025, 6, 1)):
            for sid in benchmark(lender, d).source_ids:
                assert sid in laws, sid


def test_check_apr():
    c = check_apr("private", day(2025, 6, 1), D("0.1303"))
    assert c.exceeds and c.cap_percent == "12.00%" and "不予支持" in c.explanation
    assert not check_apr("private", day(2025, 6, 1), D("0.12")).exceeds
    bank = check_apr("bank", day(2025, 6, 1), D("0.359"))
    assert bank.exceeds and bank.cap_percent == "24.00%" and "调减" in bank.explanation
    assert not check_apr("consumer-finance", day(2025, 6, 1), D("0.2399")).exceeds
    d = to_data(bank)
    assert d["exceeds"] is True and format_percent(D(d["apr"])) == "35.90%" and d["source_ids"]
    with pytest.raises(InputError):
        check_apr("bank", day(2025, 6, 1), D("NaN"))


def test_cap_amount():
    assert cap_amount([(D(10000), 365)], D("0.12")) == D("1200.00")
    assert cap_amount([(D(9000), 365)], D("0.12")) == D("1080.00")
    assert cap_amount([(D(10000), 180), (D(5000), 185)], D("0.12"), basis=360) == D("908.33")
    assert cap_amount([], D("0.12")) == D("0.00")
    with pytest.raises(InputError):
        cap_amount([(D(10000), 365)], D("0.12"), basis=364)
    with pytest.raises(InputError):
        cap_amount([(D(-1), 365)], D("0.12"))
