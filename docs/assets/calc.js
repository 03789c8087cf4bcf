// The calculators' page runtime. It only moves strings: it collects the raw text of form fields, hands it to
// Python (calculators.web) in one module Web Worker, and inserts the HTML that Python returns. It starts only on
// pages with a [data-calculator] and survives Material's instant navigation (the worker is a module singleton).
const STORE_KEY = "wdyq:v1:shared";
const SCHEMA = 1;
const workerURL = new URL("./calc-worker.js", import.meta.url);

let worker = null;
let state = "idle"; // idle | loading | ready | failed
let lastProgress = null;
let failure = "";
let boot = ""; // which boot the worker ran: "fresh" or "snapshot" (its ready message says)
let nextReq = 1;
const pending = new Map();
const listeners = new Set();

function broadcast() {
  for (const fn of listeners) fn();
}

function startWorker() {
  if (worker && state !== "failed") return;
  state = "loading";
  failure = "";
  lastProgress = null;
  // A calculator page started the worker from <head> (calc-boot.js): adopt it the first time.
  const early = window.__wdyqWorker;
  window.__wdyqWorker = null;
  worker = early || new Worker(workerURL, { type: "module" });
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "progress") {
      lastProgress = msg;
    } else if (msg.type === "ready") {
      state = "ready";
      boot = msg.boot || "fresh";
      // First use of a calculator, now idle: keep the runtime for offline use and cache the site.
      registerServiceWorker("CACHE_RUNTIME");
    } else if (msg.type === "failed") {
      state = "failed";
      failure = msg.message;
    } else if (msg.type === "result" && pending.has(msg.req)) {
      pending.get(msg.req)(msg);
      pending.delete(msg.req);
      return;
    }
    broadcast();
  };
  worker.onerror = (event) => {
    state = "failed";
    failure = event.message || "计算引擎无法启动";
    broadcast();
  };
  if (early) {
    for (const event of early.early) worker.onmessage(event);
    early.early = null;
  }
  broadcast();
}

function ask(message) {
  return new Promise((resolve) => {
    const req = nextReq++;
    pending.set(req, resolve);
    worker.postMessage({ ...message, req });
  });
}

function parseOut(msg) {
  if (msg.crash) throw new Error(msg.crash);
  return JSON.parse(msg.out);
}

// ---------------------------------------------------------------- shared local data (债务与预算)

function readStore() {
  const raw = localStorage.getItem(STORE_KEY);
  if (raw === null) return { fields: {} };
  try {
    const data = JSON.parse(raw);
    if (data && data.schema === SCHEMA && data.fields && typeof data.fields === "object") return data;
    throw new Error("unknown schema");
  } catch {
    // Never drop what a person saved: keep the unreadable copy aside and say so.
    const backup = `wdyq:backup:${Date.now()}`;
    localStorage.setItem(backup, raw);
    localStorage.removeItem(STORE_KEY);
    return { fields: {}, notice: `之前保存的数据无法读取，已原样另存为 ${backup}（仍在本机）。` };
  }
}

function writeStore(fields) {
  const data = { schema: SCHEMA, saved: new Date().toISOString(), fields };
  localStorage.setItem(STORE_KEY, JSON.stringify(data));
  return data;
}

function sharedInputs(root) {
  return [...root.querySelectorAll("[data-shared][name]")];
}

function saveShared(root) {
  const fields = readStore().fields;
  for (const el of sharedInputs(root)) fields[el.name] = el.value;
  writeStore(fields);
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- one calculator on the page

function fieldsOf(root) {
  const fields = {};
  for (const el of root.querySelectorAll("form [name]")) {
    if (el.type === "checkbox") {
      // A group of checkboxes sharing a name is one field: the checked values, comma-separated.
      const list = fields[el.name] ? fields[el.name].split(",") : [];
      if (el.checked) list.push(el.value);
      fields[el.name] = list.join(",");
    } else {
      fields[el.name] = el.value;
    }
  }
  return fields;
}

function setField(root, name, value) {
  const els = root.querySelectorAll(`form [name="${name}"]`);
  for (const el of els) {
    if (el.type === "checkbox") el.checked = value.split(",").includes(el.value);
    else el.value = value;
  }
}

function showModes(root) {
  const mode = root.querySelector(`form [name="${root.dataset.switch}"]`);
  for (const box of root.querySelectorAll("[data-modes]")) {
    box.hidden = mode ? !box.dataset.modes.split(" ").includes(mode.value) : false;
  }
}

function showErrors(root, errors) {
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    const msg = errors[slot.dataset.errorFor] || "";
    slot.textContent = msg;
    const input = root.querySelector(`form [name="${slot.dataset.errorFor}"]`);
    if (input) input.setAttribute("aria-invalid", msg ? "true" : "false");
  }
}

function status(root, text) {
  root.querySelector("[data-status-text]").textContent = text;
}

function setStatus(root) {
  const text = root.querySelector("[data-status-text]");
  const bar = root.querySelector("[data-progress]");
  const retry = root.querySelector('[data-action="retry"]');
  if (state === "failed") {
    root.dataset.state = "error";
    text.textContent = `计算引擎没能加载：${failure}。页面上的示例仍然有效；请检查网络后点“重试”。`;
    bar.hidden = true;
    retry.hidden = false;
    return;
  }
  retry.hidden = true;
  if (state === "loading") {
    root.dataset.state = "loading";
    const p = lastProgress || { step: 0, total: 3, text: "正在准备计算引擎…" };
    text.textContent = `${p.text}（第 ${p.step + 1}/${p.total} 步）下面的示例已经可以看。`;
    bar.hidden = false;
    bar.value = Math.round((100 * p.step) / p.total);
  } else if (state === "ready") {
    root.dataset.boot = boot;
    bar.hidden = true;
    if (root.dataset.state === "loading") text.textContent = "计算引擎已就绪：修改上面的数字，结果会自动更新。";
  }
}

function attach(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "1";
  const form = root.querySelector("form");
  const msg = root.querySelector("[data-store-msg]");
  let current = 0;
  let timer = null;
  let dirty = false;

  if (root.dataset.shared) {
    const store = readStore();
    for (const el of sharedInputs(root)) {
      if (Object.hasOwn(store.fields, el.name)) {
        el.value = store.fields[el.name];
        dirty = true;
      }
    }
    if (store.notice && msg) msg.textContent = store.notice;
  }
  showModes(root);

  async function compute() {
    if (state !== "ready") {
      dirty = true;
      return;
    }
    dirty = false;
    const mine = ++current;
    root.dataset.state = "busy";
    let out;
    try {
      out = parseOut(await ask({ type: "run", id: root.dataset.calculator, fields: fieldsOf(root) }));
    } catch (err) {
      if (mine !== current) return;
      root.dataset.state = "ready";
      root.querySelector("[data-status-text]").textContent = `计算出错：${err.message}`;
      return;
    }
    if (mine !== current) return; // a newer edit is on its way
    root.querySelector("[data-result]").innerHTML = out.html;
    showErrors(root, out.errors || {});
    root.dataset.state = "ready";
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(compute, 200);
  }

  form.addEventListener("input", (event) => {
    if (event.target.name === root.dataset.switch) showModes(root);
    if (root.dataset.shared && event.target.hasAttribute("data-shared")) saveShared(root);
    schedule();
  });
  form.addEventListener("keydown", (event) => {
    // Enter in a one-line field recomputes at once instead of submitting the form.
    if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === root.dataset.switch) showModes(root);
    schedule();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute();
  });

  root.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "retry") startWorker();
    if (action === "export-json") {
      saveShared(root);
      download("wdyq-data.json", JSON.stringify(readStore(), null, 2), "application/json");
    }
    if (action === "export-csv" && state === "ready") {
      saveShared(root);
      const args = { ...readStore().fields, _calc: root.dataset.calculator };
      const out = parseOut(await ask({ type: "call", name: "export_csv", args }));
      download(out.filename, `\ufeff${out.csv}`, "text/csv;charset=utf-8");
    }
    if (action === "print") window.print();
    const letter = event.target.closest("[data-action]")?.closest("[data-result]")?.querySelector("[data-letter]");
    if (action === "copy" && letter) {
      await navigator.clipboard.writeText(letter.textContent);
      if (msg) msg.textContent = "已复制到剪贴板。";
    }
    if (action === "download-text" && letter) {
      download(event.target.closest("[data-action]").dataset.filename || "letter.txt", letter.textContent,
        "text/plain;charset=utf-8");
    }
    const call = event.target.closest("[data-call]");
    if (call && state === "ready" && (!call.dataset.confirm || window.confirm(call.dataset.confirm))) {
      const args = { ...fieldsOf(root), _arg: call.dataset.arg || "", _calc: root.dataset.calculator };
      const out = parseOut(await ask({ type: "call", name: call.dataset.call, args }));
      if (out.errors) {
        showErrors(root, out.errors);
        return;
      }
      for (const [name, value] of Object.entries(out.fields || {})) setField(root, name, value);
      if (root.dataset.shared) saveShared(root);
      if (out.message) status(root, out.message);
      compute();
    }
    const question = "确定清除本站保存在这台设备上的全部数据（债务、预算和催收记录）吗？清除后无法恢复，建议先导出。";
    if (action === "clear" && window.confirm(question)) {
      for (const key of Object.keys(localStorage)) if (key.startsWith("wdyq:")) localStorage.removeItem(key);
      for (const el of sharedInputs(root)) el.value = el.defaultValue;
      if (msg) msg.textContent = "本机数据已清除。";
      compute();
    }
  });

  root.querySelector('[data-action="import"]')?.addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    const text = await file.text();
    let fields = null;
    try {
      if (/\.json$/i.test(file.name) || text.trim().startsWith("{")) {
        const data = JSON.parse(text);
        if (data && data.schema === SCHEMA && data.fields) fields = data.fields;
      } else if (state === "ready") {
        const args = { text, _calc: root.dataset.calculator };
        const out = parseOut(await ask({ type: "call", name: "import_csv", args }));
        if (out.error) throw new Error(out.error);
        fields = { ...readStore().fields, ...out.fields };
      }
    } catch (err) {
      if (msg) msg.textContent = `无法导入这个文件：${err.message}`;
      return;
    }
    if (!fields) {
      if (msg) msg.textContent = "无法导入这个文件：不是本站导出的 JSON 或 CSV。";
      return;
    }
    writeStore(fields);
    for (const el of sharedInputs(root)) if (Object.hasOwn(fields, el.name)) setField(root, el.name, fields[el.name]);
    if (msg) msg.textContent = `已导入 ${file.name}。`;
    compute();
  });

  const onChange = () => {
    if (!root.isConnected) {
      listeners.delete(onChange);
      return;
    }
    setStatus(root);
    if (state === "ready" && (dirty || root.dataset.state === "loading")) {
      if (dirty) compute();
      else root.dataset.state = "ready";
    }
  };
  listeners.add(onChange);
  onChange();
}

// ---------------------------------------------------------------- offline (service worker, site/sw.js)

const offline = { ready: false, waiting: null };

function showOffline() {
  const el = document.querySelector("[data-offline-status]");
  if (!el) return;
  if (offline.waiting) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "刷新到新版本";
    button.addEventListener("click", () => offline.waiting.postMessage("SKIP_WAITING"));
    el.replaceChildren("本站有新版本。", button);
    el.hidden = false;
  } else if (offline.ready) {
    el.textContent = "✓ 可离线使用：断网后也能打开本站（计算器用过一次后也能离线计算）。";
    el.hidden = false;
  }
}

let registered = false;

function registerServiceWorker(request) {
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) return;
  if (request) navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage(request)).catch(() => {});
  if (registered) return;
  registered = true;
  navigator.serviceWorker.register(new URL("../sw.js", import.meta.url)).then((reg) => {
    const check = () => {
      if (reg.waiting && navigator.serviceWorker.controller) {
        offline.waiting = reg.waiting;
        showOffline();
      }
    };
    check();
    reg.addEventListener("updatefound", () => reg.installing?.addEventListener("statechange", check));
  }).catch(() => {});
  navigator.serviceWorker.ready.then(() => {
    offline.ready = true;
    showOffline();
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (offline.waiting && !reloading) {
      reloading = true;
      location.reload();
    }
  });
}

// The service worker precaches the whole site: register it once the page is idle, and on a calculator page
// only when the runtime is ready, so that it never competes with the first paint or the runtime's start.
if (!document.querySelector('meta[name="wdyq-calculator"]')) {
  if (document.readyState === "complete") registerServiceWorker();
  else addEventListener("load", () => registerServiceWorker(), { once: true });
}

function init() {
  showOffline();
  // Tables that scroll sideways must be reachable with the keyboard (axe: scrollable-region-focusable).
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格（可左右滚动）");
    }
  }
  const roots = document.querySelectorAll("[data-calculator]");
  if (!roots.length) return;
  startWorker();
  roots.forEach(attach);
}

function subscribe() {
  if (window.document$) window.document$.subscribe(init);
  else init();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
