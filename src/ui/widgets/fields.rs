//! Input fields bound to the open plan. Each one parses what the user types with the
//! domain's parsers; a bad value shows a message at the field, marks it
//! `aria-invalid`, and never reaches the plan (the last good value stays).

use crate::domain::input::{
    format_count_input, format_money_input, format_percent_input, parse_count, parse_money,
    parse_percent, parse_score, trim_number, DecimalMark, InputError,
};
use crate::domain::money::{minor_digits, Money};
use crate::domain::plan::Plan;
use crate::format::import::MAX_TEXT_CHARS;
use crate::ui::format;
use crate::ui::state::Editor;
use leptos::prelude::*;
use std::sync::Arc;

/// What a numeric field holds, which decides how it is parsed and shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumKind {
    /// A rate stored as a fraction, typed as a percentage ("2.5" or "2.5%" = 2.5 %).
    Percent,
    /// A rate that may fall as well as rise, from −100 % to 100 % (monthly growth).
    SignedPercent,
    /// A count (sessions, visits, customers): not negative.
    Count,
    /// A score within a range, such as ICE 1–10.
    Score { min: f64, max: f64 },
}

impl NumKind {
    fn parse(self, text: &str, mark: DecimalMark) -> Result<f64, InputError> {
        match self {
            NumKind::Percent => parse_percent(text, mark),
            NumKind::SignedPercent => {
                let t = text.trim();
                match t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
                    Some(rest) => parse_percent(rest, mark).map(|v| -v),
                    None => parse_percent(t, mark),
                }
                .map_err(|_| InputError::new("Enter a rate between -100 and 100 %"))
            }
            NumKind::Count => parse_count(text, mark),
            NumKind::Score { min, max } => parse_score(text, min, max, mark),
        }
    }

    fn show(self, value: f64) -> String {
        match self {
            NumKind::Percent => format_percent_input(value),
            NumKind::SignedPercent if value < 0.0 => format!("-{}", format_percent_input(-value)),
            NumKind::SignedPercent => format_percent_input(value),
            NumKind::Count => format_count_input(value),
            NumKind::Score { .. } => trim_number(value, 2),
        }
    }

    fn unit(self) -> Option<&'static str> {
        match self {
            NumKind::Percent | NumKind::SignedPercent => Some("%"),
            _ => None,
        }
    }

    fn hint(self) -> Option<String> {
        match self {
            NumKind::Percent => Some("Type 2.5 for 2.5 %".into()),
            NumKind::SignedPercent => Some("Type 2 for 2 % growth, -2 for a 2 % fall".into()),
            NumKind::Score { min, max } => Some(format!("From {min} to {max}")),
            NumKind::Count => None,
        }
    }
}

type Getter<T> = Arc<dyn Fn(&Plan) -> T + Send + Sync>;
type Setter<T> = Arc<dyn Fn(&mut Plan, T) + Send + Sync>;

/// A number field (percent, count or score) bound to one value of the open plan.
#[component]
pub fn NumField(
    /// The visible label.
    #[prop(into)]
    label: String,
    /// A stable name of the value, unique on the screen (used for the element id and undo).
    #[prop(into)]
    key: String,
    kind: NumKind,
    get: impl Fn(&Plan) -> f64 + Send + Sync + 'static,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
    /// Extra help under the label.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let get: Getter<f64> = Arc::new(get);
    let set: Setter<f64> = Arc::new(set);
    let hint = hint.or_else(|| kind.hint());
    text_field_view(
        label,
        key,
        kind.unit().map(str::to_string),
        hint,
        move |p| kind.show(get(p)),
        move |text, _p, mark| kind.parse(text, mark),
        move |p, v| set(p, v),
    )
}

/// A money field in the plan's currency, exact to the minor unit.
#[component]
pub fn MoneyField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    get: impl Fn(&Plan) -> Money + Send + Sync + 'static,
    set: impl Fn(&mut Plan, Money) + Send + Sync + 'static,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let currency = Signal::derive(move || editor.plan.with(|p| p.profile.currency.clone()));
    let get: Getter<Money> = Arc::new(get);
    let set: Setter<Money> = Arc::new(set);
    text_field_view(
        label,
        key,
        Some(currency.get_untracked()),
        hint,
        move |p| format_money_input(get(p), minor_digits(&p.profile.currency)),
        move |text, p, mark| {
            let m = parse_money(text, minor_digits(&p.profile.currency), mark)?;
            if m.is_negative() {
                Err(InputError::new("Enter an amount of 0 or more"))
            } else {
                Ok(m)
            }
        },
        move |p, v| set(p, v),
    )
}

/// The shared body of the numeric fields: local text while typing, parse on input.
/// Generic only in a thin wrapper, so each field on a screen does not copy the view code.
/// `show` writes the plan's value with a "." for decimals; the field writes it with the
/// plan's decimal mark, which `parse` gets to read the typed text with.
fn text_field_view<T: Clone + Send + Sync + 'static>(
    label: String,
    key: String,
    unit: Option<String>,
    hint: Option<String>,
    show: impl Fn(&Plan) -> String + Send + Sync + 'static,
    parse: impl Fn(&str, &Plan, DecimalMark) -> Result<T, InputError> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
) -> AnyView {
    typed_field_view(
        label,
        key,
        unit,
        hint,
        Arc::new(show),
        Arc::new(parse),
        Arc::new(set),
    )
}

type Parse<T> = Arc<dyn Fn(&str, &Plan, DecimalMark) -> Result<T, InputError> + Send + Sync>;

/// The part of [`text_field_view`] that depends only on the type of the value (four
/// types), not on each field's closures.
fn typed_field_view<T: Clone + Send + Sync + 'static>(
    label: String,
    key: String,
    unit: Option<String>,
    hint: Option<String>,
    show: Show,
    parse: Parse<T>,
    set: Setter<T>,
) -> AnyView {
    let editor = expect_context::<Editor>();
    let edit_key = key.clone();
    let commit: Commit = Arc::new(move |text: &str| {
        let value = editor
            .plan
            .try_with_untracked(|p| parse(text, p, format::decimal_mark(&p.profile.locale)))
            .unwrap_or_else(|| Err(InputError::new("This plan is closed")))?;
        let set = set.clone();
        editor.edit(&edit_key, move |p| set(p, value));
        Ok(())
    });
    text_field_core(editor, label, key, unit, hint, show, commit)
}

type Show = Arc<dyn Fn(&Plan) -> String + Send + Sync>;
type Commit = Arc<dyn Fn(&str) -> Result<(), InputError> + Send + Sync>;

fn text_field_core(
    editor: Editor,
    label: String,
    key: String,
    unit: Option<String>,
    hint: Option<String>,
    show: Show,
    commit: Commit,
) -> AnyView {
    let id = format!("f-{key}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    // The plan's value with the decimal mark of its locale ("14,50" in de-DE).
    let show: Show =
        Arc::new(move |p: &Plan| format::decimal_mark(&p.profile.locale).write(show(p)));
    let text = RwSignal::new(editor.plan.with_untracked(|p| show(p)));
    let error = RwSignal::new(None::<String>);
    let focused = RwSignal::new(false);

    // Follow the plan when this field's value changes elsewhere (undo, another tab, another
    // field), unless the user is typing here. An edit of another value leaves the field,
    // and any text it has not taken, as it is.
    {
        let show = show.clone();
        let value = editor.select(move |p| show(p));
        Effect::new(move |last_reset: Option<u64>| {
            let reset = editor.resets.get();
            let shown = value.get();
            let follow = !focused.get_untracked() || last_reset.is_some_and(|r| r != reset);
            if follow && text.with_untracked(|t| *t != shown) {
                text.set(shown);
            }
            if follow && error.with_untracked(Option::is_some) {
                error.set(None);
            }
            reset
        });
    }

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        match commit(&value) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.message)),
        }
    };
    // Blur also fires when a focused field is removed with its screen: its signals may be
    // gone by then, so every access here is a `try_`.
    let on_blur = move |_| {
        let _ = focused.try_set(false);
        if error.try_get_untracked().flatten().is_none() {
            if let Some(shown) = editor.plan.try_with_untracked(|p| show(p)) {
                let _ = text.try_set(shown);
            }
        }
    };
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let has_unit = unit.is_some();
    view! {
        <form class="field" novalidate on:submit=stay>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! {
                <span class="hint" id=hint_id.clone()>{move || editor.locale.with(|l| format::decimal_mark(l).write(h.clone()))}</span>
            })}
            {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
            <div class="input-wrap" class:has-unit=has_unit>
                <input id=id class="num-input" type="text" inputmode="decimal" autocomplete="off"
                    prop:value=NumberText { editor, text, focused }.shown()
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    readonly=move || editor.read_only.get().is_some()
                    on:focus=NumberText { editor, text, focused }.on_focus()
                    on:blur=on_blur
                    on:input=on_input/>
                {unit.map(|u| view! { <span class="unit" aria-hidden="true">{u}</span> })}
            </div>
        </form>
    }
    .into_any()
}

/// A field is a form of its own, which is never sent (Enter does nothing): a browser's
/// form filling looks at every field of the form a typed-in field belongs to, and at
/// every field outside any form for one that is outside too. On a screen of dozens of
/// fields that was a millisecond of each keystroke.
fn stay(ev: leptos::ev::SubmitEvent) {
    ev.prevent_default();
}

/// What a number field shows: the text as typed while it has the focus, grouped for
/// reading otherwise. Shared by the plan's number fields and the actuals grid.
#[derive(Clone, Copy)]
pub struct NumberText {
    /// The open plan's editor (its locale groups the digits).
    pub editor: Editor,
    /// The field's text as typed (or as the plan has it).
    pub text: RwSignal<String>,
    /// Whether the field has the focus.
    pub focused: RwSignal<bool>,
}

impl NumberText {
    /// The text to show in the field.
    pub fn shown(self) -> impl Fn() -> String + Send + Sync + 'static {
        move || {
            let typed = self.text.get();
            if self.focused.get() {
                typed
            } else {
                self.editor.locale.with(|l| format::grouped(&typed, l))
            }
        }
    }

    /// The field's focus handler: the number as typed, at once (see [`show_typed`]).
    pub fn on_focus(self) -> impl Fn(leptos::ev::FocusEvent) + 'static {
        move |ev| {
            show_typed(&ev, &self.text.get_untracked());
            self.focused.set(true);
        }
    }
}

/// When a number field takes the focus, it shows the number as typed ("1234567" for
/// "1,234,567") at once, in the focus event itself, so that a selection made on focus
/// still covers the whole number and typing replaces it. Otherwise the caret stays
/// after the same digit.
fn show_typed(ev: &leptos::ev::FocusEvent, typed: &str) {
    let input = event_target::<web_sys::HtmlInputElement>(ev);
    let shown = input.value();
    if shown == typed {
        return;
    }
    let start = input.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = input.selection_end().ok().flatten().unwrap_or(0) as usize;
    input.set_value(typed);
    // Focus from a script or a Tab comes before its selection (0–0): select the whole
    // number, as Tab would. A click places its caret after this, where it was clicked.
    if start == 0 && (end == 0 || end >= shown.chars().count()) {
        input.select();
    } else {
        // The caret after as many digits as before it (separators are not typed).
        let digits = shown
            .chars()
            .take(start)
            .filter(char::is_ascii_digit)
            .count();
        let mut seen = 0;
        let at = typed
            .chars()
            .position(|c| {
                seen += usize::from(c.is_ascii_digit());
                seen > digits
            })
            .unwrap_or(typed.chars().count()) as u32;
        let _ = input.set_selection_range(at, at);
    }
}

/// A one-line text field bound to the plan (names, owners, notes).
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    get: impl Fn(&Plan) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Plan, String) + Send + Sync + 'static,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] hint: Option<String>,
    /// Refuse an empty value (names).
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    text_input_core(
        label,
        key,
        Arc::new(get),
        Arc::new(set),
        multiline,
        hint,
        required,
    )
}

type GetText = Arc<dyn Fn(&Plan) -> String + Send + Sync>;
type SetText = Arc<dyn Fn(&mut Plan, String) + Send + Sync>;

fn text_input_core(
    label: String,
    key: String,
    get: GetText,
    set: SetText,
    multiline: bool,
    hint: Option<String>,
    required: bool,
) -> AnyView {
    let editor = expect_context::<Editor>();
    let id = format!("f-{key}");
    let hint_id = format!("{id}-hint");
    let error = RwSignal::new(None::<String>);
    let value = editor.select(move |p| get(p));
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if required && text.trim().is_empty() {
            error.set(Some("Enter a name".into()));
            return;
        }
        error.set(None);
        let set = set.clone();
        editor.edit(&key, move |p| set(p, text));
    };
    let field = if multiline {
        view! {
            <textarea id=id.clone() prop:value=move || value.get() on:input=on_input maxlength=MAX_TEXT_CHARS
                readonly=move || editor.read_only.get().is_some()
                aria-describedby=hint.as_ref().map(|_| hint_id.clone())></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" prop:value=move || value.get() on:input=on_input maxlength=MAX_TEXT_CHARS
                readonly=move || editor.read_only.get().is_some()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=hint.as_ref().map(|_| hint_id.clone())/>
        }
        .into_any()
    };
    view! {
        <form class="field" novalidate on:submit=stay>
            <label for=id>{label}</label>
            {hint.clone().map(|h| view! { <span class="hint" id=hint_id.clone()>{h}</span> })}
            {move || error.get().map(|e| view! { <span class="field-error">{e}</span> })}
            {field}
        </form>
    }
    .into_any()
}

/// An extra rule for a number field, run after parsing: the message when the value is
/// not allowed (for instance a KPI's range, or "effort must be more than 0").
pub type NumCheck = Arc<dyn Fn(&Plan, f64) -> Option<String> + Send + Sync>;

/// A number field whose value may be unknown: an empty field stores `None`.
#[component]
pub fn OptNumField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    kind: NumKind,
    get: impl Fn(&Plan) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, Option<f64>) + Send + Sync + 'static,
    #[prop(optional, into)] hint: Option<String>,
    /// A unit shown after the field, when the kind has none ("USD").
    #[prop(optional, into)]
    unit: Option<String>,
    /// An extra rule for the typed value.
    #[prop(optional)]
    check: Option<NumCheck>,
) -> impl IntoView {
    let get: Getter<Option<f64>> = Arc::new(get);
    let set: Setter<Option<f64>> = Arc::new(set);
    let hint = hint.or_else(|| kind.hint());
    let unit = kind.unit().map(str::to_string).or(unit);
    text_field_view(
        label,
        key,
        unit,
        hint,
        move |p| {
            get(p)
                .filter(|v| v.is_finite())
                .map(|v| kind.show(v))
                .unwrap_or_default()
        },
        move |text, p, mark| {
            if text.trim().is_empty() {
                return Ok(None);
            }
            let v = kind.parse(text, mark)?;
            match check.as_ref().and_then(|c| c(p, v)) {
                Some(message) => Err(InputError::new(message)),
                None => Ok(Some(v)),
            }
        },
        move |p, v| set(p, v),
    )
}

/// A number field with an extra rule (see [`NumCheck`]) on top of its kind's parser.
#[component]
pub fn CheckedNumField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    kind: NumKind,
    get: impl Fn(&Plan) -> f64 + Send + Sync + 'static,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
    check: NumCheck,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let get: Getter<f64> = Arc::new(get);
    let set: Setter<f64> = Arc::new(set);
    let hint = hint.or_else(|| kind.hint());
    text_field_view(
        label,
        key,
        kind.unit().map(str::to_string),
        hint,
        move |p| kind.show(get(p)),
        move |text, p, mark| {
            let v = kind.parse(text, mark)?;
            match check(p, v) {
                Some(message) => Err(InputError::new(message)),
                None => Ok(v),
            }
        },
        move |p, v| set(p, v),
    )
}

/// An extra rule for a typed amount: the message when it breaks the rule.
pub type MoneyCheck = Arc<dyn Fn(&Plan, Money) -> Option<String> + Send + Sync>;

/// A money field whose amount may be unknown: an empty field stores `None`.
#[component]
pub fn OptMoneyField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    get: impl Fn(&Plan) -> Option<Money> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, Option<Money>) + Send + Sync + 'static,
    #[prop(optional, into)] hint: Option<String>,
    /// An extra rule for the typed amount.
    #[prop(optional)]
    check: Option<MoneyCheck>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let currency = editor.plan.with_untracked(|p| p.profile.currency.clone());
    let get: Getter<Option<Money>> = Arc::new(get);
    let set: Setter<Option<Money>> = Arc::new(set);
    text_field_view(
        label,
        key,
        Some(currency),
        hint,
        move |p| {
            get(p)
                .map(|m| format_money_input(m, minor_digits(&p.profile.currency)))
                .unwrap_or_default()
        },
        move |text, p, mark| {
            if text.trim().is_empty() {
                return Ok(None);
            }
            let m = parse_money(text, minor_digits(&p.profile.currency), mark)?;
            if m.is_negative() {
                return Err(InputError::new("Enter an amount of 0 or more"));
            }
            match check.as_ref().and_then(|c| c(p, m)) {
                Some(message) => Err(InputError::new(message)),
                None => Ok(Some(m)),
            }
        },
        move |p, v| set(p, v),
    )
}

/// A field for one input of the plan as scenarios and ranges read it (see
/// `domain::uncertainty::InputKind`): a rate or growth typed as a percentage, a count,
/// or money in the plan's currency; the value is held as a plain number (rates as
/// fractions, money in major units). `check` refuses a value with a message shown at the
/// field (the last good value stays), `set` writes an accepted one.
#[component]
pub fn InputValueField(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    kind: crate::domain::uncertainty::InputKind,
    get: impl Fn(&Plan) -> f64 + Send + Sync + 'static,
    check: NumCheck,
    set: impl Fn(&mut Plan, f64) + Send + Sync + 'static,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    use crate::domain::uncertainty::InputKind;
    let editor = expect_context::<Editor>();
    let num = match kind {
        InputKind::Rate => Some(NumKind::Percent),
        InputKind::Growth => Some(NumKind::SignedPercent),
        InputKind::Count => Some(NumKind::Count),
        InputKind::Money => None,
    };
    let unit = match num {
        Some(n) => n.unit().map(str::to_string),
        None => Some(editor.plan.with_untracked(|p| p.profile.currency.clone())),
    };
    let hint = hint.or_else(|| num.and_then(NumKind::hint));
    let get: Getter<f64> = Arc::new(get);
    let set: Setter<f64> = Arc::new(set);
    text_field_view(
        label,
        key,
        unit,
        hint,
        move |p| match num {
            Some(n) => n.show(get(p)),
            None => {
                let digits = minor_digits(&p.profile.currency);
                format_money_input(
                    Money::from_major_f64(get(p), digits).unwrap_or(Money::ZERO),
                    digits,
                )
            }
        },
        move |text, p, mark| {
            let v = match num {
                Some(n) => n.parse(text, mark)?,
                None => {
                    let digits = minor_digits(&p.profile.currency);
                    let m = parse_money(text, digits, mark)?;
                    if m.is_negative() {
                        return Err(InputError::new("Enter an amount of 0 or more"));
                    }
                    m.to_major(digits)
                }
            };
            match check(p, v) {
                Some(message) => Err(InputError::new(message)),
                None => Ok(v),
            }
        },
        move |p, v| set(p, v),
    )
}
