// 运行时自检 (the shipped runtime's self-check), run by hooks/upgrade.py after every build:
//   node hooks/runtime_check.mjs SITE/assets/pyodide SITE/assets/calc-snapshot.js
// Starts the Pyodide of the built site as a reader's worker does (docs/assets/calc-worker.js: the shipped glue,
// the trimmed precompiled standard library, the calculators wheel by name from the shipped pyodide-lock.json,
// sha256-checked), then does what the snapshot maker does before it keeps a snapshot, with the Python snippets of
// the shipped calc-snapshot.js: every calculators module imported, every worked example computed, the self-check.
// Prints one JSON line: {version, buildId, python, check, selfCheck}. A failure exits non-zero with its message
// (Python's traceback) on stderr, not Node's uncaught-error report, which quotes the 1 MB glue line and is cut off
// at 64 kB on a pipe (hooks/upgrade.py names the missing module from it).
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, snapshotJs] = process.argv.slice(2);
if (!runtimeDir || !snapshotJs) {
  console.error("usage: node hooks/runtime_check.mjs SITE/assets/pyodide SITE/assets/calc-snapshot.js");
  process.exit(2);
}
const base = path.resolve(runtimeDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(base, "pyodide.mjs")).href);
const { IMPORT_ALL, WARM_UP, SELF_CHECK } = await import(pathToFileURL(path.resolve(snapshotJs)).href);

try {
  // As calc-worker.js: indexURL is the site's runtime folder, the lock file the site's, the wheel by name.
  const py = await loadPyodide({
    indexURL: base,
    lockFileURL: path.join(base, "pyodide-lock.json"),
    packages: ["calculators"],
    stdout: () => {},
  });
  py.pyimport("calculators.web"); // the worker's first use: a failed package load shows here
  py.runPython(IMPORT_ALL);
  py.runPython(WARM_UP);
  const check = py.runPython(SELF_CHECK);
  const python = py.runPython("import sys; sys.version.split()[0]");
  console.log(JSON.stringify({ version: py.version, buildId: py._api?.config?.BUILD_ID || "", python, check,
    selfCheck: SELF_CHECK }));
} catch (err) {
  console.error(String((err && (err.stack || err.message)) || err).slice(0, 20000));
  process.exitCode = 1;
}
