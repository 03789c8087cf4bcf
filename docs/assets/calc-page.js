// One calculator on the page (design §4): restores the saved shared fields and this tool's draft, recomputes on
// every edit through the worker, keeps what the reader typed until they change it, and shows the engine's state.
import { engine, listen, run } from "./calc-client.js";
import { readDraft, readStore, saveShared, unreadable, writeDraft } from "./calc-store.js";
import { draftValues, fieldsOf, say, sayUnsaved, setField, sharedNames, sharedValues, showErrors, showModes, status }
  from "./calc-form.js";
import { onClick, readerText } from "./calc-actions.js";
import { bindImport } from "./calc-import.js";
import { BOOT_FAILED } from "./calc-protocol.js";
import { hideBar, showBar } from "./calc-bar.js";
import { noteSaved, showKeep } from "./calc-keep.js";

const READY_TEXT = "计算引擎已就绪：修改上面的数字，结果会自动更新。";

/** Say whether the last save worked; a "没有保存" line (with the export) stays until a save works again. */
function reportSave(ctx, ok) {
  if (ok) {
    noteSaved(ctx.root);
    if (ctx.unsavedShown) say(ctx.root, "现在已保存在这台设备上。");
    ctx.unsavedShown = false;
    return;
  }
  ctx.unsavedShown = true;
  if (unreadable.raw !== null) {
    say(ctx.root, `${readStore().notice}你刚填的内容没有保存。`,
      [{ label: "下载无法读取的数据", action: "download-unreadable" }, { label: "导出 JSON", action: "export-json" }]);
  } else {
    sayUnsaved(ctx.root);
  }
}

/** Save the named fields: shared ones into the shared store, the others into this tool's draft. */
function saveFields(ctx, names) {
  const shared = sharedNames(ctx.root);
  if (names.some((n) => shared.has(n))) reportSave(ctx, saveShared(sharedValues(ctx.root)));
  if (names.some((n) => !shared.has(n))) writeDraft(ctx.id, draftValues(ctx.root)); // a failed draft is only logged
}

/** Put the saved shared values and this tool's draft into the form; true when anything changed. */
function restore(ctx) {
  const { root } = ctx;
  const shared = sharedNames(root);
  let changed = false;
  if (shared.size) {
    const store = readStore();
    for (const name of shared) {
      if (Object.hasOwn(store.fields, name)) {
        setField(root, name, store.fields[name]);
        changed = true;
      }
    }
    if (unreadable.raw !== null) say(root, store.notice, [{ label: "下载无法读取的数据", action: "download-unreadable" }]);
    else if (store.notice) say(root, store.notice);
    else if (!store.saved) reportSave(ctx, false);
  }
  const present = new Set(Object.keys(fieldsOf(root)));
  for (const [name, value] of Object.entries(readDraft(ctx.id))) {
    if (!shared.has(name) && present.has(name)) {
      setField(root, name, value);
      changed = true;
    }
  }
  return changed;
}

function showEngine(ctx) {
  const { root } = ctx;
  const retry = root.querySelector('[data-action="retry"]');
  if (engine.state === "failed") {
    root.dataset.state = "error";
    status(root, `${BOOT_FAILED}。页面上的示例仍然有效；请检查网络后点“重试”。`);
    hideBar(root);
    retry.hidden = false;
    return;
  }
  retry.hidden = true;
  if (engine.state === "loading") {
    root.dataset.state = "loading";
    const p = engine.progress || { step: 0, total: 3, text: "正在准备计算引擎…" };
    // Each progress report comes here: the status line (a live region) changes only when its words do.
    const text = `${p.text}（第 ${p.step + 1}/${p.total} 步）下面的示例已经可以看。`;
    if (root.querySelector("[data-status-text]")?.textContent !== text) status(root, text);
    showBar(root, engine.progress, engine.bytes);
  } else if (engine.state === "ready") {
    root.dataset.boot = engine.boot;
    if (engine.snapshot) root.dataset.snapshot = engine.snapshot;
    hideBar(root);
    if (root.dataset.state === "loading" || root.dataset.state === "error") status(root, READY_TEXT);
  }
}

async function compute(ctx) {
  const { root } = ctx;
  if (engine.state !== "ready") {
    ctx.dirty = true;
    return;
  }
  ctx.dirty = false;
  const mine = ++ctx.current;
  root.dataset.state = "busy";
  let out;
  try {
    out = await run(ctx.id, fieldsOf(root));
  } catch (err) {
    if (mine !== ctx.current) return;
    // The runtime may have failed while Python ran: read its state again (not the one checked before the await).
    if (/** @type {string} */ (engine.state) === "failed") return showEngine(ctx);
    root.dataset.state = "ready";
    status(root, readerText(err));
    ctx.failed = true;
    return;
  }
  if (mine !== ctx.current) return; // a newer edit is on its way
  root.querySelector("[data-result]").innerHTML = out.html;
  ctx.computeErrors = out.errors;
  showErrors(root, { ...out.errors, ...ctx.sticky });
  if (out.errors[""]) {
    status(root, out.errors[""]);
    ctx.failed = true;
  } else if (ctx.failed) {
    status(root, READY_TEXT); // a good compute clears the previous failure message
    ctx.failed = false;
  }
  root.dataset.state = "ready";
}

/** Bind one calculator root (once; Material's instant navigation brings new roots). */
export function attach(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "1";
  const form = root.querySelector("form");
  let timer = null;
  const ctx = {
    root, id: root.dataset.calculator, sticky: {}, computeErrors: {}, undo: null, dirty: false, current: 0,
    failed: false, unsavedShown: false,
  };
  ctx.compute = () => compute(ctx);
  ctx.saveFields = (names) => saveFields(ctx, names);
  ctx.reportSave = (ok) => reportSave(ctx, ok);
  // Restored saved data, or a result that depends on today's date (built on another day): compute when ready.
  ctx.dirty = restore(ctx) || root.dataset.today === "1";
  showModes(root);
  showKeep(root);

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(ctx.compute, 200);
  };
  const edited = (event) => {
    const name = event.target.name;
    if (!name || event.target.type === "button") return;
    if (name === root.dataset.switch) showModes(root);
    if (ctx.sticky[name]) delete ctx.sticky[name]; // the reader changed the field: its old error goes
    saveFields(ctx, [name]);
    schedule();
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("keydown", (event) => {
    // Enter in a one-line field recomputes at once instead of submitting the form.
    if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.compute();
  });
  root.addEventListener("click", (event) => onClick(ctx, event));
  bindImport(ctx);

  listen(() => {
    if (!root.isConnected) return false;
    showEngine(ctx);
    if (engine.state === "ready" && (ctx.dirty || root.dataset.state === "loading")) {
      if (ctx.dirty) ctx.compute();
      else root.dataset.state = "ready";
    }
    return true;
  });
  showEngine(ctx);
  if (engine.state === "ready" && ctx.dirty) ctx.compute();
  else if (engine.state === "ready") root.dataset.state = "ready";
}
