// The first load's side of the hand-over to the whole app (see handover.rs).
//
// Actions are buttons, the plan settings' summary and the label of a file input. A
// click on one of them is held back, the whole app is loaded and started (it mounts
// itself into the page), the first load's view is removed, the values typed into its
// fields are written into the same fields of the whole app, the focus is put back and
// the click is replayed. Elements are matched by what they are and say (tag, id, type,
// name, label, text) and by their rank among the elements that are and say the same.

const ACTIONS = "button, summary[data-full], label[for]";
const FIELDS = "input, select, textarea";
let unmountStart = null;
let loading = null;
let started = false;
let replay = null;
let attempts = 0;
let handOverWhenMounted = false;

function urls() {
  const meta = document.querySelector('meta[name="race-planner-full"]');
  // A failed import stays failed for its URL: a new try asks for a new one.
  const version = `?v=${encodeURIComponent(meta ? meta.content : "")}${attempts ? `&try=${attempts}` : ""}`;
  const base = new URL(".", location.href);
  return [
    new URL(`race-planner-full.js${version}`, base).href,
    new URL(`race-planner-full_bg.wasm${version}`, base).href,
    new URL(`share.js${version}`, base).href,
  ];
}

async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (response.headers.get("Content-Type") === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Downloads and compiles the whole app once, without starting it. */
function preload() {
  if (!loading) {
    const [js, wasm, share] = urls();
    loading = Promise.all([import(js), compile(wasm), import(share)]);
    loading.catch(() => {
      loading = null;
      attempts += 1;
    });
  }
  return loading;
}

function signature(el) {
  const text = el.matches(FIELDS) ? "" : (el.textContent || "").trim().slice(0, 80);
  return [el.tagName, el.id, el.getAttribute("type"), el.getAttribute("name"), el.getAttribute("aria-label"), text].join("|");
}

/** Where an element is: its signature and its rank among elements with the same one. */
function locate(el) {
  const sig = signature(el);
  const same = [...document.querySelectorAll(`${ACTIONS}, ${FIELDS}`)].filter((e) => signature(e) === sig);
  return { sig, rank: same.indexOf(el) };
}

function find(place) {
  if (!place || place.rank < 0) return null;
  const same = [...document.querySelectorAll(`${ACTIONS}, ${FIELDS}`)].filter((e) => signature(e) === place.sig);
  return same[place.rank] || null;
}

function note() {
  let el = document.getElementById("handover-note");
  if (!el) {
    el = document.createElement("p");
    el.id = "handover-note";
    el.className = "handover-note";
    document.body.append(el);
  }
  return el;
}

function restore(field) {
  const el = find(field.place);
  if (!el) return;
  if (field.files && field.files.length) {
    el.files = field.files;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (field.checked !== undefined) {
    if (el.checked !== field.checked) {
      el.checked = field.checked;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  } else if (el.value !== field.value) {
    el.value = field.value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Loads the whole app and hands the page over to it (once). */
async function handOver() {
  if (!unmountStart) {
    // Asked while the first load is still mounting: hand over once it is mounted.
    handOverWhenMounted = true;
    return;
  }
  if (started) return;
  started = true;
  const shown = note();
  shown.setAttribute("role", "status");
  shown.textContent = "Loading the editor…";
  let parts;
  try {
    parts = await preload();
  } catch {
    started = false;
    shown.setAttribute("role", "alert");
    shown.textContent = "The editor could not be loaded. Check the connection and try again.";
    return;
  }
  shown.remove();
  const fields = [...document.querySelectorAll(FIELDS)].map((el) => ({
    place: locate(el),
    value: el.value,
    checked: el.type === "checkbox" || el.type === "radio" ? el.checked : undefined,
    files: el.type === "file" ? el.files : null,
  }));
  const active = document.activeElement;
  const focus = active && active !== document.body && active.matches(`${ACTIONS}, ${FIELDS}`)
    ? { place: locate(active), start: active.selectionStart, end: active.selectionEnd }
    : null;
  const [app, compiled] = parts;
  stopWatching();
  await app.default({ module_or_path: compiled });
  const unmount = unmountStart;
  unmountStart = null;
  unmount();
  // Let the whole app's first effects run (they are queued as microtasks), with no
  // timer: a page whose timers are held must still get its click.
  await Promise.resolve();
  fields.forEach(restore);
  const focused = focus && find(focus.place);
  if (focused) {
    focused.focus();
    if (focus.start !== null && focus.start !== undefined && focused.setSelectionRange) {
      try {
        focused.setSelectionRange(focus.start, focus.end);
      } catch {
        // Not a text field.
      }
    }
  }
  const place = replay;
  replay = null;
  if (place) whenFound(place, (target) => target.click());
}

/** Runs `act` on the element at `place` as soon as the page shows it: some parts of
 *  the whole app appear a moment after it starts (the backup reminder, after a timer).
 *  Gives up after a few seconds. */
function whenFound(place, act) {
  const found = find(place);
  if (found) {
    act(found);
    return;
  }
  const observer = new MutationObserver(() => {
    const el = find(place);
    if (el) {
      observer.disconnect();
      act(el);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 5000);
}

function onClick(event) {
  const target = event.target instanceof Element ? event.target.closest(ACTIONS) : null;
  if (!target || target.closest("[data-start]")) return;
  if (target.tagName === "LABEL") {
    const input = document.getElementById(target.htmlFor);
    if (!input || input.type !== "file") return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  replay = locate(target);
  handOver();
}

function onChange(event) {
  if (event.target instanceof HTMLInputElement && event.target.type === "file") {
    event.stopImmediatePropagation();
    handOver();
  }
}

function onIntent(event) {
  const target = event.target instanceof Element ? event.target.closest(`${ACTIONS}, ${FIELDS}`) : null;
  if (target && !target.closest("[data-start]")) {
    preload().catch(() => {});
  }
}

function stopWatching() {
  removeEventListener("click", onClick, true);
  removeEventListener("change", onChange, true);
  removeEventListener("pointerover", onIntent, true);
  removeEventListener("focusin", onIntent, true);
}

/** Starts watching for actions that need the whole app. */
function watch(unmount) {
  unmountStart = unmount;
  addEventListener("click", onClick, true);
  addEventListener("change", onChange, true);
  addEventListener("pointerover", onIntent, { capture: true, passive: true });
  addEventListener("focusin", onIntent, true);
  if (handOverWhenMounted) handOver();
}

// The first load calls these through `racePlannerHandover` (see handover.rs).
globalThis.racePlannerHandover = { handOver, watch };

// The browser reads every stored plan into the page on its first look at localStorage:
// tens of milliseconds for a large plan. Looking now, while the app's code downloads,
// makes that a task of its own instead of part of the app's start.
try {
  void localStorage.length;
} catch {
  // Storage turned off: the app says so when it starts.
}
