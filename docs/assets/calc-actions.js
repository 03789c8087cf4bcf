// The page's actions (按钮): one table from a button's data-action to what it does, and the page calls
// (data-call buttons) answered by Python. Every failure is shown to the reader in Chinese, never as an exception.
import { call, ReaderError, startWorker } from "./calc-client.js";
import { CALL } from "./calc-protocol.js";
import { clearAll, readStore, releaseUnreadable, replaceShared, storeData, unreadable } from "./calc-store.js";
import { download, fieldsOf, resetFields, say, setField, sharedNames, sharedValues, showErrors, showModes, status }
  from "./calc-form.js";
import { dismissReminder, noteExported, showKeep } from "./calc-keep.js";

const CLEAR_QUESTION = "确定清除本站保存在这台设备上的全部数据（债务、预算、催收记录和各工具里填的内容）吗？" +
  "清除后无法恢复，建议先导出。";

/** The text of the letter next to a letter's button. */
function letterOf(el) {
  const text = el.closest("[data-result]")?.querySelector("[data-letter]")?.textContent;
  if (!text) throw new ReaderError("没有找到信件内容：请等结果更新后再试。");
  return text;
}

/** Everything Python needs for a page call: every raw field, the saved shared ones, _calc and _arg. */
function callArgs(ctx, el, extra = {}) {
  return { ...readStore().fields, ...fieldsOf(ctx.root), _calc: ctx.id, _arg: el?.dataset.arg || "", ...extra };
}

/**
 * Apply one page-call reply (calc-protocol.js CallOut): errors change nothing and are shown (field ones stay
 * until the field is edited); otherwise put the fields in, save, say the message, download the file, recompute.
 * @returns {boolean} whether the call succeeded
 */
export function applyReply(ctx, out) {
  const { root } = ctx;
  if (Object.keys(out.errors).length) {
    const { "": general, ...fields } = out.errors;
    ctx.sticky = { ...ctx.sticky, ...fields };
    showErrors(root, { ...ctx.computeErrors, ...ctx.sticky });
    if (general) say(root, general);
    else root.querySelector(`[data-error-for="${Object.keys(fields)[0]}"]`)?.scrollIntoView({ block: "nearest" });
    return false;
  }
  const names = Object.keys(out.fields);
  for (const [name, value] of Object.entries(out.fields)) setField(root, name, String(value));
  if (names.length) {
    for (const name of names) delete ctx.sticky[name];
    ctx.saveFields(names);
  }
  if (out.message) status(root, out.message);
  if (out.file) download(out.file.name, out.file.text, out.file.mime);
  if (names.length) ctx.compute();
  return true;
}

async function exportJson(ctx, el) {
  const store = storeData({ ...readStore().fields, ...sharedValues(ctx.root) });
  const out = await call(CALL.EXPORT_JSON, callArgs(ctx, el, { store: JSON.stringify(store) }));
  if (applyReply(ctx, out) && !out.file) throw new ReaderError("没有生成导出文件，请再试一次。");
  if (out.file) await noteExported(ctx.root);
}

async function exportCsv(ctx, el) {
  const out = await call(CALL.EXPORT_CSV, callArgs(ctx, el));
  if (applyReply(ctx, out) && !out.file) throw new ReaderError("没有生成导出文件，请再试一次。");
}

async function copyLetter(ctx, el) {
  const text = letterOf(el);
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    console.warn("clipboard", err);
    throw new ReaderError("没能复制：浏览器不允许本站使用剪贴板。请手动选中信件文字复制，或点“下载文本”。");
  }
  say(ctx.root, "已复制到剪贴板。");
}

function clear(ctx) {
  if (!window.confirm(CLEAR_QUESTION)) return;
  clearAll();
  ctx.sticky = {};
  ctx.undo = null;
  resetFields(ctx.root);
  showModes(ctx.root);
  say(ctx.root, "本机数据已清除。");
  showKeep(ctx.root);
  ctx.compute();
}

function undoImport(ctx) {
  const before = ctx.undo;
  if (!before) throw new ReaderError("没有可以撤销的导入。");
  ctx.undo = null;
  const saved = replaceShared(before.had ? before.fields : null);
  const names = sharedNames(ctx.root);
  resetFields(ctx.root, names);
  for (const name of names) if (Object.hasOwn(before.fields, name)) setField(ctx.root, name, before.fields[name]);
  if (saved) say(ctx.root, "已撤销导入：恢复到导入前保存的数据。");
  else ctx.reportSave(false);
  ctx.compute();
}

function downloadUnreadable(ctx) {
  if (unreadable.raw === null) throw new ReaderError("无法读取的数据已经处理过了。");
  download(`wdyq-unreadable-${new Date().toISOString().slice(0, 10)}.txt`, unreadable.raw, "text/plain;charset=utf-8");
  releaseUnreadable();
  say(ctx.root, "已下载无法读取的数据（请留好这个文件）。之后的修改会正常保存在这台设备上。");
}

/** data-action → what it does; `import` is the file input's change event (calc-import.js). */
export const ACTIONS = {
  "retry": () => startWorker(),
  "export-json": exportJson,
  "export-csv": exportCsv,
  "print": () => window.print(),
  "copy": copyLetter,
  "download-text": (ctx, el) => download(el.dataset.filename || "letter.txt", letterOf(el), "text/plain;charset=utf-8"),
  "clear": clear,
  "undo": undoImport,
  "download-unreadable": downloadUnreadable,
  "remind-export": exportJson, // the export reminder's button (calc-keep.js)
  "remind-later": (ctx) => dismissReminder(ctx.root),
};

/** A data-call button: ask Python (after data-confirm, if any) and apply its reply. */
async function pageCall(ctx, el) {
  if (el.dataset.confirm && !window.confirm(el.dataset.confirm)) return;
  applyReply(ctx, await call(el.dataset.call, callArgs(ctx, el)));
}

/** Reader-facing text for any failure: our own Chinese messages as they are, anything else generic. */
export function readerText(err) {
  if (err instanceof ReaderError) return err.message;
  console.error(err);
  return "这一步没有完成，出了意外的问题。你填的内容都还在；请再试一次，或刷新页面。";
}

/** Route a click on the calculator to its action; failures are said in the message line. */
export async function onClick(ctx, event) {
  const el = event.target.closest("[data-action], [data-call]");
  if (!el || !ctx.root.contains(el)) return;
  const fn = el.dataset.call ? pageCall : ACTIONS[el.dataset.action];
  if (!fn) return;
  try {
    await fn(ctx, el);
  } catch (err) {
    say(ctx.root, readerText(err));
  }
}
