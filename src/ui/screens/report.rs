//! The report: the whole plan as one document, ready to print or save as PDF, with
//! CSV exports of KPIs, initiatives and actions and the 90-day plan as a calendar.

use crate::domain::budget;
use crate::domain::evaluation::CheckBasis;
use crate::domain::funnel::forward_funnel;
use crate::domain::kpi;
use crate::domain::money::Money;
use crate::domain::period::parse_date;
use crate::domain::plan::{Decision, Market, Plan, SmartPart};
use crate::domain::scenario;
use crate::domain::scoring;
use crate::domain::sort::sort_by_key;
use crate::domain::tracking;
use crate::domain::uncertainty::{tornado, SimModel, TornadoOutcome};
use crate::export::csv::{
    actions_csv, decision_words, file_stem, initiatives_csv, kpis_csv, ranges_csv, scenarios_csv,
};
use crate::export::ics::plan_ics;
use crate::ui::download::download_text;
use crate::ui::format;
use crate::ui::screens::overview;
use crate::ui::state::{now_ms, today, AppState, Editor, Level};
use crate::ui::widgets::gantt::stage_class;
use crate::ui::widgets::kpi::{format_kpi, goal_words};
use crate::ui::widgets::trend::{date_text, status_parts, TableWrap};
use leptos::prelude::*;

/// Byte order mark, so that spreadsheets open the CSV files as UTF-8.
const BOM: &str = "\u{feff}";

fn money(p: &Plan, m: Money) -> String {
    format::money(
        m.to_major(p.currency_digits()),
        &p.profile.locale,
        &p.profile.currency,
    )
}

fn badge(class: &'static str, icon: &'static str, word: String) -> AnyView {
    view! { <span class=class><span aria-hidden="true">{icon}</span>{word}</span> }.into_any()
}

fn status_cell(status: Option<crate::domain::measure::Status>) -> AnyView {
    let (icon, word, class) = status_parts(status);
    badge(class, icon, word.to_string())
}

/// What a section shows while it is empty.
fn none_yet(text: &'static str) -> AnyView {
    view! { <p class="muted">{text}</p> }.into_any()
}

fn date_or_text(text: &str, locale: &str) -> String {
    parse_date(text).map_or_else(|_| text.to_string(), |d| date_text(d, locale))
}

/// The report screen of the open plan.
#[component]
pub fn ReportScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = expect_context::<AppState>();
    let offer = move |suffix: &str, mime: &str, text: String| {
        let name = editor
            .plan
            .with_untracked(|p| format!("{}-{suffix}", file_stem(&p.name)));
        if !download_text(&name, mime, &text) {
            state.notify(
                Level::Error,
                "report-download",
                "The download did not start",
                "Your browser refused to save the file. Try again, or use another browser.",
            );
        }
    };
    let today_date = move || parse_date(&today()).ok();
    let download_kpis = move |_| {
        let Some(t) = today_date() else { return };
        let text = editor.plan.with_untracked(|p| kpis_csv(p, t));
        offer("kpis.csv", "text/csv;charset=utf-8", format!("{BOM}{text}"));
    };
    // A CSV of the plan, with a byte-order mark so that spreadsheets read it as UTF-8.
    let csv = move |suffix: &'static str, text: fn(&crate::domain::plan::Plan) -> String| {
        move |_: leptos::ev::MouseEvent| {
            let text = editor.plan.with_untracked(text);
            offer(suffix, "text/csv;charset=utf-8", format!("{BOM}{text}"));
        }
    };
    let download_initiatives = csv("initiatives.csv", initiatives_csv);
    let download_actions = csv("actions.csv", actions_csv);
    let download_scenarios = csv("scenarios.csv", scenarios_csv);
    let download_ranges = csv("ranges.csv", ranges_csv);
    let has_scenarios = Memo::new(move |_| editor.plan.with(|p| !p.scenarios.is_empty()));
    let has_ranges = Memo::new(move |_| editor.plan.with(|p| !p.ranges.is_empty()));
    let download_ics = move |_| {
        let text = editor.plan.with_untracked(|p| plan_ics(p, now_ms()));
        offer("90-day-plan.ics", "text/calendar;charset=utf-8", text);
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <article class="report">
            <h1>{move || editor.plan.with(|p| format!("{} report", p.name))}</h1>
            <p class="lead no-print">"The whole plan as one document: print it or save it as PDF, and download its tables for a spreadsheet or its 90-day plan for your calendar."</p>
            <div class="btn-row no-print report-actions">
                <button type="button" class="btn btn-primary" on:click=print>"Print or save as PDF"</button>
                <button type="button" class="btn" on:click=download_kpis>"Download KPIs (CSV)"</button>
                <button type="button" class="btn" on:click=download_initiatives>"Download initiatives (CSV)"</button>
                <button type="button" class="btn" on:click=download_actions>"Download actions (CSV)"</button>
                <Show when=move || has_scenarios.get()>
                    <button type="button" class="btn" on:click=download_scenarios>"Download scenarios (CSV)"</button>
                </Show>
                <Show when=move || has_ranges.get()>
                    <button type="button" class="btn" on:click=download_ranges>"Download ranges (CSV)"</button>
                </Show>
                <button type="button" class="btn" on:click=download_ics>"Download 90-day plan (.ics)"</button>
            </div>
            {move || editor.plan.with(|p| view! {
                {summary(p, editor)}
                <ProfileSection plan=p.clone()/>
                <ObjectivesSection plan=p.clone()/>
                <FunnelSection plan=p.clone()/>
                <BudgetSection plan=p.clone()/>
                <StagesSection plan=p.clone()/>
                <InitiativesSection plan=p.clone()/>
                <ActionsSection plan=p.clone()/>
                {(!p.scenarios.is_empty()).then(|| view! { <ScenariosSection plan=p.clone()/> })}
                {(!p.ranges.is_empty()).then(|| view! { <OddsSection plan=p.clone()/> })}
                <ReviewsSection plan=p.clone()/>
            })}
        </article>
    }
}

/// The one-page summary: the goals and their status, then the overview's funnel, budget
/// split, top initiatives and next actions, all from the plan's one evaluation.
fn summary(p: &Plan, editor: Editor) -> impl IntoView {
    let (l, c) = (&p.profile.locale, &p.profile.currency);
    let (heading, goals) = editor.eval.with(|e| {
        let goals = e
            .checks
            .iter()
            .filter_map(|ch| {
                let def = kpi::find(ch.kpi)?;
                let what = p
                    .opportunity
                    .objectives
                    .iter()
                    .find(|o| o.id == ch.goal)
                    .map_or_else(|| def.name.to_string(), |o| o.description.clone());
                let basis = if ch.basis == CheckBasis::ActualToDate {
                    "actual to date"
                } else {
                    "forecast"
                };
                let figures = format!(
                    " · {} {basis} {} · {} ",
                    def.name,
                    format_kpi(def, ch.shown, l, c),
                    goal_words(def, ch, l, c)
                );
                Some(view! {
                    <li class=format!("stage-{}", ch.stage.slug())>
                        <span class="top-title">{what}</span>
                        <span class="muted">{figures}</span>
                        {status_cell(ch.status)}
                    </li>
                })
            })
            .collect::<Vec<_>>();
        let heading = e
            .period
            .map_or("Goals, first month".to_string(), |m| format!("Goals, {m}"));
        (heading, goals)
    });
    let goals = if goals.is_empty() {
        none_yet("No goal yet: set SMART objectives on the Opportunity screen.")
    } else {
        view! { <ol class="top-list">{goals}</ol> }.into_any()
    };
    view! {
        <section class="report-summary" aria-labelledby="report-summary">
            <h2 id="report-summary">"Summary"</h2>
            <section aria-labelledby="report-goals">
                <h2 id="report-goals">{heading}</h2>
                {goals}
            </section>
            <overview::FunnelSection plan_id=p.id.clone()/>
            <overview::BudgetSection plan_id=p.id.clone()/>
            <div class="overview-lists">
                <overview::Initiatives plan_id=p.id.clone()/>
                <overview::NextActions plan_id=p.id.clone()/>
            </div>
        </section>
    }
}

#[component]
fn ProfileSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let market = match p.profile.market {
        Market::B2b => "Business to business (B2B)",
        Market::B2c => "Business to consumer (B2C)",
    };
    let sector = if p.profile.sector.trim().is_empty() {
        "—".to_string()
    } else {
        p.profile.sector.clone()
    };
    let start = date_or_text(&p.profile.start_date, &p.profile.locale);
    let horizon = format!(
        "{} months",
        format::count(f64::from(p.horizon_months), &p.profile.locale)
    );
    view! {
        <section aria-labelledby="report-profile">
            <h2 id="report-profile">"Business profile"</h2>
            <dl class="report-facts">
                <div><dt>"Market"</dt><dd>{market}</dd></div>
                <div><dt>"Sector"</dt><dd>{sector}</dd></div>
                <div><dt>"Currency"</dt><dd>{p.profile.currency.clone()}</dd></div>
                <div><dt>"Locale"</dt><dd>{p.profile.locale.clone()}</dd></div>
                <div><dt>"Start date"</dt><dd>{start}</dd></div>
                <div><dt>"Horizon"</dt><dd>{horizon}</dd></div>
            </dl>
        </section>
    }
}

#[component]
fn ObjectivesSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let rows = p
        .opportunity
        .objectives
        .iter()
        .map(|o| {
            let def = kpi::find(&o.kpi);
            let kpi_name = def.map_or_else(|| o.kpi.clone(), |d| d.name.to_string());
            let target = def.map_or_else(
                || format::opt(o.target, |v| format::decimal(v, &p.profile.locale)),
                |d| format_kpi(d, o.target, &p.profile.locale, &p.profile.currency),
            );
            let deadline = o
                .deadline
                .as_deref()
                .map_or_else(|| "—".to_string(), |d| date_or_text(d, &p.profile.locale));
            let gaps = o.smart_gaps();
            let smart = if gaps.is_empty() {
                badge("status status-on", "✓", "SMART".into())
            } else {
                let missing: Vec<&str> = gaps.iter().map(|g: &SmartPart| g.name()).collect();
                badge(
                    "status status-risk",
                    "▲",
                    format!("Missing: {}", missing.join(", ")),
                )
            };
            view! {
                <tr>
                    <th scope="row">{o.description.clone()}</th>
                    <td>{o.stage.name()}</td>
                    <td>{kpi_name}</td>
                    <td class="num">{target}</td>
                    <td>{deadline}</td>
                    <td>{smart}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = p.opportunity.objectives.is_empty();
    view! {
        <section aria-labelledby="report-objectives">
            <h2 id="report-objectives">"Objectives"</h2>
            {if empty {
                none_yet("No objectives yet: set SMART objectives on the Opportunity screen.")
            } else {
                view! {
                    <TableWrap label="Objectives table">
                        <table>
                            <thead><tr>
                                <th scope="col">"Objective"</th><th scope="col">"Stage"</th><th scope="col">"KPI"</th>
                                <th scope="col" class="num">"Target"</th><th scope="col">"Deadline"</th><th scope="col">"SMART"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableWrap>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn FunnelSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let f = forward_funnel(p);
    let l = p.profile.locale.as_str();
    let c = p.profile.currency.as_str();
    let first = f.months.first().copied().unwrap_or(f.total);
    let lines: Vec<(&str, String, String)> = vec![
        (
            "Sessions",
            format::count(first.sessions, l),
            format::count(f.total.sessions, l),
        ),
        (
            "Offline contacts",
            format::count(first.offline_contacts, l),
            format::count(f.total.offline_contacts, l),
        ),
        (
            "Leads",
            format::count(first.leads, l),
            format::count(f.total.leads, l),
        ),
        (
            "New customers",
            format::count(first.customers, l),
            format::count(f.total.customers, l),
        ),
        (
            "Orders",
            format::count(first.orders, l),
            format::count(f.total.orders, l),
        ),
        (
            "Repeat customers",
            format::count(first.repeat_customers, l),
            format::count(f.total.repeat_customers, l),
        ),
        (
            "First-order revenue",
            format::money_whole(first.first_revenue, l, c),
            format::money_whole(f.total.first_revenue, l, c),
        ),
        (
            "Repeat revenue",
            format::money_whole(first.repeat_revenue, l, c),
            format::money_whole(f.total.repeat_revenue, l, c),
        ),
        (
            "Revenue (first-order + repeat)",
            format::money_whole(first.revenue, l, c),
            format::money_whole(f.total.revenue, l, c),
        ),
        (
            "Marketing cost",
            format::money_whole(first.marketing_cost, l, c),
            format::money_whole(f.total.marketing_cost, l, c),
        ),
    ];
    let horizon = format!("Over {} months", p.horizon_months);
    view! {
        <section aria-labelledby="report-funnel">
            <h2 id="report-funnel">"Funnel forecast"</h2>
            <TableWrap label="Funnel forecast table">
                <table>
                    <thead><tr><th scope="col">"Step"</th><th scope="col" class="num">"First month"</th><th scope="col" class="num">{horizon}</th></tr></thead>
                    <tbody>
                        {lines.into_iter().map(|(name, m, t)| view! {
                            <tr><th scope="row">{name}</th><td class="num">{m}</td><td class="num">{t}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableWrap>
        </section>
    }
}

#[component]
fn BudgetSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let b = budget::summarise(p);
    let over = if !b.budget_set {
        ().into_any()
    } else if b.over_budget {
        badge("status status-off", "✕", "Over budget".into())
    } else {
        badge("status status-on", "✓", "Within budget".into())
    };
    let horizon = format!("{} months", b.horizon_months);
    let months = i64::from(b.horizon_months);
    let totals = [
        (
            "Touchpoints",
            b.touchpoints_monthly,
            b.touchpoints_monthly.saturating_mul(months),
        ),
        (
            "Other sales and marketing cost",
            b.other_monthly,
            b.other_monthly.saturating_mul(months),
        ),
    ];
    let rows = totals
        .into_iter()
        .map(|(name, monthly, total)| view! {
            <tr><th scope="row">{name}</th><td class="num">{money(p, monthly)}</td><td class="num">{money(p, total)}</td></tr>
        })
        .collect_view();
    let (total_month, total) = (money(p, b.monthly_total), money(p, b.horizon_total));
    view! {
        <section aria-labelledby="report-budget">
            <h2 id="report-budget">"Budget"</h2>
            <TableWrap label="Budget table">
                <table>
                    <caption>"Budget per month and over the horizon; the summary splits it by stage, media and place"</caption>
                    <thead><tr><th scope="col">"Cost"</th><th scope="col" class="num">"Per month"</th><th scope="col" class="num">{horizon}</th></tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row">"Total"</th><td class="num">{total_month}</td><td class="num">{total}</td></tr></tfoot>
                </table>
            </TableWrap>
            <dl class="report-facts">
                <div><dt>"Set aside for initiatives"</dt><dd class="num">{money(p, b.initiative_budget)}</dd></div>
                <div><dt>"Chosen initiatives cost"</dt><dd class="num">{money(p, b.chosen_initiatives)}</dd></div>
                <div><dt>"Remaining"</dt><dd class="num">{money(p, b.remaining)}" "{over}</dd></div>
                <div><dt>"90-day plan actions"</dt><dd class="num">{money(p, b.actions_total)}</dd></div>
            </dl>
        </section>
    }
}

#[component]
fn StagesSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let forecast = kpi::evaluate(p);
    let today_date = parse_date(&today()).ok();
    let index = crate::domain::measure::ActualIndex::new(&p.actuals);
    let l = p.profile.locale.clone();
    let c = p.profile.currency.clone();
    p.stages
        .iter()
        .map(|(stage, sp)| {
            let heading = format!("report-stage-{}", stage.slug());
            let labelled_by = heading.clone();
            let tracked = p.tracked_kpis(stage);
            let has_kpis = !tracked.is_empty();
            let kpi_rows = tracked
                .iter()
                .filter_map(|id| {
                    let def = kpi::find(id)?;
                    let fc = forecast.iter().find(|v| v.id == def.id).and_then(|v| v.value);
                    let (target, actual, status) = today_date
                        .map(|t| {
                            tracking::progress_in(p, &index, def, crate::domain::period::Period::month_of(t), t)
                        })
                        .unwrap_or((None, None, None));
                    Some(view! {
                        <tr>
                            <th scope="row">{def.name}</th>
                            <td class="num">{format_kpi(def, target, &l, &c)}</td>
                            <td class="num">{format_kpi(def, p.baseline_of(def.id), &l, &c)}</td>
                            <td class="num">{format_kpi(def, fc, &l, &c)}</td>
                            <td class="num">{format_kpi(def, actual, &l, &c)}</td>
                            <td>{status_cell(status)}</td>
                        </tr>
                    })
                })
                .collect_view();
            let tp_rows = sp
                .touchpoints
                .iter()
                .map(|t| view! {
                    <tr>
                        <th scope="row">{t.name.clone()}</th>
                        <td>{t.media.name()}</td>
                        <td>{t.place.name()}</td>
                        <td class="num">{format::count(t.delivery(p.currency_digits()).volume, &l)}</td>
                        <td class="num">{money(p, t.budget)}</td>
                    </tr>
                })
                .collect_view();
            let has_tps = !sp.touchpoints.is_empty();
            view! {
                <section class=format!("report-stage {}", stage_class(stage)) aria-labelledby=labelled_by>
                    <h2 id=heading class="stage-accent">{stage.name()}</h2>
                    <p>{stage.purpose()}</p>
                    <h3>"KPIs"</h3>
                    {if has_kpis {
                        view! {
                            <TableWrap label=format!("{} KPIs", stage.name())>
                                <table>
                                    <thead><tr>
                                        <th scope="col">"KPI"</th><th scope="col" class="num">"Target"</th><th scope="col" class="num">"Baseline"</th>
                                        <th scope="col" class="num">"Forecast"</th><th scope="col" class="num">"Actual this month"</th><th scope="col">"Status"</th>
                                    </tr></thead>
                                    <tbody>{kpi_rows}</tbody>
                                </table>
                            </TableWrap>
                        }.into_any()
                    } else {
                        none_yet("No KPIs at this stage yet.")
                    }}
                    <h3>"Touchpoints"</h3>
                    {if has_tps {
                        view! {
                            <TableWrap label=format!("{} touchpoints", stage.name())>
                                <table>
                                    <thead><tr>
                                        <th scope="col">"Touchpoint"</th><th scope="col">"Media"</th><th scope="col">"Place"</th>
                                        <th scope="col" class="num">"Volume per month"</th><th scope="col" class="num">"Budget per month"</th>
                                    </tr></thead>
                                    <tbody>{tp_rows}</tbody>
                                </table>
                            </TableWrap>
                        }.into_any()
                    } else {
                        none_yet("No touchpoints at this stage yet.")
                    }}
                </section>
            }
        })
        .collect_view()
}

#[component]
fn InitiativesSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let l = p.profile.locale.clone();
    let row = |i: &crate::domain::plan::Initiative| {
        let (decision, reason) = decision_words(&i.decision);
        let why = if reason.is_empty() {
            i.rationale.clone()
        } else {
            reason.to_string()
        };
        view! {
            <tr>
                <th scope="row">{i.title.clone()}</th>
                <td>{i.stage.name()}</td>
                <td class="num">{money(p, i.cost)}</td>
                <td class="num">{format::opt(scoring::score(i, &p.variants), |v| format::decimal(v, &l))}</td>
                <td>{decision}</td>
                <td>{why}</td>
            </tr>
        }
    };
    let mut ordered: Vec<&crate::domain::plan::Initiative> =
        p.strategy.initiatives.iter().collect();
    sort_by_key(&mut ordered, |i| match i.decision {
        Decision::Chosen => 0,
        Decision::NotDoing { .. } => 1,
        Decision::Parked => 2,
        Decision::Undecided => 3,
    });
    let rows = ordered.into_iter().map(row).collect_view();
    let empty = p.strategy.initiatives.is_empty();
    view! {
        <section aria-labelledby="report-initiatives">
            <h2 id="report-initiatives">"Initiatives"</h2>
            {if empty {
                none_yet("No initiatives yet: list and score them on the Strategy screen.")
            } else {
                view! {
                    <TableWrap label="Initiatives table">
                        <table>
                            <thead><tr>
                                <th scope="col">"Initiative"</th><th scope="col">"Stage"</th><th scope="col" class="num">"Cost"</th>
                                <th scope="col" class="num">"Score"</th><th scope="col">"Decision"</th><th scope="col">"Why"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableWrap>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ActionsSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let start = parse_date(&p.action.start_date).ok();
    let l = p.profile.locale.clone();
    let rows = p
        .action
        .actions
        .iter()
        .map(|a| {
            let dates = start
                .and_then(|s| {
                    Some((
                        tracking::week_start(s, a.start_week)?,
                        tracking::week_end(s, a.end_week)?,
                    ))
                })
                .map_or_else(
                    || "—".to_string(),
                    |(f, e)| format!("{} – {}", date_text(f, &l), date_text(e, &l)),
                );
            let owner = if a.owner.trim().is_empty() {
                "—".to_string()
            } else {
                a.owner.clone()
            };
            view! {
                <tr>
                    <th scope="row">{a.title.clone()}</th>
                    <td>{owner}</td>
                    <td>{a.stage.name()}</td>
                    <td class="num">{format!("{}–{}", a.start_week, a.end_week)}</td>
                    <td>{dates}</td>
                    <td>{a.status.label()}</td>
                    <td class="num">{money(p, a.budget)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = p.action.actions.is_empty();
    let start_text = date_or_text(&p.action.start_date, &l);
    view! {
        <section aria-labelledby="report-actions">
            <h2 id="report-actions">"90-day plan"</h2>
            <p>"Week 1 starts on "{start_text}"."</p>
            {if empty {
                none_yet("No actions yet: plan them on the 90-day plan screen.")
            } else {
                view! {
                    <TableWrap label="90-day plan table">
                        <table>
                            <thead><tr>
                                <th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Stage"</th><th scope="col" class="num">"Weeks"</th>
                                <th scope="col">"Dates"</th><th scope="col">"Status"</th><th scope="col" class="num">"Budget"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableWrap>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReviewsSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let l = p.profile.locale.clone();
    let c = p.profile.currency.clone();
    let reviews = p
        .action
        .reviews
        .iter()
        .map(|r| {
            let rows = r
                .snapshot
                .iter()
                .map(|s| {
                    let def = kpi::find(&s.kpi);
                    let name = def.map_or_else(|| s.kpi.clone(), |d| d.name.to_string());
                    let (t, a) = def.map_or_else(
                        || ("—".to_string(), "—".to_string()),
                        |d| (format_kpi(d, s.target, &l, &c), format_kpi(d, s.actual, &l, &c)),
                    );
                    view! {
                        <tr><th scope="row">{name}</th><td class="num">{t}</td><td class="num">{a}</td><td>{status_cell(s.status)}</td></tr>
                    }
                })
                .collect_view();
            let date = date_or_text(&r.date, &l);
            let notes = if r.notes.trim().is_empty() { "No notes.".to_string() } else { r.notes.clone() };
            view! {
                <h3>{format!("Review of {date}")}</h3>
                <p class="report-notes">{notes}</p>
                <TableWrap label=format!("KPIs at the review of {date}")>
                    <table>
                        <thead><tr><th scope="col">"KPI"</th><th scope="col" class="num">"Target"</th><th scope="col" class="num">"Actual"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableWrap>
            }
        })
        .collect_view();
    let empty = p.action.reviews.is_empty();
    let generated = date_or_text(&today(), &l);
    view! {
        <section aria-labelledby="report-reviews">
            <h2 id="report-reviews">"Reviews"</h2>
            {if empty {
                none_yet("No review recorded yet: record one every 30 days on the 90-day plan screen.")
            } else {
                reviews.into_any()
            }}
            <p class="muted report-footer">{format!("Report generated on {generated} by RACE Planner.")}</p>
        </section>
    }
}

/// The scenarios beside the base: the funnel totals, budget and ROI, and what each
/// scenario changes.
#[component]
fn ScenariosSection(plan: Plan) -> impl IntoView {
    let p = &plan;
    let (l, c) = (&p.profile.locale, &p.profile.currency);
    let comparison = scenario::compare(p, parse_date(&today()).ok());
    let head = comparison
        .columns
        .iter()
        .map(|col| view! { <th scope="col" class="num">{col.name.clone()}</th> })
        .collect_view();
    let rows = comparison
        .figures
        .iter()
        .filter(|f| f.stage.is_none())
        .map(|f| {
            let cells = f
                .values
                .iter()
                .zip(&f.differs)
                .map(|(v, d)| {
                    let text = match f.unit {
                        kpi::Unit::Money => format::opt(*v, |x| format::money_whole(x, l, c)),
                        u => crate::ui::widgets::kpi::format_unit(u, *v, l, c),
                    };
                    if *d {
                        view! { <td class="num differs"><strong><span aria-hidden="true">"≠ "</span>{text}<span class="visually-hidden">" (differs from the base)"</span></strong></td> }.into_any()
                    } else {
                        view! { <td class="num">{text}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{f.label.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let changes = p
        .scenarios
        .iter()
        .map(|s| {
            let list = if s.overrides.is_empty() {
                "changes nothing".to_string()
            } else {
                s.overrides
                    .iter()
                    .map(|o| {
                        let value = crate::ui::widgets::input_picker::value_text(
                            o.input.kind(),
                            o.value,
                            l,
                            c,
                        );
                        let base = o.input.value(p).map_or(String::new(), |b| {
                            format!(
                                " (base {})",
                                crate::ui::widgets::input_picker::value_text(
                                    o.input.kind(),
                                    b,
                                    l,
                                    c
                                )
                            )
                        });
                        format!("{} {value}{base}", o.input.label(p))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            view! { <li><strong>{s.name.clone()}</strong> ": " {list}</li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-scenarios">
            <h2 id="report-scenarios">"Scenarios"</h2>
            <ul class="report-scenarios">{changes}</ul>
            <TableWrap label="Scenarios table">
                <table>
                    <caption>"The base and each scenario over the horizon; ≠ and bold: different from the base"</caption>
                    <thead><tr><th scope="col">"Figure"</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        </section>
    }
}

/// The ranges as text, and the inputs that move revenue most (the tornado, computed
/// here: two runs of the funnel per range). The odds themselves come from thousands of
/// draws on the Odds screen.
#[component]
fn OddsSection(plan: Plan) -> impl IntoView {
    use crate::ui::widgets::input_picker::{range_text, value_text};
    let p = &plan;
    let (l, c) = (&p.profile.locale, &p.profile.currency);
    let rows = p
        .ranges
        .iter()
        .map(|r| {
            let kind = r.input.kind();
            let likely = format::opt(r.input.value(p), |v| value_text(kind, v, l, c));
            view! {
                <tr>
                    <th scope="row">{r.input.label(p)}</th>
                    <td class="num">{value_text(kind, r.low, l, c)}</td>
                    <td class="num">{likely}</td>
                    <td class="num">{value_text(kind, r.high, l, c)}</td>
                </tr>
            }
        })
        .collect_view();
    let bars = SimModel::of_plan(p, parse_date(&today()).ok())
        .map(|m| tornado(&m, &TornadoOutcome::Revenue))
        .unwrap_or_default();
    let money = |v: f64| format::money_whole(v, l, c);
    let swings = bars
        .iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label.clone()}</th>
                    <td class="num">{range_text(b.input.kind(), b.low, b.high, l, c)}</td>
                    <td class="num">{format::opt(b.at_low, money)}</td>
                    <td class="num">{format::opt(b.at_high, money)}</td>
                    <td class="num">{money(b.width)}</td>
                </tr>
            }
        })
        .collect_view();
    let has_swings = !bars.is_empty();
    view! {
        <section aria-labelledby="report-odds">
            <h2 id="report-odds">"Odds"</h2>
            <p>"Ranges on the plan's inputs: the low and the high are the 10th and 90th percentiles, the likely value is the plan's own. The odds of each objective come from thousands of draws on the Odds screen."</p>
            <TableWrap label="Ranges table">
                <table>
                    <caption>"Ranges"</caption>
                    <thead><tr><th scope="col">"Input"</th><th scope="col" class="num">"Low (p10)"</th><th scope="col" class="num">"Likely"</th><th scope="col" class="num">"High (p90)"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
            {has_swings.then(|| view! {
                <TableWrap label="What moves revenue most, table">
                    <table>
                        <caption>"What moves revenue over the horizon most: each input from its low to its high, the others at their likely values"</caption>
                        <thead><tr><th scope="col">"Input"</th><th scope="col" class="num">"Range"</th><th scope="col" class="num">"Revenue at the low"</th><th scope="col" class="num">"At the high"</th><th scope="col" class="num">"Swing"</th></tr></thead>
                        <tbody>{swings}</tbody>
                    </table>
                </TableWrap>
            })}
        </section>
    }
}
