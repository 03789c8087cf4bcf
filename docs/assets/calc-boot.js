// Loaded from <head> on calculator pages only: starts the calculators' worker while the rest of the page is still
// being parsed. calc.js adopts it (and the messages it sent meanwhile) as soon as it runs.
(() => {
  const worker = new Worker(new URL("calc-worker.js", document.currentScript.src), { type: "module" });
  worker.early = [];
  worker.addEventListener("message", (event) => worker.early?.push(event));
  window.__wdyqWorker = worker;
})();
