"""我该怎么办 (triage): crisis help comes first, ordinary answers give an ordered plan, links point at pages."""

import itertools
import pathlib

import pytest

from calculators import triage, web

ORDINARY = {"danger": "no", "selfharm": "no", "lender": "consumer-finance", "overdue": "long", "pay": "part",
            "harassed": "no", "court": "no"}


def ids(answers):
    return [s.id for s in triage.plan(answers).steps]


def test_danger_puts_110_first():
    steps = triage.plan({**ORDINARY, "danger": "yes"}).steps
    assert "110" in steps[0].title


def test_self_harm_puts_12356_first():
    for answer in ("yes", "sometimes"):
        steps = triage.plan({**ORDINARY, "selfharm": answer}).steps
        assert "12356" in steps[0].title


def test_both_give_110_then_12356():
    result = triage.plan({**ORDINARY, "danger": "yes", "selfharm": "yes"})
    assert ["110" in result.steps[0].title, "12356" in result.steps[1].title] == [True, True]
    assert result.crisis


def test_ordinary_answers_start_with_listing_debts():
    result = triage.plan(ORDINARY)
    assert not result.crisis
    assert ids(ORDINARY) == ["list-debts", "budget", "lender-consumer-finance", "overdue-long", "pay-part",
                             "no-paid-help"]
    assert "欠款列出来" in result.steps[0].title


def test_court_papers_and_harassment():
    order = ids({**ORDINARY, "court": "papers", "harassed": "yes"})
    assert order[:3] == ["court-papers", "list-debts", "record-harassment"]
    assert ids({**ORDINARY, "court": "sms"})[0] == "court-sms"


def test_each_court_answer_leads_with_its_own_step_and_links_into_the_court_section():
    """法院和执行: every court answer (调解中心, 短信, 传票, 判决, 冻结) puts its step first and links to /court/."""
    expected = {"mediation": "court-mediation", "sms": "court-sms", "papers": "court-papers",
                "judgment": "court-judgment", "frozen": "court-frozen"}
    court = next(q for q in triage.questions() if q["id"] == "court")
    assert {k for k, _ in court["choices"]} == {"no", *expected}
    for answer, step_id in expected.items():
        first = triage.plan({**ORDINARY, "court": answer}).steps[0]
        assert first.id == step_id, answer
        assert any(url.startswith("../../court/") for _, url in first.links), answer
    assert not any(s.id.startswith("court-") for s in triage.plan(ORDINARY).steps)


def test_every_answer_combination_gives_a_plan_with_crisis_first():
    qs = triage.questions()
    for combo in itertools.product(*[[k for k, _ in q["choices"]] for q in qs]):
        answers = dict(zip([q["id"] for q in qs], combo, strict=True))
        steps = ids(answers)
        assert "list-debts" in steps and steps[-1] == "no-paid-help"
        crisis = [s for s in ("call-110", "call-12356") if s in steps]
        assert steps[:len(crisis)] == crisis


def test_links_point_at_existing_pages():
    docs = pathlib.Path(__file__).resolve().parents[2] / "docs"
    if not (docs / "tools" / "what-to-do.md").exists():
        pytest.skip("docs/ is not available here (e.g. inside Pyodide)")
    base = pathlib.PurePosixPath("/tools/what-to-do/")
    for step in triage.data()["steps"]:
        for _, url in step["links"]:
            path, _, anchor = url.partition("#")
            assert path.startswith("../") and path.endswith("/"), url
            target = pathlib.PurePosixPath(str(base / path)).as_posix()
            parts = [p for p in target.split("/") if p]
            resolved = []
            for p in parts:
                resolved.pop() if p == ".." else resolved.append(p)
            page = docs.joinpath(*resolved).with_suffix(".md")
            if not page.exists():
                page = docs.joinpath(*resolved, "index.md")
            assert page.exists(), url
            if anchor:
                assert "{#" + anchor + "}" in page.read_text(encoding="utf-8"), url


def test_through_the_browser_boundary():
    out = web.run("what-to-do", {**ORDINARY, "danger": "yes"}, data=True)
    assert out["errors"] == {}
    assert out["data"]["steps"][0]["id"] == "call-110"
    assert out["html"].index("110") < out["html"].index("债务清单")
    assert "先顾好你自己" in out["html"]
    assert list(web.run("what-to-do", {**ORDINARY, "lender": "loan-shark"})["errors"]) == ["lender"]
