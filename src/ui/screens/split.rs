//! The budget split: each paid touchpoint's response curve in words and as a chart,
//! where it comes from, the inputs that shape it (two points set by hand, a minimum and
//! a maximum budget), and the split of a total budget that brings the most new
//! customers, revenue or gross profit, which can be applied to the plan as one edit.

use crate::chart::response::{layout, FRAME};
use crate::domain::allocation::{
    allocate, apply_split, channels_from_plan, suggested_step, two_points_from, Allocation,
    AllocationError, CurvePoint, CurveSource, Outcome, PlanChannels, VolumeUnit, MARGINAL_AMOUNT,
};
use crate::domain::money::Money;
use crate::domain::period::Granularity;
use crate::domain::plan::{Plan, Touchpoint};
use crate::ui::format;
use crate::ui::state::Editor;
use crate::ui::widgets::fields::{MoneyCheck, NumKind, OptMoneyField, OptNumField};
use crate::ui::widgets::kpi::locale_currency;
use crate::ui::widgets::trend::TableWrap;
use leptos::prelude::*;
use std::sync::Arc;

/// What the screen computes from the plan: the channels with their curves, the total
/// asked for, and the proposal (or why there is none).
#[derive(Clone, Debug, PartialEq)]
struct Proposal {
    channels: PlanChannels,
    outcome: Outcome,
    total: f64,
    today_total: f64,
    split: Result<Allocation, AllocationError>,
}

fn propose(plan: &Plan) -> Proposal {
    let outcome = plan.allocation.outcome;
    let channels = channels_from_plan(plan, outcome, |t| t.split.clone());
    let today_total = channels.current_total();
    let total = plan
        .allocation
        .total
        .map_or(today_total, |m| m.to_major(plan.currency_digits()));
    let split = allocate(&channels.for_allocate(), total, suggested_step(total));
    Proposal {
        channels,
        outcome,
        total,
        today_total,
        split,
    }
}

/// Formats amounts, volumes and outcomes in the plan's locale and currency.
#[derive(Clone, PartialEq)]
struct Fmt {
    locale: String,
    currency: String,
}

impl Fmt {
    fn money(&self, v: f64) -> String {
        format::money(v, &self.locale, &self.currency)
    }
    fn whole(&self, v: f64) -> String {
        format::money_whole(v, &self.locale, &self.currency)
    }
    fn count(&self, v: f64) -> String {
        format::count(v, &self.locale)
    }
    fn volume(&self, v: f64, unit: VolumeUnit) -> String {
        format!("{} {}", self.count(v), unit.noun())
    }
    /// An outcome: money whole, customers with up to two decimals.
    fn outcome(&self, outcome: Outcome, v: f64) -> String {
        if outcome.is_money() {
            self.whole(v)
        } else {
            format::decimal(v, &self.locale)
        }
    }
    /// A difference with its sign: "+1.5", "−$300".
    fn signed(&self, outcome: Outcome, v: f64) -> String {
        let sign = if v > 0.0 {
            "+"
        } else if v < 0.0 {
            "−"
        } else {
            ""
        };
        format!("{sign}{}", self.outcome(outcome, v.abs()))
    }
}

/// The curve in a sentence: "Half of the most Google Search ads can bring, 4,000
/// sessions a month, is reached at $1,500 a month; it cannot bring more than 8,000."
fn curve_sentence(
    f: &Fmt,
    name: &str,
    unit: VolumeUnit,
    hill: &crate::domain::allocation::Hill,
) -> String {
    let s = hill.describe();
    format!(
        "Half of the most {name} can bring, {}, is reached at {} a month; it cannot bring more than {} a month.",
        f.volume(s.half_volume, unit),
        f.money(s.half_spend),
        f.volume(s.max_volume, unit),
    )
}

/// How close a fit is, in words.
fn fit_words(r2: f64, locale: &str) -> String {
    let quality = if r2 >= 0.9 {
        "a close fit"
    } else if r2 >= 0.6 {
        "a fair fit"
    } else {
        "a loose fit"
    };
    format!(
        "{quality}: the curve explains {} of the variation between periods (R²)",
        format::percent(r2.clamp(0.0, 1.0), locale)
    )
}

/// Where the curve comes from, in a sentence.
fn source_sentence(f: &Fmt, unit: VolumeUnit, source: &CurveSource) -> String {
    match source {
        CurveSource::Fitted {
            periods_used,
            granularity,
            r2,
        } => {
            let what = match (granularity, *periods_used == 1) {
                (Granularity::Month, true) => "month",
                (Granularity::Month, false) => "months",
                (Granularity::Week, true) => "week",
                (Granularity::Week, false) => "weeks",
            };
            format!(
                "Fitted from {periods_used} {what} of actuals (spend and {} recorded for it on the Measure screen), {}.",
                unit.noun(),
                fit_words(*r2, &f.locale)
            )
        }
        CurveSource::TwoPoints { low, high } => format!(
            "Set from two points: {} a month brought {}, {} a month brought {}.",
            f.money(low.spend),
            f.volume(low.volume, unit),
            f.money(high.spend),
            f.volume(high.volume, unit),
        ),
        CurveSource::Default {
            today,
            share_of_max,
        } => format!(
            "A default, from today's {} a month and {}, assuming today's volume is {} of the most it can bring. Record its spend and {} on the Measure screen, or set two points below, to give it a curve of its own.",
            f.money(today.spend),
            f.volume(today.volume, unit),
            format::percent(*share_of_max, &f.locale),
            unit.noun(),
        ),
    }
}

/// A sentence with its first letter in capitals.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why no split can be made, in words, with amounts in the plan's currency.
fn error_words(f: &Fmt, e: &AllocationError, channels: &PlanChannels) -> String {
    match e {
        AllocationError::MinimumsAboveTotal { minimums, total } => format!(
            "The minimum budgets add up to {}, more than the total of {}: lower a minimum or raise the total.",
            f.money(*minimums),
            f.money(*total)
        ),
        AllocationError::InvalidBounds { id } => {
            let name = channels
                .channels
                .iter()
                .find(|c| c.channel.id == *id)
                .map_or(id.as_str(), |c| c.name.as_str());
            format!("The minimum and maximum budgets of {name} must be 0 or more, with the minimum not above the maximum.")
        }
        AllocationError::NoChannels => "No paid touchpoint has a response curve yet: give a paid touchpoint at Reach a budget and a volume, or record its spend and sessions on the Measure screen.".to_string(),
        AllocationError::InvalidTotal => "Enter a total budget of 0 or more.".to_string(),
        other => format!("{}.", other.message()),
    }
}

/// What the status line says after the split was applied or undone.
#[derive(Clone, Copy, PartialEq)]
enum Done {
    /// Applied; the plan's edit time then.
    Applied(i64, usize),
    Undone,
}

/// An amount of the plan's money as shown.
fn money_of(p: &Plan, m: Money) -> String {
    format::money(
        m.to_major(p.currency_digits()),
        &p.profile.locale,
        &p.profile.currency,
    )
}

/// The budget split screen.
#[component]
pub fn SplitScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let fmt = Memo::new(move |_| {
        lc.with(|(l, c)| Fmt {
            locale: l.clone(),
            currency: c.clone(),
        })
    });
    let proposal = Memo::new(move |_| editor.plan.with(propose));
    let done = RwSignal::new(None::<Done>);
    let edited_at = Memo::new(move |_| editor.plan.with(|p| p.updated_at));

    let apply = move |_| {
        let Ok(split) = proposal.with_untracked(|p| p.split.clone()) else {
            return;
        };
        let changed = editor.plan.with_untracked(|p| {
            let digits = p.currency_digits();
            split
                .lines
                .iter()
                .filter(|l| {
                    p.touchpoint(&l.id).is_some_and(|t| {
                        Money::from_major_f64(l.proposed_spend, digits) != Some(t.budget)
                    })
                })
                .count()
        });
        editor.edit("alloc-apply", move |p| {
            let next = apply_split(p, &split);
            *p = next;
        });
        done.set(Some(Done::Applied(edited_at.get_untracked(), changed)));
    };
    let undo = move |_| {
        editor.undo();
        done.set(Some(Done::Undone));
    };
    let status = move || match done.get() {
        Some(Done::Applied(at, changed)) if at == edited_at.get() => {
            let what = match changed {
                0 => "The split is applied: the budgets were already as proposed.".to_string(),
                1 => "The split is applied: 1 touchpoint's budget changed, on its stage screen and in the forecast.".to_string(),
                n => format!("The split is applied: {n} touchpoints' budgets changed, on their stage screens and in the forecast."),
            };
            view! {
                <p class="alloc-status">{what} " "
                    <button type="button" class="btn btn-small" on:click=undo>"Undo"</button></p>
            }
            .into_any()
        }
        Some(Done::Undone) => view! {
            <p class="alloc-status">"The split is undone: the budgets are back as they were."</p>
        }
        .into_any(),
        _ => ().into_any(),
    };

    let outcome_select = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(o) = Outcome::ALL.into_iter().find(|o| outcome_slug(*o) == value) {
            editor.edit("alloc-outcome", move |p| p.allocation.outcome = o);
        }
    };
    let today_note = move || {
        let total = proposal.with(|p| p.today_total);
        format!(
            "Leave it empty to split today's total of {} a month.",
            fmt.with(|f| f.money(total))
        )
    };

    view! {
        <div class="alloc-screen">
            <h1>"Budget split"</h1>
            <p class="lead">"Each paid touchpoint brings a little less for every extra dollar. Here is how much each brings as its budget grows, and the split of your budget that brings the most."</p>

            <section aria-labelledby="alloc-ask-h">
                <h2 id="alloc-ask-h">"What to split"</h2>
                <div class="alloc-ask">
                    <OptMoneyField label="Total budget per month" key="alloc-total"
                        get=|p: &Plan| p.allocation.total
                        set=|p: &mut Plan, v| p.allocation.total = v/>
                    <div class="field">
                        <label for="alloc-outcome">"Bring the most"</label>
                        <select id="alloc-outcome" on:change=outcome_select
                            disabled=move || editor.read_only.get().is_some()>
                            {Outcome::ALL.into_iter().map(|o| view! {
                                <option value=outcome_slug(o)
                                    prop:selected=move || editor.plan.with(|p| p.allocation.outcome == o)>{o.name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="muted">{today_note}</p>
            </section>

            <section aria-labelledby="alloc-proposal-h">
                <h2 id="alloc-proposal-h">"The proposal"</h2>
                {move || proposal.with(|p| fmt.with(|f| proposal_view(f, p)))}
                <div class="btn-row">
                    <button type="button" class="btn btn-primary" on:click=apply
                        disabled=move || editor.read_only.get().is_some() || proposal.with(|p| p.split.is_err())>
                        "Apply this split"</button>
                </div>
                <div role="status" class="alloc-status-line">{status}</div>
            </section>

            <section aria-labelledby="alloc-curves-h">
                <h2 id="alloc-curves-h">"What each touchpoint brings as its budget grows"</h2>
                <p class="muted">"Each curve comes, in this order, from its actuals (spend and volume recorded for the touchpoint on the Measure screen, 4 periods or more), from two points you set, or from a default built on today's budget and volume."</p>
                <Curves proposal=proposal fmt=fmt/>
                {move || proposal.with(|p| (!p.channels.skipped.is_empty()).then(|| view! {
                    <h3>"Left out of the split"</h3>
                    <ul class="alloc-skipped">
                        {p.channels.skipped.iter().map(|s| view! {
                            <li><strong>{s.name.clone()}</strong>": "{s.reason.clone()}</li>
                        }).collect_view()}
                    </ul>
                }))}
            </section>
        </div>
    }
}

fn outcome_slug(o: Outcome) -> &'static str {
    match o {
        Outcome::NewCustomers => "new_customers",
        Outcome::Revenue => "revenue",
        Outcome::GrossProfit => "gross_profit",
    }
}

/// The proposal's summary and table, or why there is none.
fn proposal_view(f: &Fmt, p: &Proposal) -> AnyView {
    let split = match &p.split {
        Ok(s) => s,
        Err(e) => {
            return view! { <p class="field-error alloc-error">{error_words(f, e, &p.channels)}</p> }
                .into_any()
        }
    };
    let o = p.outcome;
    let noun = match o {
        Outcome::NewCustomers => "New customers a month",
        Outcome::Revenue => "Revenue a month",
        Outcome::GrossProfit => "Gross profit a month",
    };
    let more = if split.difference > 0.0 {
        format!("{} more than today", f.outcome(o, split.difference))
    } else if split.difference < 0.0 {
        format!("{} less than today", f.outcome(o, -split.difference))
    } else {
        "the same as today".to_string()
    };
    let summary = format!(
        "Splitting {} a month this way brings {} {}: {more}.",
        f.money(p.total),
        f.outcome(o, split.proposed_outcome),
        o.name().to_lowercase(),
    );
    let rows = split
        .lines
        .iter()
        .filter_map(|l| {
            let c = p.channels.channels.iter().find(|c| c.channel.id == l.id)?;
            let unit = c.unit;
            let change = l.proposed_spend - l.current_spend;
            let change_text = if change.abs() < 0.005 {
                "no change".to_string()
            } else if change > 0.0 {
                format!("+{}", f.money(change))
            } else {
                format!("−{}", f.money(-change))
            };
            let max_note = l.at_max.then_some(" (its maximum)");
            Some(view! {
                <tr data-touchpoint=l.id.clone()>
                    <th scope="row">{c.name.clone()}</th>
                    <td class="num">{f.money(l.current_spend)}</td>
                    <td class="num alloc-proposed">{f.money(l.proposed_spend)}{max_note}</td>
                    <td class="num">{change_text}</td>
                    <td class="num">{f.volume(l.current_volume, unit)}</td>
                    <td class="num">{f.volume(l.proposed_volume, unit)}</td>
                    <td class="num">{f.outcome(o, l.current_outcome)}</td>
                    <td class="num">{f.outcome(o, l.proposed_outcome)}</td>
                    <td class="num">{f.outcome(o, l.marginal_per_100)}</td>
                </tr>
            })
        })
        .collect_view();
    let unspent = (split.unspent > 0.005).then(|| {
        view! { <p class="muted">{format!("{} a month is left unspent: every touchpoint reached its maximum or brings nothing more.", f.money(split.unspent))}</p> }
    });
    let next = f.whole(MARGINAL_AMOUNT);
    let lower = o.name().to_lowercase();
    let heads = [
        format!("{} today", o.name()),
        format!("{} proposed", o.name()),
        format!("The next {next} brings ({lower})"),
    ];
    let [head_today, head_proposed, head_next] = heads;
    let foot = [
        f.money(p.today_total),
        f.money(split.spent),
        f.signed(Outcome::Revenue, split.spent - p.today_total),
        f.outcome(o, split.current_outcome),
        f.outcome(o, split.proposed_outcome),
    ];
    let [foot_today, foot_spent, foot_change, foot_out_today, foot_out_proposed] = foot;
    let note = format!("Volumes and {lower} are read on each touchpoint's curve, today's and the proposal's alike, so they compare like with like. The budget is given out in steps of {}.", f.money(split.step));
    let figures = [
        (
            format!("{noun}, today"),
            f.outcome(o, split.current_outcome),
            "alloc-today",
        ),
        (
            format!("{noun}, proposed"),
            f.outcome(o, split.proposed_outcome),
            "alloc-proposed",
        ),
        (
            "Difference".to_string(),
            f.signed(o, split.difference),
            "alloc-difference",
        ),
    ];
    view! {
        <dl class="alloc-figures">
            {figures.into_iter().map(|(t, v, test_id)| view! {
                <div><dt>{t}</dt><dd class="num" data-testid=test_id>{v}</dd></div>
            }).collect_view()}
        </dl>
        <p>{summary}</p>
        <TableWrap label="The proposed split">
            <table class="alloc-table">
                <thead><tr>
                    <th scope="col">"Touchpoint"</th>
                    <th scope="col" class="num">"Budget today"</th>
                    <th scope="col" class="num">"Proposed budget"</th>
                    <th scope="col" class="num">"Change"</th>
                    <th scope="col" class="num">"Volume today"</th>
                    <th scope="col" class="num">"Proposed volume"</th>
                    <th scope="col" class="num">{head_today}</th>
                    <th scope="col" class="num">{head_proposed}</th>
                    <th scope="col" class="num">{head_next}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <th scope="row">"Total"</th>
                    <td class="num">{foot_today}</td>
                    <td class="num">{foot_spent}</td>
                    <td class="num">{foot_change}</td>
                    <td></td>
                    <td></td>
                    <td class="num">{foot_out_today}</td>
                    <td class="num">{foot_out_proposed}</td>
                    <td></td>
                </tr></tfoot>
            </table>
        </TableWrap>
        {unspent}
        <p class="muted">{note}</p>
    }
    .into_any()
}

/// One card per touchpoint with a curve.
#[component]
fn Curves(proposal: Memo<Proposal>, fmt: Memo<Fmt>) -> impl IntoView {
    let ids = Memo::new(move |_| {
        proposal.with(|p| {
            p.channels
                .channels
                .iter()
                .map(|c| c.channel.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !ids.with(Vec::is_empty)
            fallback=|| view! { <p class="empty">"No paid touchpoint to split a budget over yet. Add a paid touchpoint with a budget and a volume on the Reach screen (or at Act or Convert for offline contacts)."</p> }>
            <div class="alloc-curves">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <CurveCard id=id proposal=proposal fmt=fmt/>
                </For>
            </div>
        </Show>
    }
}

fn volume_get(i: usize) -> impl Fn(&Touchpoint) -> Option<f64> {
    move |t| {
        t.split
            .points
            .get(i)
            .map(|p| p.volume)
            .filter(|v| *v != 0.0)
    }
}

/// Sets one number of a hand-set point, keeping two points while any is typed and none
/// once all four numbers are empty.
fn set_point(t: &mut Touchpoint, i: usize, spend: Option<Money>, volume: Option<f64>) {
    let points = &mut t.split.points;
    points.resize(2, CurvePoint::default());
    if let Some(p) = points.get_mut(i) {
        if let Some(s) = spend {
            p.spend = s;
        }
        if let Some(v) = volume {
            p.volume = v;
        }
    }
    if points
        .iter()
        .all(|p| p.spend == Money::ZERO && p.volume == 0.0)
    {
        points.clear();
    }
}

/// A touchpoint's curve: the sentence, its source, the chart and its inputs.
#[component]
fn CurveCard(id: String, proposal: Memo<Proposal>, fmt: Memo<Fmt>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let card_id = id.clone();
    let channel = Memo::new(move |_| {
        proposal.with(|p| {
            p.channels
                .channels
                .iter()
                .find(|c| c.channel.id == card_id)
                .cloned()
        })
    });
    let proposed_spend = {
        let id = id.clone();
        Memo::new(move |_| {
            proposal.with(|p| {
                p.split.as_ref().ok().and_then(|s| {
                    s.lines
                        .iter()
                        .find(|l| l.id == id)
                        .map(|l| l.proposed_spend)
                })
            })
        })
    };
    let points_set = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.touchpoint(&id)
                    .map(|t| t.split.points.clone())
                    .unwrap_or_default()
            })
        })
    };
    let name = move || channel.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let unit = move || channel.with(|c| c.as_ref().map_or(VolumeUnit::Sessions, |c| c.unit));
    let sentence = move || {
        channel.with(|c| {
            c.as_ref()
                .map(|c| fmt.with(|f| curve_sentence(f, &c.name, c.unit, &c.curve.hill)))
        })
    };
    let source = move || {
        channel.with(|c| {
            c.as_ref()
                .map(|c| fmt.with(|f| source_sentence(f, c.unit, &c.curve.source)))
        })
    };
    let passed = move || {
        channel.with(|c| {
            let mut notes: Vec<String> = c
                .as_ref()
                .map(|c| c.curve.passed_over.iter().map(|s| capitalised(s)).collect())
                .unwrap_or_default();
            let fitted = c
                .as_ref()
                .is_some_and(|c| matches!(c.curve.source, CurveSource::Fitted { .. }));
            if fitted && points_set.with(|p| !p.is_empty()) {
                notes.push(
                    "The two points set below are not used: a curve fitted to actuals comes first."
                        .to_string(),
                );
            }
            (!notes.is_empty()).then(|| {
                view! {
                    <ul class="alloc-passed muted">
                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                }
            })
        })
    };
    let chart = move || {
        let c = channel.get()?;
        let today = c.channel.current;
        let proposed = proposed_spend.get();
        let g = layout(FRAME, &c.curve.hill, today, proposed);
        let f = fmt.get();
        let unit = c.unit;
        let label = format!(
            "{}: monthly {} against monthly spend. Today {} brings {}{}.",
            c.name,
            unit.noun(),
            f.money(g.today.spend),
            f.volume(g.today.volume, unit),
            g.proposed
                .map(|m| format!(
                    "; the proposed {} would bring {}",
                    f.money(m.spend),
                    f.volume(m.volume, unit)
                ))
                .unwrap_or_default()
        );
        let x_ticks = g
            .x_ticks
            .iter()
            .map(|(v, x)| {
                view! {
                    <g class="axis">
                        <line x1=*x x2=*x y1=g.baseline_y y2=g.baseline_y + 4.0></line>
                        <text x=*x y=FRAME.height - 8.0 text-anchor="middle">{f.whole(*v)}</text>
                    </g>
                }
            })
            .collect_view();
        let y_ticks = g
            .y_ticks
            .iter()
            .map(|(v, y)| {
                view! {
                    <g class="axis">
                        <line class="grid" x1=FRAME.left x2=FRAME.width - FRAME.right y1=*y y2=*y></line>
                        <text x=FRAME.left - 4.0 y=y + 4.0 text-anchor="end">{f.count(*v)}</text>
                    </g>
                }
            })
            .collect_view();
        let max_line = view! {
            <line class="target" x1=FRAME.left x2=FRAME.width - FRAME.right y1=g.max_y y2=g.max_y></line>
        };
        let today_mark = g.today;
        let proposed_mark = g.proposed.map(|m| {
            let (x, y) = (m.x, m.y);
            view! {
                <g class="alloc-mark-proposed">
                    <rect class="stage-fill" x=x - 5.0 y=y - 5.0 width="10" height="10" transform=format!("rotate(45 {x} {y})")></rect>
                    <text class="chart-label" x=x y=(y + 18.0).min(g.baseline_y - 4.0) text-anchor="middle">"Proposed"</text>
                </g>
            }
        });
        Some(view! {
            <svg class="chart alloc-chart stage-reach" viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height) role="img" aria-label=label>
                {y_ticks}
                {max_line}
                <line class="axis-line" x1=FRAME.left x2=FRAME.width - FRAME.right y1=g.baseline_y y2=g.baseline_y></line>
                <path class="alloc-curve stage-stroke" d=g.path.clone()></path>
                {x_ticks}
                <g class="alloc-mark-today">
                    <circle cx=today_mark.x cy=today_mark.y r="5"></circle>
                    <text class="chart-label" x=today_mark.x y=(today_mark.y - 9.0).max(FRAME.top) text-anchor="middle">"Today"</text>
                </g>
                {proposed_mark}
            </svg>
        })
    };

    let fid = id.clone();
    let field = move |key: &str| format!("split-{fid}-{key}");
    let unit_word = move || capitalised(unit().noun());
    let two_error = {
        let id = id.clone();
        move || {
            editor.plan.with(|p| {
                let t = p.touchpoint(&id)?;
                let pts = &t.split.points;
                if pts.is_empty() {
                    return None;
                }
                if pts
                    .iter()
                    .any(|pt| pt.spend == Money::ZERO || pt.volume == 0.0)
                {
                    return Some(
                        "Enter both points: a monthly spend and what it brought, for each."
                            .to_string(),
                    );
                }
                two_points_from(pts, p.currency_digits())
                    .err()
                    .map(|e| format!("{}.", capitalised(e.message())))
            })
        }
    };
    let id_min_check = id.clone();
    let min_check: MoneyCheck = Arc::new(move |p: &Plan, m: Money| {
        let max = p.touchpoint(&id_min_check)?.split.max_budget?;
        (m > max).then(|| {
            format!(
                "Enter a minimum no higher than the maximum ({})",
                money_of(p, max)
            )
        })
    });
    let id_max_check = id.clone();
    let max_check: MoneyCheck = Arc::new(move |p: &Plan, m: Money| {
        let min = p.touchpoint(&id_max_check)?.split.min_budget?;
        (m < min).then(|| {
            format!(
                "Enter a maximum no lower than the minimum ({})",
                money_of(p, min)
            )
        })
    });
    let money_point = |i: usize| {
        let (g, s) = (id.clone(), id.clone());
        (
            move |p: &Plan| {
                p.touchpoint(&g)
                    .and_then(|t| t.split.points.get(i))
                    .map(|pt| pt.spend)
                    .filter(|m| *m != Money::ZERO)
            },
            move |p: &mut Plan, v: Option<Money>| {
                if let Some(t) = p.touchpoint_mut(&s) {
                    set_point(t, i, Some(v.unwrap_or(Money::ZERO)), None);
                }
            },
        )
    };
    let volume_point = |i: usize| {
        let (g, s) = (id.clone(), id.clone());
        (
            move |p: &Plan| p.touchpoint(&g).and_then(volume_get(i)),
            move |p: &mut Plan, v: Option<f64>| {
                if let Some(t) = p.touchpoint_mut(&s) {
                    set_point(t, i, None, Some(v.unwrap_or(0.0)));
                }
            },
        )
    };
    let (s0g, s0s) = money_point(0);
    let (s1g, s1s) = money_point(1);
    let (v0g, v0s) = volume_point(0);
    let (v1g, v1s) = volume_point(1);
    let (ming, mins) = {
        let (g, s) = (id.clone(), id.clone());
        (
            move |p: &Plan| p.touchpoint(&g).and_then(|t| t.split.min_budget),
            move |p: &mut Plan, v: Option<Money>| {
                if let Some(t) = p.touchpoint_mut(&s) {
                    t.split.min_budget = v;
                }
            },
        )
    };
    let (maxg, maxs) = {
        let (g, s) = (id.clone(), id.clone());
        (
            move |p: &Plan| p.touchpoint(&g).and_then(|t| t.split.max_budget),
            move |p: &mut Plan, v: Option<Money>| {
                if let Some(t) = p.touchpoint_mut(&s) {
                    t.split.max_budget = v;
                }
            },
        )
    };
    let heading_id = field("h");
    let points_error_id = field("points-error");
    let volume_word = unit_word();
    view! {
        <article class="card alloc-card" aria-labelledby=heading_id.clone() data-touchpoint=id.clone()>
            <h3 id=heading_id.clone()>{name}</h3>
            <p class="alloc-sentence">{sentence}</p>
            <p class="alloc-source">{source}</p>
            {passed}
            <figure class="alloc-figure">
                {chart}
                <figcaption class="muted">"○ today's budget, ◆ the proposed one; the dashed line is the most it can bring. The numbers are in the proposal's table."</figcaption>
            </figure>
            <fieldset class="alloc-points" aria-describedby=points_error_id.clone()>
                <legend>"Set its curve from two points you know"</legend>
                <div class="alloc-grid">
                    <OptMoneyField label="First point: spend a month" key=field("p0-spend") get=s0g set=s0s/>
                    <OptNumField label=format!("First point: {} that month", volume_word.to_lowercase()) key=field("p0-volume") kind=NumKind::Count get=v0g set=v0s/>
                    <OptMoneyField label="Second point: spend a month" key=field("p1-spend") get=s1g set=s1s/>
                    <OptNumField label=format!("Second point: {} that month", volume_word.to_lowercase()) key=field("p1-volume") kind=NumKind::Count get=v1g set=v1s/>
                </div>
                <p class="field-error" id=points_error_id.clone()>{two_error}</p>
            </fieldset>
            <fieldset class="alloc-bounds">
                <legend>"Bounds for the proposal"</legend>
                <div class="alloc-grid">
                    <OptMoneyField label="Least budget a month" key=field("min") get=ming set=mins check=min_check/>
                    <OptMoneyField label="Most budget a month" key=field("max") get=maxg set=maxs check=max_check/>
                </div>
            </fieldset>
        </article>
    }
}
