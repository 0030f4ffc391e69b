//! The picker of a plan input for a range or a scenario's change: the inputs grouped by
//! stage and touchpoint (`domain::odds::input_groups`), each with the plan's value.

use crate::domain::odds::input_groups;
use crate::domain::uncertainty::{InputKind, InputRef};
use crate::ui::format;
use crate::ui::state::Editor;
use leptos::prelude::*;

/// An input's value for reading: rates and growth as percentages, counts grouped (with
/// decimals when they have some), money in the plan's currency.
pub fn value_text(kind: InputKind, value: f64, locale: &str, currency: &str) -> String {
    match kind {
        InputKind::Rate | InputKind::Growth => format::percent(value, locale),
        InputKind::Count if value.fract().abs() > 1e-9 && value.abs() < 1000.0 => {
            format::decimal(value, locale)
        }
        InputKind::Count => format::count(value, locale),
        InputKind::Money => format::money(value, locale, currency),
    }
}

/// A text form of an input usable in element ids ("funnel-act-rate").
pub fn input_id_part(input: &InputRef) -> String {
    input
        .to_string()
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect()
}

/// "1.8%–2.6%": a range for reading.
pub fn range_text(kind: InputKind, low: f64, high: f64, locale: &str, currency: &str) -> String {
    format!(
        "{}–{}",
        value_text(kind, low, locale, currency),
        value_text(kind, high, locale, currency)
    )
}

/// A menu of the plan's inputs and a button that picks the chosen one. Inputs in
/// `taken` are shown but cannot be picked again.
#[component]
pub fn InputPicker(
    /// The menu's element id.
    #[prop(into)]
    id: String,
    /// The menu's label.
    #[prop(into)]
    label: String,
    /// The button's text.
    #[prop(into)]
    button: String,
    /// Only inputs that change the forecast (for ranges).
    rangeable_only: bool,
    /// Inputs already used (their text form), with the word shown after them.
    #[prop(into)]
    taken: Signal<Vec<String>>,
    #[prop(into)] taken_word: String,
    on_pick: Callback<InputRef>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let choice = RwSignal::new(String::new());
    let groups = Memo::new(move |_| {
        editor.plan.with(|p| {
            let (locale, currency) = (&p.profile.locale, &p.profile.currency);
            input_groups(p, rangeable_only)
                .into_iter()
                .map(|g| {
                    let options: Vec<(String, String)> = g
                        .choices
                        .iter()
                        .map(|c| {
                            (
                                c.input.to_string(),
                                format!(
                                    "{} ({})",
                                    c.name,
                                    value_text(c.input.kind(), c.value, locale, currency)
                                ),
                            )
                        })
                        .collect();
                    (g.heading, options)
                })
                .collect::<Vec<_>>()
        })
    });
    let pick = move |_| {
        if let Some(input) = InputRef::parse(&choice.get_untracked()) {
            on_pick.run(input);
            choice.set(String::new());
        }
    };
    let select_id = id.clone();
    view! {
        <div class="btn-row input-picker">
            <div class="field">
                <label for=select_id.clone()>{label}</label>
                <select id=select_id on:change=move |ev| choice.set(event_target_value(&ev))
                    prop:value=move || choice.get()
                    disabled=move || editor.read_only.get().is_some()>
                    <option value="">"Choose an input…"</option>
                    {move || {
                        let taken = taken.get();
                        let word = taken_word.clone();
                        groups.get().into_iter().map(|(heading, options)| view! {
                            <optgroup label=heading>
                                {options.into_iter().map(|(value, text)| {
                                    let used = taken.contains(&value);
                                    let text = if used { format!("{text}: {word}") } else { text };
                                    view! { <option value=value disabled=used>{text}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()
                    }}
                </select>
            </div>
            <button type="button" class="btn" on:click=pick
                disabled=move || editor.read_only.get().is_some() || choice.with(String::is_empty)>{button}</button>
        </div>
    }
}
