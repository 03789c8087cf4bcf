"""What CPython computes, for every engine's tests: each calculator's defaults, the changes a test makes (CASES) and
what ``calculators.web.run`` shows for them. Browsers must show exactly this HTML."""

from __future__ import annotations

import json

from calculators import web

DEFAULTS = {cid: {f.id: f.default for f in form.fields} for cid, form in web.CALCULATORS.items()}
SWITCH = {cid: form.switch for cid, form in web.CALCULATORS.items()}
TEN = "\n".join(f"债务{k},{3000 + 1000 * k},{10 + 2 * k}%,{150 + 20 * k}" for k in range(10))

CASES = {
    "apr": [{"flat_fee": "0.75%"},
            {"mode": "daily", "principal": "2500", "months": "5", "daily_rate": "万五", "start_date": "2025-01-01"},
            {"mode": "schedule", "net_received_total": "9.9万", "payments": "8833.3，" * 12}],
    "schedule": [{"method": "annuity"},
                 {"method": "equal-principal", "principal": "12000", "annual_rate": "月息1分"},
                 {"method": "bullet", "days": "90", "day_basis": "365"}],
    "inventory": [{"monthly_income": "6000"},
                  {"debts": "网贷A,1.2万,36%,300,网贷平台,45\n借呗,8000,日息万五,400", "monthly_income": ""},
                  {"debts": TEN},
                  {"debts": "网贷A,一万二,年化百分之二十四,六百\n借呗,两万元整,日息万分之五,四百"}],
    "plan": [{"strategy": "avalanche"}, {"strategy": "snowball", "budget": "3000"},
             {"budget": "1700"}, {"strategy": "avalanche", "start": "2027年6月"}],
    "progress": [{"strategy": "avalanche"}, {"budget": "3000", "start": "2026-08"},
                 {"records": "2026-09, 网贷, 余额 11000\n2026-10, 网贷, 已还 600"}],
    "negotiate": [{"budget": "800"}, {"principal": "1.2万", "interest": "", "fees": "600"},
                  {"annual_rate": "0", "terms": "6, 18, 30"},
                  {"principal": "两万", "interest": "一千二", "fees": "六百", "annual_rate": "百分之七点二"}],
    "overdue": [{"days_overdue": "180"}, {"lender_type": "private", "annual_rate": "24%"},
                {"multiplier": "1.3", "fee_amount": "500", "unpaid_interest": "300"}],
    "spiral": [{"months": "12"}, {"monthly_rate": "3%", "fee": "5%", "obligations": "", "available": ""},
               {"start_debt": "5万", "available": "4500"}],
    "budget": [{"incomes": "工资,6000\n兼职,300,每周"}, {"expenses": "房租,5000\n吃饭,2500"},
               {"debts": "", "incomes": "工资,1.2万"}],
    "pack": [{"target": "网贷", "interest": "500", "fees": "800"},
             {"name": "张三", "lender_name": "某某消费金融有限公司", "reason": "illness", "has_proof": "no",
              "date": "2027-01-05"},
             {"budget": "800", "target": "1", "incomes": "工资,4000\n兼职,300,每周"}],
}
LOG = json.dumps([
    {"when": "2026-11-20 22:30", "channel": "电话", "contact": "95xxx", "target": "本人", "said": "说要上门", "files": "rec1.m4a"},
    {"when": "2026-11-20 23:10", "channel": "短信", "contact": "106xxx", "target": "家人", "said": "威胁告诉全家",
     "files": ""},
    {"when": "2026-11-21 09:00", "channel": "电话", "contact": "138xxxx", "target": "同事或单位", "said": "打到单位",
     "files": "rec2.m4a"},
], ensure_ascii=False)
CASES.update({
    "checker": [{"happened": "threats,night", "lender": "bank"}, {"happened": "third_party", "lender": "microloan"},
                {"happened": "impersonation,publish_info,extra_fees", "lender": "private", "entries": LOG}],
    "evidence-log": [{"entries": LOG}, {"entries": LOG, "sort": "old"}, {"entries": LOG, "filter_target": "third"}],
    "letters": [{"reason": "illness", "has_proof": "no", "amount": "3万", "months": "24", "monthly": "1300"},
                {"kind": "complaint-lender", "lender_name": "某某消费金融", "entries": LOG},
                {"kind": "police", "facts": "11月20日起有人多次打电话威胁。"}],
    "respond": [{"procedure": "small", "answer_days": "7", "judgment_date": "2027-01-08"},
                {"lender_type": "private", "contract_date": "2025-06-01", "through_date": "2026-06-01", "paid": "300"},
                {"procedure": "ordinary", "received": "1万", "hearing": "2027-01-12", "judgment_date": "2027-02-01",
                 "case_number": "（2026）某0105民初1号", "entries": LOG}],
    "what-to-do": [{"danger": "yes"}, {"selfharm": "yes", "harassed": "yes"},
                   {"overdue": "long", "pay": "none", "court": "papers", "lender": "bank"}],
})
BAD = ["abc", "-5", "1e999", ""]
"""Bad numbers every typed field must refuse with a Chinese error under the field (empty: where it is required)."""


def fields_of(calc_id: str, case: dict) -> dict:
    """The form's fields with the case's changes."""
    return {**DEFAULTS[calc_id], **case}


def expected_html(calc_id: str, case: dict | None = None) -> str:
    """The result HTML CPython renders for the calculator's defaults changed by ``case``."""
    result = web.run(calc_id, fields_of(calc_id, case or {}))
    assert result["errors"] == {}, (calc_id, case, result["errors"])
    return result["html"]


def typed_field(calc_id):
    """The first field where a person types a number or a list (not a choice), in the form's default mode."""
    form = web.CALCULATORS[calc_id]
    mode = DEFAULTS[calc_id].get(form.switch)
    usable = [f for f in form.fields if not f.modes or mode in f.modes]
    return next((f for f in usable if f.kind in ("money", "int")), None) or next(
        (f for f in usable if f.kind == "lines"), None)


TYPED = sorted(c for c in web.CALCULATORS if typed_field(c))


# How a browser compares its result with CPython's (a JavaScript function of the calculator's id and the HTML): both
# normalised by the browser, every link written out in full. Material's script, started once the calculators are ready
# (calc-boot.js), makes every relative link on the page absolute, and a result shown a moment before that carries
# absolute links: the same links. Returns null when the calculator is not on the page (instant navigation has not
# swapped the page in yet), else {same, state, status, shown, wanted}.
SAME_RESULT = """(id, html) => {
    const root = document.querySelector(`[data-calculator="${id}"]`);
    if (!root) return null;
    const full = (el) => {
        for (const a of el.querySelectorAll("[href]")) a.setAttribute("href", a.href);
        for (const a of el.querySelectorAll("[src]")) a.setAttribute("src", a.src);
        return el.innerHTML;
    };
    const t = document.createElement("div");
    t.innerHTML = html;
    const shown = full(root.querySelector("[data-result]").cloneNode(true)), wanted = full(t);
    return {same: root.dataset.state === "ready" && shown === wanted, state: root.dataset.state,
            status: root.querySelector("[data-status-text]")?.textContent ?? "", shown, wanted};
}"""

MINE = "房贷,20万,4.2%,1500\n网贷,1.5万,日息万五,900,网贷平台,20"
"""A reader's own debts (the shared debts box), used by the tests of saved data."""


