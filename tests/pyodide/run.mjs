// Run tests/unit, unchanged, inside the npm Pyodide under Node (the same runtime the site ships).
// Usage: node tests/pyodide/run.mjs WHEEL_DIR JUNIT_XML [TRIMMED_STDLIB_ZIP] [--snapshot=CALCULATORS_WHEEL] [--glue=ASM_MJS]
// With --snapshot, the suite runs in an interpreter restored from a memory snapshot made the way the site makes it
// (docs/assets/calc-snapshot.js: the wheel unpacked, every module imported, the self-check passed), so the tests
// exercise the snapshot's modules (from the wheel), not the checkout's files.
// With a trimmed standard library (the one the site ships), modules outside it are still found (pytest needs
// them), but the run fails if code under calculators/ imports one of them: the trimmed library must suffice.
// Exits non-zero if any test fails; the Makefile then checks that as many tests ran as in CPython.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";
import { makeSnapshot, restoreSnapshot, TRUSTED } from "../../docs/assets/calc-snapshot.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const snapshotArg = process.argv.find((a) => a.startsWith("--snapshot="));
const [wheelDir, junit, trimmed] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const wheels = readdirSync(wheelDir).filter((f) => f.endsWith(".whl")).map((f) => path.resolve(wheelDir, f));

const options = trimmed ? { stdLibURL: path.resolve(trimmed) } : {};
const glueArg = process.argv.find((a) => a.startsWith("--glue="));
if (glueArg) {
  // Emscripten's glue as the site ships it (hooks/runtime.py ship_glue) instead of npm's
  const glue = path.resolve(glueArg.slice("--glue=".length));
  options.createPyodideModule = (await import(pathToFileURL(glue).href)).default;
}
const py = snapshotArg ? await restored(snapshotArg.slice("--snapshot=".length)) : await loadPyodide(options);

async function restored(wheelPath) {
  const wheel = new Uint8Array(readFileSync(wheelPath));
  const made = await makeSnapshot(loadPyodide, options, wheel);
  const t0 = performance.now();
  const again = await restoreSnapshot(loadPyodide, options, made.bytes, wheel, made.check);
  console.log(`memory snapshot: ${(made.bytes.length / 2 ** 20).toFixed(1)} MB, restored and self-checked in ` +
    `${Math.round(performance.now() - t0)} ms (Pyodide ${TRUSTED.version}, build ${TRUSTED.buildId.slice(0, 12)})`);
  return again;
}
if (trimmed) {
  const full = path.join(repo, "node_modules/pyodide/python_stdlib.zip");
  py.FS.writeFile("/full_stdlib.zip", readFileSync(full));
}
await py.loadPackage(wheels, { messageCallback: () => {} });
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, { root: repo }, "/repo");
const code = py.runPython(`
import os, sys, zipimport
os.chdir("/repo")
sys.path.insert(0, "/repo")
outside = []
if ${snapshotArg ? "True" : "False"} and sys.modules["calculators"].__file__.startswith("/repo/"):
    raise SystemExit("the snapshot run must use the snapshot's calculators, not the checkout's")
if ${trimmed ? "True" : "False"}:
    class FullStdlib:
        """Finds modules the trimmed library lacks; records any that calculators code asked for."""
        def find_spec(self, name, path=None, target=None):
            folder = "/".join(name.split(".")[:-1])
            try:
                spec = zipimport.zipimporter("/full_stdlib.zip/" + folder if folder else "/full_stdlib.zip").find_spec(name)
            except zipimport.ZipImportError:
                return None
            if spec is not None:
                frame = sys._getframe(1)
                while frame is not None:
                    where = frame.f_code.co_filename
                    # cli.py and __main__.py are the command line: the browser never imports them.
                    if "/calculators/" in where and not where.endswith(("/cli.py", "/__main__.py")):
                        outside.append((name, where))
                        break
                    frame = frame.f_back
            return spec
    sys.meta_path.append(FullStdlib())
import pytest
rc = pytest.main(["tests/unit", "-q", "-p", "no:cacheprovider", "--junitxml", ${JSON.stringify(path.relative(repo, path.resolve(junit)))}])
if outside:
    print("calculators imported modules missing from the trimmed standard library (run node scripts/stdlib_modules.mjs):")
    for name, where in sorted(set(outside)):
        print(f"  {name}  (from {where})")
    rc = rc or 3
int(rc)
`);
const how = `${trimmed ? " with the trimmed standard library" : ""}${snapshotArg ? ", restored from a memory snapshot" : ""}`;
console.log(`pytest inside Pyodide ${py.version}${how} exited with ${code}`);
process.exit(Number(code));
