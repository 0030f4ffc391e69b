// Registers the service worker (src/sw.js) once the page has loaded, and tells the app
// when a new version is installed and waiting (see offline.rs).

export function register(onUpdate) {
  if (!("serviceWorker" in navigator)) return;
  const start = async () => {
    try {
      const registration = await navigator.serviceWorker.register("sw.js");
      const tell = () => {
        if (registration.waiting && navigator.serviceWorker.controller) onUpdate();
      };
      tell();
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        if (installing) {
          installing.addEventListener("statechange", () => {
            if (installing.state === "installed") tell();
          });
        }
      });
    } catch {
      // No offline copy in this browser (private mode, a blocked worker): the app works online.
    }
  };
  if (document.readyState === "complete") setTimeout(start, 0);
  else addEventListener("load", () => setTimeout(start, 0), { once: true });
}

/** Reloads into the waiting version. */
export function update() {
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (!registration || !registration.waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    registration.waiting.postMessage("update");
  });
}
