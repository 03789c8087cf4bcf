"""The snapshot maker is never started for a Pyodide the site does not trust (issue 21).

A deployment whose Pyodide is not calc-snapshot.js's TRUSTED (simulated by serving calc-snapshot.js with another
pin) computes as usual, reports ``data-snapshot="untrusted"`` as its first snapshot outcome, and neither stores a
snapshot nor notes a failed attempt. Before, the worker started the maker (a second interpreter) at idle anyway:
on a real untrusted deployment it then refused the build and noted a failure; here, where only the page's copy of
the file is swapped (a nested worker's requests are not routed), the maker even stored one. The build itself fails
on such a pin (hooks/upgrade.py, tests/unit/test_build_upgrade.py)."""

from __future__ import annotations

from conftest import SITE
from test_snapshot import FAILED_NOTE, boot_of, computes_like_cpython, stored


def test_an_untrusted_pyodide_never_starts_the_snapshot_maker(visit):
    v = visit()
    script = (SITE / "assets" / "calc-snapshot.js").read_text(encoding="utf-8")
    other = script.replace('version: "', 'version: "0.0.0-', 1)
    assert other != script
    v.context.route("**/assets/calc-snapshot.js",
                    lambda route: route.fulfill(body=other, content_type="text/javascript"))
    page = v.goto("/tools/apr/")
    assert boot_of(page, "apr") == "fresh"
    root = page.locator('[data-calculator="apr"][data-snapshot]')
    root.wait_for(state="attached", timeout=180_000)  # the first outcome the worker reports
    assert root.get_attribute("data-snapshot") == "untrusted"
    computes_like_cpython(page, "apr")
    assert stored(page) is None
    assert page.evaluate(FAILED_NOTE) is None
    assert v.external == []
