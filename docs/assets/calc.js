// The calculators' page runtime (entry module, listed in mkdocs.yml). It only moves strings: it collects the raw
// text of form fields, hands it to Python (calculators.web) in one module Web Worker, and inserts the HTML that
// Python returns. Modules: calc-protocol (worker messages), calc-client (the worker), calc-store (saved data),
// calc-form (form DOM), calc-page (one calculator), calc-actions (buttons), calc-import, calc-offline.
import { engine, listen, startWorker } from "./calc-client.js";
import { attach } from "./calc-page.js";
import { registerServiceWorker, registerWhenIdle, showOffline } from "./calc-offline.js";

// The service worker precaches the whole site: register it once the page is idle, and on a calculator page
// only when the runtime is ready, so that it never competes with the first paint or the runtime's start.
registerWhenIdle();
listen(() => {
  // The runtime has settled: let Material's script and its search index start (calc-boot.js held them back).
  if (engine.state === "ready" || engine.state === "failed") window.__wdyqRuntimeSettled?.();
  // First use of a calculator, now idle: keep the runtime for offline use and cache the site.
  if (engine.state === "ready") registerServiceWorker("CACHE_RUNTIME");
  return engine.state !== "ready";
});

/** Tables that scroll sideways must be reachable with the keyboard (axe: scrollable-region-focusable). */
function focusableTables() {
  for (const wrap of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".md-typeset__scrollwrap"))) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格（可左右滚动）");
    }
  }
}

function init() {
  showOffline();
  focusableTables();
  const roots = document.querySelectorAll("[data-calculator]");
  if (!roots.length) return;
  startWorker();
  roots.forEach(attach);
}

function subscribe() {
  if (window.document$) return window.document$.subscribe(init);
  init();
  // Material was held back on this page (calc-boot.js). Once it runs: its table wrappers are new, and its instant
  // navigation is to be followed (its first document is this one, already started).
  addEventListener("wdyq:material", () => {
    focusableTables();
    let first = true;
    window.document$?.subscribe(() => (first ? (first = false) : init()));
  }, { once: true });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe, { once: true });
else subscribe();
