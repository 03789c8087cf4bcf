"""Check a deployed copy of the site (部署检查): headers, types, encodings and the 404 page a host must give.

``python scripts/check_deploy.py https://example.org/guide/`` fetches a few files of the site (standard library
only) and prints, in Chinese and English, every header, type or encoding that is missing or wrong. Exit code 0
when nothing is missing, 1 otherwise, 2 when the site cannot be reached. deploy/nginx.conf gives all of it.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin

IMMUTABLE_MIN_AGE = 30 * 24 * 3600
POWERFUL = ("camera", "microphone", "geolocation")
HASHED = re.compile(r'(?:src|href)="([^"]*assets/(?:javascripts/bundle|stylesheets/main)\.[0-9a-f]{8}\.min\.(?:js|css))"')


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Report:
    """What is missing or wrong (缺少或错误), one line each, and how many things were checked."""

    problems: list[str] = field(default_factory=list)
    checked: int = 0

    def expect(self, ok: bool, where: str, zh: str, en: str) -> None:
        self.checked += 1
        if not ok:
            self.problems.append(f"✗ {where}: {zh} / {en}")


def fetch(url: str, encoding: str = "identity", method: str = "GET") -> Response:
    """One request with this Accept-Encoding; HTTP errors (404) are answers too, not exceptions."""
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": encoding,
                                                                  "User-Agent": "check_deploy"})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return Response(url, r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Response(url, e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def essence(content_type: str) -> str:
    """The MIME type without parameters ("text/html; charset=utf-8" → "text/html")."""
    return content_type.split(";")[0].strip().lower()


def meta_csp(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    return found.group(1) if found else ""


def directives(policy: str) -> set[str]:
    return {" ".join(d.split()) for d in policy.split(";") if d.strip()}


def check_security(report: Report, r: Response, page_csp: str) -> None:
    """The headers a <meta> cannot give: CSP with frame-ancestors, nosniff, referrer, permissions, COOP."""
    where = r.url
    csp = r.header("Content-Security-Policy")
    report.expect(bool(csp), where, "缺少 Content-Security-Policy 头", "Content-Security-Policy header missing")
    if csp:
        report.expect("frame-ancestors 'none'" in directives(csp), where,
                      "CSP 头缺少 frame-ancestors 'none'（防止被嵌入别的网站）",
                      "CSP header lacks frame-ancestors 'none' (clickjacking)")
        missing = directives(page_csp) - directives(csp)
        report.expect(not missing, where, f"CSP 头比页面的 <meta> 宽松，缺少：{'; '.join(sorted(missing))}",
                      "CSP header is looser than the page's <meta> policy")
    report.expect(r.header("X-Content-Type-Options").lower() == "nosniff", where,
                  "缺少 X-Content-Type-Options: nosniff", "X-Content-Type-Options: nosniff missing")
    report.expect(r.header("Referrer-Policy").lower() == "no-referrer", where,
                  "缺少 Referrer-Policy: no-referrer", "Referrer-Policy: no-referrer missing")
    policy = r.header("Permissions-Policy").replace(" ", "")
    denied = [f for f in POWERFUL if f"{f}=()" not in policy]
    report.expect(not denied, where, f"Permissions-Policy 没有禁止：{', '.join(denied)}",
                  f"Permissions-Policy does not deny: {', '.join(denied)}")
    report.expect(r.header("Cross-Origin-Opener-Policy").lower() == "same-origin", where,
                  "缺少 Cross-Origin-Opener-Policy: same-origin", "Cross-Origin-Opener-Policy: same-origin missing")
    server = r.header("Server")
    report.expect(not re.search(r"\d", server), where, f"Server 头泄露了版本号（{server}）",
                  "the Server header gives away its version (nginx: server_tokens off)")


def revalidates(cache_control: str) -> bool:
    cc = cache_control.lower().replace(" ", "")
    return "no-cache" in cc or "no-store" in cc or ("max-age=0" in cc and "must-revalidate" in cc)


def check_revalidate(report: Report, r: Response) -> None:
    report.expect(revalidates(r.header("Cache-Control")), r.url,
                  f"Cache-Control 应为 no-cache（每次重新验证），现在是“{r.header('Cache-Control')}”",
                  "Cache-Control must make it revalidate (no-cache), or readers stay on an old version")


def check_immutable(report: Report, r: Response) -> None:
    cc = r.header("Cache-Control").lower()
    age = re.search(r"max-age=(\d+)", cc)
    ok = "immutable" in cc and bool(age) and int(age.group(1)) >= IMMUTABLE_MIN_AGE
    report.expect(ok, r.url, f"带哈希的文件应长期缓存（immutable，max-age ≥ 30 天），现在是“{cc}”",
                  "a hashed asset should be cached long and immutable")


def check_type(report: Report, r: Response, expected: str) -> None:
    got = essence(r.header("Content-Type"))
    report.expect(r.status == 200, r.url, f"状态码 {r.status}（应为 200）", f"status {r.status}, expected 200")
    report.expect(got == expected, r.url, f"Content-Type 应为 {expected}，现在是“{got}”",
                  f"Content-Type should be {expected}, is {got or 'missing'}")


def check_encodings(report: Report, url: str, identity: Response) -> None:
    """br when asked, gzip when only gzip is accepted, none when neither; Content-Length and bodies right."""
    plain = identity.body
    report.expect(identity.header("Content-Encoding") in ("", "identity"), url,
                  "没要求压缩却返回了压缩内容", "compressed although the client accepts none")
    for encoding in ("br", "gzip"):
        r = fetch(url, encoding)
        got = r.header("Content-Encoding")
        report.expect(got == encoding, url, f"请求 {encoding} 时没有返回 {encoding} 压缩（现在是“{got or '无'}”）",
                      f"Accept-Encoding: {encoding} did not give Content-Encoding: {encoding}")
        if got != encoding:
            continue
        length = r.header("Content-Length")
        report.expect(length == str(len(r.body)), url, f"{encoding} 响应的 Content-Length 与内容长度不符",
                      f"{encoding} response: Content-Length does not match the body")
        report.expect("accept-encoding" in r.header("Vary").lower(), url, "压缩响应缺少 Vary: Accept-Encoding",
                      "compressed response lacks Vary: Accept-Encoding")
        if encoding == "gzip":
            try:
                same = gzip.decompress(r.body) == plain
            except OSError:
                same = False
            report.expect(same, url, "gzip 内容解压后与原文件不同", "gzip body does not decompress to the file")
        else:
            report.expect(len(r.body) < len(plain) and r.body != plain, url,
                          "br 内容不比原文件小", "br body is not smaller than the file")


def check_site(base: str) -> Report:
    base = base if base.endswith("/") else base + "/"
    report = Report()
    home = fetch(base)
    if home.status != 200:
        raise ConnectionError(f"{base} → {home.status}")
    html = home.body.decode("utf-8", "replace")
    page_csp = meta_csp(html)
    check_type(report, home, "text/html")
    check_security(report, home, page_csp)
    check_revalidate(report, home)
    check_encodings(report, base, home)

    sw = fetch(urljoin(base, "sw.js"))
    check_type(report, sw, "text/javascript")
    check_revalidate(report, sw)
    manifest = re.search(r'<link rel="manifest" href="([^"]+)"', html)
    if manifest:
        r = fetch(urljoin(base, manifest.group(1)))
        check_type(report, r, "application/manifest+json")
        check_revalidate(report, r)
    wasm = fetch(urljoin(base, "assets/pyodide/pyodide.asm.wasm"), "br, gzip", "HEAD")
    check_type(report, wasm, "application/wasm")
    report.expect(wasm.header("Content-Encoding") == "br", wasm.url, "wasm 没有以 br 压缩发送（约 9.6 MB → 3 MB）",
                  "the wasm is not sent brotli-compressed")
    check_type(report, fetch(urljoin(base, "assets/pyodide/pyodide.mjs"), method="HEAD"), "text/javascript")
    hashed = HASHED.search(html)
    report.expect(bool(hashed), base, "首页里找不到带哈希的 Material 资源", "no hashed asset linked from the home page")
    if hashed:
        r = fetch(urljoin(base, hashed.group(1)), method="HEAD")
        check_type(report, r, "text/javascript" if r.url.endswith(".js") else "text/css")
        check_immutable(report, r)
        report.expect(r.header("X-Content-Type-Options").lower() == "nosniff", r.url,
                      "缺少 X-Content-Type-Options: nosniff", "X-Content-Type-Options: nosniff missing")

    missing = fetch(urljoin(base, "check-deploy-no-such-page/"))
    report.expect(missing.status == 404, missing.url, f"不存在的页面返回状态码 {missing.status}（应为 404）",
                  f"a missing page gives status {missing.status}, not 404")
    title = re.search(r"<title>([^<]*)</title>", html)
    own = bool(title) and title.group(1) in missing.body.decode("utf-8", "replace")
    report.expect(own, missing.url, "不存在的页面没有显示本站自己的 404.html", "the site's own 404.html is not shown")
    check_security(report, missing, page_csp)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the deployed site, e.g. https://example.org/guide/")
    args = parser.parse_args(argv)
    try:
        report = check_site(args.url)
    except (OSError, ConnectionError) as e:
        print(f"无法访问 {args.url}：{e} / cannot reach the site", file=sys.stderr)
        return 2
    for line in report.problems:
        print(line)
    if report.problems:
        print(f"缺少或错误 {len(report.problems)} 项（共检查 {report.checked} 项）/ "
              f"{len(report.problems)} of {report.checked} checks missing or wrong")
        return 1
    print(f"全部符合（共检查 {report.checked} 项）/ all {report.checked} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
