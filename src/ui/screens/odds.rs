//! The Odds screen: ranges on the plan's inputs (low and high as the 10th and 90th
//! percentiles), a seeded Monte Carlo run in a worker (`src/bin/sim_worker.rs`, loaded
//! when this screen is first opened) with p10 / p50 / p90 of the funnel's totals, a
//! histogram of revenue, each objective's odds, and a tornado of the inputs that move
//! revenue (or an objective) most.

use crate::chart::odds::{c, histogram_bars, tornado_shapes, Plot};
use crate::domain::goal::month_period;
use crate::domain::kpi::{self, Unit};
use crate::domain::odds::{month_words, suggested_range, SimAnswer, SimRequest, TornadoSet};
use crate::domain::period::parse_date;
use crate::domain::plan::Plan;
use crate::domain::uncertainty::{
    check_ranges, draws_per_second, remove_range, set_range, Band, InputRange, InputRef,
    ObjectiveOdds, SimModel, TornadoOutcome, DEFAULT_DRAWS,
};
use crate::route::Screen;
use crate::ui::format;
use crate::ui::screens::stage::{screen_href, stage_screen};
use crate::ui::state::{now_ms, today, Editor};
use crate::ui::widgets::fields::{InputValueField, NumCheck};
use crate::ui::widgets::input_picker::{input_id_part, range_text, value_text, InputPicker};
use crate::ui::widgets::kpi::{format_kpi, format_unit, locale_currency};
use crate::ui::widgets::rows::focus;
use crate::ui::widgets::trend::TableWrap;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the ranges' hint says about low and high.
pub const RANGE_HINT: &str =
    "low and high: the 10th and 90th percentile, a 1-in-10 chance of being below low or above high";

/// The seed of the first run on every visit, so the same plan shows the same figures.
const FIRST_SEED: u64 = 1;

/// Waits this long after an edit before running the draws again.
const SETTLE_MS: i32 = 250;

/// Where the worker stands.
#[derive(Clone, Debug, PartialEq)]
enum RunState {
    /// Nothing asked yet.
    Idle,
    /// Draws are running.
    Running,
    /// The last run's answer is shown.
    Done,
    /// The user stopped the run.
    Stopped,
    /// The worker failed, in words.
    Failed(String),
}

/// The worker and the closures that hear it; dropping it stops the worker.
struct Connection {
    worker: web_sys::Worker,
    ready: bool,
    busy: bool,
    /// The worker stopped with an error: the next run starts a new one.
    failed: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn post_run(worker: &web_sys::Worker, json: &str) {
    let message: js_sys::Array = [JsValue::from("run"), JsValue::from(json)].iter().collect();
    let _ = worker.post_message(&message);
}

/// The simulation runner of the screen: sends the latest request to the worker, keeps
/// only the latest request waiting while a run is busy, and shows only the answer to
/// the latest request.
#[derive(Clone, Copy)]
struct Runner {
    connection: StoredValue<Option<Connection>, LocalStorage>,
    /// The request waiting to be sent (its run and JSON).
    waiting: StoredValue<Option<(u64, String)>, LocalStorage>,
    /// The latest request's run.
    latest: StoredValue<u64>,
    state: RwSignal<RunState>,
    answer: RwSignal<Option<Arc<SimAnswer>>>,
}

impl Runner {
    fn new() -> Runner {
        Runner {
            connection: StoredValue::new_local(None),
            waiting: StoredValue::new_local(None),
            latest: StoredValue::new(0),
            state: RwSignal::new(RunState::Idle),
            answer: RwSignal::new(None),
        }
    }

    /// Sends what waits, if the worker is ready and free.
    fn pump(self) {
        if self
            .connection
            .with_value(|c| c.as_ref().is_some_and(|c| c.failed))
        {
            self.connection.set_value(None);
        }
        let free = self
            .connection
            .with_value(|c| c.as_ref().map(|c| c.ready && !c.busy));
        match free {
            Some(true) => {
                if let Some((_, json)) = self.waiting.try_update_value(Option::take).flatten() {
                    self.connection.update_value(|c| {
                        if let Some(c) = c {
                            c.busy = true;
                            post_run(&c.worker, &json);
                        }
                    });
                }
            }
            Some(false) => {}
            None => self.start(),
        }
    }

    fn start(self) {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options("sim_worker.js", &options) {
            Ok(w) => w,
            Err(_) => {
                self.state.set(RunState::Failed(
                    "This browser could not start the simulation in the background.".into(),
                ));
                return;
            }
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                self.heard(js_sys::Array::from(&ev.data()));
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            // The closures are dropped with the connection on the next run, not while
            // this one runs.
            let _ = self.connection.try_update_value(|c| {
                if let Some(c) = c {
                    c.failed = true;
                    c.worker.terminate();
                }
            });
            let _ = self.state.try_set(RunState::Failed(
                "The simulation stopped: check the connection, reload the page and try again. Your plan is unchanged.".into(),
            ));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.connection.set_value(Some(Connection {
            worker,
            ready: false,
            busy: false,
            failed: false,
            _on_message: on_message,
            _on_error: on_error,
        }));
    }

    fn heard(self, data: js_sys::Array) {
        let kind = data.get(0).as_string().unwrap_or_default();
        let text = data.get(1).as_string().unwrap_or_default();
        let _ = self.connection.try_update_value(|c| {
            if let Some(c) = c {
                if kind == "ready" {
                    c.ready = true;
                } else {
                    c.busy = false;
                }
            }
        });
        match kind.as_str() {
            "done" => match serde_json::from_str::<SimAnswer>(&text) {
                Ok(answer) => {
                    if Some(answer.run) == self.latest.try_get_value() {
                        let _ = self.answer.try_set(Some(Arc::new(answer)));
                        let _ = self.state.try_set(RunState::Done);
                    }
                }
                Err(_) => {
                    let _ = self.state.try_set(RunState::Failed(
                        "The simulation's results could not be read.".into(),
                    ));
                }
            },
            "error" => {
                let _ = self.state.try_set(RunState::Failed(text));
            }
            _ => {}
        }
        if self.connection.try_with_value(|_| ()).is_some() {
            self.pump();
        }
    }

    /// Asks for a run of this model; it supersedes any run not yet answered.
    fn run(self, model: SimModel, seed: u64) {
        let run = self.latest.get_value() + 1;
        self.latest.set_value(run);
        let request = SimRequest {
            run,
            model,
            draws: DEFAULT_DRAWS,
            seed,
        };
        match crate::domain::odds::request_json(&request) {
            Ok(json) => {
                self.waiting.set_value(Some((run, json)));
                self.state.set(RunState::Running);
                self.pump();
            }
            Err(message) => self.state.set(RunState::Failed(message)),
        }
    }

    /// Stops the run in flight (the worker is ended; the next run starts a new one).
    fn stop(self) {
        self.waiting.set_value(None);
        self.connection.set_value(None);
        self.latest.update_value(|r| *r += 1);
        self.state.set(RunState::Stopped);
    }
}

/// The Odds screen of the open plan.
#[component]
pub fn OddsScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let plan_id = editor.plan.with_untracked(|p| p.id.clone());
    let day = parse_date(&today()).ok();
    let runner = Runner::new();
    on_cleanup(move || {
        let _ = runner.connection.try_set_value(None);
    });
    let seed = RwSignal::new(FIRST_SEED);
    let model = Memo::new(move |_| editor.plan.with(|p| SimModel::of_plan(p, day)));
    // Each change of the model or the seed runs the draws again once typing pauses.
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let m = model.get();
        let s = seed.get();
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        match m {
            Ok(m) if !m.ranges.is_empty() => {
                let first = runner.answer.with_untracked(Option::is_none)
                    && runner.state.get_untracked() == RunState::Idle;
                // The figures shown are no longer the plan's: say so until the new
                // run answers.
                runner.state.set(RunState::Running);
                let delay = if first { 0 } else { SETTLE_MS };
                let handle = set_timeout_with_handle(
                    move || runner.run(m, s),
                    std::time::Duration::from_millis(delay as u64),
                );
                timer.set_value(handle.ok());
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });
    let has_ranges = Memo::new(move |_| editor.plan.with(|p| !p.ranges.is_empty()));
    let valid = Memo::new(move |_| model.with(Result::is_ok));
    let results_id = StoredValue::new(plan_id.clone());
    view! {
        <div class="odds-screen">
            <h1>"Odds"</h1>
            <p class="lead">"How likely is the plan? Give the inputs you are unsure of a low and a high: thousands of draws of the funnel show the spread of the results, the odds of each objective, and which input matters most."</p>
            <Ranges plan_id=plan_id.clone()/>
            <Show when=move || has_ranges.get()
                fallback=|| view! { <p class="empty">"No range yet. Add one above to see the odds: each input you are unsure of, with a low and a high."</p> }>
                <Show when=move || valid.get()
                    fallback=|| view! { <p class="banner banner-warn" role="status">"The odds wait until every range is valid: see the messages at the ranges above."</p> }>
                    <Results runner=runner seed=seed plan_id=results_id.get_value()/>
                </Show>
            </Show>
        </div>
    }
}

/// The ranges of the plan: a row each, and the picker that adds one.
#[component]
fn Ranges(plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let keys = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.ranges
                .iter()
                .map(|r| r.input.to_string())
                .collect::<Vec<_>>()
        })
    });
    let add = Callback::new(move |input: InputRef| {
        let key = input_id_part(&input);
        editor.edit(&format!("range-add-{}", now_ms()), move |p| {
            let likely = input.value(p).unwrap_or(0.0);
            let (low, high) = suggested_range(input.kind(), likely);
            let _ = set_range(p, InputRange { input, low, high });
        });
        request_animation_frame(move || focus(&format!("f-range-{key}-low")));
    });
    view! {
        <section aria-labelledby="ranges-h">
            <h2 id="ranges-h">"Ranges"</h2>
            <p class="hint" id="range-hint">{format!("The likely value is the plan's own. Enter the {RANGE_HINT}.")}</p>
            <div class="range-list">
                <For each=move || keys.get() key=|k| k.clone() let:k>
                    <RangeRow key=k plan_id=plan_id.clone()/>
                </For>
            </div>
            <InputPicker id="range-pick" label="Input to give a range" button="Add range"
                rangeable_only=true taken=keys taken_word="has a range" on_pick=add/>
        </section>
    }
}

/// One range: the input, its likely value, low and high fields, and Remove.
#[component]
fn RangeRow(key: String, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let Some(input) = InputRef::parse(&key) else {
        return ().into_any();
    };
    let lc = locale_currency();
    let kind = input.kind();
    let part = input_id_part(&input);
    let index = {
        let key = key.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| p.ranges.iter().position(|r| r.input.to_string() == key))
        })
    };
    let info = {
        let input = input.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| (input.label(p), input.stage(p), input.value(p)))
        })
    };
    // The problems check_ranges finds with this range as the plan stands.
    let problems = Memo::new(move |_| {
        let Some(i) = index.get() else {
            return Vec::new();
        };
        let prefix = format!("ranges[{i}].");
        editor.plan.with(|p| {
            check_ranges(p, &p.ranges)
                .into_iter()
                .filter(|e| e.path.starts_with(&prefix))
                .map(|e| {
                    let what = match e.path.rsplit('.').next() {
                        Some("low") => "The low value ",
                        Some("high") => "The high value ",
                        _ => "The input ",
                    };
                    format!("{what}{}", e.message)
                })
                .collect::<Vec<_>>()
        })
    });
    let field = |end: &'static str| -> AnyView {
        let (i1, i2, i3) = (input.clone(), input.clone(), input.clone());
        let is_low = end == "low";
        let get = move |p: &Plan| {
            p.ranges
                .iter()
                .find(|r| r.input == i1)
                .map_or(0.0, |r| if is_low { r.low } else { r.high })
        };
        let check: NumCheck = Arc::new(move |p: &Plan, v: f64| {
            let current = p.ranges.iter().find(|r| r.input == i2)?;
            let trial = InputRange {
                input: i2.clone(),
                low: if is_low { v } else { current.low },
                high: if is_low { current.high } else { v },
            };
            let mine = if is_low { ".low" } else { ".high" };
            check_ranges(p, std::slice::from_ref(&trial))
                .into_iter()
                .find(|e| e.path.ends_with(mine))
                .map(|e| {
                    format!(
                        "{} {}",
                        if is_low {
                            "The low value"
                        } else {
                            "The high value"
                        },
                        e.message
                    )
                })
        });
        let set = move |p: &mut Plan, v: f64| {
            if let Some(r) = p.ranges.iter_mut().find(|r| r.input == i3) {
                if is_low {
                    r.low = v;
                } else {
                    r.high = v;
                }
            }
        };
        let label = if is_low { "Low" } else { "High" };
        view! {
            <InputValueField label=label key=format!("range-{part}-{end}") kind=kind
                get=get check=check set=set hint=if is_low { "10th percentile" } else { "90th percentile" }/>
        }
        .into_any()
    };
    let low = field("low");
    let high = field("high");
    let remove = {
        let input = input.clone();
        move |_| {
            let input = input.clone();
            editor.edit(&format!("range-remove-{}", now_ms()), move |p| {
                remove_range(p, &input);
            });
            focus("range-pick");
        }
    };
    let heading = move || {
        let (label, stage, _) = info.get();
        let href = screen_href(&plan_id, stage_screen(stage.unwrap_or_default()));
        view! { <a href=href>{label}</a> }
    };
    let likely = move || {
        let (_, _, value) = info.get();
        lc.with(|(l, c)| format::opt(value, |v| value_text(kind, v, l, c)))
    };
    let name = move || info.with(|(label, _, _)| label.clone());
    view! {
        <div class="card range-row" data-input=key.clone()>
            <h3 class="range-name">{heading}</h3>
            <p class="muted">"Likely (the plan's value): " <strong class="num">{likely}</strong></p>
            <div class="form-grid range-fields">{low}{high}</div>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="range-problems">{list.into_iter().map(|m| view! { <li class="field-error">{m}</li> }).collect_view()}</ul>
                })
            }}
            <button type="button" class="btn btn-small btn-danger" on:click=remove
                disabled=move || editor.read_only.get().is_some()
                aria-label=move || format!("Remove the range of {}", name())>"Remove"</button>
        </div>
    }
    .into_any()
}

/// "10 %" of a probability.
fn chance(p: f64, locale: &str) -> String {
    format::percent(p, locale)
}

/// The first letter in lower case when the word is not an abbreviation ("New
/// customers" → "new customers", "CAC" stays).
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() || b == ' ' => {
            format!("{}{}", a.to_ascii_lowercase(), &name[a.len_utf8()..])
        }
        _ => name.to_string(),
    }
}

/// One objective's odds as a sentence: "68% chance of reaching 300 new customers a
/// month by March 2027", or why it is not modelled.
fn odds_sentence(plan: &Plan, odds: &ObjectiveOdds, locale: &str, currency: &str) -> String {
    let def = kpi::find(&odds.kpi);
    let name = def.map_or(odds.kpi.as_str(), |d| d.name);
    let Some(probability) = odds.probability else {
        return format!(
            "{name}: not modelled, because {}.",
            odds.not_modelled
                .as_deref()
                .unwrap_or("the simulation cannot test it")
        );
    };
    let target = def.map_or_else(
        || format::decimal(odds.target, locale),
        |d| format_kpi(d, Some(odds.target), locale, currency),
    );
    let when = month_period(plan, odds.month as usize)
        .map_or_else(|| "the deadline".to_string(), month_words);
    let pct = chance(probability, locale);
    match def {
        Some(d) if !d.higher_is_better => {
            format!(
                "{pct} chance of keeping {} at or below {target} by {when}",
                lower_first(name)
            )
        }
        Some(d) if d.additive && matches!(d.unit, Unit::Count | Unit::Money) => format!(
            "{pct} chance of reaching {target} {} a month by {when}",
            lower_first(name)
        ),
        _ => format!(
            "{pct} chance of {} reaching {target} by {when}",
            lower_first(name)
        ),
    }
}

/// The run's results: bands, the histogram, the odds and the tornado.
#[component]
fn Results(runner: Runner, seed: RwSignal<u64>, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let months = Memo::new(move |_| editor.plan.with(|p| p.horizon_months));
    let status = move || {
        let (locale, _) = lc.get();
        match runner.state.get() {
            RunState::Idle => view! { <p class="muted">"Starting the simulation…"</p> }.into_any(),
            RunState::Running => view! {
                <p class="run-status">{format!("Running {} draws in the background…", format::count(f64::from(DEFAULT_DRAWS), &locale))}
                    " " <button type="button" class="btn btn-small" on:click=move |_| runner.stop()>"Cancel"</button></p>
            }.into_any(),
            RunState::Stopped => view! {
                <p class="run-status">"Stopped: the figures below are from the last complete run. "
                    <button type="button" class="btn btn-small" on:click=move |_| seed.update(|s| *s = s.wrapping_add(1))>"Run again"</button></p>
            }.into_any(),
            RunState::Failed(why) => view! { <p class="banner banner-error" role="alert">{why}</p> }.into_any(),
            RunState::Done => runner.answer.with(|a| a.as_ref().map(|a| {
                let per_second = draws_per_second(a.simulation.draws, a.elapsed_ms)
                    .map(|d| format!(" ({} draws a second)", format::count(d, &locale)))
                    .unwrap_or_default();
                let time = if a.elapsed_ms < 1.0 { "under 1 ms".to_string() } else { format!("{} ms", format::count(a.elapsed_ms, &locale)) };
                view! {
                    <p class="run-status muted">{format!(
                        "{} draws with seed {}, run in {time} in the background{per_second}. ",
                        format::count(f64::from(a.simulation.draws), &locale),
                        a.simulation.seed,
                    )}
                    <button type="button" class="btn btn-small" on:click=move |_| seed.update(|s| *s = s.wrapping_add(1))>"Draw again with a new seed"</button></p>
                }.into_any()
            })).unwrap_or_else(|| ().into_any()),
        }
    };
    let bands = move || {
        let (locale, currency) = lc.get();
        runner.answer.get().map(|a| {
            let s = &a.simulation;
            let count = |b: Band| [b.p10, b.p50, b.p90].map(|v| format::count(v, &locale));
            let money = |b: Band| [b.p10, b.p50, b.p90].map(|v| format::money_whole(v, &locale, &currency));
            let opt = |b: Option<Band>, f: &dyn Fn(f64) -> String| match b {
                Some(b) => [f(b.p10), f(b.p50), f(b.p90)],
                None => [format::NO_VALUE.to_string(), format::NO_VALUE.to_string(), format::NO_VALUE.to_string()],
            };
            let rows: Vec<(&str, [String; 3])> = vec![
                ("Sessions", count(s.sessions)),
                ("Leads", count(s.leads)),
                ("New customers", count(s.customers)),
                ("Revenue", money(s.revenue)),
                ("CAC (cost per new customer)", opt(s.cac, &|v| format::money(v, &locale, &currency))),
                ("ROI", opt(s.roi, &|v| format::percent(v, &locale))),
            ];
            view! {
                <TableWrap label="Results over the horizon, table">
                    <table class="odds-bands">
                        <caption>{format!("Over the plan's {} months, across the draws", months.get())}</caption>
                        <thead><tr>
                            <th scope="col">"Figure"</th>
                            <th scope="col" class="num">"Low (p10)"</th>
                            <th scope="col" class="num">"Median (p50)"</th>
                            <th scope="col" class="num">"High (p90)"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(name, [a, b, c])| view! {
                                <tr><th scope="row">{name}</th><td class="num">{a}</td><td class="num">{b}</td><td class="num">{c}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableWrap>
                <p class="muted">"p10: 1 draw in 10 gives less; p90: 1 in 10 gives more. CAC falls as customers rise, so its low comes from the high draws."</p>
            }
        })
    };
    let objectives = move || {
        let (locale, currency) = lc.get();
        runner.answer.get().map(|a| {
            let items = editor.plan.with(|p| {
                a.simulation
                    .objectives
                    .iter()
                    .map(|o| {
                        let description = p
                            .objective(&o.objective)
                            .map(|x| x.description.clone())
                            .filter(|d| !d.trim().is_empty());
                        (odds_sentence(p, o, &locale, &currency), description, o.probability.is_some())
                    })
                    .collect::<Vec<_>>()
            });
            if items.is_empty() {
                return view! { <p class="empty">"No objective yet: set SMART objectives on the Opportunity screen to see their odds here."</p> }.into_any();
            }
            view! {
                <ul class="odds-list">
                    {items.into_iter().map(|(sentence, description, modelled)| view! {
                        <li class:muted=!modelled>
                            <span class="odds-sentence">{sentence}</span>
                            {description.map(|d| view! { <span class="odds-objective muted">{format!(" — {d}")}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })
    };
    view! {
        <section aria-labelledby="results-h" class="odds-results">
            <h2 id="results-h">"The odds"</h2>
            <div aria-live="polite" class="run-line">{status}</div>
            {bands}
            <h3>"Each objective"</h3>
            {objectives}
            <RevenueHistogram runner=runner/>
        </section>
        <Tornado runner=runner plan_id=plan_id/>
    }
}

/// The histogram of horizon revenue, with its numbers as a table.
#[component]
fn RevenueHistogram(runner: Runner) -> impl IntoView {
    let lc = locale_currency();
    const PLOT: Plot = Plot {
        width: 640.0,
        height: 220.0,
        left: 12.0,
        right: 12.0,
        top: 12.0,
        bottom: 40.0,
    };
    let chart = move || {
        let (locale, currency) = lc.get();
        runner.answer.get().map(|a| {
            let s = &a.simulation;
            let h = &s.revenue_histogram;
            let bars = histogram_bars(PLOT, &h.edges, &h.counts);
            let money = |v: f64| format::money_whole(v, &locale, &currency);
            let label = format!(
                "Revenue over the horizon across {} draws: 1 in 10 below {}, median {}, 1 in 10 above {}",
                format::count(f64::from(s.draws), &locale),
                money(s.revenue.p10),
                money(s.revenue.p50),
                money(s.revenue.p90)
            );
            let (lo, hi) = (
                h.edges.first().copied().unwrap_or(0.0),
                h.edges.last().copied().unwrap_or(0.0),
            );
            let scale = crate::chart::scale::LinearScale::new((lo, hi), (PLOT.left, PLOT.width - PLOT.right));
            let marks = [("p10", s.revenue.p10), ("median", s.revenue.p50), ("p90", s.revenue.p90)]
                .into_iter()
                .filter(|_| hi > lo)
                .map(|(name, v)| {
                    let x = scale.map_clamped(v);
                    view! {
                        <line class="band-mark" x1=c(x) x2=c(x) y1=c(PLOT.top) y2=c(PLOT.height - PLOT.bottom)></line>
                        <text class="chart-label" x=c(x) y=c(PLOT.height - 22.0) text-anchor="middle">{name}</text>
                    }
                })
                .collect_view();
            let rows = h
                .counts
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let from = h.edges.get(i).copied().unwrap_or(0.0);
                    let to = h.edges.get(i + 1).copied().unwrap_or(from);
                    view! {
                        <tr>
                            <th scope="row">{format!("{} to {}", money(from), money(to))}</th>
                            <td class="num">{format::count(f64::from(*n), &locale)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <figure class="odds-histogram">
                    <svg class="chart" viewBox=format!("0 0 {} {}", PLOT.width, PLOT.height) role="img" aria-label=label>
                        {bars.into_iter().map(|r| view! {
                            <rect class="hist-bar" x=c(r.x) y=c(r.y) width=c((r.width - 1.0).max(0.5)) height=c(r.height)></rect>
                        }).collect_view()}
                        <line class="axis-line" x1=c(PLOT.left) x2=c(PLOT.width - PLOT.right) y1=c(PLOT.height - PLOT.bottom) y2=c(PLOT.height - PLOT.bottom)></line>
                        {marks}
                        <text x=c(PLOT.left) y=c(PLOT.height - 4.0)>{money(lo)}</text>
                        <text x=c(PLOT.width - PLOT.right) y=c(PLOT.height - 4.0) text-anchor="end">{money(hi)}</text>
                    </svg>
                    <figcaption>"Revenue over the horizon: how many draws fell in each band"</figcaption>
                    <details class="chart-data">
                        <summary>"Numbers of the chart"</summary>
                        <TableWrap label="Draws by revenue, table">
                            <table>
                                <thead><tr><th scope="col">"Revenue"</th><th scope="col" class="num">"Draws"</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </TableWrap>
                    </details>
                </figure>
            }
        })
    };
    view! {
        <h3>"Revenue across the draws"</h3>
        {chart}
    }
}

/// The tornado chart of the chosen outcome, and its numbers with links to the stage
/// screens and the initiatives.
#[component]
fn Tornado(runner: Runner, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let chosen = RwSignal::new(String::new());
    let options = Memo::new(move |_| {
        runner.answer.with(|a| {
            a.as_ref()
                .map(|a| {
                    editor.plan.with(|p| {
                        a.tornados
                            .iter()
                            .map(|t| match &t.outcome {
                                TornadoOutcome::Revenue => {
                                    ("".to_string(), "Revenue over the horizon".to_string())
                                }
                                TornadoOutcome::Objective(id) => {
                                    let o = p.objective(id);
                                    let kpi_name =
                                        o.and_then(|o| kpi::find(&o.kpi)).map_or("", |d| d.name);
                                    let description =
                                        o.map(|o| o.description.clone()).unwrap_or_default();
                                    let text = if description.trim().is_empty() {
                                        format!("Objective: {kpi_name}")
                                    } else {
                                        format!("Objective: {kpi_name} ({description})")
                                    };
                                    (id.clone(), text)
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let set = Memo::new(move |_| {
        let id = chosen.get();
        runner.answer.with(|a| {
            let a = a.as_ref()?;
            a.tornados
                .iter()
                .find(|t| match &t.outcome {
                    TornadoOutcome::Revenue => id.is_empty(),
                    TornadoOutcome::Objective(o) => *o == id,
                })
                .or_else(|| a.tornados.first())
                .cloned()
        })
    });
    let view_of = move |t: TornadoSet| {
        let (locale, currency) = lc.get();
        let (unit, name, def) = match &t.outcome {
            TornadoOutcome::Revenue => (Unit::Money, "Revenue over the horizon".to_string(), None),
            TornadoOutcome::Objective(id) => {
                let def = editor
                    .plan
                    .with(|p| p.objective(id).and_then(|o| kpi::find(&o.kpi)));
                (
                    def.map_or(Unit::Count, |d| d.unit),
                    def.map_or(String::new(), |d| d.name.to_string()),
                    def,
                )
            }
        };
        let show = |v: Option<f64>| match (def, unit) {
            (Some(d), _) => format_kpi(d, v, &locale, &currency),
            (None, Unit::Money) => format::opt(v, |x| format::money_whole(x, &locale, &currency)),
            (None, u) => format_unit(u, v, &locale, &currency),
        };
        const ROW: f64 = 28.0;
        let plot = Plot {
            width: 640.0,
            height: 40.0 + ROW * t.bars.len() as f64,
            left: 230.0,
            right: 16.0,
            top: 8.0,
            bottom: 32.0,
        };
        let ends: Vec<(Option<f64>, Option<f64>)> =
            t.bars.iter().map(|b| (b.at_low, b.at_high)).collect();
        let crate::chart::odds::TornadoLayout {
            bars: shapes,
            likely_x,
            ticks,
        } = tornado_shapes(plot, ROW, &ends, t.at_likely);
        let summary = format!(
            "Tornado of {name}: {}",
            t.bars
                .iter()
                .map(|b| format!("{} from {} to {}", b.label, show(b.at_low), show(b.at_high)))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let base = plot.height - plot.bottom;
        let bars = t
            .bars
            .iter()
            .zip(&shapes)
            .enumerate()
            .map(|(i, (b, s))| {
                let y = plot.top + ROW * i as f64 + ROW / 2.0 + 4.0;
                let label: String = if b.label.chars().count() > 34 {
                    format!("{}…", b.label.chars().take(33).collect::<String>())
                } else {
                    b.label.clone()
                };
                view! {
                    <text x=c(plot.left - 6.0) y=c(y) text-anchor="end">{label}</text>
                    {s.map(|s| view! {
                        <rect class=format!("tornado-bar stage-fill stage-{}", b.stage.slug()) x=c(s.rect.x) y=c(s.rect.y) width=c(s.rect.width) height=c(s.rect.height)></rect>
                        <text class="chart-label" x=c(s.low_x) y=c(y) text-anchor=if s.low_x <= s.high_x { "end" } else { "start" } dx=if s.low_x <= s.high_x { "-3" } else { "3" }>"L"</text>
                        <text class="chart-label" x=c(s.high_x) y=c(y) text-anchor=if s.low_x <= s.high_x { "start" } else { "end" } dx=if s.low_x <= s.high_x { "3" } else { "-3" }>"H"</text>
                    })}
                }
            })
            .collect_view();
        let axis = ticks
            .iter()
            .map(|(v, x)| {
                view! {
                    <line class="grid" x1=c(*x) x2=c(*x) y1=c(plot.top) y2=c(base)></line>
                    <text x=c(*x) y=c(base + 16.0)
                    text-anchor={if *x + 40.0 > plot.width - plot.right { "end" } else { "middle" }}>{show(Some(*v))}</text>
                }
            })
            .collect_view();
        let likely_line = likely_x.map(|x| {
            view! {
                <line class="target" x1=c(x) x2=c(x) y1=c(plot.top) y2=c(base)></line>
            }
        });
        let rows = editor.plan.with(|p| {
            t.bars
                .iter()
                .map(|b| {
                    let kind = b.input.kind();
                    let stage_href = screen_href(&plan_id, stage_screen(b.stage));
                    let strategy = screen_href(&plan_id, Screen::Strategy);
                    let initiatives: Vec<String> = b
                        .initiatives
                        .iter()
                        .filter_map(|id| p.initiative(id).map(|i| if i.title.trim().is_empty() { id.clone() } else { i.title.clone() }))
                        .collect();
                    let swing = match (b.at_low, b.at_high) {
                        (Some(_), Some(_)) => show(Some(b.width)),
                        _ => format::NO_VALUE.to_string(),
                    };
                    view! {
                        <tr data-input=b.input.to_string()>
                            <th scope="row"><a href=stage_href>{b.label.clone()}</a>
                                <span class="muted">{format!(" ({})", b.stage.name())}</span></th>
                            <td class="num">{range_text(kind, b.low, b.high, &locale, &currency)}</td>
                            <td class="num">{show(b.at_low)}</td>
                            <td class="num">{show(b.at_high)}</td>
                            <td class="num"><strong>{swing}</strong></td>
                            <td>{if initiatives.is_empty() {
                                view! { <span class="muted">"None yet"</span> }.into_any()
                            } else {
                                let strategy = strategy.clone();
                                initiatives.into_iter().enumerate().map(move |(i, t)| view! {
                                    {(i > 0).then_some(", ")}<a href=strategy.clone()>{t}</a>
                                }).collect_view().into_any()
                            }}</td>
                        </tr>
                    }
                })
                .collect_view()
        });
        view! {
            <p class="muted">{format!("With every input at its likely value: {}. Each bar swings one input from its low (L) to its high (H), the others at their likely values; the widest bar is the input whose uncertainty matters most.", show(t.at_likely))}</p>
            <div class="chart-scroll">
                <svg class="chart tornado" viewBox=format!("0 0 {} {}", plot.width, c(plot.height)) role="img" aria-label=summary>
                    {axis}
                    {bars}
                    {likely_line}
                </svg>
            </div>
            <TableWrap label="Tornado, table">
                <table class="tornado-table">
                    <caption>{format!("{name}: each input from its low to its high, widest swing first")}</caption>
                    <thead><tr>
                        <th scope="col">"Input"</th>
                        <th scope="col" class="num">"Range"</th>
                        <th scope="col" class="num">"At the low"</th>
                        <th scope="col" class="num">"At the high"</th>
                        <th scope="col" class="num">"Swing"</th>
                        <th scope="col">"Initiatives acting on it"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        }
    };
    view! {
        <section aria-labelledby="tornado-h" class="tornado-section">
            <h2 id="tornado-h">"What moves the outcome most"</h2>
            <Show when=move || options.with(|o| o.len() > 1)>
                <div class="field">
                    <label for="tornado-outcome">"Outcome"</label>
                    <select id="tornado-outcome" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {move || options.get().into_iter().map(|(id, text)| {
                            let selected = chosen.get() == id;
                            view! { <option value=id prop:selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            {move || set.get().map(&view_of)}
        </section>
    }
}
