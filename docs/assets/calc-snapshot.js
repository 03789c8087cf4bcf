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
//
// This module is what every side shares: the pin, the Python snippets, making and restoring a snapshot (also run by
// the tests and the build under Node). Where it is kept: calc-snapshot-store.js; when it is used and made, in the
// calculators' worker: calc-snapshot-boot.js.

/** The one Pyodide build a snapshot may come from (pyodide.mjs: version and BUILD_ID); tests check the pin. */
export const TRUSTED = {
  version: "314.0.8",
  buildId: "1e170351f97e56f0814b6a94f77bf4f6ec7d8835c8b8b26c6b5282c473979fc3",
};


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

/** Whether ``py`` is the Pyodide build this file trusts. */
export function trusted(py) {
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
