// The worker client (计算引擎): one module Web Worker for every calculator on every page; it survives Material's
// instant navigation because this module is loaded once. Requests and replies follow calc-protocol.js.
import { BOOT_FAILED, CRASHED, MSG } from "./calc-protocol.js";

const workerURL = new URL("./calc-worker.js", import.meta.url);

/** A failure the reader is shown as it is: its message is plain Chinese. */
export class ReaderError extends Error {}

/** The runtime's state, read by the pages: idle | loading | ready | failed; `boot` says which start ran
 * (fresh | snapshot, from the ready message); `snapshot`, after a fresh start, what became of the memory snapshot;
 * `bytes`, the last count of a normal start's downloads (kept through the later steps). */
export const engine = { state: "idle", progress: null, bytes: null, boot: "", snapshot: "" };

let worker = null;
let nextReq = 1;
const pending = new Map();
const listeners = new Set();

/** Call `fn` whenever the runtime's state changes; it returns false to stop listening. */
export function listen(fn) {
  listeners.add(fn);
}

function broadcast() {
  for (const fn of [...listeners]) if (fn() === false) listeners.delete(fn);
}

function fail() {
  engine.state = "failed";
  for (const [, { reject }] of pending) reject(new ReaderError(BOOT_FAILED));
  pending.clear();
  broadcast();
}

function onMessage(event) {
  /** @type {import("./calc-protocol.js").WorkerReply} */
  const msg = event.data || {};
  if (msg.type === MSG.RESULT) {
    const waiter = pending.get(msg.req);
    pending.delete(msg.req);
    if (waiter && msg.crash) waiter.reject(new ReaderError(CRASHED));
    else if (waiter) waiter.resolve(msg.out);
    return;
  }
  if (msg.type === MSG.PROGRESS) {
    engine.progress = msg;
    if (msg.bytes) engine.bytes = msg.bytes;
  }
  else if (msg.type === MSG.READY) Object.assign(engine, { state: "ready", boot: msg.boot || "fresh" });
  else if (msg.type === MSG.SNAPSHOT) engine.snapshot = msg.outcome;
  else if (msg.type === MSG.FAILED) return fail();
  broadcast();
}

/** Start the worker (or adopt the one calc-boot.js started from <head>); again after a failure (重试). */
export function startWorker() {
  if (worker && engine.state !== "failed") return;
  if (worker) worker.terminate();
  engine.state = "loading";
  engine.progress = null;
  engine.bytes = null;
  const early = window.__wdyqWorker;
  window.__wdyqWorker = null;
  worker = early || new Worker(workerURL, { type: "module" });
  worker.onmessage = onMessage;
  worker.onerror = (event) => {
    console.error("calculators worker error", event.message);
    event.preventDefault();
    fail();
  };
  if (early) {
    for (const event of early.early) onMessage(event);
    early.early = null;
  }
  broadcast();
}

function ask(message) {
  if (engine.state !== "ready") {
    return Promise.reject(new ReaderError("计算引擎还在加载，请等页面上方显示“已就绪”后再试。"));
  }
  return new Promise((resolve, reject) => {
    const req = nextReq++;
    pending.set(req, { resolve, reject });
    worker.postMessage({ ...message, req });
  });
}

function parse(out) {
  try {
    return JSON.parse(out);
  } catch (err) {
    console.error("calculators.web replied with something that is not JSON", out, err);
    throw new ReaderError(CRASHED);
  }
}

/**
 * Compute one calculator (calculators.web.run_json).
 * @returns {Promise<import("./calc-protocol.js").RunOut>}
 */
export async function run(id, fields) {
  const out = parse(await ask({ type: MSG.RUN, id, fields }));
  return { html: String(out.html ?? ""), errors: out.errors || {} };
}

/**
 * A page call (calculators.web.call_json); the reply always has the four keys of the contract.
 * @returns {Promise<import("./calc-protocol.js").CallOut>}
 */
export async function call(name, args) {
  const out = parse(await ask({ type: MSG.CALL, name, args }));
  return { errors: out.errors || {}, fields: out.fields || {}, message: out.message || "", file: out.file || null };
}
