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
  worker = new Worker(workerURL, { type: "module" });
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "progress") {
      lastProgress = msg;
    } else if (msg.type === "ready") {
      state = "ready";
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
  for (const el of root.querySelectorAll("form [name]")) fields[el.name] = el.value;
  return fields;
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
      const out = parseOut(await ask({ type: "call", name: "export_csv", args: readStore().fields }));
      download("wdyq-debts.csv", `\ufeff${out.csv}`, "text/csv;charset=utf-8");
    }
    if (action === "clear" && window.confirm("确定清除本机保存的债务和预算吗？清除后无法恢复，建议先导出。")) {
      localStorage.removeItem(STORE_KEY);
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
        const out = parseOut(await ask({ type: "call", name: "import_csv", args: { text } }));
        if (out.error) throw new Error(out.error);
        fields = { ...readStore().fields, debts: out.debts };
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
    for (const el of sharedInputs(root)) if (Object.hasOwn(fields, el.name)) el.value = fields[el.name];
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

function init() {
  const roots = document.querySelectorAll("[data-calculator]");
  if (!roots.length) return;
  startWorker();
  roots.forEach(attach);
}

// Calculator pages load this module early from <head> (marked by a meta tag): start the runtime right away,
// before the rest of the page is parsed, then attach the forms once the document is ready.
if (document.querySelector('meta[name="wdyq-calculator"]')) startWorker();

function subscribe() {
  if (window.document$) window.document$.subscribe(init);
  else init();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
