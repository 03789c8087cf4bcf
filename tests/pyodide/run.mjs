// Run tests/unit, unchanged, inside the npm Pyodide under Node (the same runtime the site ships).
// Usage: node tests/pyodide/run.mjs WHEEL_DIR JUNIT_XML [TRIMMED_STDLIB_ZIP]
// With a trimmed standard library (the one the site ships), modules outside it are still found (pytest needs
// them), but the run fails if code under calculators/ imports one of them: the trimmed library must suffice.
// Exits non-zero if any test fails; the Makefile then checks that as many tests ran as in CPython.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [wheelDir, junit, trimmed] = process.argv.slice(2);
const wheels = readdirSync(wheelDir).filter((f) => f.endsWith(".whl")).map((f) => path.resolve(wheelDir, f));

const py = await loadPyodide(trimmed ? { stdLibURL: path.resolve(trimmed) } : {});
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
                    if where.startswith("/repo/calculators/") and not where.endswith(("/cli.py", "/__main__.py")):
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
console.log(`pytest inside Pyodide ${py.version}${trimmed ? " with the trimmed standard library" : ""} exited with ${code}`);
process.exit(Number(code));
