"""The runtime the site ships (no browser): the lock file registers the wheel, every module has its bytecode, the
shipped glue compiles up front (under Node)."""

from __future__ import annotations

import json

from server import ROOT, SITE


def test_lockfile_registers_the_wheel_with_its_sha256():
    import hashlib

    lock = json.loads((SITE / "assets/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    wheel = SITE / "assets/pyodide" / entry["file_name"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    glue = SITE / "assets/pyodide/pyodide.asm.mjs"  # part of a memory snapshot's key (calc-snapshot.js)
    assert lock["tool"]["wdyq"]["glue_sha256"] == hashlib.sha256(glue.read_bytes()).hexdigest()
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]:
        assert (SITE / "assets/pyodide" / name).stat().st_size > 10_000


def test_shipped_runtime_has_unchecked_bytecode_for_every_module():
    """The standard library ships as sourceless .pyc and the wheel with a .pyc beside every source (hooks/pyc.mjs):
    unchecked hash-based, one magic number, stored zips with precompressed siblings, and a RECORD that matches."""
    import base64
    import hashlib
    import zipfile

    runtime = SITE / "assets/pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    magics = set()

    def check_pyc(data: bytes) -> None:
        magics.add(data[:4])
        assert int.from_bytes(data[4:8], "little") == 0b01  # hash-based, not checked against a source

    with zipfile.ZipFile(runtime / "python_stdlib.zip") as stdlib:
        names = stdlib.namelist()
        assert not [n for n in names if n.endswith(".py")]
        for module in ("json/__init__.pyc", "decimal.pyc", "dataclasses.pyc", "_pyodide/_base.pyc"):
            check_pyc(stdlib.read(module))
        assert {i.compress_type for i in stdlib.infolist()} == {zipfile.ZIP_STORED}
    with zipfile.ZipFile(runtime / lock["packages"]["calculators"]["file_name"]) as wheel:
        names = set(wheel.namelist())
        sources = [n for n in names if n.endswith(".py")]
        assert "calculators/web.py" in sources
        for source in sources:
            folder, _, name = source.rpartition("/")
            check_pyc(wheel.read(f"{folder}/__pycache__/{name[:-3]}.cpython-314.pyc"))
        record = wheel.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode().splitlines()
        listed = {}
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            listed[path] = digest
            if digest:
                data = wheel.read(path)
                assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert int(size) == len(data)
        assert set(listed) == names
    assert len(magics) == 1
    for name in ("python_stdlib.zip", lock["packages"]["calculators"]["file_name"]):
        assert (runtime / f"{name}.br").stat().st_size < (runtime / name).stat().st_size / 2


def test_shipped_glue_is_npms_with_the_compile_hint():
    """hooks/runtime.py ship_glue: Chromium's compile hint on the first line, and otherwise npm's glue byte for byte
    (nothing the build cannot check is patched into Emscripten's code)."""
    shipped = (SITE / "assets/pyodide/pyodide.asm.mjs").read_bytes()
    npm = (ROOT / "node_modules/pyodide/pyodide.asm.mjs").read_bytes()
    assert shipped == b"//# allFunctionsCalledOnLoad\n" + npm
