// 内存快照 (memory snapshot): a returning reader's calculator starts from a copy of the Python interpreter's
// memory, taken after the calculators were imported, instead of starting Python and importing them again.
//
// * Made in the reader's own browser, after a first normal start, in a second worker, from the worked examples
//   only (never from what the reader typed: every calculator computes its example once before the snapshot is
//   taken), and kept in Cache Storage on this device; nothing is sent anywhere.
// * Keyed to the exact Pyodide build this file trusts (TRUSTED) and to the sha256s of the shipped Emscripten glue
//   and of the calculators wheel in the site's pyodide-lock.json: a new deployment or a new runtime makes it stale,
//   and a stale one is deleted.
// * Checked before use: after loading, the worked examples must compute exactly what the normal start computed
//   when the snapshot was made. On any failure the snapshot is deleted and the worker starts normally.
// * A snapshot that could not be made or stored (a phone short of storage) is noted, and not attempted again for
//   the same deployment for 1, 2, 4 … days (nextAttemptAt): a failing attempt costs a second interpreter's start.
// The snapshot holds the wasm memory, not the file system: the wheel is unpacked again after loading (its data
// files are read at run time), and every calculators module is imported before the snapshot is taken.
// Pyodide's snapshot options (_makeSnapshot, _loadSnapshot, makeMemorySnapshot) are undocumented: hence the pin.

import { MSG } from "./calc-protocol.js";

/** The one Pyodide build a snapshot may come from (pyodide.mjs: version and BUILD_ID); tests check the pin. */
export const TRUSTED = {
  version: "314.0.8",
  buildId: "1e170351f97e56f0814b6a94f77bf4f6ec7d8835c8b8b26c6b5282c473979fc3",
};

// Not "wdyq-…": the service worker deletes those caches on every new site version; this one is keyed instead.
const CACHE = "calc-snapshot";
const MAKER = "wdyq-snapshot-maker";
const IDLE_MS = 3000;
const READ_MS = 3000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WAIT_DAYS = 32;

/** Python: import every module of calculators (the command line excepted) before the snapshot is taken. */
export const IMPORT_ALL = `
import importlib, os, calculators
top = os.path.dirname(calculators.__file__)
for folder, _, files in sorted(os.walk(top)):
    package = "calculators" + folder[len(top):].replace("/", ".")
    for name in sorted(files):
        if name.endswith(".py") and name not in ("cli.py", "__main__.py"):
            importlib.import_module(package if name == "__init__.py" else f"{package}.{name[:-3]}")
`;

/** Python: then compute every calculator's worked example once, so that what a first computation sets up lazily
 * (compiled patterns, data files read through caches, modules the standard library imports on first use) is in
 * the snapshot too: a return visit's first result then comes as fast as any later one. */
export const WARM_UP = `
import json
from calculators import web
for calc_id, form in web.CALCULATORS.items():
    web.run_json(calc_id, json.dumps({f.id: f.default for f in form.fields}))
`;

/** Python: the self-check, the worked example of the APR calculator (真实年化) as the worker returns it. */
export const SELF_CHECK = `
import json
from calculators import web
web.run_json("apr", json.dumps({f.id: f.default for f in web.CALCULATORS["apr"].fields}))
`;

function cacheURL(base, name) {
  return new URL(`calc-snapshot/${name}`, base).href;
}

async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What this deployment serves: the key a snapshot must carry, and the wheel it must run with. */
export async function currentSite(base) {
  const lock = await (await fetch(new URL("pyodide-lock.json", base))).json();
  const wheel = lock.packages.calculators;
  const glue = lock.tool?.wdyq?.glue_sha256 || "npm"; // hooks/runtime.py notes the shipped glue's sha256
  return {
    key: `pyodide ${TRUSTED.version} ${TRUSTED.buildId} glue ${glue} calculators ${wheel.sha256}`,
    wheelURL: new URL(wheel.file_name, base).href,
    wheelSha256: wheel.sha256,
  };
}

/** The wheel's bytes, refused unless they have the sha256 the lock file names (as loadPackage would). */
export async function fetchWheel(site) {
  const bytes = new Uint8Array(await (await fetch(site.wheelURL)).arrayBuffer());
  if ((await sha256(bytes)) !== site.wheelSha256) throw new Error("calculators wheel: sha256 mismatch");
  return bytes;
}

/** Unpack the wheel (site-packages is not in the snapshot) into a started or restored interpreter. */
export function installWheel(py, bytes) {
  py.unpackArchive(bytes, "wheel");
}

function trusted(py) {
  return py.version === TRUSTED.version && py._api?.config?.BUILD_ID === TRUSTED.buildId;
}

// ---------------------------------------------------------------- making (second worker, or under Node)

/**
 * Start a snapshot-ready interpreter, import everything, take the snapshot.
 * ``expected`` is the self-check the normal start computed; a snapshot that disagrees is never kept.
 */
export async function makeSnapshot(loadPyodide, options, wheel, expected) {
  const py = await loadPyodide({ ...options, _makeSnapshot: true });
  if (!trusted(py)) throw new Error(`untrusted Pyodide build ${py.version}`);
  installWheel(py, wheel);
  py.runPython(IMPORT_ALL);
  py.runPython(WARM_UP);
  const check = py.runPython(SELF_CHECK);
  if (expected !== undefined && check !== expected) throw new Error("self-check differs from the normal start");
  return { bytes: py.makeMemorySnapshot(), check };
}

/**
 * Restore an interpreter from ``bytes``, unpack the wheel, and run the self-check against ``check``. Both may be
 * promises: Pyodide starts loading its own files while the snapshot is still being read.
 */
export async function restoreSnapshot(loadPyodide, options, bytes, wheel, check) {
  const py = await loadPyodide({ ...options, _loadSnapshot: bytes });
  if (!trusted(py)) throw new Error(`untrusted Pyodide build ${py.version}`);
  installWheel(py, await wheel);
  if (py.runPython(SELF_CHECK) !== check) throw new Error("snapshot self-check failed");
  return py;
}

async function store(base, meta, bytes) {
  const cache = await caches.open(CACHE);
  // Stored as it is (about 30 MB): gzip would make it 7 MB but cost a decompression on every return visit.
  await cache.put(cacheURL(base, "memory"), new Response(bytes));
  // The description goes last: a snapshot without one is never used.
  await cache.put(cacheURL(base, "meta"), new Response(JSON.stringify(meta)));
  await cache.delete(cacheURL(base, "failed")).catch(() => {}); // the snapshot is kept either way
}

/**
 * When the next attempt may be made after ``failure`` ({count, at}): a day after the first failed attempt for this
 * deployment, then 2, 4, 8 … days (at most MAX_WAIT_DAYS). A device short of storage is not asked to start a second
 * interpreter, and fail again, on every visit.
 */
export function nextAttemptAt(failure) {
  return failure.at + Math.min(MAX_WAIT_DAYS, 2 ** (failure.count - 1)) * DAY_MS;
}

/** Whether an attempt for the deployment ``key`` is due, given the stored ``failure`` note (or null). */
export function attemptDue(failure, key, now = Date.now()) {
  // No note, a note for another deployment, or the clock went back: due.
  if (!failure || failure.key !== key || !(failure.at <= now)) return true;
  return now >= nextAttemptAt(failure);
}

async function storedFailure(base) {
  try {
    const hit = await (await caches.open(CACHE)).match(cacheURL(base, "failed"));
    return hit ? await hit.json() : null;
  } catch {
    return null; // unreadable: as if there were none
  }
}

/** Note a failed attempt for the deployment ``key`` (a few bytes: likely to fit where 30 MB did not). */
async function noteFailure(base, key, message) {
  try {
    const last = await storedFailure(base);
    const count = last && last.key === key ? last.count + 1 : 1;
    const note = { key, count, at: Date.now(), message: String(message) };
    await (await caches.open(CACHE)).put(cacheURL(base, "failed"), new Response(JSON.stringify(note)));
  } catch {
    // Storage refuses even this: the next start simply tries again.
  }
}

/** Forget the snapshot (stale, corrupt or failed its self-check). */
export async function deleteSnapshot(base) {
  try {
    const cache = await caches.open(CACHE);
    await cache.delete(cacheURL(base, "meta"));
    await cache.delete(cacheURL(base, "memory"));
  } catch {
    // Nothing stored, or storage unavailable: nothing to delete.
  }
}

async function storedMeta(base) {
  if (!globalThis.caches) return null;
  const hit = await (await caches.open(CACHE)).match(cacheURL(base, "meta"));
  return hit ? hit.json() : null;
}

async function storedBytes(base) {
  const hit = await (await caches.open(CACHE)).match(cacheURL(base, "memory"));
  if (!hit) throw new Error("snapshot memory missing");
  return new Uint8Array(await hit.arrayBuffer());
}

// ---------------------------------------------------------------- in the calculators' worker

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

// The second worker: started by makeSnapshotWhenIdle with this file as its module.
if (globalThis.name === MAKER) {
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
