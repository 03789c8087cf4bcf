"""The site in WebKit and Firefox, as a new reader meets it (every test runs in both engines):

* a first visit computes exactly what CPython computes, on several tools, moving between them by instant
  navigation, and a reload keeps what the reader saved; Material's late start never re-wraps a result table;
* the first service-worker install never reloads the page or offers a "new version" (``FIRST_VISITS`` first
  visits, 2 by default; ``FIRST_VISITS=20 make test-engines`` for the long count);
* a return visit boots from the memory snapshot and computes the same, with the saved debts; after it the site,
  calculators included, works offline (from the snapshot too);
* a real new deployment reaches a reader whose browser still runs the old service worker.

WebKitGTK is not iOS Safari (see README: 其他浏览器): what these tests cannot say about iPhones is listed there.
"""

from __future__ import annotations

import os

from cases import CASES, LOG, MINE, SAME_RESULT, SWITCH, expected_html
from server import SITE, Deployment, free_port, start_nginx, stop

READY = """const root = document.querySelector(`[data-calculator="${args[0]}"]`);
return root && root.dataset.state === "ready" && root.dataset.boot;"""
MATERIAL = """return window.document$ !== undefined && document.documentElement.dataset.material !== "held";"""
SET_FIELDS = """const [id, fields, switchName] = args;
const form = document.querySelector(`[data-calculator="${id}"] form`);
const names = Object.keys(fields).sort((a, b) => (b === switchName) - (a === switchName));
for (const name of names) {  // the switch first: it shows its fields
  const els = [...form.querySelectorAll(`[name="${name}"]`)];
  if (els.length > 1) {  // a group of checkboxes: the value is the comma-separated checked keys
    const wanted = fields[name].split(",");
    for (const box of els) box.checked = wanted.includes(box.value);
    els[0].dispatchEvent(new Event("change", { bubbles: true }));
  } else {
    els[0].value = fields[name];
    els[0].dispatchEvent(new Event(els[0].tagName === "SELECT" ? "change" : "input", { bubbles: true }));
  }
}
return true;"""
SHOWS = f"return !!({SAME_RESULT})(...args)?.same;"
TABLES_OURS = """const root = document.querySelector(`[data-calculator="${args[0]}"]`);
return { tables: root.querySelectorAll("[data-result] table").length,
         regions: root.querySelectorAll("[data-result] .calc-table[tabindex='0'] > table.calc-grid").length,
         material: root.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table").length };"""
FOLLOW = """window.__wdyqSamePage = 1;
[...document.querySelectorAll("a[href]")].find((a) => a.pathname.endsWith(args[0])).click();
return true;"""
SAME_PAGE = "return window.__wdyqSamePage === 1 && location.pathname.endsWith(args[0]);"
IN_CONTROL = """const status = document.querySelector("[data-offline-status]");
return document.documentElement.dataset.offline === "controlled" && navigator.serviceWorker.controller !== null
  && !!status && status.innerText.includes("可离线使用");"""
"""The service worker controls the page, which says it works offline: ``data-offline`` is "controlled" once the page
has taken its first controller as the version it runs under (calc-offline.js). The only reload the page ever makes
is the reader's 刷新到新版本 (then ``data-offline`` says "reloading"); one that happened shows as a navigation of
type "reload" and a lost ``__wdyqVisit``."""
PAGE_STATE = """const status = document.querySelector("[data-offline-status]");
return { visit: window.__wdyqVisit ?? null, navigation: performance.getEntriesByType("navigation")[0].type,
         offline: document.documentElement.dataset.offline ?? null, notice: status ? status.innerText : "" };"""
RUNTIME_CACHED = """for (const name of await caches.keys()) {
  if (name.startsWith("wdyq-runtime-")) return (await (await caches.open(name)).keys()).length >= 6;
}
return false;"""
SNAPSHOT_STORED = """const cache = await caches.open("calc-snapshot");
const base = new URL("assets/pyodide/calc-snapshot/", location.origin + "/");
return !!(await cache.match(new URL("meta", base))) && !!(await cache.match(new URL("memory", base)));"""


def ready(engine, calc_id: str, timeout: float = 120) -> str:
    """Wait until the calculator's result is current; returns how the runtime booted (fresh | snapshot)."""
    return engine.wait(READY, calc_id, timeout=timeout, what=f"{calc_id} ready")


def shows(engine, calc_id: str, html: str) -> None:
    """Wait until the page shows exactly the HTML CPython produced (cases.SAME_RESULT)."""
    engine.wait(SHOWS, calc_id, html, timeout=60, what=f"{calc_id} showing CPython's result")


def computes(engine, calc_id: str, case: dict) -> None:
    engine.run(SET_FIELDS, calc_id, case, SWITCH[calc_id] or "")
    shows(engine, calc_id, expected_html(calc_id, case))


def follow(engine, path: str) -> None:
    """Follow the site's link to ``path`` as a reader does (Material's instant navigation: no page load)."""
    engine.wait(MATERIAL, what="Material's script")
    engine.run(FOLLOW, path)
    engine.wait(SAME_PAGE, path, what=f"instant navigation to {path}")


RESOURCE_ERRORS = """window.__wdyqResourceErrors = [];
addEventListener("error", (e) => {
  if (e.target instanceof Element) window.__wdyqResourceErrors.push(`${e.target.tagName} ${e.target.outerHTML.slice(0, 120)}`);
}, true);"""
"""Record every element that fails to load (a stylesheet, a script, a prefetch link …) in the page, from its start."""


def test_first_visit_computes_like_cpython_and_keeps_saved_data(open_engine, base_url):
    engine = open_engine()
    if engine.name == "firefox":
        engine.before_each_page(RESOURCE_ERRORS)
    engine.goto(f"{base_url}/tools/schedule/")
    assert ready(engine, "schedule") == "fresh"
    engine.wait(MATERIAL, what="Material's script")  # it starts late on calculator pages, after ready
    shows(engine, "schedule", expected_html("schedule"))  # the worked example, not re-wrapped by Material
    tables = engine.run(TABLES_OURS, "schedule")
    assert tables["tables"] == tables["regions"] >= 1 and tables["material"] == 0, tables
    computes(engine, "schedule", CASES["schedule"][1])
    follow(engine, "/tools/apr/")
    ready(engine, "apr")
    computes(engine, "apr", CASES["apr"][1])
    follow(engine, "/tools/evidence-log/")
    ready(engine, "evidence-log")
    computes(engine, "evidence-log", {"entries": LOG})
    engine.reload()  # the saved log comes back; the result is still CPython's once Material has started late
    ready(engine, "evidence-log")
    engine.wait(MATERIAL, what="Material's script")
    shows(engine, "evidence-log", expected_html("evidence-log", {"entries": LOG}))
    tables = engine.run(TABLES_OURS, "evidence-log")
    assert tables["tables"] == tables["regions"] >= 1 and tables["material"] == 0, tables
    if engine.name == "firefox":  # no console error, and nothing failed to load (Firefox prefetched rel=next)
        assert engine.errors() == []
        assert engine.run("return window.__wdyqResourceErrors;") == []


def test_first_install_never_reloads_the_page(open_engine):
    """Each visit is a first visit to a new origin (its own nginx port); calculator and text pages alternate."""
    engine = open_engine()
    visits = int(os.environ.get("FIRST_VISITS", "2"))
    seen = []
    for k in range(visits):
        port = free_port()
        server = start_nginx(SITE, port)
        try:
            path = "/tools/apr/" if k % 2 == 0 else "/rules/red-lines/"
            engine.goto(f"http://127.0.0.1:{port}{path}")
            engine.run("window.__wdyqVisit = args[0]; return true;", k)
            if path.startswith("/tools/"):
                ready(engine, "apr")
            # The worker installs, claims the page (controllerchange) and the page says it works offline.
            engine.wait(IN_CONTROL, timeout=120, what="the first service worker in control")
            state = engine.run(PAGE_STATE)  # after controllerchange: a reload would have been decided by now
            seen.append(state)
            assert (state["visit"], state["navigation"], state["offline"]) == (k, "navigate", "controlled"), (path, state)
            assert "新版本" not in state["notice"] and "可离线使用" in state["notice"], (path, state)
        finally:
            stop(server)
    assert len(seen) == visits


def test_a_return_visit_boots_from_the_snapshot_and_the_site_works_offline(open_engine):
    engine = open_engine()
    with Deployment(f"return-{engine.name}") as site:
        engine.goto(f"{site.url}tools/inventory/")
        assert ready(engine, "inventory") == "fresh"
        computes(engine, "inventory", {"debts": MINE})
        engine.wait(IN_CONTROL, timeout=120, what="the service worker in control")
        engine.wait(RUNTIME_CACHED, timeout=120, what="the runtime cached for offline use")
        engine.wait(SNAPSHOT_STORED, timeout=180, what="a memory snapshot kept in idle time")
        engine.goto(f"{site.url}tools/inventory/")  # the return visit: from the snapshot, with the saved debts
        assert ready(engine, "inventory") == "snapshot"
        assert engine.run("return document.querySelector('[name=\"debts\"]').value;") == MINE
        shows(engine, "inventory", expected_html("inventory", {"debts": MINE}))
        site.stop_server()  # offline: the service worker serves the pages, the runtime and the snapshot
        engine.goto(f"{site.url}rules/red-lines/")
        assert "12356" in article_text(engine)
        engine.goto(f"{site.url}tools/plan/")
        assert ready(engine, "plan") == "snapshot"
        computes(engine, "plan", {"debts": MINE, "budget": "3000"})


def article_text(engine, timeout: float = 30) -> str:
    """The page's article text, once the page has one; when it never does, fail with what the page is instead (an
    engine's own error page when the service worker did not answer)."""
    try:
        return engine.wait("const a = document.querySelector('article'); return a ? a.innerText : null;",
                           timeout=timeout, what="the page's article")
    except AssertionError as e:
        seen = engine.run("return [location.href, document.title, (document.body?.innerText ?? '').slice(0, 300)];")
        raise AssertionError(f"{e}; the page instead: {seen!r}") from None


def test_a_new_deployment_reaches_the_old_service_worker(open_engine):
    engine = open_engine()
    with Deployment(f"deploy-{engine.name}") as site:
        engine.goto(site.url)
        engine.wait(IN_CONTROL, timeout=120, what="the service worker in control")
        site.deploy_new()
        engine.reload()
        engine.wait("""const b = document.querySelector("[data-offline-status] button");
            return !!b && b.innerText === "刷新到新版本" && document.documentElement.dataset.offline;""",
                    timeout=120, what="the new version offered")
        assert engine.run("return document.getElementById('new-deployment') === null;")  # the old worker's page
        engine.run("document.querySelector('[data-offline-status] button').click(); return true;")
        text = engine.wait("const p = document.getElementById('new-deployment'); return p && p.innerText;",
                           timeout=120, what="the new deployment's page")
        assert text == "这是新部署的版本"
