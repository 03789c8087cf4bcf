// What the page runtime (docs/assets/*.js) reads and writes outside its own modules, declared for the type check
// (make lint: tsc --noEmit on tsconfig.json). Nothing here is shipped: it only describes the browser's globals.

interface Window {
  /** The calculators' worker, started from <head> by calc-boot.js and adopted by calc-client.js. */
  __wdyqWorker?: Worker;
  /** calc-boot.js: called once the runtime is ready or has failed; lets Material's script and search index start. */
  __wdyqRuntimeSettled?: () => void;
  /** Material for MkDocs: the observable of documents (instant navigation); defined once its script runs. */
  document$?: { subscribe(next: () => void): unknown };
}

interface Worker {
  /** Messages the worker sent before calc.js took it over (calc-boot.js keeps them). */
  early?: MessageEvent[] | null;
}

interface XMLHttpRequest {
  /** calc-boot.js: whether this request fetches Material's search index (held until the calculators are ready). */
  wdyqSearchIndex?: boolean;
}

// Material for MkDocs' small global helpers (docs/assets/md-base.js, from its partials/javascripts/base.html).
declare var __md_scope: URL;
declare var __md_hash: (value: string) => number;
declare var __md_get: (key: string, storage?: Storage, scope?: URL) => any;
declare var __md_set: (key: string, value: unknown, storage?: Storage, scope?: URL) => void;
