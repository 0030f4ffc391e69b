//! The overview screen: the plan at a glance. KPI cards, the funnel as a chart, the
//! gap per stage against the plan's goal, the budget split, the top initiatives and
//! the next actions due. Every number comes from the domain.

use crate::chart::scale::{coord, LinearScale};
use crate::domain::budget::{self, BudgetLine};
use crate::domain::evaluation::{holds_until, Evaluation};
use crate::domain::kpi::{self, ratio};
use crate::domain::measure::{self, ActualIndex};
use crate::domain::money::Money;
use crate::domain::period::Granularity;
use crate::domain::period::{format_date, parse_date};
use crate::domain::plan::{ActionStatus, Decision, Plan, Stage};
use crate::domain::scoring;
use crate::domain::sort::sort_by_key;
use crate::format::stored::DrawnOverview;
use crate::route::Screen;
use crate::ui::format;
use crate::ui::screens::stage::{screen_href, stage_screen, target_words};
use crate::ui::state::{today, AppState, Editor};
use crate::ui::widgets::funnel_chart::{FunnelBar, FunnelChart, FunnelSteps};
use crate::ui::widgets::kpi::{locale_currency, KpiCard};
use leptos::prelude::*;

/// The KPIs shown as cards, in reading order.
const CARD_KPIS: [&str; 9] = [
    "revenue",
    "customers",
    "leads",
    "sessions",
    "cac",
    "roas",
    "mer",
    "clv",
    "ltv_cac",
];

/// How many sections follow the heading, each drawn in a task of its own.
const SECTIONS: u8 = 5;

/// The sparkline of a card: actuals by month once there are any, else the forecast.
fn card_series(
    e: &Evaluation,
    plan: &Plan,
    index: &ActualIndex,
    id: &str,
) -> (Vec<Option<f64>>, String) {
    let points = measure::series_with(plan, &e.forecast, index, id, Granularity::Month);
    if points.iter().any(|p| p.actual.is_some()) {
        (
            points.into_iter().map(|p| p.actual).collect(),
            "actuals by month".to_string(),
        )
    } else {
        (
            points.into_iter().map(|p| p.forecast).collect(),
            "forecast by month".to_string(),
        )
    }
}

/// The overview screen of the open plan.
#[component]
pub fn OverviewScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let plan_id = editor.plan.with_untracked(|p| p.id.clone());
    // The heading paints first; the sections (the key numbers first) are then drawn one
    // per task, so that opening a large plan is not one long task that keeps the page
    // from answering.
    let drawn = RwSignal::new(0u8);
    request_animation_frame(move || drawn.set(1));
    Effect::new(move |_| {
        let n = drawn.get();
        if (1..SECTIONS).contains(&n) {
            set_timeout(move || drawn.set(n + 1), std::time::Duration::ZERO);
        }
    });
    let after = move |n: u8| move || drawn.get() >= n;
    let root = NodeRef::<leptos::html::Div>::new();
    keep_for_first_load(editor, root, drawn);
    let (funnel, gap, budget, lists) = (plan_id.clone(), plan_id.clone(), plan_id.clone(), plan_id);
    view! {
        <div class="overview" node_ref=root>
            <h1>"Overview"</h1>
            <p class="lead">"Your plan at a glance: what the funnel forecasts, how far each stage is from the goal, where the money goes and what comes next."</p>
            <Show when=after(1)><KpiCards/></Show>
            <Show when=after(2)><FunnelSection plan_id=funnel.clone()/></Show>
            <Show when=after(3)><GapSection plan_id=gap.clone()/></Show>
            <Show when=after(4)><BudgetSection plan_id=budget.clone()/></Show>
            <Show when=after(5)>
                <div class="overview-lists">
                    <Initiatives plan_id=lists.clone()/>
                    <NextActions plan_id=lists.clone()/>
                </div>
            </Show>
        </div>
    }
}

/// Once every section is drawn, and again after each change of the plan, hands the
/// drawn Overview to the plan's glance: the first load shows it as it is, without the
/// plan, the KPI engine or this screen's code, for as long as its figures hold
/// (`evaluation::holds_until`).
fn keep_for_first_load(editor: Editor, root: NodeRef<leptos::html::Div>, drawn: RwSignal<u8>) {
    let state = expect_context::<AppState>();
    Effect::new(move |_| {
        editor.plan.track();
        editor.eval.track();
        if drawn.get() < SECTIONS {
            return;
        }
        // After the sections have followed the change; by then the screen may be gone.
        request_animation_frame(move || {
            let Some(el) = root.try_get_untracked().flatten() else {
                return;
            };
            let today_text = today();
            let Ok(day) = parse_date(&today_text) else {
                return;
            };
            let Some(actuals) = editor.actuals.try_get_untracked() else {
                return;
            };
            let Some(Some((id, updated_at, until))) = editor.plan.try_with_untracked(|p| {
                editor.eval.try_with_untracked(|e| {
                    (
                        p.id.clone(),
                        p.updated_at,
                        holds_until(p, day, &actuals.index, e),
                    )
                })
            }) else {
                return;
            };
            let overview = DrawnOverview {
                html: el.inner_html(),
                from: today_text,
                until: format_date(until),
            };
            state
                .persist
                .overview_drawn(state, &id, updated_at, overview);
        });
    });
}

#[component]
fn KpiCards() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let series = Memo::new(move |_| {
        let plan = editor.plan;
        let actuals = editor.actuals.get();
        editor.eval.with(|e| {
            plan.with(|p| {
                CARD_KPIS
                    .iter()
                    .map(|id| card_series(e, p, &actuals.index, id))
                    .collect::<Vec<_>>()
            })
        })
    });
    let period = Signal::derive(move || {
        editor.eval.with(|e| {
            e.period
                .map_or("first month".to_string(), |p| p.to_string())
        })
    });
    view! {
        <section aria-labelledby="ov-kpis-h">
            <h2 id="ov-kpis-h">{move || format!("Key numbers, {}", period.get())}</h2>
            <p class="muted">"Each number is judged against its goal: the forecast before the month has actuals, then the actual to date against the goal paced to date."</p>
            <div class="cards ov-kpi-cards">
                {CARD_KPIS.iter().enumerate().filter_map(|(i, &id)| kpi::find(id).map(|d| (i, d))).map(|(i, def)| {
                    view! {
                        <KpiCard def=def
                            value=Signal::derive(move || editor.eval.with(|e| e.kpi(def.id).cloned()))
                            check=Signal::derive(move || editor.eval.with(|e| e.check(def.id).cloned()))
                            period=period
                            series=Signal::derive(move || series.with(|s| s.get(i).map(|x| x.0.clone()).unwrap_or_default()))
                            series_label=Signal::derive(move || series.with(|s| s.get(i).map(|x| x.1.clone()).unwrap_or_default()))/>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// The funnel as a chart with its arithmetic (shared with the report's summary).
#[component]
pub fn FunnelSection(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let bars = Memo::new(move |_| {
        let (locale, _) = lc.get();
        let indexed = editor.actuals.get();
        let index = &indexed.index;
        let actuals = editor.plan.with(|p| {
            editor.eval.with(|e| {
                e.flows
                    .iter()
                    .map(|f| {
                        measure::series_with(p, &e.forecast, index, f.kpi, Granularity::Month)
                            .into_iter()
                            .rev()
                            .find_map(|s| s.actual)
                    })
                    .collect::<Vec<_>>()
            })
        });
        editor.eval.with(|e| {
            let cnt = |v: Option<f64>| format::opt(v, |x| format::count(x, &locale));
            let mut bars: Vec<FunnelBar> = e
                .flows
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let actual = actuals.get(i).copied().flatten();
                    FunnelBar {
                        stage: f.stage,
                        label: crate::domain::input::sentence(f.measure),
                        forecast: f.forecast,
                        forecast_text: format::count(f.forecast, &locale),
                        target: f.target,
                        target_text: target_words(f.target, f.source.as_ref(), &locale),
                        actual,
                        actual_text: cnt(actual),
                        rate_text: (i > 0).then(|| {
                            format!("{} {}", format::percent(f.rate, &locale), f.rate_name)
                        }),
                        offline: false,
                    }
                })
                .collect();
            // The offline branch, beside the online funnel: contacts that become customers
            // without a session or a lead.
            if e.month.offline_contacts > 0.0 {
                bars.insert(
                    2,
                    FunnelBar {
                        stage: Stage::Convert,
                        label: "Offline contacts".into(),
                        forecast: e.month.offline_contacts,
                        forecast_text: format::count(e.month.offline_contacts, &locale),
                        target: None,
                        target_text: String::new(),
                        actual: None,
                        actual_text: "—".into(),
                        rate_text: None,
                        offline: true,
                    },
                );
            }
            bars
        })
    });
    let steps = Memo::new(move |_| editor.eval.with(|e| e.steps.clone()));
    let has_traffic = Memo::new(move |_| bars.with(|b| b.iter().any(|r| r.forecast > 0.0)));
    let reach = screen_href(&plan_id, Screen::Reach);
    view! {
        <section aria-labelledby="ov-funnel-h">
            <h2 id="ov-funnel-h">"The funnel"</h2>
            <Show when=move || has_traffic.get()
                fallback=move || view! {
                    <p class="empty">"The funnel starts with traffic. Add a touchpoint with its sessions per month (or a budget and its cost per click) on "
                        <a href=reach.clone()>"the Reach screen"</a>", then set the rates on Act and Convert."</p>
                }>
                <FunnelChart bars=bars caption="Forecast volume per stage, with each stage's goal and actuals"/>
                <FunnelSteps steps=steps/>
            </Show>
        </section>
    }
}

fn gap_text(gap: Option<f64>, locale: &str) -> String {
    format::opt(gap, |g| {
        if g == 0.0 {
            "none".to_string()
        } else if g > 0.0 {
            format!("{} short", format::count(g, locale))
        } else {
            format!("{} ahead", format::count(g.abs(), locale))
        }
    })
}

#[component]
fn GapSection(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let reverse = Memo::new(move |_| editor.eval.with(|e| e.reverse.clone()));
    let convert = screen_href(&plan_id, Screen::Convert);
    let links = plan_id.clone();
    view! {
        <section aria-labelledby="ov-gap-h">
            <h2 id="ov-gap-h">"Gap per stage"</h2>
            {move || {
                let (locale, currency) = lc.get();
                match reverse.get() {
                    None => view! {
                        <p class="empty">"Give Revenue (or New customers) a goal on "
                            <a href=convert.clone()>"the Convert screen"</a>
                            " to see what each stage needs to reach it."</p>
                    }.into_any(),
                    Some(r) => {
                        let cnt = |v: Option<f64>| format::opt(v, |x| format::count(x, &locale));
                        let goal = match r.goal {
                            crate::domain::funnel::Goal::Revenue(m) => {
                                let digits = editor.plan.with_untracked(|p| p.currency_digits());
                                format!("Main goal: {} revenue per month.", format::money_whole(m.to_major(digits), &locale, &currency))
                            }
                            crate::domain::funnel::Goal::Customers(c) => {
                                format!("Main goal: {} new customers per month.", format::count(c, &locale))
                            }
                        };
                        view! {
                            <p>{goal}</p>
                            {r.blocked.clone().map(|b| view! { <p class="banner banner-warn" role="status">{format!("The goal {b}: “—” marks what cannot be computed yet.")}</p> })}
                            <div class="table-wrap" tabindex="0" role="region" aria-label="Gap per stage, table">
                                <table>
                                    <caption class="visually-hidden">"Needed per month against the forecast and today"</caption>
                                    <thead><tr>
                                        <th scope="col">"Stage"</th>
                                        <th scope="col" class="num">"Needed"</th>
                                        <th scope="col" class="num">"Forecast"</th>
                                        <th scope="col" class="num">"Gap vs forecast"</th>
                                        <th scope="col" class="num">"Today"</th>
                                        <th scope="col" class="num">"Gap vs today"</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.stages.into_iter().map(|g| view! {
                                            <tr>
                                                <th scope="row"><a href=screen_href(&links, stage_screen(g.stage))>{format!("{} ({})", g.stage.name(), g.measure)}</a></th>
                                                <td class="num">{cnt(g.needed)}</td>
                                                <td class="num">{format::count(g.forecast, &locale)}</td>
                                                <td class="num">{gap_text(g.gap_vs_forecast, &locale)}</td>
                                                <td class="num">{cnt(g.baseline)}</td>
                                                <td class="num">{gap_text(g.gap_vs_baseline, &locale)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// One row of a budget split: name, monthly, over the horizon, share.
struct SplitRow {
    name: &'static str,
    monthly: f64,
    horizon: f64,
    share: Option<f64>,
}

fn split_rows<K>(
    lines: &[BudgetLine<K>],
    name: impl Fn(&K) -> &'static str,
    total: Money,
    digits: u32,
) -> Vec<SplitRow> {
    let total = total.to_major(digits);
    lines
        .iter()
        .map(|l| {
            let monthly = l.monthly.to_major(digits);
            SplitRow {
                name: name(&l.key),
                monthly,
                horizon: l.horizon.to_major(digits),
                share: ratio(monthly, total),
            }
        })
        .collect()
}

fn split_table(
    title: &'static str,
    rows: Vec<SplitRow>,
    locale: &str,
    currency: &str,
) -> impl IntoView {
    let scale = LinearScale::new((0.0, 1.0), (0.0, 100.0));
    view! {
        <div class="split card">
            <h3>{title}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Budget {title}, table")>
                <table>
                    <thead><tr>
                        <th scope="col">{title}</th>
                        <th scope="col" class="num">"Per month"</th>
                        <th scope="col" class="num">"Over the horizon"</th>
                        <th scope="col">"Share"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let share_text = format::opt(r.share, |s| format::percent(s, locale));
                            let width = coord(scale.map_clamped(r.share.unwrap_or(0.0)));
                            view! {
                                <tr>
                                    <th scope="row">{r.name}</th>
                                    <td class="num">{format::money_whole(r.monthly, locale, currency)}</td>
                                    <td class="num">{format::money_whole(r.horizon, locale, currency)}</td>
                                    <td class="share">
                                        <svg class="chart share-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                            <rect class="share-track" x="0" y="0" width="100" height="10"/>
                                            <rect class="share-fill" x="0" y="0" width=width height="10"/>
                                        </svg>
                                        <span class="num">{share_text}</span>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The budget split by stage, media and place, each share drawn as a bar (shared with
/// the report's summary).
#[component]
pub fn BudgetSection(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let summary = Memo::new(move |_| {
        editor
            .plan
            .with(|p| (budget::summarise(p), p.currency_digits()))
    });
    let reach = screen_href(&plan_id, Screen::Reach);
    view! {
        <section aria-labelledby="ov-budget-h">
            <h2 id="ov-budget-h">"Where the budget goes"</h2>
            {move || {
                let (locale, currency) = lc.get();
                let (s, digits) = summary.get();
                if s.touchpoints_monthly == Money::ZERO {
                    return view! {
                        <p class="empty">"No touchpoint has a budget yet. Give each touchpoint a monthly budget on its stage screen, starting with "
                            <a href=reach.clone()>"the Reach screen"</a>"."</p>
                    }.into_any();
                }
                let total = s.touchpoints_monthly;
                let by_stage = split_rows(&s.by_stage, |k: &Stage| k.name(), total, digits);
                let by_media = split_rows(&s.by_media, |k| k.name(), total, digits);
                let by_place = split_rows(&s.by_place, |k| k.name(), total, digits);
                view! {
                    <p>
                        {format!("Touchpoints {} per month", format::money_whole(s.touchpoints_monthly.to_major(digits), &locale, &currency))}
                        {format!(" + other sales and marketing cost {} = {} per month, {} over {} months.",
                            format::money_whole(s.other_monthly.to_major(digits), &locale, &currency),
                            format::money_whole(s.monthly_total.to_major(digits), &locale, &currency),
                            format::money_whole(s.horizon_total.to_major(digits), &locale, &currency),
                            s.horizon_months)}
                    </p>
                    <div class="splits">
                        {split_table("By stage", by_stage, &locale, &currency)}
                        {split_table("By media", by_media, &locale, &currency)}
                        {split_table("Online or offline", by_place, &locale, &currency)}
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// An initiative in the top list: chosen ones first, then by rank.
#[derive(Clone, Debug, PartialEq)]
struct TopInitiative {
    not_chosen: bool,
    rank: usize,
    title: String,
    stage: Stage,
    score: Option<f64>,
    decision: &'static str,
}

/// The five best initiatives not dropped, chosen ones first (shared with the report's
/// summary).
#[component]
pub fn Initiatives(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let top = Memo::new(move |_| {
        editor.plan.with(|p| {
            let mut ranked: Vec<TopInitiative> = scoring::rank(p)
                .into_iter()
                .filter_map(|r| {
                    let i = p.initiative(&r.id)?;
                    if matches!(i.decision, Decision::NotDoing { .. }) {
                        return None;
                    }
                    Some(TopInitiative {
                        not_chosen: !i.is_chosen(),
                        rank: r.rank,
                        title: i.title.clone(),
                        stage: i.stage,
                        score: r.score,
                        decision: i.decision.label(),
                    })
                })
                .collect();
            sort_by_key(&mut ranked, |r| (r.not_chosen, r.rank));
            ranked.truncate(5);
            ranked
        })
    });
    let href = screen_href(&plan_id, Screen::Strategy);
    view! {
        <section aria-labelledby="ov-init-h">
            <h2 id="ov-init-h">"Top initiatives"</h2>
            <Show when=move || !top.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">"No initiative yet. List and score what you could do on "
                        <a href=href.clone()>"the Strategy screen"</a>"."</p>
                }>
                <ol class="top-list">
                    {move || {
                        let (locale, _) = lc.get();
                        top.get().into_iter().map(|TopInitiative { title, stage, score, decision, .. }| view! {
                            <li class=format!("stage-{}", stage.slug())>
                                <span class="top-title">{title}</span>
                                <span class="muted">{format!(" · {} · {}", stage.name(), decision)}</span>
                                <span class="num top-score">{format!("Score {}", format::opt(score, |s| format::decimal(s, &locale)))}</span>
                            </li>
                        }).collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}

/// The five open actions due first (shared with the report's summary).
#[component]
pub fn NextActions(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let next = Memo::new(move |_| {
        editor.plan.with(|p| {
            let mut open: Vec<(u8, u8, String, String, ActionStatus)> = p
                .action
                .actions
                .iter()
                .filter(|a| a.status != ActionStatus::Done)
                .map(|a| {
                    (
                        a.start_week,
                        a.end_week,
                        a.title.clone(),
                        a.owner.clone(),
                        a.status,
                    )
                })
                .collect();
            sort_by_key(&mut open, |a| (a.0, a.1));
            open.truncate(5);
            open
        })
    });
    let href = screen_href(&plan_id, Screen::Actions);
    view! {
        <section aria-labelledby="ov-actions-h">
            <h2 id="ov-actions-h">"Next actions due"</h2>
            <Show when=move || !next.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">"Nothing due. Plan the next 13 weeks on "
                        <a href=href.clone()>"the 90-day plan screen"</a>"."</p>
                }>
                <ol class="top-list">
                    {move || next.get().into_iter().map(|(start, end, title, owner, status)| {
                        let weeks = if start == end { format!("Week {start}") } else { format!("Weeks {start}–{end}") };
                        let owner = if owner.trim().is_empty() { "no owner yet".to_string() } else { owner };
                        view! {
                            <li>
                                <span class="top-title">{title}</span>
                                <span class="muted">{format!(" · {weeks} · {owner} · {}", status.label())}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </Show>
        </section>
    }
}
