"""The runtime the site ships (no browser): the lock file registers the wheel, every module has its bytecode, the
shipped glue compiles up front (under Node)."""

from __future__ import annotations

import json

from server import SITE


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


COUNT_WASM_MODULES = """
import { loadPyodide } from "%(root)s/node_modules/pyodide/pyodide.mjs";
let made = 0;
WebAssembly.Module = new Proxy(WebAssembly.Module, { construct: (target, args) => (made++, new target(...args)) });
const out = {};
for (const [label, dir] of [["npm", "%(root)s/node_modules/pyodide/"], ["shipped", "%(site)s/assets/pyodide/"]]) {
  made = 0;
  const createPyodideModule = (await import(dir + "pyodide.asm.mjs")).default;
  const py = await loadPyodide({ indexURL: dir, createPyodideModule });
  out[label] = { modules: made, result: py.runPython("str(sum(range(10)))") };
}
console.log(JSON.stringify(out));
"""


def test_shipped_glue_is_compiled_up_front_and_wraps_the_linkers_functions_in_one_module():
    """hooks/runtime.py ship_glue: Chromium's compile hint on the first line, and the ~260 JavaScript functions the
    dynamic linker puts in the wasm table wrapped by one module instead of one module each (same interpreter)."""
    import subprocess

    glue = (SITE / "assets/pyodide/pyodide.asm.mjs").read_text(encoding="utf-8")
    assert glue.startswith("//# allFunctionsCalledOnLoad\n")
    script = COUNT_WASM_MODULES % {"root": SITE.parent, "site": SITE}
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["npm"]["result"] == counts["shipped"]["result"] == "45"
    assert counts["npm"]["modules"] > 200  # the glue as npm ships it: one module per function
    assert counts["shipped"]["modules"] < 10
