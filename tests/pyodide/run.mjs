// Run tests/unit, unchanged, inside the npm Pyodide under Node (the same runtime the site ships).
// Usage: node tests/pyodide/run.mjs WHEEL_DIR JUNIT_XML
// Exits non-zero if any test fails; the Makefile then checks that as many tests ran as in CPython.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [wheelDir, junit] = process.argv.slice(2);
const wheels = readdirSync(wheelDir).filter((f) => f.endsWith(".whl")).map((f) => path.resolve(wheelDir, f));

const py = await loadPyodide();
await py.loadPackage(wheels, { messageCallback: () => {} });
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, { root: repo }, "/repo");
const code = py.runPython(`
import os, sys
os.chdir("/repo")
sys.path.insert(0, "/repo")
import pytest
pytest.main(["tests/unit", "-q", "-p", "no:cacheprovider", "--junitxml", ${JSON.stringify(path.relative(repo, path.resolve(junit)))}])
`);
console.log(`pytest inside Pyodide ${py.version} exited with ${code}`);
process.exit(Number(code));
