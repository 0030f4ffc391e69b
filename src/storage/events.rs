//! Changes made by other tabs, and the moments to save before the page goes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::keys::{classify_key, KeyKind};

/// A change of the app's storage made by another tab or window of this site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeEvent {
    /// A plan was saved (created or changed): reload it, and if it is open and
    /// edited here, expect a conflict at the next save.
    PlanSaved {
        /// The plan's id.
        id: String,
    },
    /// A plan was deleted (moved to the trash or aside).
    PlanDeleted {
        /// The plan's id.
        id: String,
    },
    /// The list of plans changed.
    IndexChanged,
    /// The trash changed.
    TrashChanged,
    /// Something else of the app changed (recovery entries, backup notes), or
    /// the whole storage was cleared: reload what is shown.
    Other,
}

/// The change a `storage` event stands for, from its key and new value; `None`
/// for keys that are not the app's. A `None` key means the storage was cleared.
pub fn change_for(key: Option<&str>, new_value: Option<&str>) -> Option<ChangeEvent> {
    let Some(key) = key else {
        return Some(ChangeEvent::Other);
    };
    Some(match classify_key(key)? {
        KeyKind::Plan(id) if new_value.is_none() => ChangeEvent::PlanDeleted { id },
        KeyKind::Plan(id) => ChangeEvent::PlanSaved { id },
        KeyKind::Index => ChangeEvent::IndexChanged,
        KeyKind::Trash { .. } => ChangeEvent::TrashChanged,
        KeyKind::Meta | KeyKind::Glance(_) | KeyKind::Recovery(_) | KeyKind::Other => {
            ChangeEvent::Other
        }
    })
}

/// One registered listener: where, for which event, and the closure to call.
type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// Event listeners that stay registered while this handle lives and are
/// removed when it is dropped. Call [`ListenerHandle::forget`] to keep them for
/// the life of the page.
pub struct ListenerHandle {
    listeners: Vec<Listener>,
}

impl ListenerHandle {
    /// A handle holding no listener (when there is no window).
    fn empty() -> Self {
        Self {
            listeners: Vec::new(),
        }
    }

    fn add(
        &mut self,
        target: web_sys::EventTarget,
        event: &'static str,
        closure: Closure<dyn FnMut(web_sys::Event)>,
    ) {
        // A refusal to add leaves the handle without that listener: nothing to remove later.
        if target
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.push((target, event, closure));
        }
    }

    /// How many listeners are registered.
    pub fn len(&self) -> usize {
        self.listeners.len()
    }

    /// Whether no listener could be registered.
    pub fn is_empty(&self) -> bool {
        self.listeners.is_empty()
    }

    /// Keeps the listeners for the life of the page (the app's root listeners
    /// are never meant to stop). This deliberately leaks the closures.
    pub fn forget(mut self) {
        for (_, _, closure) in self.listeners.drain(..) {
            closure.forget();
        }
    }
}

impl Drop for ListenerHandle {
    fn drop(&mut self) {
        for (target, event, closure) in self.listeners.drain(..) {
            let _ =
                target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
    }
}

/// Calls `callback` when another tab or window of this site changes the app's
/// storage (the window's `storage` event, filtered to the app's keys). A tab
/// never receives events for its own writes.
pub fn on_plan_changed(callback: impl Fn(ChangeEvent) + 'static) -> ListenerHandle {
    let mut handle = ListenerHandle::empty();
    let Some(window) = web_sys::window() else {
        return handle;
    };
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        let key = event.key();
        let new_value = event.new_value();
        if let Some(change) = change_for(key.as_deref(), new_value.as_deref()) {
            callback(change);
        }
    });
    handle.add(window.into(), "storage", closure);
    handle
}

/// Calls `callback` when the page may be about to go away: the tab is hidden
/// (`visibilitychange` to hidden: switching tabs, minimising, closing on
/// mobile) or the page is being unloaded (`pagehide`). Flush pending saves
/// there: after it the page may never run again.
pub fn flush_on_hide(callback: impl Fn() + 'static) -> ListenerHandle {
    let mut handle = ListenerHandle::empty();
    let Some(window) = web_sys::window() else {
        return handle;
    };
    let callback = std::rc::Rc::new(callback);
    if let Some(document) = window.document() {
        let on_hidden = callback.clone();
        let doc = document.clone();
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                on_hidden();
            }
        });
        handle.add(document.into(), "visibilitychange", closure);
    }
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
        callback();
    });
    handle.add(window.into(), "pagehide", closure);
    handle
}
