"""Compare two builds of the site file by file (两次构建逐个文件比较), e.g. MkDocs against ProperDocs.

``python scripts/compare_sites.py SITE_A SITE_B``. Before comparing it removes what differs between any two
builds: the ``<meta name="generator">`` line, the service worker's version digests, the wheel's timestamps
(members are compared by content) and its sha256 in pyodide-lock.json; ``.gz``/``.br`` files are compared
decompressed. Prints every remaining difference; exit code 1 if there is one.
"""

from __future__ import annotations

import difflib
import gzip
import io
import json
import re
import sys
import zipfile
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
    differences = compare(a, b)
    print("\n".join(differences) if differences else
          f"same: {sum(1 for p in a.rglob('*') if p.is_file())} files (after the normalisations above)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
