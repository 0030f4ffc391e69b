//! App-wide state: the plans, where the user is, the theme, the save state; and the
//! editor of the open plan, through which every edit goes (undo history, autosave).

use crate::domain::evaluation::{evaluate_plan_with, Evaluation};
use crate::domain::measure::IndexedActuals;
use crate::domain::plan::Plan;
use crate::domain::scoring::{rank, RankedInitiative};
use crate::format::history::History;
use crate::route::Route;
use crate::ui::persist::Persist;
use leptos::prelude::*;
use std::sync::Arc;

/// What the header says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Nothing to save yet.
    Idle,
    /// An edit waits for the debounce to end.
    Pending,
    /// Everything is stored in this browser.
    Saved,
    /// The last save failed; edits are kept in memory.
    Failed(String),
}

impl SaveState {
    /// The discreet text shown in the header.
    pub fn label(&self) -> String {
        match self {
            SaveState::Idle => String::new(),
            SaveState::Pending => "Saving…".into(),
            SaveState::Saved => "✓ Saved".into(),
            SaveState::Failed(_) => "⚠ Not saved".into(),
        }
    }
}

/// The colour theme: the system's, or one the user picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

/// A plan as Home lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub id: String,
    pub name: String,
    pub updated_at: i64,
    pub locale: String,
    /// One line about where the plan stands.
    pub status: String,
}

impl Listed {
    /// How Home lists `plan`.
    #[cfg(not(feature = "start"))]
    pub fn of(plan: &Plan) -> Listed {
        Listed {
            id: plan.id.clone(),
            name: plan.name.clone(),
            updated_at: plan.updated_at,
            locale: plan.profile.locale.clone(),
            status: plan_status(plan),
        }
    }

    /// How Home lists a stored plan from its glance (the first load).
    #[cfg(feature = "start")]
    fn glanced(g: &crate::storage::Glanced) -> Listed {
        Listed {
            id: g.entry.id.clone(),
            name: g.entry.name.clone(),
            updated_at: g.entry.updated_at,
            locale: g.glance.locale.clone(),
            status: g.glance.status.clone(),
        }
    }
}

/// One line about where a plan stands: its size, its monthly forecast, its actions.
#[cfg(not(feature = "start"))]
pub fn plan_status(plan: &Plan) -> String {
    let touchpoints = plan.touchpoints().count();
    if touchpoints == 0 && plan.strategy.initiatives.is_empty() {
        return "Not started: add touchpoints and funnel rates".into();
    }
    let revenue = crate::domain::funnel::forward_funnel(plan)
        .months
        .first()
        .map(|m| m.revenue)
        .unwrap_or(0.0);
    let actions = &plan.action.actions;
    let done = actions
        .iter()
        .filter(|a| a.status == crate::domain::plan::ActionStatus::Done)
        .count();
    format!(
        "{touchpoints} touchpoints · forecast {} a month · {done} of {} actions done",
        crate::ui::format::money_whole(revenue, &plan.profile.locale, &plan.profile.currency),
        actions.len()
    )
}

/// The build of the whole app this page hands over to (`<meta name="race-planner-full">`,
/// empty in a development build): what glances are made by and for.
pub fn build_id() -> String {
    document()
        .query_selector("meta[name=\"race-planner-full\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}

/// State shared by every screen (all fields are signals, so it is `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    pub route: RwSignal<Route>,
    /// The plans, read and edited (the whole app; the first load reads none).
    pub plans: RwSignal<Vec<Plan>>,
    /// The plans as Home lists them.
    pub listed: Signal<Vec<Listed>>,
    /// The stored plans' glances: all the first load reads of them.
    #[cfg(feature = "start")]
    pub glanced: RwSignal<Vec<crate::storage::Glanced>>,
    pub save_state: RwSignal<SaveState>,
    pub theme: RwSignal<Theme>,
    pub shortcuts_open: RwSignal<bool>,
    pub notices: RwSignal<Vec<Notice>>,
    /// A new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    /// Loading and saving plans in this browser.
    pub persist: Persist,
}

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// A message shown in a banner above the screen until the user dismisses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Same key, same notice: a new one replaces the old.
    pub key: String,
    pub level: Level,
    pub title: String,
    pub body: String,
}

impl AppState {
    /// Creates the state and loads the plans stored in this browser.
    pub fn start() -> AppState {
        let plans = RwSignal::new(Vec::<Plan>::new());
        #[cfg(not(feature = "start"))]
        let listed = Memo::new(move |_| plans.with(|ps| ps.iter().map(Listed::of).collect()));
        #[cfg(feature = "start")]
        let glanced = RwSignal::new(Vec::new());
        #[cfg(feature = "start")]
        let listed = Memo::new(move |_| glanced.with(|g| g.iter().map(Listed::glanced).collect()));
        let state = AppState {
            route: RwSignal::new(Route::Home),
            plans,
            listed: listed.into(),
            #[cfg(feature = "start")]
            glanced,
            save_state: RwSignal::new(SaveState::Idle),
            theme: RwSignal::new(Theme::System),
            shortcuts_open: RwSignal::new(false),
            notices: RwSignal::new(Vec::new()),
            update_ready: RwSignal::new(false),
            persist: Persist::new(),
        };
        state.persist.start(state);
        match crate::storage::theme().as_deref() {
            Some("light") => state.apply_theme(Theme::Light),
            Some("dark") => state.apply_theme(Theme::Dark),
            _ => {}
        }
        state
    }

    /// System → light → dark → system; the choice is remembered in this browser.
    pub fn cycle_theme(&self) {
        let next = match self.theme.get_untracked() {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        };
        self.apply_theme(next);
        let _ = crate::storage::set_theme(match next {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        });
    }

    fn apply_theme(&self, theme: Theme) {
        self.theme.set(theme);
        if let Some(root) = document().document_element() {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                Theme::Light => root.set_attribute("data-theme", "light"),
                Theme::Dark => root.set_attribute("data-theme", "dark"),
            };
        }
    }

    /// Shows a notice (replacing one with the same key).
    pub fn notify(
        &self,
        level: Level,
        key: &str,
        title: impl Into<String>,
        body: impl Into<String>,
    ) {
        let notice = Notice {
            key: key.to_string(),
            level,
            title: title.into(),
            body: body.into(),
        };
        self.notices.update(|n| {
            n.retain(|x| x.key != notice.key);
            n.push(notice);
        });
    }

    /// Removes the notice with this key, if shown.
    pub fn dismiss(&self, key: &str) {
        self.notices.update(|n| n.retain(|x| x.key != key));
    }

    /// Goes somewhere in the app (by changing the URL fragment).
    pub fn go(&self, route: Route) {
        let _ = window().location().set_hash(&route.to_fragment());
    }

    /// Creates a plan named `title`, blank or from the template with this slug, stores
    /// it and opens it.
    #[cfg(not(feature = "start"))]
    pub fn create_plan(&self, title: String, template: &str) {
        use crate::domain::templates::Template;
        let id = new_id("p");
        let mut plan = match Template::ALL.iter().find(|t| t.slug() == template) {
            Some(t) => t.build(&id, now_ms(), &today()),
            None => Plan::new(&id, &title, now_ms(), &today()),
        };
        plan.name = title;
        self.add_plan(plan);
    }

    /// The first load creates no plan: the whole app does (`ui::handover`).
    #[cfg(feature = "start")]
    pub fn create_plan(&self, _title: String, _template: &str) {
        crate::ui::handover::now();
    }

    /// Adds a new plan, stores it and opens it.
    pub fn add_plan(&self, plan: Plan) {
        let id = plan.id.clone();
        self.persist.add(*self, plan);
        self.go(Route::Plan {
            id,
            screen: crate::route::Screen::Overview,
        });
    }

    /// Writes an edited plan back into the list of plans and saves it after a pause.
    pub fn put_plan(&self, plan: &Plan) {
        self.plans
            .update(|plans| match plans.iter_mut().find(|p| p.id == plan.id) {
                Some(slot) => *slot = plan.clone(),
                None => plans.push(plan.clone()),
            });
        self.persist.schedule_save(*self, &plan.id);
    }
}

/// The body of [`Editor::select`].
fn select_plan<T: PartialEq + Send + Sync + 'static>(
    plan: RwSignal<Plan>,
    selectors: StoredValue<Selectors>,
    pick: impl Fn(&Plan) -> T + Send + Sync + 'static,
) -> ReadSignal<T> {
    let first = plan.with_untracked(&pick);
    select(selectors, |s| &mut s.of_plan, first, pick)
}

/// A selector of `A` (the plan or its evaluation): a signal of what `pick` takes from
/// it, set by each change only when that changed, and removed with the view that asked
/// for it. Only the closure is built per call; the rest is shared.
fn select<A: 'static, T: PartialEq + Send + Sync + 'static>(
    selectors: StoredValue<Selectors>,
    list: fn(&mut Selectors) -> &mut Registered<A>,
    first: T,
    pick: impl Fn(&A) -> T + Send + Sync + 'static,
) -> ReadSignal<T> {
    let (value, set) = signal(first);
    register(
        selectors,
        list,
        Box::new(move |a: &A| set_if_changed(value, set, pick(a))),
    );
    value
}

#[inline(never)]
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(
    value: ReadSignal<T>,
    set: WriteSignal<T>,
    fresh: T,
) {
    if value.try_with_untracked(|v| *v != fresh) == Some(true) {
        set.set(fresh);
    }
}

#[inline(never)]
fn register<A: 'static>(
    selectors: StoredValue<Selectors>,
    list: fn(&mut Selectors) -> &mut Registered<A>,
    update: Box<dyn Fn(&A) + Send + Sync>,
) {
    let id = selectors
        .try_update_value(|s| {
            s.next += 1;
            let id = s.next;
            list(s).push((id, update));
            id
        })
        .unwrap_or_default();
    on_cleanup(move || _ = selectors.try_update_value(|s| s.remove(id)));
}

/// The milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> i64 {
    crate::storage::now_ms()
}

/// Today as `YYYY-MM-DD` in the user's time zone.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A new random id such as `p-k3j9x2m1q7`: the prefix says what it names.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}-{}", crate::storage::new_id())
}

/// The open plan, and the one way to change it.
#[derive(Clone, Copy)]
pub struct Editor {
    pub plan: RwSignal<Plan>,
    /// Why the plan cannot be edited (a newer app version wrote it), if so.
    pub read_only: RwSignal<Option<String>>,
    history: StoredValue<History<Plan>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    /// Bumped when the plan is replaced rather than typed into (undo, redo, another
    /// tab): fields then show the new value even while focused.
    pub resets: RwSignal<u64>,
    /// Every derived number of the plan, computed once per edit for every view.
    pub eval: Memo<Evaluation>,
    /// Every initiative's score and rank, best first. Apart from the evaluation: only the
    /// Strategy screen reads it, and a memo no view reads is not computed, so an edit on
    /// another screen does not rank every initiative again.
    pub ranking: Memo<Vec<RankedInitiative>>,
    /// The plan's actuals, indexed once for as long as they do not change.
    pub actuals: Memo<Arc<IndexedActuals>>,
    /// The plan's locale, which number fields group their digits by.
    pub locale: ReadSignal<String>,
    /// The plan's locale and currency, which figures are formatted with.
    pub locale_currency: ReadSignal<(String, String)>,
    /// The parts of the plan that views show, updated by each change ([`Editor::select`]).
    selectors: StoredValue<Selectors>,
}

/// Selectors of `A`, each with the number that removes it.
type Registered<A> = Vec<(u64, Box<dyn Fn(&A) + Send + Sync>)>;

/// The selectors of an editor.
#[derive(Default)]
struct Selectors {
    next: u64,
    of_plan: Registered<Plan>,
    of_eval: Registered<Evaluation>,
}

impl Selectors {
    fn remove(&mut self, id: u64) {
        self.of_plan.retain(|(n, _)| *n != id);
        self.of_eval.retain(|(n, _)| *n != id);
    }
}

impl Editor {
    /// An editor for one plan.
    pub fn new(plan: Plan, read_only: Option<String>) -> Editor {
        let plan = RwSignal::new(plan);
        let day = crate::domain::period::parse_date(&today()).ok();
        let actuals = Memo::new_owning(move |previous: Option<Arc<IndexedActuals>>| {
            plan.with(|p| IndexedActuals::refresh(previous, &p.actuals))
        });
        let eval = Memo::new(move |_| {
            let actuals = actuals.get();
            plan.with(|p| evaluate_plan_with(p, day, &actuals.index))
        });
        let selectors = StoredValue::new(Selectors::default());
        let locale = select_plan(plan, selectors, |p| p.profile.locale.clone());
        let locale_currency = select_plan(plan, selectors, |p| {
            (p.profile.locale.clone(), p.profile.currency.clone())
        });
        Editor {
            plan,
            eval,
            ranking: Memo::new(move |_| plan.with(rank)),
            locale,
            locale_currency,
            selectors,
            actuals,
            read_only: RwSignal::new(read_only),
            history: StoredValue::new(History::new(crate::format::history::DEFAULT_HISTORY_LIMIT)),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            resets: RwSignal::new(0),
        }
    }

    /// Replaces the plan with one changed elsewhere (another tab, a conflict choice).
    pub fn replace(&self, plan: Plan) {
        self.plan.set(plan);
        self.run_selectors();
        self.resets.update(|n| *n += 1);
    }

    /// A part of the plan that a view shows, as a signal that changes only when that part
    /// does. Each change of the plan recomputes it at once, in the change itself. A memo
    /// of the plan would compute the same, but each change would first reach everything
    /// that depends on the memo, to have it ask whether the memo changed: on a stage
    /// screen of the large plan, a keystroke woke some 320 views to change about 30
    /// figures. `pick` reads the plan only (no signals). It is removed with the view
    /// that asked for it.
    pub fn select<T: PartialEq + Send + Sync + 'static>(
        &self,
        pick: impl Fn(&Plan) -> T + Send + Sync + 'static,
    ) -> ReadSignal<T> {
        select_plan(self.plan, self.selectors, pick)
    }

    /// A part of the plan's evaluation, as [`Editor::select`] has a part of the plan: a
    /// KPI's value, which most keystrokes leave as it is.
    pub fn select_eval<T: PartialEq + Send + Sync + 'static>(
        &self,
        pick: impl Fn(&Evaluation) -> T + Send + Sync + 'static,
    ) -> ReadSignal<T> {
        let first = self.eval.with_untracked(&pick);
        select(self.selectors, |s| &mut s.of_eval, first, pick)
    }

    fn run_selectors(&self) {
        self.selectors.with_value(|s| {
            self.plan
                .with_untracked(|p| s.of_plan.iter().for_each(|(_, update)| update(p)));
            if !s.of_eval.is_empty() {
                self.eval
                    .with_untracked(|e| s.of_eval.iter().for_each(|(_, update)| update(e)));
            }
        });
    }

    /// Applies an edit. `key` names the field, so that a run of keystrokes in one
    /// field undoes as one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Plan)) {
        let mut change = Some(change);
        self.apply(key, &mut |p| {
            if let Some(change) = change.take() {
                change(p);
            }
        });
    }

    /// The body of [`Editor::edit`], not generic, so that it is in the download once
    /// rather than at each of the edits that call it.
    #[inline(never)]
    fn apply(&self, key: &str, change: &mut dyn FnMut(&mut Plan)) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let now = now_ms();
        let plan = self.plan;
        self.history
            .update_value(|h| _ = h.record_coalesced_with(|| plan.get_untracked(), key, now));
        self.plan.update(|p| {
            change(p);
            p.updated_at = now;
        });
        self.run_selectors();
        self.sync_flags();
    }

    /// Goes back one edit.
    pub fn undo(&self) {
        let current = self.plan.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.replace(previous);
        }
        self.sync_flags();
    }

    /// Goes forward one undone edit.
    pub fn redo(&self) {
        let current = self.plan.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.replace(next);
        }
        self.sync_flags();
    }

    fn sync_flags(&self) {
        let (u, r) = self.history.with_value(|h| (h.can_undo(), h.can_redo()));
        self.can_undo.set(u);
        self.can_redo.set(r);
    }
}
