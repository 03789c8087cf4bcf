// Module Web Worker: loads Pyodide from this site and the `calculators` wheel by name from the site's
// pyodide-lock.json (sha256-checked), then answers the page's requests (calc-protocol.js) with calculators.web.
// No arithmetic here. Errors are logged on this worker's console; the page only ever gets Chinese text.
// A return visit restores a checked memory snapshot instead (calc-snapshot.js); the ready message says which.
// A normal start reports its downloads in bytes (calc-download.js) for the page's progress bar.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { MSG } from "./calc-protocol.js";
import { bootFromSnapshot, makeSnapshotWhenIdle } from "./calc-snapshot-boot.js";
import { meterDownloads } from "./calc-download.js";

const base = new URL("./pyodide/", import.meta.url).href;
const STEPS = 3;
let web = null;

/** @param {number} step @param {string} text @param {import("./calc-protocol.js").Bytes} [bytes] */
function progress(step, text, bytes) {
  postMessage({ type: MSG.PROGRESS, step, total: STEPS, text, bytes });
}

const DOWNLOADING = "正在下载计算引擎（只需下载一次）…";
const DOWNLOADED = "下载完成，正在启动计算引擎…";

/** A normal start: Pyodide and the calculators wheel, with the downloads counted for the progress bar. */
async function startFresh(options) {
  progress(0, DOWNLOADING);
  const meter = meterDownloads(base, (bytes) => progress(0, bytes.done ? DOWNLOADED : DOWNLOADING, bytes));
  try {
    // The glue is imported, not fetched: importing it here (Pyodide's own import of it gets the same module)
    // tells the meter when it has arrived.
    meter.imported("pyodide.asm.mjs", import(new URL("pyodide.asm.mjs", base).href));
    // Passing the package here lets the wheel download overlap with the runtime's start-up.
    const py = await loadPyodide({ ...options, packages: ["calculators"] });
    meter.stop(true);
    return py;
  } finally {
    meter.stop(false);
  }
}

async function start() {
  const options = { indexURL: base, lockFileURL: new URL("pyodide-lock.json", base).href };
  // null when there is no valid snapshot (or it failed its self-check and was deleted): start normally.
  let py = await bootFromSnapshot(loadPyodide, options);
  const boot = py ? "snapshot" : "fresh";
  if (!py) py = await startFresh(options);
  progress(1, "正在加载计算模块…");
  // A failed package load is only reported on the console: the import below is the real check.
  web = py.pyimport("calculators.web");
  progress(2, "正在核对示例…");
  postMessage({ type: MSG.READY, boot });
  if (boot === "fresh") makeSnapshotWhenIdle(py, options); // for the next visit, in idle time
}

const started = start().then(() => true, (err) => {
  console.error("calculators runtime failed to start", err);
  postMessage({ type: MSG.FAILED });
  return false;
});

onmessage = async (event) => {
  /** @type {import("./calc-protocol.js").RunRequest | import("./calc-protocol.js").CallRequest} */
  const msg = event.data || {};
  if (!(await started)) return;
  try {
    let out;
    if (msg.type === MSG.RUN) out = web.run_json(msg.id, JSON.stringify(msg.fields || {}));
    else if (msg.type === MSG.CALL) out = web.call_json(msg.name, JSON.stringify(msg.args || {}));
    else return;
    postMessage({ type: MSG.RESULT, req: msg.req, out });
  } catch (err) {
    console.error(`calculators.web failed on ${msg.type} ${msg.type === MSG.RUN ? msg.id : msg.name}`, err);
    postMessage({ type: MSG.RESULT, req: msg.req, crash: true });
  }
};
