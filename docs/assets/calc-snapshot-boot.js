// The memory snapshot in the calculators' worker (calc-snapshot.js): a return visit boots from a valid stored one;
// after a normal start, in idle time, a second worker (this module again, named MAKER) makes one for the next visit.
import { MSG } from "./calc-protocol.js";
import { currentSite, fetchWheel, makeSnapshot, restoreSnapshot, SELF_CHECK, trusted } from "./calc-snapshot.js";
import { attemptDue, deleteSnapshot, noteFailure, store, storedBytes, storedFailure, storedMeta }
  from "./calc-snapshot-store.js";

const MAKER = "wdyq-snapshot-maker";
const IDLE_MS = 3000;
const READ_MS = 3000;

/**
 * Boot from a valid stored snapshot: the restored interpreter, or null (no snapshot, stale, or it failed; then
 * it is deleted). Never throws: the caller starts normally on null.
 */
export async function bootFromSnapshot(loadPyodide, options) {
  const base = options.indexURL;
  try {
    // Reads are bounded: a snapshot whose writer was stopped mid-way (the reader left the page) can leave Cache
    // Storage slow to answer, and a normal start must never wait on it.
    const meta = await within(READ_MS, storedMeta(base), "reading the snapshot's description");
    if (!meta) return null;
    // The snapshot, the lock file and the wheel are read at the same time; the key is compared once the lock
    // file is in, and nothing is restored from a stale snapshot.
    // Both are awaited by restoreSnapshot, or dropped with a stale snapshot: never an unhandled rejection.
    const bytes = within(4 * READ_MS, storedBytes(base), "reading the snapshot");
    bytes.catch(() => {});
    const site = await currentSite(base);
    const wheel = within(4 * READ_MS, fetchWheel(site), "reading the wheel");
    wheel.catch(() => {});
    if (meta.key !== site.key) throw new Error("stale snapshot");
    return await restoreSnapshot(loadPyodide, options, bytes, wheel, meta.check);
  } catch (err) {
    console.info(`calculators: memory snapshot not used (${(err && err.message) || err}); starting normally`);
    deleteSnapshot(base); // not awaited: the normal start goes ahead at once
    return null;
  }
}

/** ``promise``, or a rejection naming ``what`` after ``ms`` milliseconds. */
function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * After a normal start: once the worker has been idle for a while, make a snapshot in a second worker if there is
 * no valid one and an attempt is due (attemptDue). The maker's self-check must equal this normal start's, or the
 * snapshot is not kept. The page is told the outcome (MSG.SNAPSHOT): stored | failed | current | waiting |
 * untrusted (this Pyodide is not TRUSTED: no snapshot is attempted).
 */
export function makeSnapshotWhenIdle(py, options) {
  if (!globalThis.caches || typeof Worker === "undefined") return;
  // A Pyodide this file does not trust gets no snapshot: the maker is never started only to find that out.
  if (!trusted(py)) return postMessage({ type: MSG.SNAPSHOT, outcome: "untrusted" });
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(start, IDLE_MS);
  };
  const report = (outcome, extra = {}) => postMessage({ type: MSG.SNAPSHOT, outcome, ...extra });
  const start = async () => {
    removeEventListener("message", later);
    const base = options.indexURL;
    const [meta, site, failure] = await Promise.all([storedMeta(base), currentSite(base), storedFailure(base)])
      .catch(() => [null, null, null]);
    if (!site) return;
    if (meta && meta.key === site.key) return report("current");
    if (!attemptDue(failure, site.key)) return report("waiting");
    const expected = py.runPython(SELF_CHECK);
    const maker = new Worker(import.meta.url, { type: "module", name: MAKER });
    const failed = (message) => noteFailure(base, site.key, message).then(() => report("failed", { message }));
    maker.onmessage = ({ data }) => {
      maker.terminate();
      if (data.stored) report("stored", { bytes: data.bytes, ms: data.ms });
      else failed(data.message);
    };
    maker.onerror = (event) => {
      event.preventDefault();
      maker.terminate();
      failed(event.message || "the snapshot worker stopped");
    };
    maker.postMessage({ options, expected });
  };
  addEventListener("message", later);
  later();
}

// The second worker: started by makeSnapshotWhenIdle with this module.
if (/** @type {{name?: string}} */ (globalThis).name === MAKER) {
  onmessage = async ({ data: { options, expected } }) => {
    try {
      const { loadPyodide } = await import(new URL("pyodide.mjs", options.indexURL).href);
      const site = await currentSite(options.indexURL);
      const t0 = performance.now();
      const made = await makeSnapshot(loadPyodide, options, await fetchWheel(site), expected);
      await store(options.indexURL, { key: site.key, check: made.check, made: new Date().toISOString() },
        made.bytes);
      postMessage({ stored: true, bytes: made.bytes.length, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      await deleteSnapshot(options.indexURL); // a memory stored without its description would only take room
      postMessage({ stored: false, message: String((err && err.message) || err) });
    }
  };
}
