"""The command-line contract (issue: calculation core): JSON keys, formats, exit codes, Chinese errors."""

from __future__ import annotations

import json

import pytest

from calculators.cli import main

DEBTS = "名称,余额,年化利率,最低还款\nA 信用卡,5000,18.25%,250\nB 网贷,12000,24%,600\nC 消费贷,30000,7.2%,900\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_apr_flat_fee(capsys):
    out = run_json(capsys, "apr", "--principal", "12000", "--months", "12", "--flat-fee", "0.6%")
    assert (out["apr"], out["effective_annual"], out["payment"]) == ("13.03", "13.84", "1072.00")


def test_apr_net_received_raises_the_rate(capsys):
    out = run_json(capsys, "apr", "--principal", "1.2万", "--months", "12", "--flat-fee", "0.6%",
                   "--net-received", "11500")
    assert float(out["apr"]) > 13.03 and out["net_received"] == "11500.00"


def test_schedule_annuity(capsys):
    out = run_json(capsys, "schedule", "--principal", "10000", "--annual-rate", "12%", "--months", "12",
                   "--method", "annuity")
    first, last = out["instalments"][0], out["instalments"][-1]
    assert (first["payment"], first["interest"], first["principal"], first["balance"]) == \
        ("888.49", "100.00", "788.49", "9211.51")
    assert (last["payment"], last["balance"], out["total_interest"]) == ("888.47", "0.00", "661.86")


def test_schedule_bullet_uses_days(capsys):
    out = run_json(capsys, "schedule", "--principal", "10000", "--annual-rate", "12%", "--months", "3",
                   "--method", "bullet", "--days", "90")
    assert out["total_interest"] == "300.00"


@pytest.mark.parametrize("budget, strategy, months, interest, payoff", [
    ("2500", "avalanche", 21, "4527.85", {"B 网贷": 10, "A 信用卡": 12, "C 消费贷": 21}),
    ("2500", "snowball", 21, "4696.43", {"A 信用卡": 6, "B 网贷": 13, "C 消费贷": 21}),
    ("3000", "avalanche", 17, "3619.18", {"B 网贷": 8, "A 信用卡": 9, "C 消费贷": 17}),
])
def test_plan_matches_the_worked_example(capsys, tmp_path, budget, strategy, months, interest, payoff):
    f = tmp_path / "debts.csv"
    f.write_text("\ufeff" + DEBTS, encoding="utf-8")
    out = run_json(capsys, "plan", "--debts", str(f), "--budget", budget, "--strategy", strategy)
    assert (out["feasible"], out["months"], out["total_interest"], out["payoff_month"]) == \
        (True, months, interest, payoff)


def test_plan_infeasible_budget_exits_zero(capsys, tmp_path):
    f = tmp_path / "debts.csv"
    f.write_text(DEBTS, encoding="utf-8")
    out = run_json(capsys, "plan", "--debts", str(f), "--budget", "1700")
    assert (out["feasible"], out["minimum_budget"], out["shortfall"]) == (False, "1750.00", "50.00")


def test_spiral(capsys):
    out = run_json(capsys, "spiral", "--start-debt", "10000", "--monthly-rate", "2%", "--fee", "3%", "--months", "12")
    assert (out["final_debt"], out["doubling_months"]) == ("18278.53", "13.8")


def test_lpr(capsys):
    assert run_json(capsys, "lpr", "--date", "2024-10-21") == {"date": "2024-10-21", "one_year": "3.10",
                                                                "five_year": "3.60", "verified": True,
                                                                "verified_through": "2026-03-20"}


@pytest.mark.parametrize("lender, date, apr, cap, exceeds", [
    ("private", "2025-06-01", "15%", "12.00", True),
    ("private", "2020-08-20", "15%", "15.40", False),
    ("bank", "2025-06-01", "18%", "24.00", False),
])
def test_cap(capsys, lender, date, apr, cap, exceeds):
    out = run_json(capsys, "cap", "--lender", lender, "--contract-date", date, "--apr", apr)
    assert (out["cap_percent"], out["exceeds"]) == (cap, exceeds) and out["basis"]


@pytest.mark.parametrize("argv, field", [
    (["apr", "--principal", "abc", "--months", "12", "--flat-fee", "0.6%"], "借款本金"),
    (["apr", "--principal", "12000", "--months", "700", "--flat-fee", "0.6%"], "期数"),
    (["schedule", "--principal", "1e999", "--annual-rate", "12%", "--months", "12"], "借款本金"),
    (["lpr", "--date", "2019-01-01"], "日期"),
    (["plan", "--debts", "/no/such/file.csv", "--budget", "2500"], "债务文件"),
    (["apr", "--months", "12"], "缺少必填参数"),
])
def test_bad_input_is_one_chinese_line_and_exit_2(capsys, argv, field):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and field in err and "Traceback" not in err


def test_help_lists_the_form_fields_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["apr", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--flat-fee" in out and "0.6%" in out


def test_chinese_numerals_on_the_command_line(capsys, tmp_path):
    """The command line reads 一万二 and 月息一分 exactly as the page does (the same field objects)."""
    digits = run_json(capsys, "schedule", "--principal", "12000", "--annual-rate", "12%", "--months", "12")
    words = run_json(capsys, "schedule", "--principal", "一万二", "--annual-rate", "月息一分", "--months", "12")
    assert words == digits
    f = tmp_path / "debts.csv"
    f.write_text(DEBTS.replace("12000", "一万二").replace("30000", "三万元整"), encoding="utf-8")
    out = run_json(capsys, "plan", "--debts", str(f), "--budget", "2500")
    assert (out["months"], out["total_interest"]) == (21, "4527.85")


def test_an_ambiguous_numeral_is_a_question_on_the_command_line(capsys):
    code, _, err = run(capsys, "apr", "--principal", "一万二三", "--months", "12", "--flat-fee", "0.6%")
    assert code == 2 and err.count("\n") == 1
    assert "借款本金（--principal）" in err and "“二三”连在一起" in err and "例如 12000、1.2万、一万二" in err


RESPOND = ["respond", "--contract-principal", "1万", "--received", "8500", "--interest", "1500", "--penalties", "700",
           "--fees", "2000", "--contract-date", "2025-03-01", "--through-date", "2026-03-01",
           "--service-date", "2026-11-27", "--lender", "microloan"]


def test_respond_matches_the_page(capsys):
    out = run_json(capsys, *RESPOND)
    assert (out["claimed"], out["supported"], out["excess"], out["cap"], out["cap_percent"]) == (
        "14200.00", "10540.00", "3660.00", "2040.00", "24.00")
    assert [i["excess"] for i in out["items"]] == ["1500.00", "0.00", "160.00", "2000.00"]
    assert out["deadlines"][0]["date"] == "2026-12-14"
    assert any("《民法典》第六百七十条（法律）" in b for g in out["grounds"] for b in g["basis"])


def test_respond_small_claims_has_no_appeal_date_and_writes_the_files(capsys, tmp_path):
    ics, draft = tmp_path / "r.ics", tmp_path / "r.txt"
    out = run_json(capsys, *RESPOND, "--procedure", "small", "--judgment-date", "2027-01-08", "--ics", str(ics),
                   "--draft", str(draft))
    assert [d["date"] for d in out["deadlines"] if "上诉" in d["label"]] == [None]
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
    assert draft.read_text(encoding="utf-8").startswith("民事答辩状")


@pytest.mark.parametrize("argv, field", [
    (["--received", "20000"], "实际到账金额"),
    (["--service-date", "2024-01-01"], "收到起诉材料的日期"),
    (["--answer-days", "99"], "通知书写的答辩期（--answer-days）"),
])
def test_respond_bad_input_names_the_field(capsys, argv, field):
    code = main(RESPOND + argv)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and field in err
