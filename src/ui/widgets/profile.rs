//! Plan settings: the name, who the plan is for, its currency and locale, its dates,
//! and the KPI formula variants where tools disagree.

use crate::domain::period::parse_date;
use crate::domain::plan::{ClvVariant, Denominator, EngagementBase, Market, Plan, RoiBasis};
use crate::domain::profile::{CURRENCIES, LOCALES};
use crate::ui::state::Editor;
use crate::ui::widgets::fields::{NumField, NumKind, TextField};
use leptos::prelude::*;
use std::sync::Arc;

/// A labelled select bound to one choice of the plan. Generic only in a thin wrapper:
/// the select itself works on the index of the choice, so its view code is in the
/// download once for every choice.
#[component]
fn Choice<T: Copy + PartialEq + Send + Sync + 'static>(
    #[prop(into)] label: String,
    #[prop(into)] key: String,
    options: Vec<(T, &'static str)>,
    get: impl Fn(&Plan) -> T + Send + Sync + 'static,
    set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    /// Extra help under the label (each choice's formula).
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let (values, names): (Vec<T>, Vec<&'static str>) = options.into_iter().unzip();
    let shared = Arc::new(values);
    let read = shared.clone();
    choice_view(
        label,
        key,
        names,
        hint,
        Arc::new(move |p| {
            let v = get(p);
            read.iter().position(|x| *x == v).unwrap_or(0)
        }),
        Arc::new(move |p, i| {
            if let Some(v) = shared.get(i) {
                set(p, *v);
            }
        }),
    )
}

type GetIndex = Arc<dyn Fn(&Plan) -> usize + Send + Sync>;
type SetIndex = Arc<dyn Fn(&mut Plan, usize) + Send + Sync>;

fn choice_view(
    label: String,
    key: String,
    names: Vec<&'static str>,
    hint: Option<String>,
    get: GetIndex,
    set: SetIndex,
) -> AnyView {
    let editor = expect_context::<Editor>();
    let id = format!("f-{key}");
    let hint_id = format!("{id}-hint");
    let current = editor.select(move |p| get(p));
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            let set = set.clone();
            editor.edit(&key, move |p| set(p, i));
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.as_ref().map(|h| view! { <span class="hint" id=hint_id.clone()>{h.clone()}</span> })}
            <select id=id on:change=on_change disabled=move || editor.read_only.get().is_some()
                aria-describedby=hint.map(|_| hint_id)>
                {names.into_iter().enumerate().map(|(i, name)| view! {
                    <option value=i.to_string() selected=move || current.get() == i>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// The plan's settings, shown in a collapsible card above every screen.
#[component]
pub fn PlanSettings() -> impl IntoView {
    view! {
        <details class="card plan-settings">
            <summary data-full><strong>"Plan settings"</strong>" "<span class="muted">"name, business, currency, dates, formula variants"</span></summary>
            {settings_fields()}
        </details>
    }
}

/// The first load shows the plan settings closed: opening them hands over to the whole
/// app (`ui::handover`), which has the fields.
#[cfg(feature = "start")]
fn settings_fields() {}

/// Every field of the plan settings.
#[cfg(not(feature = "start"))]
fn settings_fields() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let date_error = RwSignal::new(None::<String>);
    let start = editor.select(|p| p.profile.start_date.clone());
    let on_date = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match parse_date(&text) {
            Ok(_) => {
                date_error.set(None);
                editor.edit("profile-start", move |p| p.profile.start_date = text);
            }
            Err(e) => date_error.set(Some(e.message)),
        }
    };
    let currency_opts: Vec<(&'static str, &'static str)> = CURRENCIES.to_vec();
    let locale_opts: Vec<(&'static str, &'static str)> = LOCALES.to_vec();
    view! {
            <div class="form-grid">
                <TextField label="Plan name" key="profile-name" required=true
                    get=|p: &Plan| p.name.clone() set=|p: &mut Plan, v| p.name = v/>
                <Choice label="Market" key="profile-market"
                    options=vec![(Market::B2c, "B2C: selling to consumers"), (Market::B2b, "B2B: selling to businesses")]
                    get=|p: &Plan| p.profile.market set=|p: &mut Plan, v| p.profile.market = v/>
                <TextField label="Sector" key="profile-sector" hint="e.g. Outdoor gear e-commerce"
                    get=|p: &Plan| p.profile.sector.clone() set=|p: &mut Plan, v| p.profile.sector = v/>
                <Choice label="Currency" key="profile-currency"
                    options=currency_opts
                    get=|p: &Plan| CURRENCIES.iter().map(|(c, _)| *c).find(|c| *c == p.profile.currency).unwrap_or("USD")
                    set=|p: &mut Plan, v: &'static str| { let _ = p.set_currency(v); }/>
                <Choice label="Number and date format" key="profile-locale"
                    options=locale_opts
                    get=|p: &Plan| LOCALES.iter().map(|(c, _)| *c).find(|c| *c == p.profile.locale).unwrap_or("en-US")
                    set=|p: &mut Plan, v: &'static str| p.profile.locale = v.to_string()/>
                <div class="field">
                    <label for="f-profile-start">"Start date"</label>
                    {move || date_error.get().map(|e| view! { <span class="field-error" id="f-profile-start-error">{e}</span> })}
                    <input id="f-profile-start" type="date" prop:value=move || start.get() on:change=on_date
                        aria-invalid=move || if date_error.get().is_some() { "true" } else { "false" }
                        readonly=move || editor.read_only.get().is_some()/>
                </div>
                <NumField label="Horizon (months)" key="profile-horizon" kind=NumKind::Score { min: 1.0, max: 60.0 }
                    get=|p: &Plan| f64::from(p.horizon_months)
                    set=|p: &mut Plan, v| { let _ = p.set_horizon_months(v.round() as u32); }/>
            </div>
            <h3>"Formula variants"</h3>
            <p class="muted">"Where marketing tools disagree, choose the formula this plan uses. Every KPI names its variant."</p>
            <div class="form-grid">
                <Choice label="ROI basis" key="variant-roi"
                    options=vec![(RoiBasis::Revenue, "Revenue"), (RoiBasis::GrossProfit, "Gross profit")]
                    hint="Revenue: (revenue − cost) ÷ cost. Gross profit: (gross profit − cost) ÷ cost"
                    get=|p: &Plan| p.variants.roi set=|p: &mut Plan, v| p.variants.roi = v/>
                <Choice label="Conversion rate per" key="variant-denominator"
                    options=vec![(Denominator::Sessions, "Session"), (Denominator::Users, "User")]
                    get=|p: &Plan| p.variants.conversion_denominator set=|p: &mut Plan, v| p.variants.conversion_denominator = v/>
                <Choice label="Customer lifetime value" key="variant-clv"
                    options=vec![
                        (ClvVariant::Simple, "Simple"),
                        (ClvVariant::Margin, "Margin"),
                        (ClvVariant::RetentionDiscounted, "Retention-discounted"),
                        (ClvVariant::Subscription, "Subscription"),
                    ]
                    hint="Simple: AOV × purchases × years. Margin: simple × gross margin. Retention-discounted: m × r ÷ (1 + i − r). Subscription: ARPA × margin ÷ churn"
                    get=|p: &Plan| p.variants.clv set=|p: &mut Plan, v| p.variants.clv = v/>
                <Choice label="Social engagement rate per" key="variant-social"
                    options=vec![(EngagementBase::Impressions, "Impression"), (EngagementBase::Reach, "Person reached")]
                    get=|p: &Plan| p.variants.social_engagement_base set=|p: &mut Plan, v| p.variants.social_engagement_base = v/>
            </div>
    }
}
