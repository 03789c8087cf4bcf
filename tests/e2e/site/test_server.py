"""The real deployment (issue: a tested nginx configuration): deploy/nginx.conf as nginx serves it.

* every header on every kind of file: the CSP (the page's <meta> policy plus frame-ancestors), nosniff,
  referrer, permissions, COOP, Cache-Control, exact types; no server version;
* the precompressed files: br when asked, gzip when only gzip is accepted, none when neither;
* the site's own 404 page with status 404;
* scripts/check_deploy.py: nothing missing against nginx, the missing headers against scripts/serve.py.
What a browser does with them (a new deployment, framing) is in chromium/test_deployment.py.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import urllib.error
import urllib.request

import brotli
import pytest
from server import ROOT, SITE, free_port, serve, start_nginx, stop

sys.path.insert(0, str(ROOT / "scripts"))
import check_deploy  # noqa: E402

REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"
HOME = (SITE / "index.html").read_text(encoding="utf-8") if (SITE / "index.html").exists() else ""


def get(url: str, encoding: str = "identity"):
    """(status, headers with lower-case names, body) for one request with this Accept-Encoding."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def directives(policy: str) -> set[str]:
    return {" ".join(d.split()) for d in policy.split(";") if d.strip()}


def hashed_asset() -> str:
    found = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', HOME)
    assert found, "the home page links no hashed Material bundle"
    return "/" + found.group(1)


def manifest() -> str | None:
    found = re.search(r'<link rel="manifest" href="([^"]+)"', HOME)
    return "/" + found.group(1).lstrip("./") if found else None


# path → (type, Cache-Control)
FILES = {
    "/": ("text/html; charset=utf-8", REVALIDATE),
    "/tools/apr/": ("text/html; charset=utf-8", REVALIDATE),
    "/sw.js": ("text/javascript", REVALIDATE),
    "/assets/calc.js": ("text/javascript", REVALIDATE),
    "/assets/pyodide/pyodide.asm.wasm": ("application/wasm", REVALIDATE),
    "/assets/pyodide/pyodide.mjs": ("text/javascript", REVALIDATE),
    "/assets/pyodide/pyodide-lock.json": ("application/json", REVALIDATE),
    "HASHED": ("text/javascript", IMMUTABLE),
    "/assets/images/favicon.png": ("image/png", SHORT),
    "MANIFEST": ("application/manifest+json", REVALIDATE),
}


@pytest.mark.parametrize("path", list(FILES))
def test_headers_types_and_cache_lifetimes(base_url, path):
    kind, cache = FILES[path]
    if path == "HASHED":
        path = hashed_asset()
    if path == "MANIFEST":
        path = manifest()
        if path is None:
            pytest.skip("site/ has no web app manifest yet (its MIME type is tested in test_types_by_extension)")
    status, headers, _ = get(base_url + path)
    assert status == 200
    assert headers["content-type"] == kind
    assert headers["cache-control"] == cache
    page_csp = check_deploy.meta_csp(HOME)
    assert page_csp, "the built page has no CSP <meta>"
    assert directives(headers["content-security-policy"]) == directives(page_csp) | {"frame-ancestors 'none'"}
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    denied = set(headers["permissions-policy"].replace(" ", "").split(","))
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"} <= denied
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["server"] == "nginx"  # server_tokens off: no version


def test_types_by_extension(tmp_path):
    """The MIME map itself, for every kind of file the site has or will have (the manifest included)."""
    types = {"index.html": "text/html; charset=utf-8", "a.webmanifest": "application/manifest+json",
             "a.wasm": "application/wasm", "a.mjs": "text/javascript", "a.js": "text/javascript",
             "a.json": "application/json", "a.css": "text/css", "a.svg": "image/svg+xml",
             "a.whl": "application/zip", "a.zip": "application/zip", "a.png": "image/png",
             "a.woff2": "font/woff2", "a.unknown": "application/octet-stream"}
    for name in types:
        (tmp_path / name).write_bytes(b"x")
    port = free_port()
    server = start_nginx(tmp_path, port)
    try:
        got = {name: get(f"http://127.0.0.1:{port}/{name}")[1]["content-type"] for name in types}
        assert got == types
        assert get(f"http://127.0.0.1:{port}/a.webmanifest")[1]["cache-control"] == REVALIDATE
    finally:
        stop(server)


@pytest.mark.parametrize("path", ["/", "/assets/pyodide/pyodide.asm.wasm", "/sw.js", "HASHED"])
def test_precompressed_encodings(base_url, path):
    path = hashed_asset() if path == "HASHED" else path
    file = SITE / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    original = file.read_bytes()
    cases = {"br, gzip": ("br", brotli.decompress), "gzip": ("gzip", gzip.decompress), "identity": (None, bytes)}
    for accept, (encoding, decode) in cases.items():
        status, headers, body = get(base_url + path, accept)
        assert status == 200
        assert headers.get("content-encoding") == encoding, accept
        assert headers["content-length"] == str(len(body))
        assert decode(body) == original
        assert headers["vary"] == "Accept-Encoding"
        if encoding:
            suffix = ".br" if encoding == "br" else ".gz"
            assert body == file.with_name(file.name + suffix).read_bytes()  # the prebuilt file, as it is


def test_missing_page_is_the_sites_own_404(base_url):
    for path in ("/no-such-page/", "/tools/no-such-tool/", "/assets/no-such.js"):
        status, headers, body = get(base_url + path)
        assert status == 404
        assert body == (SITE / "404.html").read_bytes()
        assert headers["cache-control"] == REVALIDATE
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_check_deploy_passes_on_nginx_and_names_what_serve_py_lacks(base_url):
    ok = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_deploy.py"), base_url + "/"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout
    assert "全部符合" in ok.stdout and "all" in ok.stdout and "✗" not in ok.stdout
    port = free_port()
    plain = serve("serve.py", port, SITE)
    try:
        bad = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_deploy.py"), f"http://127.0.0.1:{port}/"],
                             capture_output=True, text=True, timeout=120)
    finally:
        plain.terminate()
        plain.wait(timeout=5)
    assert bad.returncode == 1
    for missing in ("Content-Security-Policy header missing", "X-Content-Type-Options: nosniff missing",
                    "Referrer-Policy: no-referrer missing", "Permissions-Policy does not deny",
                    "Cross-Origin-Opener-Policy: same-origin missing", "Cache-Control must make it revalidate",
                    "a hashed asset should be cached long", "the site's own 404.html is not shown",
                    "缺少 Content-Security-Policy 头", "缺少或错误"):
        assert missing in bad.stdout, missing
    assert "wasm" not in bad.stdout  # serve.py does send the wasm type and the precompressed files
