"""升级检查 (upgrade checks): the build proves the Pyodide runtime it ships, and the pins that must follow it.

* :func:`pin_problems`: every place that names the Pyodide release agrees with the one installed from npm
  (``node_modules/pyodide/package.json``, its ``pyodide.mjs`` build id, its ``pyodide-lock.json`` Python version):
  the snapshot pin ``TRUSTED`` in ``docs/assets/calc-snapshot.js``, the header of ``hooks/stdlib-modules.txt``
  and the Makefile's ``PYODIDE_PYTHON`` (``--python-version`` of the Pyodide test wheels).
* :func:`self_check`: the runtime in ``site/assets/pyodide`` is started under Node exactly as a reader's worker
  starts it (the shipped glue, the trimmed precompiled standard library, the wheel named by the shipped
  ``pyodide-lock.json``; ``hooks/runtime_check.mjs``), then does what the snapshot maker does before it keeps a
  snapshot (every calculators module imported, every worked example computed, the self-check computed), with the
  Python snippets of the shipped ``calc-snapshot.js`` itself; the self-check must equal CPython's.

Each problem is one line, in Chinese and English, naming the file, the missing module or the two values.
CONTRIBUTING.md, 升级 Pyodide, lists what to change when they disagree.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path

from wdyq_markdown.errors import EngineError

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
SNAPSHOT_JS = "docs/assets/calc-snapshot.js"
STDLIB_LIST = "hooks/stdlib-modules.txt"
SCRIPT = Path(__file__).with_name("runtime_check.mjs")
UPGRADE = "（见 CONTRIBUTING.md「升级 Pyodide」 / see CONTRIBUTING.md, 升级 Pyodide）"


class UpgradeError(EngineError):
    """The shipped runtime does not start or computes something else, or a pin disagrees with the installed
    Pyodide. The message says what, in Chinese and English."""


def pyodide_version(npm: str) -> str:
    """npm's spelling of a Pyodide release → Pyodide's own (``pyodide.version``, PEP 440), which TRUSTED and the
    stdlib list's header carry: ``315.0.0-alpha.2`` → ``315.0.0a2``, ``314.0.8`` → ``314.0.8``."""
    found = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.?(\d+))?", npm)
    if not found or not found.group(2):
        return npm
    return f"{found.group(1)}{ {'alpha': 'a', 'beta': 'b', 'rc': 'rc'}[found.group(2)]}{found.group(3)}"


def installed(pyodide: Path = PYODIDE) -> dict[str, str]:
    """The Pyodide release installed from npm: its version as Pyodide reports it (:func:`pyodide_version`), npm's
    version, build id, Python version (major.minor.patch)."""
    if not (pyodide / "package.json").exists():
        raise UpgradeError("node_modules/pyodide 不存在：请先运行 make setup（npm ci） / "
                           "node_modules/pyodide is missing: run make setup")
    version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    build = re.search(r'BUILD_ID:"([0-9a-f]+)"', (pyodide / "pyodide.mjs").read_text(encoding="utf-8"))
    python = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]
    return {"version": pyodide_version(version), "npm": version, "build_id": build.group(1) if build else "",
            "python": python}


def trusted(root: Path = ROOT) -> dict[str, str]:
    """The snapshot pin ``TRUSTED`` (version, buildId) as written in calc-snapshot.js."""
    text = (root / SNAPSHOT_JS).read_text(encoding="utf-8")
    block = re.search(r"export const TRUSTED = \{(.*?)\}", text, re.S)
    fields = dict(re.findall(r'(\w+):\s*"([^"]*)"', block.group(1))) if block else {}
    return {"version": fields.get("version", ""), "build_id": fields.get("buildId", "")}


def stdlib_list_release(root: Path = ROOT) -> str:
    """The Pyodide release the stdlib list was generated for (its header line)."""
    first = (root / STDLIB_LIST).read_text(encoding="utf-8").splitlines()[0]
    found = re.search(r"for Pyodide (\S+?);", first)
    return found.group(1) if found else ""


def makefile_python(root: Path = ROOT) -> str:
    """The Python version the Makefile downloads the Pyodide test wheels for (``PYODIDE_PYTHON``)."""
    found = re.search(r"^PYODIDE_PYTHON\s*:?=\s*(\S+)", (root / "Makefile").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else ""


def pin_problems(root: Path = ROOT, pyodide: Path = PYODIDE) -> list[str]:
    """Every pin that disagrees with the installed Pyodide, one bilingual line each ([] when all agree)."""
    have = installed(pyodide)
    minor = ".".join(have["python"].split(".")[:2])
    pin = trusted(root)
    problems = []
    if (pin["version"], pin["build_id"]) != (have["version"], have["build_id"]):
        problems.append(
            f"{SNAPSHOT_JS} 的 TRUSTED 是 {pin['version']}（build {pin['build_id'][:12]}），安装的 Pyodide 是 "
            f"{have['version']}（build {have['build_id'][:12]}）：内存快照只能信任装好并测过的版本 / the snapshot pin "
            f"TRUSTED ({pin['version']}, build {pin['build_id'][:12]}) is not the installed Pyodide "
            f"({have['version']}, build {have['build_id'][:12]}); after testing it: "
            f'version: "{have["version"]}", buildId: "{have["build_id"]}"')
    listed = stdlib_list_release(root)
    if listed != have["version"]:
        problems.append(
            f"{STDLIB_LIST} 是为 Pyodide {listed or '（未注明）'} 生成的，安装的是 {have['version']}：请运行 "
            f"node scripts/stdlib_modules.mjs / the stdlib list was made for Pyodide {listed or '(unknown)'}, "
            f"not the installed {have['version']}: run node scripts/stdlib_modules.mjs")
    make = makefile_python(root)
    if make != minor:
        problems.append(
            f"Makefile 的 PYODIDE_PYTHON 是 {make or '（没有）'}，安装的 Pyodide 用 Python {minor} / the Makefile's "
            f"PYODIDE_PYTHON {make or '(none)'} is not the installed Pyodide's Python {minor}")
    return problems


def check_pins(root: Path = ROOT, pyodide: Path = PYODIDE) -> None:
    """Fail (:class:`UpgradeError`) when a pin disagrees with the installed Pyodide."""
    problems = pin_problems(root, pyodide)
    if problems:
        raise UpgradeError("Pyodide 的版本钉子对不上 / Pyodide pins disagree:\n  " + "\n  ".join(problems) + f"\n{UPGRADE}")


def run_snippet(code: str) -> object:
    """Run a Python snippet as ``pyodide.runPython`` does (its value is the last expression's) in this CPython."""
    tree = ast.parse(code)
    scope: dict = {"__name__": "__snippet__"}
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<snippet>", "exec"), scope)
    return eval(compile(ast.Expression(last.value), "<snippet>", "eval"), scope) if last else None


MISSING = re.compile(r"ModuleNotFoundError: (?:No module named|Standard library module) '([^']+)'")
"""Python's message for a module it cannot find (3.15 says "Standard library module 'x' was not found" for one of
its own: seen on the upgrade walk-through)."""


def self_check(site_dir: Path, node: str = "node") -> dict:
    """Start the shipped runtime of ``site_dir`` under Node as a reader's worker does and run the snapshot's
    self-check; fail (:class:`UpgradeError`) naming the missing module, or the mismatch with CPython."""
    runtime = site_dir / "assets" / "pyodide"
    done = subprocess.run([node, str(SCRIPT), str(runtime), str(site_dir / "assets" / "calc-snapshot.js")],
                          cwd=ROOT, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        detail = (done.stderr or done.stdout).strip()
        missing = MISSING.findall(detail)
        what = (f"缺少模块 {missing[-1]}（hooks/stdlib-modules.txt 里没有它）/ missing module {missing[-1]} "
                f"(not in hooks/stdlib-modules.txt): run node scripts/stdlib_modules.mjs" if missing
                else "启动失败 / it did not start")
        python = [ln for ln in detail.splitlines() if not ln.startswith("    at ") and len(ln) < 400]
        tail = "\n".join(python[-12:])  # Python's traceback, without the JavaScript frames
        raise UpgradeError(f"网站带的 Pyodide 运行时在 Node 下起不来 / the shipped Pyodide runtime fails to start: "
                           f"{what}\n{tail}\n{UPGRADE}")
    report = json.loads(lines[-1])
    expected = run_snippet(report["selfCheck"])
    if report["check"] != expected:
        raise UpgradeError("网站带的 Pyodide 运行时算出的自检结果和 CPython 不同 / the shipped runtime's self-check "
                           f"differs from CPython's:\n  Pyodide: {report['check'][:300]!r}\n  CPython: "
                           f"{str(expected)[:300]!r}\n{UPGRADE}")
    have = installed()
    if (report["version"], report["buildId"]) != (have["version"], have["build_id"]):
        raise UpgradeError(f"网站带的 Pyodide 是 {report['version']}（build {report['buildId'][:12]}），node_modules 里的是 "
                           f"{have['version']} / the shipped runtime is not node_modules' Pyodide\n{UPGRADE}")
    return report
