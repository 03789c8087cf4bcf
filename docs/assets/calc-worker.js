// Module Web Worker: loads Pyodide from this site and the `calculators` wheel by name from the site's
// pyodide-lock.json (sha256-checked), then answers {id, fields} with calculators.web.run. No arithmetic here.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { bootFromSnapshot, makeSnapshotWhenIdle } from "./calc-snapshot.js"; // [snapshot]

const base = new URL("./pyodide/", import.meta.url).href;
const STEPS = 3;
let py = null;
let web = null;

function progress(step, text) {
  postMessage({ type: "progress", step, total: STEPS, text });
}

async function start() {
  const options = { indexURL: base, lockFileURL: new URL("pyodide-lock.json", base).href };
  // [snapshot] A return visit restores a checked memory snapshot (calc-snapshot.js); null: start normally.
  py = await bootFromSnapshot(loadPyodide, options);
  const boot = py ? "snapshot" : "fresh";
  if (!py) {
    progress(0, "正在下载并启动 Python 运行时（约 6 MB，只需一次）…");
    // Passing the package here lets the wheel download overlap with the runtime's start-up.
    py = await loadPyodide({ ...options, packages: ["calculators"] });
  }
  progress(1, "正在加载计算模块…");
  // A failed package load is only reported on the console: the import below is the real check.
  web = py.pyimport("calculators.web");
  progress(2, "正在核对示例…");
  postMessage({ type: "ready", boot });
  if (boot === "fresh") makeSnapshotWhenIdle(py, options); // [snapshot] for the next visit, in idle time
}

const started = start().catch((err) => {
  postMessage({ type: "failed", message: String((err && err.message) || err) });
  throw err;
});

onmessage = async (event) => {
  const msg = event.data || {};
  try {
    await started;
  } catch {
    return;
  }
  try {
    let out;
    if (msg.type === "run") out = web.run_json(msg.id, JSON.stringify(msg.fields || {}));
    else if (msg.type === "call") out = web.call_json(msg.name, JSON.stringify(msg.args || {}));
    else return;
    postMessage({ type: "result", req: msg.req, out });
  } catch (err) {
    postMessage({ type: "result", req: msg.req, crash: String((err && err.message) || err) });
  }
};
