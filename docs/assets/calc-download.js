// 下载进度 (download progress), in the calculators' worker. On a first visit the runtime's files (about 4.5 MB)
// are most of the wait on a phone, so the page shows how much of them has arrived and, once the rate is known,
// about how long the rest will take. Only during a normal start: a return visit (memory snapshot) downloads nothing.
//
// * What is counted: the files the build lists in pyodide-lock.json (tool.wdyq.transfer: each file's own size and
//   the sizes of its .br and .gz copies), as loadPyodide fetches them after this worker started. Each response is
//   read through a clone (Response.clone: one download, read twice); the response itself goes on to Pyodide
//   untouched, so the wasm still compiles while it streams in. The glue (pyodide.asm.mjs) is a module import, not a
//   fetch: it counts once its import has finished.
// * Bytes on the wire, not decoded bytes: a response sent with brotli announces its compressed size
//   (Content-Length), but its body arrives decoded. The share of a file that has arrived is its decoded bytes over
//   the file's own size (exact); the bytes shown for it are that share of its size on the wire (Content-Length when
//   the server sends it, else the build's size for the Content-Encoding used). A finished file counts exactly its
//   size on the wire, so the bar ends at the total the browser really transferred (a cached file counts as well).
// * The time hint comes from the rate measured over the last few seconds, never from a guess: none before a few
//   seconds of data, none while nothing arrives.

const EVERY_MS = 250; // at most four reports a second
const WINDOW_MS = 5000; // the rate is measured over this much of the recent past
const HINT_AFTER_MS = 3000; // no time hint before this much downloading
const ENCODINGS = { br: "br", gzip: "gz" };

/**
 * Count the runtime's downloads until stop(); ``report({loaded, total, seconds, done})`` is called at most every
 * EVERY_MS (``seconds``: the estimated rest of the download, or null when there is no honest estimate).
 * @param {string} base the runtime's folder (absolute URL, ending in /)
 * @param {(bytes: {loaded: number, total: number, seconds: number|null, done: boolean}) => void} report
 */
export function meterDownloads(base, report) {
  const original = globalThis.fetch;
  const files = new Map(); // file name → {read, done, length, encoding}
  let table = null; // tool.wdyq.transfer: {name: {size, br, gz}}
  let guess = "br"; // the encoding of the last response seen: the best guess for files not yet answered
  const samples = [];
  let first = null;
  let timer = null;
  let stopped = false;

  const file = (name) => files.get(name) || files.set(name, { read: 0, done: false }).get(name);

  /** The file's size on the wire: Content-Length, else the build's size for its encoding (or the guess). */
  function wire(sizes, f) {
    if (f && f.length) return f.length;
    const enc = f && f.encoding !== undefined ? f.encoding : guess;
    return sizes[enc] || sizes.size;
  }

  function totals() {
    let loaded = 0;
    let total = 0;
    let done = true;
    for (const [name, sizes] of Object.entries(table)) {
      const f = files.get(name);
      const bytes = wire(sizes, f);
      total += bytes;
      if (f && f.done) loaded += bytes;
      else if (f) loaded += Math.min(1, f.read / sizes.size) * bytes;
      done &&= !!(f && f.done);
    }
    return { loaded: Math.round(Math.min(loaded, total)), total, done };
  }

  /** The rest of the download at the rate of the last WINDOW_MS, or null (too early, or nothing arriving). */
  function seconds(now, loaded, total) {
    samples.push([now, loaded]);
    while (samples.length > 2 && samples[1][0] <= now - WINDOW_MS) samples.shift();
    const [t0, b0] = samples[0];
    if (first === null || now - first < HINT_AFTER_MS || now - t0 < WINDOW_MS / 2 || loaded <= b0) return null;
    return (total - loaded) / ((loaded - b0) / (now - t0)) / 1000;
  }

  function send() {
    timer = null;
    if (stopped || !table) return;
    const { loaded, total, done } = totals();
    const now = performance.now();
    if (first === null && loaded > 0) first = now;
    report({ loaded, total, seconds: done ? null : seconds(now, loaded, total), done });
  }

  function schedule() {
    if (!timer && !stopped) timer = setTimeout(send, EVERY_MS);
  }

  async function count(name, response) {
    const f = file(name);
    const encoding = (response.headers.get("content-encoding") || "").trim().toLowerCase();
    f.encoding = encoding ? ENCODINGS[encoding] || "size" : "size";
    if (encoding) guess = f.encoding;
    // Content-Length is the size on the wire (compressed or not); a decoded body never says so itself.
    f.length = Number(response.headers.get("content-length")) || 0;
    if (encoding && !ENCODINGS[encoding] && !f.length) return; // an encoding whose size the build does not know
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      f.read += value.byteLength;
      schedule();
    }
    f.done = true;
    schedule();
  }

  async function readTable(response) {
    const lock = await response.json();
    table = lock?.tool?.wdyq?.transfer || null;
    schedule();
  }

  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    try {
      const url = new URL(input instanceof Request ? input.url : String(input), base).href;
      if (response.ok && response.body && url.startsWith(base)) {
        const name = url.slice(base.length).split(/[?#]/)[0];
        const copy = response.clone();
        (name === "pyodide-lock.json" ? readTable(copy) : count(name, copy)).catch((err) => {
          console.info(`calculators: download of ${name} not counted`, err);
        });
      }
    } catch (err) {
      console.info("calculators: a download is not counted", err);
    }
    return response;
  };

  return {
    /** The module import ``promise`` of the runtime file ``name`` (the glue): counted once it has finished. */
    imported(name, promise) {
      const f = file(name);
      promise.then(() => {
        f.done = true;
        schedule();
      }, () => {});
    },
    /** Stop counting. ``started``: the runtime has started, so every file it needed has arrived: say so once more. */
    stop(started) {
      if (stopped) return;
      clearTimeout(timer);
      if (started) {
        for (const name of Object.keys(table || {})) file(name).done = true;
        send();
      }
      stopped = true;
      globalThis.fetch = original;
    },
  };
}
