// RACE Planner's service worker: keeps every file of this build in the browser, so the
// app opens and works with no network, and repeat visits load from the browser itself.
//
// scripts/postbuild.py fills in the build's version and files. Each build has its own
// cache; when a new build is deployed, its worker installs beside the running one and
// waits: the page says a new version is ready and reloads into it when asked
// (src/ui/offline.rs). Anything the cache cannot answer goes to the network, so a
// broken or stale cache never blocks the app.
const VERSION = "__RACE_PLANNER_VERSION__";
const FILES = __RACE_PLANNER_FILES__;
const PREFIX = "race-planner-";
const CACHE = PREFIX + VERSION;
const scope = self.registration.scope;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new URL(file, scope).href))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "update") self.skipWaiting();
});

async function answer(request) {
  try {
    const cache = await caches.open(CACHE);
    // Every page of the app is index.html; files are matched without their query
    // (the whole app is asked for with a version query).
    const key = request.mode === "navigate" ? new URL("./", scope).href : request.url;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
  } catch {
    // A cache that cannot be read: the network answers.
  }
  return fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope)) return;
  event.respondWith(answer(request));
});
