// The worker protocol (计算引擎的消息格式), declared once: the page (calc-client.js) and the worker
// (calc-worker.js) both import it. Only strings cross the boundary; Python (calculators.web) builds every reply.

/** Message types, page → worker and worker → page. */
export const MSG = Object.freeze({
  RUN: "run", // page → worker: compute one calculator
  CALL: "call", // page → worker: a page call (export, import, log entries)
  PROGRESS: "progress", // worker → page: a start-up step
  READY: "ready", // worker → page: Python and the calculators are loaded
  FAILED: "failed", // worker → page: the runtime could not start
  RESULT: "result", // worker → page: the reply to one RUN or CALL
  SNAPSHOT: "snapshot", // worker → page: what became of the idle-time memory snapshot (calc-snapshot.js)
});

/** Names of the page calls (calculators.web.CALLS); a button's data-call holds one of them. */
export const CALL = Object.freeze({
  EXPORT_CSV: "export_csv",
  EXPORT_JSON: "export_json",
  IMPORT_FILE: "import_file",
  EVIDENCE_ADD: "evidence_add",
  EVIDENCE_DELETE: "evidence_delete",
});

/**
 * @typedef {{type: "run", req: number, id: string, fields: Object<string, string>}} RunRequest
 * @typedef {{type: "call", req: number, name: string, args: Object<string, string>}} CallRequest
 * @typedef {{type: "progress", step: number, total: number, text: string, bytes?: Bytes}} ProgressReply
 * @typedef {{loaded: number, total: number, seconds: number|null, done: boolean}} Bytes   a normal start's downloads
 *   (calc-download.js): bytes on the wire so far and in all, the estimated seconds left (null: no honest estimate)
 * @typedef {{type: "ready", boot: "fresh" | "snapshot"}} ReadyReply
 * @typedef {{type: "failed"}} FailedReply   (details go to the worker's console, never to the page)
 * @typedef {{type: "snapshot", outcome: "stored" | "failed" | "current" | "waiting" | "untrusted", message?: string}}
 *   SnapshotReply   stored: made and kept now; failed: not kept (noted, retried later); current: a valid one
 *   exists; waiting: an earlier attempt for this deployment failed and the next is not due yet; untrusted: this
 *   Pyodide is not the one calc-snapshot.js trusts (TRUSTED), so no snapshot is ever made
 * @typedef {{type: "result", req: number, out?: string, crash?: true}} ResultReply
 *   `out` is the JSON text Python returned; `crash` means Python raised (details on the worker's console).
 * @typedef {ProgressReply | ReadyReply | FailedReply | SnapshotReply | ResultReply} WorkerReply   worker → page
 * @typedef {{html: string, errors: Object<string, string>}} RunOut   calculators.web.run_json
 * @typedef {{name: string, text: string, mime: string}} FileOut
 * @typedef {{errors: Object<string, string>, fields: Object<string, string>, message: string, file: FileOut|null}}
 *   CallOut   calculators.web.call_json: one reply shape for every page call
 */

/** Chinese text shown when the runtime cannot start (the details are logged on the console). */
export const BOOT_FAILED = "计算引擎没能加载（可能是网络中断或文件没有下载完整）";
/** Chinese text shown when a computation or a page call fails unexpectedly. */
export const CRASHED = "计算出了意外的问题，这次没有算出结果。你填的内容都还在；请检查输入后再试一次。";
