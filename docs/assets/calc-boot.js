// Loaded from <head> on calculator pages only: starts the calculators' worker while the rest of the page is still
// being parsed. calc.js adopts it (and the messages it sent meanwhile) as soon as it runs.
//
// It also holds back Material's request for the search index (search/search_index.json, fetched with XHR at load
// time and then indexed in another worker) until the calculators are ready, the reader turns to the search box,
// or HOLD_MS have passed: on a two-core phone that indexing otherwise competes with the runtime's start-up.
(() => {
  const worker = new Worker(new URL("calc-worker.js", document.currentScript.src), { type: "module" });
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
    if (event.target.closest?.('form[name="search"]')) release();
  });
  setTimeout(release, HOLD_MS);
  /** Called by calc.js once the runtime is ready or has failed. */
  window.__wdyqReleaseSearch = release;
})();
