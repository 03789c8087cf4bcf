// Loaded from <head> on calculator pages only: starts the calculators' worker while the rest of the page is still
// being parsed. calc.js adopts it (and the messages it sent meanwhile) as soon as it runs.
//
// Until the calculators are ready it also holds back the two jobs that would otherwise compete with the runtime's
// start for a phone's two or four cores:
// * Material's script (hooks/runtime.py leaves it in the page as <script type="text/plain" data-wdyq-held=URL>):
//   started when the calculators are ready or have failed, at the reader's first touch, click, key, focus or
//   mouse wheel, or after MATERIAL_HOLD_MS. Until then the page is plain HTML: it reads, scrolls and follows links
//   (a full page load instead of instant navigation); only Material's own extras (search, the palette switch,
//   the table of contents following the page) wait, and a reader who touches the page gets them at once.
// * Material's request for the search index (search/search_index.json, fetched with XHR and then indexed in
//   another worker): sent when the calculators are ready, the reader turns to the search box, or after HOLD_MS.
(() => {
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const worker = new Worker(new URL("calc-worker.js", script.src), { type: "module" });
  worker.early = [];
  worker.addEventListener("message", (event) => worker.early?.push(event));
  window.__wdyqWorker = worker;

  const HOLD_MS = 15000;
  const held = [];
  let holding = true;
  const mark = (state) => {
    document.documentElement.dataset.searchIndex = state; // held | sent: which the tests (and a reader's devtools) see
  };
  const release = () => {
    holding = false;
    if (held.length) mark("sent");
    for (const send of held.splice(0)) send();
  };
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    try {
      this.wdyqSearchIndex = new URL(url, location.href).pathname.endsWith("/search/search_index.json");
    } catch {
      this.wdyqSearchIndex = false; // not a URL: the real open() below says so
    }
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.wdyqSearchIndex) return send.apply(this, args);
    if (!holding) {
      mark("sent");
      return send.apply(this, args);
    }
    held.push(() => send.apply(this, args));
    mark("held");
  };
  document.addEventListener("focusin", (event) => {
    if (/** @type {Element} */ (event.target).closest?.('form[name="search"]')) release();
  });
  setTimeout(release, HOLD_MS);

  const MATERIAL_HOLD_MS = 10000;
  let material = null;
  /** @param {"ready" | "reader" | "timeout"} why */
  const startMaterial = (why) => {
    const placeholder = /** @type {HTMLScriptElement | null} */ (document.querySelector("script[data-wdyq-held]"));
    if (material || !placeholder) return;
    material = document.createElement("script");
    material.src = placeholder.dataset.wdyqHeld;
    material.onload = () => {
      // Material starts on DOMContentLoaded, long past: tell it again. Nothing else on these pages still listens
      // for it (calc.js listened once). Then calc.js follows Material's instant navigation (wdyq:material).
      document.dispatchEvent(new Event("DOMContentLoaded"));
      dispatchEvent(new Event("wdyq:material"));
    };
    document.documentElement.dataset.material = why;
    placeholder.replaceWith(material);
  };
  const startMaterialWhenParsed = (why) => {
    if (document.readyState !== "loading") startMaterial(why);
    else document.addEventListener("DOMContentLoaded", () => startMaterial(why), { once: true });
  };
  // What started Material's script, for the tests (and a reader's devtools): held | ready | reader | timeout.
  document.documentElement.dataset.material = "held";
  const byReader = () => startMaterialWhenParsed("reader");
  for (const type of ["pointerdown", "keydown", "focusin", "wheel"]) {
    addEventListener(type, byReader, { once: true, capture: true, passive: true });
  }
  setTimeout(() => startMaterialWhenParsed("timeout"), MATERIAL_HOLD_MS);

  /** Called by calc.js once the runtime is ready or has failed. */
  window.__wdyqRuntimeSettled = () => {
    release();
    startMaterialWhenParsed("ready");
  };
})();
