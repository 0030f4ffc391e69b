//! The plan workspace: navigation along RACE + OSA and the current screen.

#[cfg(not(feature = "start"))]
use crate::domain::plan::Stage;
use crate::route::{Route, Screen};
#[cfg(not(feature = "start"))]
use crate::ui::screens::{
    actions::ActionsScreen, measure::MeasureScreen, odds::OddsScreen,
    opportunity::OpportunityScreen, overview::OverviewScreen, report::ReportScreen,
    scenarios::ScenariosScreen, split::SplitScreen, stage::StageScreen, strategy::StrategyScreen,
};
use crate::ui::state::{AppState, Editor};
use crate::ui::widgets::shortcuts::install_plan_shortcuts;
use leptos::prelude::*;

/// What a link to a plan that is not stored here shows.
fn not_found() -> AnyView {
    view! {
        <h1>"Plan not found"</h1>
        <p>"No plan with this link is stored in this browser. It may have been deleted (look in the "
            <a href="#/trash">"Trash"</a>") or made in another browser."</p>
        <p><a class="btn btn-primary" href="#/">"Go to your plans"</a></p>
    }
    .into_any()
}

/// The screen shown, following the URL while the plan stays open.
fn current_screen(state: AppState, screen: Screen) -> Memo<Screen> {
    Memo::new(move |_| match state.route.get() {
        Route::Plan { screen, .. } => screen,
        _ => screen,
    })
}

/// The side navigation of a plan: its name, its screens, undo and redo, sharing.
fn plan_nav(
    id: &str,
    name: Signal<String>,
    current: Memo<Screen>,
    editor: Option<Editor>,
) -> impl IntoView {
    let menu_open = RwSignal::new(false);
    let nav_id = id.to_owned();
    view! {
        <nav class="side-nav" aria-label="Plan" data-open=move || menu_open.get().to_string()>
            <p class="plan-name"><strong>{name}</strong></p>
            <button type="button" class="btn btn-small menu-toggle" data-start aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>"Menu"</button>
            <ol>
                {Screen::ALL.into_iter().map(|s| {
                    let href = Route::Plan { id: nav_id.clone(), screen: s }.to_fragment();
                    view! {
                        <li class=stage_class(s)>
                            <a href=href on:click=move |_| menu_open.set(false)
                                aria-current=move || (current.get() == s).then_some("page")>{s.label()}</a>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="btn-row">
                <button type="button" class="btn btn-small" on:click=move |_| { if let Some(e) = editor { e.undo() } }
                    disabled=move || editor.is_none_or(|e| !e.can_undo.get()) aria-keyshortcuts="Control+Z">"Undo"</button>
                <button type="button" class="btn btn-small" on:click=move |_| { if let Some(e) = editor { e.redo() } }
                    disabled=move || editor.is_none_or(|e| !e.can_redo.get()) aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
            </div>
            <div class="share">
                <crate::ui::share::ShareLink/>
            </div>
        </nav>
    }
}

/// Opens the plan with this id on one of its screens.
#[cfg(not(feature = "start"))]
#[component]
pub fn Workspace(id: String, screen: Screen) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = state
        .plans
        .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned());
    let Some(plan) = plan else {
        return not_found();
    };
    let editor = Editor::new(plan, state.persist.read_only_reason(&id));
    provide_context(editor);

    // Every edit flows back into the list of plans, and from there to storage, after a
    // pause in typing; leaving the plan saves what is left at once.
    let live_id = id.clone();
    Effect::new(move |first: Option<()>| {
        editor.plan.track();
        if first.is_some() {
            state.persist.edited_live(state, &live_id, editor.plan);
        }
    });
    on_cleanup(move || state.persist.close_live(state));
    // Another tab saved this plan (or a conflict was resolved): show that version.
    let watched = id.clone();
    Effect::new(move |first: Option<()>| {
        let (changed, _) = state.persist.external_change.get();
        if first.is_some() && changed == watched {
            let fresh = state
                .plans
                .with_untracked(|ps| ps.iter().find(|p| p.id == watched).cloned());
            if let Some(fresh) = fresh {
                if fresh != editor.plan.get_untracked() {
                    editor.replace(fresh);
                }
            }
        }
    });

    let current = current_screen(state, screen);
    install_plan_shortcuts(Some(editor), id.clone(), current.into());
    let name = Signal::from(editor.select(|p| p.name.clone()));
    view! {
        <div class="workspace">
            {plan_nav(&id, name, current, Some(editor))}
            <section class="screen" aria-live="off">
                {move || editor.read_only.get().map(|why| view! {
                    <div class="banner banner-warn" role="status"><h2>"Read-only"</h2><p>{why}</p></div>
                })}
                <crate::ui::widgets::profile::PlanSettings/>
                {move || screen_view(current.get())}
            </section>
        </div>
    }
    .into_any()
}

/// Opens the plan with this id as the first load can: its Overview as the whole app last
/// drew it, while that still holds (`format::stored::Glance`). Any other screen, or an
/// Overview to draw again, hands over to the whole app.
#[cfg(feature = "start")]
#[component]
pub fn Workspace(id: String, screen: Screen) -> impl IntoView {
    let state = expect_context::<AppState>();
    let glanced = state
        .glanced
        .with_untracked(|g| g.iter().find(|g| g.entry.id == id).cloned());
    let Some(glanced) = glanced else {
        return not_found();
    };
    let current = current_screen(state, screen);
    install_plan_shortcuts(None, id.clone(), current.into());
    // Another tab may store the plan again meanwhile: follow its glance.
    let (name_id, overview_id) = (id.clone(), id.clone());
    let name = Memo::new(move |_| {
        state.glanced.with(|g| {
            g.iter()
                .find(|g| g.entry.id == name_id)
                .map_or_else(|| glanced.entry.name.clone(), |g| g.entry.name.clone())
        })
    });
    let overview = Memo::new(move |_| {
        let today = crate::ui::state::today();
        state.glanced.with(|g| {
            g.iter()
                .find(|g| g.entry.id == overview_id)
                .and_then(|g| g.glance.overview_on(&today))
                .map(str::to_owned)
        })
    });
    view! {
        <div class="workspace">
            {plan_nav(&id, name.into(), current, None)}
            <section class="screen" aria-live="off">
                <crate::ui::widgets::profile::PlanSettings/>
                {move || match (current.get(), overview.get()) {
                    (Screen::Overview, Some(html)) => view! { <div class="overview" inner_html=html></div> }.into_any(),
                    _ => view! { <crate::ui::handover::Elsewhere/> }.into_any(),
                }}
            </section>
        </div>
    }
    .into_any()
}

/// The view of one screen of the plan.
#[cfg(not(feature = "start"))]
fn screen_view(screen: Screen) -> AnyView {
    match screen {
        Screen::Overview => view! { <OverviewScreen/> }.into_any(),
        Screen::Opportunity => view! { <OpportunityScreen/> }.into_any(),
        Screen::Reach => view! { <StageScreen stage=Stage::Reach/> }.into_any(),
        Screen::Act => view! { <StageScreen stage=Stage::Act/> }.into_any(),
        Screen::Convert => view! { <StageScreen stage=Stage::Convert/> }.into_any(),
        Screen::Engage => view! { <StageScreen stage=Stage::Engage/> }.into_any(),
        Screen::Strategy => view! { <StrategyScreen/> }.into_any(),
        Screen::Split => view! { <SplitScreen/> }.into_any(),
        Screen::Actions => view! { <ActionsScreen/> }.into_any(),
        Screen::Measure => view! { <MeasureScreen/> }.into_any(),
        Screen::Scenarios => view! { <ScenariosScreen/> }.into_any(),
        Screen::Odds => view! { <OddsScreen/> }.into_any(),
        Screen::Report => view! { <ReportScreen/> }.into_any(),
    }
}

/// The stage colour class of a screen, so the navigation echoes the stage accents.
pub fn stage_class(screen: Screen) -> &'static str {
    match screen {
        Screen::Reach => "stage-reach",
        Screen::Act => "stage-act",
        Screen::Convert => "stage-convert",
        Screen::Engage => "stage-engage",
        _ => "stage-plan",
    }
}
