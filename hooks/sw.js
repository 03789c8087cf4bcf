// Service worker of 网贷逾期应对指南 (generated at build time from hooks/sw.js; do not edit site/sw.js).
// Pages and site assets are precached on install (one version at a time); the Pyodide runtime and the
// calculators wheel are cached on first use of a calculator. Every URL is relative to this file's scope, so the
// site works from any path prefix. Nothing is ever sent anywhere: this only caches the site's own files.
const VERSION = "__VERSION__";
const RUNTIME_VERSION = "__RUNTIME_VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME_FILES = __RUNTIME_FILES__;
const PAGES = `wdyq-pages-${VERSION}`;
const RUNTIME = `wdyq-runtime-${RUNTIME_VERSION}`;
const scope = new URL(self.registration.scope);
const runtimePrefix = new URL("assets/pyodide/", scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PAGES).then((cache) => cache.addAll(PRECACHE.map((u) => new URL(u, scope)))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("wdyq-") && name !== PAGES && name !== RUNTIME) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") self.skipWaiting();
  // A calculator page is open: keep the runtime and the wheel for offline use (fetched at most once).
  if (event.data === "CACHE_RUNTIME") {
    event.waitUntil((async () => {
      const cache = await caches.open(RUNTIME);
      for (const file of RUNTIME_FILES) {
        const url = new URL(file, scope);
        if (!(await cache.match(url))) await cache.add(url);
      }
    })());
  }
});

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && cacheName === RUNTIME) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (url.pathname.startsWith(runtimePrefix)) {
    event.respondWith(cacheFirst(event.request, RUNTIME));
  } else {
    event.respondWith(cacheFirst(event.request, PAGES).catch(async () => {
      // Offline and not precached: for a page, fall back to the home page rather than an error.
      if (event.request.mode === "navigate") return (await caches.open(PAGES)).match(new URL("./", scope));
      throw new Error("offline");
    }));
  }
});
