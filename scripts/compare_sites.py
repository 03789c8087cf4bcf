"""Compare two builds of the site (两次构建比较), e.g. MkDocs against ProperDocs, or with and without hooks.

``python scripts/compare_sites.py SITE_A SITE_B``. First, page by page, what a reader must get whatever built
the page: the crisis box (12356 / 110), the citations (``a.src`` links with their 「未经核实」 labels), the
calculators (each ``[data-calculator]`` block, as rendered) and the page's date line (``p.page-checked``); one
summary line, then every page where they differ. Then file by file: before comparing it removes what differs
between any two builds: the ``<meta name="generator">`` line, the service worker's version digests, the wheel's
timestamps (members are compared by content) and its sha256 in pyodide-lock.json; ``.gz``/``.br`` files are
compared decompressed. Prints every remaining difference; exit code 1 if there is one of either kind.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import io
import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import brotli


def normalised(path: Path) -> bytes:
    """The file's content without what legitimately changes from one build to the next."""
    data = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name[:-3]
    elif name.endswith(".br"):
        data, name = brotli.decompress(data), name[:-3]
    if name.endswith(".html"):
        return re.sub(rb'<meta name="generator" content="[^"]*">', b"", data)
    if name == "sw.js":
        return re.sub(rb'const (RUNTIME_)?VERSION = "[0-9a-f]+";', b"", data)
    if name.endswith(".whl"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return json.dumps({i.filename: z.read(i).hex() for i in z.infolist()}, sort_keys=True).encode()
    if name == "pyodide-lock.json":
        lock = json.loads(data)
        lock["packages"]["calculators"].pop("sha256", None)
        return json.dumps(lock, sort_keys=True).encode()
    return data


class Essentials(HTMLParser):
    """What a reader must get on a page: crisis box text, citations, calculators, the date line."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.crisis: list[str] = []
        self.citations: list[str] = []
        self.calculators: list[str] = []
        self.footers: list[str] = []
        self.open: list[tuple[str, str | None, list[str]]] = []  # (tag, what it collects, its text/html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        kind = None
        if tag == "div" and "danger" in classes and "admonition" in classes:
            kind = "crisis"
        elif tag == "a" and "src" in classes:
            kind = "citation"
        elif "data-calculator" in a:
            kind = "calculator"
        elif tag == "p" and "page-checked" in classes:
            kind = "footer"
        if self.open and self.open[-1][1] == "calculator":
            self.open[-1][2].append(self.get_starttag_text())
        if tag in self.VOID:
            return
        if kind and not any(k for _, k, _ in self.open):
            self.open.append((tag, kind, [f"{a.get('href', '')} " if kind == "citation" else ""]))
        else:
            self.open.append((tag, None, []))

    def handle_startendtag(self, tag, attrs):
        if any(k == "calculator" for _, k, _ in self.open):
            self._collecting()[2].append(self.get_starttag_text())

    def _collecting(self):
        return next(o for o in reversed(self.open) if o[1])

    def handle_endtag(self, tag):
        while self.open:
            name, kind, text = self.open.pop()
            if any(k for _, k, _ in self.open) and self.open and self._collecting()[1] == "calculator":
                self._collecting()[2].append(f"</{name}>")
            if kind:
                value = " ".join("".join(text).split())
                if kind == "calculator":
                    value = hashlib.sha256(value.encode()).hexdigest()[:16]
                {"crisis": self.crisis, "citation": self.citations, "calculator": self.calculators,
                 "footer": self.footers}[kind].append(value)
            if name == tag:
                break

    def handle_data(self, data):
        if any(k for _, k, _ in self.open):
            self._collecting()[2].append(data)


def essentials(html: str) -> dict[str, list[str]]:
    """The crisis box texts, citations (link target and text), calculator blocks (a digest) and date lines."""
    parser = Essentials()
    parser.feed(html)
    parser.close()
    crisis = [c for c in parser.crisis if "12356" in c and "110" in c]
    return {"crisis": crisis, "citations": parser.citations, "calculators": parser.calculators,
            "footers": parser.footers}


def compare_pages(a: Path, b: Path) -> tuple[str, list[str]]:
    """The summary line and the pages whose essentials differ between the two sites."""
    pages = sorted(p.relative_to(a).as_posix() for p in a.rglob("index.html")
                   if not {"assets", "search"} & set(p.relative_to(a).parts))
    totals = {"crisis": 0, "citations": 0, "calculators": 0, "footers": 0}
    out = []
    for rel in pages:
        x = essentials((a / rel).read_text(encoding="utf-8"))
        y = essentials((b / rel).read_text(encoding="utf-8")) if (b / rel).exists() else None
        for key in totals:
            totals[key] += len(x[key])
        if y is None:
            out.append(f"page only in {a}: {rel}")
            continue
        for key in totals:
            if x[key] != y[key]:
                gone = [v for v in x[key] if v not in y[key]][:3]
                new = [v for v in y[key] if v not in x[key]][:3]
                out.append(f"page {rel}: {key} differ ({len(x[key])} vs {len(y[key])}): -{gone} +{new}")
    no_box = [p for p in pages if not essentials((a / p).read_text(encoding="utf-8"))["crisis"]]
    summary = (f"pages: {len(pages)}; crisis box on {len(pages) - len(no_box)}; citations {totals['citations']}; "
               f"calculators {totals['calculators']}; date lines {totals['footers']}")
    out += [f"page {p}: no crisis box (12356 / 110) in {a}" for p in no_box]
    return summary, out


def compare(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in {a}: {f}" for f in sorted(files_a - files_b)]
    out += [f"only in {b}: {f}" for f in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        x, y = normalised(a / rel), normalised(b / rel)
        if x != y:
            diff = difflib.unified_diff(x.decode("utf-8", "replace").splitlines(),
                                        y.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
            out.append(f"differs: {rel}\n" + "\n".join(list(diff)[2:12]))
    return out


def main() -> int:
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    summary, pages = compare_pages(a, b)
    print(f"{summary}: " + ("the same in both" if not pages else f"{len(pages)} differences"))
    print("\n".join(pages)) if pages else None
    differences = compare(a, b)
    print("\n".join(differences) if differences else
          f"files: same: {sum(1 for p in a.rglob('*') if p.is_file())} files (after the normalisations above)")
    return 1 if differences or pages else 0


if __name__ == "__main__":
    sys.exit(main())
