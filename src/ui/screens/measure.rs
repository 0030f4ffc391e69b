//! Measure: type the actuals of each stage KPI per month (or week), and see target vs
//! actual, pacing and status per KPI, per stage and for the whole plan.

use crate::domain::input::trim_number;
use crate::domain::input::InputError;
use crate::domain::kpi::{self, KpiDef};
use crate::domain::measure::{self, KpiProgress, SeriesPoint, AT_RISK_MIN, ON_TRACK_MIN};
use crate::domain::period::{parse_date, Granularity, Period};
use crate::domain::plan::{Plan, Stage};
use crate::domain::tracking::{
    actual_unit, as_of, default_period, format_actual_input, parse_actual, paste_actuals,
    plan_periods, set_actual, typed_actual, Pasted,
};
use crate::route::{Route, Screen};
use crate::ui::format;
use crate::ui::state::{now_ms, today, Editor};
use crate::ui::widgets::fields::NumberText;
use crate::ui::widgets::gantt::stage_class;
use crate::ui::widgets::info::Info;
use crate::ui::widgets::kpi::format_kpi;
use crate::ui::widgets::trend::{StatusBadge, TableWrap, TrendChart};
use leptos::prelude::*;

fn today_date() -> Option<crate::domain::period::Date> {
    parse_date(&today()).ok()
}

/// The KPIs the plan tracks that the catalogue knows, in stage order.
fn stage_kpis(p: &Plan) -> Vec<(Stage, &'static KpiDef)> {
    Stage::ALL
        .into_iter()
        .flat_map(|stage| {
            p.tracked_kpis(stage)
                .into_iter()
                .filter_map(move |k| kpi::find(&k).map(|d| (stage, d)))
        })
        .collect()
}

/// The measure screen of the open plan.
#[component]
pub fn MeasureScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let granularity = RwSignal::new(Granularity::Month);
    let periods = Memo::new(move |_| {
        let g = granularity.get();
        editor.plan.with(|p| plan_periods(p, g))
    });
    let chosen = RwSignal::new(None::<Period>);
    let period = Memo::new(move |_| {
        let list = periods.get();
        chosen
            .get()
            .filter(|c| list.contains(c))
            .or_else(|| today_date().and_then(|t| default_period(&list, t)))
    });
    let status = Memo::new(move |_| {
        let (Some(period), Some(t)) = (period.get(), today_date()) else {
            return None;
        };
        let g = period.granularity();
        Some(
            editor
                .plan
                .with(|p| measure::measure_plan(p, as_of(period, t), g)),
        )
    });
    let kpis = Memo::new(move |_| editor.plan.with(stage_kpis));
    // Every card's chart, in the order of `kpis`: computed together, once per edit,
    // from the evaluation's forecast (each card used to run the funnel and index the
    // actuals again for itself).
    let series = Memo::new(move |_| {
        let g = granularity.get();
        let ids: Vec<&'static str> = kpis.with(|k| k.iter().map(|(_, d)| d.id).collect());
        let actuals = editor.actuals.get();
        editor.plan.with(|p| {
            editor
                .eval
                .with(|e| measure::series_many(p, &e.forecast, &e.traffic, &actuals.index, &ids, g))
        })
    });
    let on_granularity = move |ev: leptos::ev::Event| {
        let g = if event_target_value(&ev) == "week" {
            Granularity::Week
        } else {
            Granularity::Month
        };
        chosen.set(None);
        granularity.set(g);
    };
    let on_period = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        chosen.set(value.parse::<Period>().ok());
    };
    // The KPI cards sit below the status and the actuals grid: their charts are drawn
    // just after the top of the screen is painted, not before it.
    let charts = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(
            move || {
                let _ = charts.try_set(true);
            },
            std::time::Duration::ZERO,
        )
    });
    let plan_id = editor.plan.with_untracked(|p| p.id.clone());
    let reach_href = Route::Plan {
        id: plan_id,
        screen: Screen::Reach,
    }
    .to_fragment();
    view! {
        <h1>"Measure"</h1>
        <p class="lead">"Type what really happened, month by month, and see each KPI against its goal: on track, at risk or off track."</p>
        <Show when=move || !kpis.with(Vec::is_empty)
            fallback=move || view! {
                <div class="empty">
                    <p>"No KPIs tracked yet. Each stage (Reach, Act, Convert, Engage) lists the KPIs you track and their goals."</p>
                    <p><a class="btn btn-primary" href=reach_href.clone()>"Add KPIs on the Reach stage"</a></p>
                </div>
            }>
            <div class="form-grid">
                <div class="field">
                    <label for="measure-granularity">"Periods"</label>
                    <select id="measure-granularity" on:change=on_granularity>
                        <option value="month" selected=move || granularity.get() == Granularity::Month>"Months"</option>
                        <option value="week" selected=move || granularity.get() == Granularity::Week>"Weeks"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="measure-period">"Check status for"</label>
                    <select id="measure-period" on:change=on_period>
                        {move || {
                            let current = period.get();
                            periods.get().into_iter().map(|p| {
                                view! { <option value=p.to_string() selected=current == Some(p)>{p.to_string()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
            </div>
            <h2>"Status"</h2>
            <StatusSummary status=status/>
            <h2 id="actuals-heading">"Enter actuals"</h2>
            <p class="hint">"Type the raw numbers your tools report for the period (spend, impressions, clicks, sessions, leads, customers, orders, revenue): every rate and cost per unit is derived from them exactly as in the forecast. Clear a cell to remove the value."</p>
            <ActualsGrid period=period/>
            <Contradictions/>
            <crate::ui::widgets::csv_import::CsvImport granularity=granularity/>
            <h2>"Each KPI"</h2>
            <div class="cards kpi-cards">
                {move || {
                    kpis.get().into_iter().enumerate().map(|(i, (stage, def))| {
                        let progress = Signal::derive(move || status.with(|s| s.as_ref().and_then(|s| s.kpis.iter().find(|k| k.kpi == def.id).cloned())));
                        let points = Signal::derive(move || series.with(|all| all.get(i).cloned().unwrap_or_default()));
                        view! { <KpiCard stage=stage def=def progress=progress points=points drawn=charts/> }
                    }).collect_view()
                }}
            </div>
        </Show>
    }
}

/// How many actuals that cannot all be right are listed; the rest are counted.
const CONTRADICTIONS_LISTED: usize = 5;

/// Periods whose actuals cannot all be right (more clicks than impressions), listed
/// under the grid with the figures, so that the mistake can be found in the export.
#[component]
fn Contradictions() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let found = Memo::new(move |_| {
        let actuals = editor.actuals.get();
        editor
            .plan
            .with(|p| measure::contradictions(p, &actuals.index))
    });
    let items = move || {
        editor.locale_currency.with(|(l, c)| {
            found.with(|f| {
                f.iter()
                    .take(CONTRADICTIONS_LISTED)
                    .map(|x| {
                        let (part, a) = x.part;
                        let (whole, b) = x.whole;
                        // "more than impressions": the name's first letter in lower case
                        // (ASCII: the names are, and Unicode's case tables cost bytes).
                        let mut whole_name = whole.name.to_string();
                        if let Some(first) = whole_name.get_mut(..1) {
                            first.make_ascii_lowercase();
                        }
                        format!(
                            "{}: {} {}: {} {}, more than {} {}",
                            x.period,
                            x.kpi.name,
                            format::percent(x.value, l),
                            part.name,
                            format_kpi(part, Some(a), l, c),
                            whole_name,
                            format_kpi(whole, Some(b), l, c)
                        )
                    })
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view()
            })
        })
    };
    let more = move || {
        let n = found.with(Vec::len);
        (n > CONTRADICTIONS_LISTED).then(|| {
            let rest = n - CONTRADICTIONS_LISTED;
            let l = editor.locale.with(|l| format::count(rest as f64, l));
            view! { <p>{format!("…and {l} more.")}</p> }
        })
    };
    view! {
        <Show when=move || found.with(|f| !f.is_empty())>
            <div class="banner banner-warn" role="status">
                <p><strong>"Some actuals cannot all be right."</strong>" In these periods a rate worked out from them is beyond what a rate can be: one of its two numbers is most likely in the wrong column, period or unit."</p>
                <ul>{items}</ul>
                {more}
            </div>
        </Show>
    }
}

#[component]
fn StatusSummary(status: Memo<Option<measure::PlanStatus>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let locale = move || editor.plan.with(|p| p.profile.locale.clone());
    view! {
        <TableWrap label="Status by stage">
            <table class="status-table">
                <thead>
                    <tr>
                        <th scope="col">"Stage"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="num">"On track"</th>
                        <th scope="col" class="num">"At risk"</th>
                        <th scope="col" class="num">"Off track"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || status.get().map(|s| s.stages.into_iter().map(|st| {
                        let l = locale();
                        view! {
                            <tr class=stage_class(st.stage)>
                                <th scope="row"><span class="stage-accent">{st.stage.name()}</span></th>
                                <td><StatusBadge status=Signal::derive(move || st.status)/></td>
                                <td class="num">{format::count(st.on_track as f64, &l)}</td>
                                <td class="num">{format::count(st.at_risk as f64, &l)}</td>
                                <td class="num">{format::count(st.off_track as f64, &l)}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Whole plan"</th>
                        <td colspan="4"><StatusBadge status=Signal::derive(move || status.get().and_then(|s| s.plan))/></td>
                    </tr>
                </tfoot>
            </table>
        </TableWrap>
    }
}

/// The rows of the actuals grid: the raw measures, then the KPIs the plan tracks that
/// are measured on their own (NPS, retention…).
fn grid_measures(p: &Plan) -> Vec<&'static KpiDef> {
    let tracked: Vec<String> = Stage::ALL
        .into_iter()
        .flat_map(|s| p.tracked_kpis(s))
        .collect();
    measure::RAW_MEASURES
        .iter()
        .filter_map(|id| measure::measure_def(id))
        .chain(
            measure::DIRECT_KPIS
                .iter()
                .filter(|id| tracked.iter().any(|t| t == *id))
                .filter_map(|id| kpi::find(id)),
        )
        .collect()
}

#[component]
fn ActualsGrid(period: Memo<Option<Period>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let note = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let Some(period) = period.get() else {
            return Vec::new();
        };
        editor.plan.with(|p| {
            let month = period
                .start()
                .and_then(|d| crate::domain::goal::month_index(p, d));
            editor.eval.with(|e| {
                grid_measures(p)
                    .into_iter()
                    .map(|def| {
                        let forecast = month
                            .and_then(|m| e.forecast.months.get(m))
                            .and_then(|m| measure::raw_forecast(def.id, m, &e.traffic))
                            .map(|v| measure::target_for_period(def, v, period));
                        let target = measure::period_target(p, def, period);
                        (def, forecast, target)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <p class="paste-note" role="status">{move || note.get()}</p>
        {move || period.get().map(|period| {
            let col = format!("col-{period}");
            view! {
                <div class="table-wrap actuals-wrap">
                    <table class="actuals-grid" aria-labelledby="actuals-heading">
                        <thead>
                            <tr>
                                <th scope="col">"Measure"</th>
                                <th scope="col" class="num">{format!("Forecast, {period}")}</th>
                                <th scope="col" class="num">{format!("Goal, {period}")}</th>
                                <th scope="col" class="num" id=col>{format!("Actual, {period}")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let (locale, currency) = editor.plan.with_untracked(|p| (p.profile.locale.clone(), p.profile.currency.clone()));
                                rows.get().into_iter().map(|(def, forecast, target)| {
                                    let row_id = format!("row-{}", def.id);
                                    view! {
                                        <tr data-measure=def.id>
                                            <th scope="row" id=row_id.clone()>{def.name}<span class="muted measure-hint">{format!(" {}", def.explanation)}</span></th>
                                            <td class="num">{format_kpi(def, forecast, &locale, &currency)}</td>
                                            <td class="num">{format_kpi(def, target, &locale, &currency)}</td>
                                            <td class="actual-cell"><ActualCell def=def period=period row_id=row_id.clone() key=period.to_string() note=note/></td>
                                        </tr>
                                    }
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            }
        })}
    }
}

/// One actual's input: local text while typing; a good value is written at once,
/// a bad one shows a message and stays out of the plan.
#[component]
fn ActualCell(
    def: &'static KpiDef,
    period: Period,
    row_id: String,
    key: String,
    /// Where a paste of several cells says what it did.
    note: RwSignal<String>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    // The actual as the input shows it, with the decimal mark of the plan's locale.
    let shown_in = move |p: &Plan| {
        typed_actual(p, def.id, period)
            .map(|v| format::decimal_mark(&p.profile.locale).write(format_actual_input(def, v)))
            .unwrap_or_default()
    };
    let show = move || editor.plan.with(shown_in);
    let text = RwSignal::new(editor.plan.with_untracked(shown_in));
    let error = RwSignal::new(None::<String>);
    let focused = RwSignal::new(false);
    Effect::new(move |_| {
        let shown = show();
        if !focused.get_untracked() {
            text.set(shown);
            error.set(None);
        }
    });
    let id = format!("actual-{}-{}", def.id, period);
    let error_id = format!("{id}-error");
    let unit = editor
        .plan
        .with_untracked(|p| actual_unit(def, &p.profile.currency));
    let unit_id = format!("{id}-unit");
    let labelled = format!("{row_id} col-{period}");
    let described = {
        let error_id = error_id.clone();
        let unit_id = unit_id.clone();
        let has_unit = unit.is_some();
        move || {
            let mut ids = Vec::new();
            if has_unit {
                ids.push(unit_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        let parsed = if value.trim().is_empty() {
            Ok(None)
        } else {
            let mark = editor.locale.with_untracked(|l| format::decimal_mark(l));
            parse_actual(def, &value, mark).map(Some)
        };
        match parsed {
            Ok(v) => {
                error.set(None);
                editor.edit(&format!("actual-{key}-{}", def.id), move |p| {
                    set_actual(p, def.id, period, v)
                });
            }
            Err(e) => error.set(Some(e.message)),
        }
    };
    // Blur also fires when the screen is left while this input has focus, after its
    // signals are gone: every access here must tolerate that.
    let on_blur = move |_| {
        let _ = focused.try_set(false);
        if let Some(None) = error.try_get_untracked() {
            if let Some(shown) = editor.plan.try_with_untracked(shown_in) {
                let _ = text.try_set(shown);
            }
        }
    };
    // A block of cells copied from a spreadsheet fills the grid from this cell down and
    // on to the next periods, in one edit (one undo); a single value is typed as usual.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(block) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        if !block.trim_end().contains(['\t', '\n']) {
            return;
        }
        ev.prevent_default();
        let mut outcome = None;
        editor.edit(&format!("paste-{}", now_ms()), |p| {
            let rows = grid_measures(p);
            let first = rows.iter().position(|d| d.id == def.id).unwrap_or(0);
            let mark = format::decimal_mark(&p.profile.locale);
            outcome = Some(paste_actuals(p, &rows, first, period, &block, mark));
        });
        if let Some(outcome) = outcome {
            note.set(paste_note(def, period, outcome));
            text.set(show());
            error.set(None);
        }
    };
    let has_unit = unit.is_some();
    view! {
        <div class="input-wrap" class:has-unit=has_unit>
            <input id=id class="num-input actual-input" type="text" inputmode="decimal" autocomplete="off"
                aria-labelledby=labelled
                aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=NumberText { editor, text, focused }.shown()
                readonly=move || editor.read_only.get().is_some()
                on:focus=NumberText { editor, text, focused }.on_focus()
                on:blur=on_blur
                on:input=on_input
                on:paste=on_paste/>
            {unit.map(|u| view! { <span class="unit" id=unit_id.clone()>{u}</span> })}
        </div>
        {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
    }
}

/// What a paste did, in a sentence or three.
fn paste_note(def: &KpiDef, period: Period, outcome: Result<Pasted, InputError>) -> String {
    let done = match outcome {
        Ok(done) => done,
        Err(e) => return e.message,
    };
    let mut note = format!(
        "Pasted {} cells from {}, {period} on; Undo takes the whole paste back.",
        done.filled, def.name
    );
    if !done.problems.is_empty() {
        note += &format!(
            " {} could not be read and were left as they were: {}.",
            done.problems.len(),
            done.problems[..done.problems.len().min(5)].join("; ")
        );
        if done.problems.len() > 5 {
            note += &format!(" (and {} more)", done.problems.len() - 5);
        }
    }
    if done.left_out > 0 {
        note += &format!(
            " {} past the last row or period were left out.",
            done.left_out
        );
    }
    note
}

#[component]
fn KpiCard(
    stage: Stage,
    def: &'static KpiDef,
    #[prop(into)] progress: Signal<Option<KpiProgress>>,
    /// The chart's points, from the screen's one computation of every card's series.
    #[prop(into)]
    points: Signal<Vec<SeriesPoint>>,
    /// Whether to draw the chart yet (until then, a placeholder of its size).
    #[prop(into)]
    drawn: Signal<bool>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let money = move || {
        editor
            .plan
            .with(|p| (p.profile.locale.clone(), p.profile.currency.clone()))
    };
    let value = move |f: fn(&KpiProgress) -> Option<f64>| {
        let (l, c) = money();
        format_kpi(def, progress.get().and_then(|k| f(&k)), &l, &c)
    };
    let attainment = move || {
        let (l, _) = money();
        format::opt(progress.get().and_then(|k| k.attainment), |a| {
            format::percent(a, &l)
        })
    };
    let elapsed = move || {
        let (l, _) = money();
        progress
            .get()
            .map(|k| format::percent(k.fraction_elapsed, &l))
            .unwrap_or_else(|| format::NO_VALUE.to_string())
    };
    let chart = move || {
        if !drawn.get() {
            return view! { <div class="trend-pending"></div> }.into_any();
        }
        let (l, c) = money();
        view! { <TrendChart def=def points=points.get() locale=l currency=c/> }.into_any()
    };
    let heading_id = format!("kpi-card-{}", def.id);
    let labelled_by = heading_id.clone();
    let direction = if def.higher_is_better {
        "Higher is better."
    } else {
        "Lower is better."
    };
    let pacing_text = if def.additive {
        "This KPI adds up over time, so the target is paced: the share of the period elapsed × the period's target."
    } else {
        "This KPI is a level, so the actual is compared with the full target."
    };
    let thresholds = format!(
        "On track at {} % of the (paced) target or more, at risk from {} %, off track below.",
        trim_number(ON_TRACK_MIN * 100.0, 1),
        trim_number(AT_RISK_MIN * 100.0, 1)
    );
    view! {
        <section class=format!("card stage-border kpi-card {}", stage_class(stage)) aria-labelledby=labelled_by>
            <div class="kpi-card-head">
                <h3 id=heading_id><span class="stage-accent">{stage.name()}</span>" · "{def.name}</h3>
                <Info label=format!("How {} is measured", def.name)>
                    <p><strong>"Formula: "</strong><span class="formula">{def.formula}</span></p>
                    {(!def.variants.is_empty()).then(|| view! { <p><strong>"Variants: "</strong>{def.variants}</p> })}
                    <p>{def.explanation}" "{direction}</p>
                    <p>{pacing_text}</p>
                    <p>{thresholds.clone()}</p>
                    <p><strong>"Inputs: "</strong>{move || format!("actual {} vs paced target {} ({} of the period elapsed)", value(|k| k.actual), value(|k| k.paced_target), elapsed())}</p>
                </Info>
            </div>
            <dl class="kpi-figures">
                <div><dt>"Target"</dt><dd class="num">{move || value(|k| k.target)}</dd></div>
                <div><dt>"Paced target"</dt><dd class="num">{move || value(|k| k.paced_target)}</dd></div>
                <div><dt>"Actual to date"</dt><dd class="num">{move || value(|k| k.actual)}</dd></div>
                <div><dt>"Attainment"</dt><dd class="num">{attainment}</dd></div>
                <div><dt>"Status"</dt><dd><StatusBadge status=Signal::derive(move || progress.get().and_then(|k| k.status))/></dd></div>
            </dl>
            {chart}
        </section>
    }
}
