// The engine benchmark inside the npm Pyodide under Node (same runtime the site ships).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const py = await loadPyodide();
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, { root: repo }, "/repo");
const out = py.runPython(`
import sys
sys.path[:0] = ["/repo", "/repo/bench"]
import engine
engine.report(engine.run())
`);
console.log(out.replace("[engine]", "[engine, Pyodide " + py.version + " under Node " + process.version + "]"));
