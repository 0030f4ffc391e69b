//! Ready-made plans to start from: each a complete, realistic plan with notes that
//! explain the numbers, touchpoints at every stage (paid, owned, earned; online and
//! offline), objectives, scored initiatives with a not-doing list, and a 13-week plan.

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::period::{add_days, format_date, parse_date};
use super::plan::{
    Action, ActionStatus, Baseline, Benchmark, CapabilityScore, ClvVariant, Competitor, Decision,
    IceInputs, IceVariant, Initiative, Market, Media, Objective, Place, Plan, RiceInputs,
    ScoringMethod, Stage, StageKpi, Swot, Touchpoint,
};

/// A starting plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// An online shop selling to consumers.
    EcommerceB2c,
    /// A B2B service firm generating leads for a sales team.
    B2bLeadGeneration,
    /// A software subscription with trials.
    SaasSubscription,
    /// A local shop selling mostly in store and by phone.
    LocalBusiness,
}

impl Template {
    /// All templates, in menu order.
    pub const ALL: [Template; 4] = [
        Template::EcommerceB2c,
        Template::B2bLeadGeneration,
        Template::SaasSubscription,
        Template::LocalBusiness,
    ];

    /// The template's name.
    pub fn name(self) -> &'static str {
        match self {
            Template::EcommerceB2c => "B2C e-commerce",
            Template::B2bLeadGeneration => "B2B lead generation",
            Template::SaasSubscription => "SaaS subscription",
            Template::LocalBusiness => "Local business with offline sales",
        }
    }

    /// One sentence on who it suits.
    pub fn description(self) -> &'static str {
        match self {
            Template::EcommerceB2c => {
                "An online outdoor-gear shop: shopping ads, SEO and influencers bring traffic, a fit quiz and sign-ups start the conversation, checkout and a phone line convert, loyalty email brings buyers back."
            }
            Template::B2bLeadGeneration => {
                "A B2B consultancy: LinkedIn, search, events and thought leadership bring prospects, reports and webinars capture leads, sales calls close deals, account reviews and referrals keep clients."
            }
            Template::SaasSubscription => {
                "A project-management SaaS: search and content bring visitors, a free trial is the key action, onboarding and sales demos convert, in-app messages and community reduce churn."
            }
            Template::LocalBusiness => {
                "A neighbourhood bakery-café: a Google Business Profile, local ads, leaflets and the shop window bring people in, phone and click-and-collect orders and the counter sell, a stamp card brings them back."
            }
        }
    }

    /// A short id for links and files ("ecommerce_b2c").
    pub fn slug(self) -> &'static str {
        match self {
            Template::EcommerceB2c => "ecommerce_b2c",
            Template::B2bLeadGeneration => "b2b_lead_generation",
            Template::SaasSubscription => "saas_subscription",
            Template::LocalBusiness => "local_business",
        }
    }

    /// The full plan, with the given id, creation time and start date (`YYYY-MM-DD`).
    pub fn build(self, id: &str, now_ms: i64, start_date: &str) -> Plan {
        let mut plan = Plan::new(id, self.name(), now_ms, start_date);
        match self {
            Template::EcommerceB2c => ecommerce(&mut plan),
            Template::B2bLeadGeneration => b2b(&mut plan),
            Template::SaasSubscription => saas(&mut plan),
            Template::LocalBusiness => local(&mut plan),
        }
        plan
    }
}

/// Whole major units of a two-decimal currency.
fn major(amount: i64) -> Money {
    Money(amount.saturating_mul(100))
}

/// A date `days` after the plan start, if the start date is valid.
/// The date `days` after the plan's start, no later than the last day of its horizon
/// (a year after a start late in a month is past a 12-month horizon).
fn after_start(plan: &Plan, days: i64) -> Option<String> {
    let start = parse_date(&plan.profile.start_date).ok()?;
    let day = add_days(start, days)?;
    Some(format_date(plan.end_date().map_or(day, |end| day.min(end))))
}

#[allow(clippy::too_many_arguments)]
fn tp(
    id: &str,
    name: &str,
    channel: &str,
    media: Media,
    place: Place,
    budget: Money,
    monthly_volume: f64,
    kpi: &str,
    ads: Option<(f64, f64)>,
) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: name.into(),
        channel: channel.into(),
        media,
        place,
        budget,
        monthly_volume,
        kpi: kpi.into(),
        impressions: ads.map(|(i, _)| i),
        clicks: ads.map(|(_, c)| c),
        ..Touchpoint::default()
    }
}

fn kpi(id: &str, baseline: Option<f64>) -> StageKpi {
    StageKpi {
        kpi: id.into(),
        baseline,
    }
}

/// Every tracked KPI's target as a goal: the objective on that KPI when the template
/// has one, else a goal by the end of the plan, specific, with today's value as the
/// reason it can be reached and the stage it serves as the reason it matters.
fn goals(plan: &mut Plan, targets: &[(Stage, &str, f64)]) {
    for &(stage, id, target) in targets {
        if plan.goal_for(id).is_none() {
            let (name, unit) = crate::domain::kpi::find(id).map_or((id, ""), |d| {
                (d.name, if d.additive { " a month" } else { "" })
            });
            let percent = crate::domain::kpi::find(id)
                .is_some_and(|d| d.unit == crate::domain::kpi::Unit::Ratio);
            let today = plan
                .baseline_of(id)
                .map(|b| {
                    let shown = if percent {
                        format!("{} %", crate::domain::input::trim_number(b * 100.0, 2))
                    } else {
                        crate::domain::input::trim_number(b, 2)
                    };
                    format!("Today's value is {shown}")
                })
                .unwrap_or_else(|| "Set from the audit".to_string());
            let gid = plan.next_id("goal");
            plan.opportunity.objectives.push(Objective {
                id: gid,
                stage,
                kpi: id.into(),
                description: format!("Reach the {name} target{unit} by the end of the plan"),
                target: Some(target),
                deadline: plan.end_date().map(format_date),
                achievable_note: format!(
                    "{today}; the touchpoints and initiatives of this plan close the gap."
                ),
                relevant_note: format!("{} stage: {}", stage.name(), stage.purpose()),
                ..Objective::default()
            });
        }
        plan.set_goal_target(stage, id, Some(target));
    }
}

#[allow(clippy::too_many_arguments)]
fn objective(
    plan: &mut Plan,
    id: &str,
    stage: Stage,
    kpi: &str,
    description: &str,
    target: Option<f64>,
    deadline_days: Option<i64>,
    achievable: &str,
    relevant: &str,
) {
    let deadline = deadline_days.and_then(|d| after_start(plan, d));
    plan.opportunity.objectives.push(Objective {
        id: id.into(),
        stage,
        kpi: kpi.into(),
        description: description.into(),
        target,
        deadline,
        achievable_note: achievable.into(),
        relevant_note: relevant.into(),
        ..Objective::default()
    });
    plan.stages.get_mut(stage).objectives.push(id.into());
}

#[allow(clippy::too_many_arguments)]
fn initiative(
    id: &str,
    title: &str,
    stage: Stage,
    touchpoint: Option<&str>,
    cost: Money,
    ice: (f64, f64, f64),
    rice: (f64, f64, f64, f64),
    decision: Decision,
    rationale: &str,
) -> Initiative {
    Initiative {
        id: id.into(),
        title: title.into(),
        stage,
        touchpoint: touchpoint.map(Into::into),
        cost,
        ice: IceInputs {
            impact: ice.0,
            confidence: ice.1,
            ease: ice.2,
        },
        rice: RiceInputs {
            reach: rice.0,
            impact: rice.1,
            confidence: rice.2,
            effort: rice.3,
        },
        decision,
        rationale: rationale.into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn action(
    id: &str,
    title: &str,
    owner: &str,
    weeks: (u8, u8),
    status: ActionStatus,
    budget: Money,
    initiative: Option<&str>,
    stage: Stage,
) -> Action {
    Action {
        id: id.into(),
        title: title.into(),
        owner: owner.into(),
        start_week: weeks.0,
        end_week: weeks.1,
        status,
        budget,
        initiative: initiative.map(Into::into),
        stage,
    }
}

fn cap(stage: Option<Stage>, area: &str, score: u8) -> CapabilityScore {
    CapabilityScore {
        stage,
        area: area.into(),
        score,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn bench(items: &[(&str, f64)]) -> Vec<Benchmark> {
    items
        .iter()
        .map(|(k, v)| Benchmark {
            kpi: k.to_string(),
            value: *v,
        })
        .collect()
}

fn ecommerce(plan: &mut Plan) {
    use Media::*;
    use Place::*;
    use Stage::*;
    plan.name = "Trail & Tide Outfitters — 12-month RACE plan".into();
    plan.profile.market = Market::B2c;
    plan.profile.sector = "Outdoor gear e-commerce".into();
    plan.variants.clv = ClvVariant::Margin;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.02;
    f.act_rate = 0.08;
    f.convert_rate = 0.25;
    f.offline_convert_rate = 0.12;
    f.aov = Money(8_500);
    f.orders_per_customer = 1.05;
    f.repeat_rate = 0.28;
    f.gross_margin = 0.45;
    f.retention_rate = 0.35;
    f.discount_rate = 0.10;
    // Lifetime orders come from the repeat behaviour: 1.05 first orders + 28 % × 4
    // further orders = 2.17 orders, so CLV = $85 × 2.17 × 45 % margin ≈ $83.
    f.repeat_orders = 4.0;
    f.marketing_cost_other = major(12_000);

    plan.opportunity.baseline = Baseline {
        sessions: Some(42_000.0),
        leads: Some(3_150.0),
        offline_contacts: Some(1_400.0),
        customers: Some(800.0),
        orders: Some(840.0),
        revenue: Some(major(71_400)),
        repeat_rate: Some(0.26),
        marketing_spend: Some(major(38_000)),
    };
    plan.opportunity.capability = vec![
        cap(None, "Analytics and attribution", 3),
        cap(Some(Reach), "Search and shopping ads", 4),
        cap(Some(Act), "Landing pages and sign-up capture", 2),
        cap(Some(Convert), "Mobile checkout", 2),
        cap(Some(Engage), "Email lifecycle automation", 3),
    ];
    plan.opportunity.competitors = vec![
        Competitor {
            name: "Summit Supply Co.".into(),
            notes: "Strong SEO guides and a generous loyalty scheme; slow delivery.".into(),
            benchmarks: bench(&[("conversion_rate", 0.025), ("repeat_purchase_rate", 0.34)]),
        },
        Competitor {
            name: "BigBox Sports (online store)".into(),
            notes: "Wins on price and paid search; little expert content.".into(),
            benchmarks: bench(&[("conversion_rate", 0.03), ("aov", 62.0)]),
        },
    ];
    plan.opportunity.swot = Swot {
        strengths: strings(&[
            "Expert staff and honest gear reviews",
            "Repair workshop builds loyalty",
        ]),
        weaknesses: strings(&[
            "Mobile checkout converts at half the desktop rate",
            "Few email sign-ups",
        ]),
        opportunities: strings(&[
            "Search interest in hiking grew 20 % last year",
            "Creators who review gear",
        ]),
        threats: strings(&["Marketplaces undercut on price", "Rising cost per click"]),
    };

    let s = &mut plan.stages;
    s.reach.touchpoints = vec![
        tp(
            "tp-shopping",
            "Google Shopping ads",
            "search",
            Paid,
            Online,
            major(9_000),
            18_000.0,
            "sessions",
            Some((600_000.0, 18_000.0)),
        ),
        tp(
            "tp-instagram",
            "Instagram ads (new hikers)",
            "social",
            Paid,
            Online,
            major(6_000),
            9_000.0,
            "sessions",
            Some((900_000.0, 9_500.0)),
        ),
        tp(
            "tp-seo",
            "SEO trail guides (blog)",
            "seo",
            Owned,
            Online,
            major(2_500),
            14_000.0,
            "sessions",
            None,
        ),
        tp(
            "tp-creators",
            "Creator gear reviews",
            "social",
            Earned,
            Online,
            major(1_500),
            4_000.0,
            "sessions",
            None,
        ),
        tp(
            "tp-festival",
            "Outdoor festival pop-up stand (contacts met)",
            "events",
            Paid,
            Offline,
            major(3_000),
            1_200.0,
            "offline_contacts",
            None,
        ),
    ];
    s.reach.kpis = vec![
        kpi("sessions", Some(42_000.0)),
        kpi("ctr", Some(0.021)),
        kpi("cpc", Some(0.52)),
    ];
    s.act.touchpoints = vec![
        tp(
            "tp-quiz",
            "Size & fit quiz (completions)",
            "website",
            Owned,
            Online,
            major(400),
            3_000.0,
            "lead_rate",
            None,
        ),
        tp(
            "tp-signup",
            "Newsletter sign-up with 10 % welcome code",
            "email",
            Owned,
            Online,
            major(150),
            2_500.0,
            "leads",
            None,
        ),
    ];
    s.act.kpis = vec![
        kpi("lead_rate", Some(0.075)),
        kpi("engagement_rate", Some(0.55)),
        kpi("cpl", Some(10.5)),
    ];
    s.convert.touchpoints = vec![
        tp(
            "tp-cart",
            "Cart abandonment emails",
            "email",
            Owned,
            Online,
            major(300),
            1_800.0,
            "conversion_rate",
            None,
        ),
        tp(
            "tp-retarget",
            "Retargeting ads",
            "display",
            Paid,
            Online,
            major(2_500),
            5_000.0,
            "cpa",
            Some((300_000.0, 4_000.0)),
        ),
        tp(
            "tp-phone",
            "Customer service phone line (calls)",
            "phone",
            Owned,
            Offline,
            major(1_800),
            400.0,
            "customers",
            None,
        ),
    ];
    s.convert.kpis = vec![
        kpi("conversion_rate", Some(0.018)),
        kpi("revenue", Some(71_400.0)),
        kpi("cac", Some(47.5)),
        kpi("roas", Some(3.2)),
    ];
    s.engage.touchpoints = vec![
        tp(
            "tp-loyalty",
            "Loyalty email programme",
            "email",
            Owned,
            Online,
            major(600),
            20_000.0,
            "repeat_purchase_rate",
            None,
        ),
        tp(
            "tp-reviews",
            "Customer reviews and photos",
            "social",
            Earned,
            Online,
            major(200),
            900.0,
            "social_engagement_rate",
            None,
        ),
        tp(
            "tp-workshop",
            "In-store repair workshop (attendees)",
            "events",
            Owned,
            Offline,
            major(800),
            150.0,
            "nps",
            None,
        ),
    ];
    s.engage.kpis = vec![
        kpi("repeat_purchase_rate", Some(0.26)),
        kpi("nps", Some(38.0)),
        kpi("clv", Some(75.0)),
    ];

    objective(
        plan,
        "obj-traffic",
        Reach,
        "sessions",
        "Grow monthly sessions from US hikers to 50,000 through search and creators",
        Some(50_000.0),
        Some(365),
        "Search interest grew 20 % last year and SEO guides already bring 14,000 sessions.",
        "Qualified visits feed every later stage of the funnel.",
    );
    objective(
        plan,
        "obj-signups",
        Act,
        "lead_rate",
        "Lift quiz and newsletter sign-ups",
        Some(0.09),
        Some(180),
        "Visitors who start the fit quiz sign up twice as often; showing it on every product page gets us there.",
        "Sign-ups are our cheapest route to a first order.",
    );
    objective(
        plan,
        "obj-mobile",
        Convert,
        "conversion_rate",
        "Raise checkout conversion for mobile shoppers",
        Some(0.022),
        Some(270),
        "Competitors convert at 2.5 % with one-page checkouts.",
        "Mobile is 68 % of sessions but 40 % of orders.",
    );
    objective(
        plan,
        "obj-repeat",
        Engage,
        "repeat_purchase_rate",
        "Bring more first-time buyers back for a second order",
        Some(0.30),
        Some(365),
        "Loyalty emails already bring 26 % back.",
        "A returning customer costs a fifth of a new one.",
    );

    plan.strategy.initiative_budget = major(35_000);
    plan.strategy.initiatives = vec![
        initiative("ini-hub", "Launch a 'best hikes' SEO content hub", Reach, Some("tp-seo"), major(6_000),
            (7.0, 7.0, 6.0), (8_000.0, 1.0, 0.8, 3.0), Decision::Chosen,
            "Search brings our best-converting visitors and compounds over time."),
        initiative("ini-checkout", "One-page mobile checkout with wallet payments", Convert, None, major(12_000),
            (9.0, 8.0, 5.0), (2_500.0, 2.0, 0.8, 2.0), Decision::Chosen,
            "Mobile converts at half the desktop rate: the largest leak in the funnel."),
        initiative("ini-quiz", "Fit quiz v2 with product matches", Act, Some("tp-quiz"), major(4_000),
            (6.0, 6.0, 8.0), (3_000.0, 1.0, 0.8, 1.0), Decision::Chosen,
            "Quiz takers convert three times better than other visitors."),
        initiative("ini-points", "Loyalty points programme", Engage, Some("tp-loyalty"), major(9_000),
            (7.0, 5.0, 4.0), (900.0, 1.0, 0.5, 3.0), Decision::Parked,
            "Worth doing once checkout is fixed; needs a new platform plug-in."),
        initiative("ini-tv", "Sponsor a TV hiking show", Reach, None, major(60_000),
            (6.0, 3.0, 2.0), (50_000.0, 0.5, 0.5, 4.0),
            Decision::NotDoing { reason: "Costs more than the whole initiative budget for reach we cannot measure; revisit when search is saturated.".into() },
            "Big awareness, weak link to sales."),
        initiative("ini-review-flow", "Post-purchase review request flow", Engage, Some("tp-reviews"), major(1_500),
            (5.0, 8.0, 9.0), (800.0, 0.5, 1.0, 0.5), Decision::Undecided,
            "Cheap, and reviews help both conversion and search."),
    ];
    plan.action.actions = vec![
        action(
            "act-brief",
            "Brief the checkout agency and agree scope",
            "Maya (e-commerce)",
            (1, 2),
            ActionStatus::Done,
            Money::ZERO,
            Some("ini-checkout"),
            Convert,
        ),
        action(
            "act-build",
            "Build and test the one-page checkout",
            "Agency",
            (3, 8),
            ActionStatus::Doing,
            major(12_000),
            Some("ini-checkout"),
            Convert,
        ),
        action(
            "act-keywords",
            "Keyword research for 30 trail guides",
            "Leo (content)",
            (1, 3),
            ActionStatus::Done,
            major(500),
            Some("ini-hub"),
            Reach,
        ),
        action(
            "act-guides",
            "Write and publish 12 trail guides",
            "Leo (content)",
            (4, 13),
            ActionStatus::Todo,
            major(5_500),
            Some("ini-hub"),
            Reach,
        ),
        action(
            "act-quiz",
            "Redesign the fit quiz with product matches",
            "Sam (UX)",
            (2, 6),
            ActionStatus::Doing,
            major(4_000),
            Some("ini-quiz"),
            Act,
        ),
        action(
            "act-festival",
            "Staff the festival stand and collect sign-ups",
            "Store team",
            (6, 7),
            ActionStatus::Todo,
            major(3_000),
            None,
            Reach,
        ),
        action(
            "act-winback",
            "Set up a 60-day win-back email",
            "Maya (e-commerce)",
            (9, 10),
            ActionStatus::Todo,
            major(200),
            None,
            Engage,
        ),
        action(
            "act-review",
            "30/60/90-day reviews of the KPIs",
            "Head of marketing",
            (4, 13),
            ActionStatus::Todo,
            Money::ZERO,
            None,
            Engage,
        ),
    ];
    goals(
        plan,
        &[
            (Reach, "sessions", 50_000.0),
            (Reach, "ctr", 0.025),
            (Reach, "cpc", 0.45),
            (Act, "lead_rate", 0.09),
            (Act, "engagement_rate", 0.60),
            (Act, "cpl", 8.0),
            (Convert, "conversion_rate", 0.022),
            (Convert, "revenue", 100_000.0),
            (Convert, "cac", 40.0),
            (Convert, "roas", 4.0),
            (Engage, "repeat_purchase_rate", 0.30),
            (Engage, "nps", 45.0),
            (Engage, "clv", 90.0),
        ],
    );
}

fn b2b(plan: &mut Plan) {
    use Media::*;
    use Place::*;
    use Stage::*;
    plan.name = "Northwind Analytics — lead generation plan".into();
    plan.profile.market = Market::B2b;
    plan.profile.sector = "Data consultancy for mid-size retailers".into();
    plan.profile.currency = "GBP".into();
    plan.profile.locale = "en-GB".into();
    plan.variants.clv = ClvVariant::RetentionDiscounted;
    plan.variants.conversion_denominator = super::plan::Denominator::Users;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.015;
    f.act_rate = 0.015;
    f.convert_rate = 0.03;
    f.offline_convert_rate = 0.03;
    f.aov = major(12_000);
    f.orders_per_customer = 1.0;
    f.repeat_rate = 0.35;
    f.gross_margin = 0.60;
    f.retention_rate = 0.80;
    f.discount_rate = 0.10;
    f.purchases_per_year = 1.5;
    f.customer_years = 4.0;
    f.marketing_cost_other = major(30_000);
    f.sessions_per_user = 1.6;

    plan.opportunity.baseline = Baseline {
        sessions: Some(13_000.0),
        leads: Some(180.0),
        offline_contacts: Some(180.0),
        customers: Some(10.0),
        orders: Some(10.0),
        revenue: Some(major(120_000)),
        repeat_rate: Some(0.30),
        marketing_spend: Some(major(58_000)),
    };
    plan.opportunity.capability = vec![
        cap(None, "CRM data and lead attribution", 2),
        cap(Some(Reach), "LinkedIn and search advertising", 3),
        cap(Some(Act), "Gated content and webinars", 4),
        cap(Some(Convert), "Lead scoring and sales hand-off", 2),
        cap(Some(Engage), "Account management and referrals", 3),
    ];
    plan.opportunity.competitors = vec![Competitor {
        name: "Insight Partners Ltd".into(),
        notes: "Publishes a well-known annual retail benchmark; heavy event presence.".into(),
        benchmarks: bench(&[("lead_rate", 0.02), ("cpl", 75.0)]),
    }];
    plan.opportunity.swot = Swot {
        strengths: strings(&[
            "Recognised retail analytics expertise",
            "High client satisfaction",
        ]),
        weaknesses: strings(&[
            "Leads are not scored; sales chase cold contacts",
            "Few case studies",
        ]),
        opportunities: strings(&[
            "Retailers investing in first-party data",
            "Partnerships with software vendors",
        ]),
        threats: strings(&[
            "Software vendors bundling analytics services",
            "Longer buying cycles",
        ]),
    };

    let s = &mut plan.stages;
    s.reach.touchpoints = vec![
        tp(
            "tp-linkedin",
            "LinkedIn sponsored content",
            "social",
            Paid,
            Online,
            major(7_000),
            3_500.0,
            "sessions",
            Some((350_000.0, 3_500.0)),
        ),
        tp(
            "tp-search",
            "Google Search ads",
            "search",
            Paid,
            Online,
            major(5_000),
            2_800.0,
            "sessions",
            Some((60_000.0, 2_800.0)),
        ),
        tp(
            "tp-blog",
            "Thought-leadership blog and SEO",
            "seo",
            Owned,
            Online,
            major(3_000),
            6_000.0,
            "sessions",
            None,
        ),
        tp(
            "tp-press",
            "Analyst and trade-press mentions",
            "pr",
            Earned,
            Online,
            Money::ZERO,
            900.0,
            "sessions",
            None,
        ),
        tp(
            "tp-conference",
            "Retail conference stand (badge scans)",
            "events",
            Paid,
            Offline,
            major(6_000),
            120.0,
            "offline_contacts",
            None,
        ),
    ];
    s.reach.kpis = vec![kpi("sessions", Some(13_000.0)), kpi("cpc", Some(2.6))];
    s.act.touchpoints = vec![
        tp(
            "tp-report",
            "Retail data benchmark report (downloads)",
            "content",
            Owned,
            Online,
            major(800),
            250.0,
            "leads",
            None,
        ),
        tp(
            "tp-webinar",
            "Monthly webinar (registrants)",
            "webinar",
            Owned,
            Online,
            major(1_200),
            180.0,
            "leads",
            None,
        ),
    ];
    s.act.kpis = vec![kpi("leads", Some(180.0)), kpi("cpl", Some(72.0))];
    s.convert.touchpoints = vec![
        tp(
            "tp-sdr",
            "Discovery calls by the sales team",
            "phone",
            Owned,
            Offline,
            major(9_000),
            90.0,
            "customers",
            None,
        ),
        tp(
            "tp-proposal",
            "Proposal pages with case studies",
            "website",
            Owned,
            Online,
            major(500),
            40.0,
            "conversion_rate",
            None,
        ),
    ];
    s.convert.kpis = vec![
        kpi("customers", Some(10.0)),
        kpi("cac", Some(8_800.0)),
        kpi("conversion_rate", Some(0.0005)),
    ];
    s.engage.touchpoints = vec![
        tp(
            "tp-qbr",
            "Quarterly business reviews (meetings)",
            "meetings",
            Owned,
            Offline,
            major(2_000),
            40.0,
            "nps",
            None,
        ),
        tp(
            "tp-newsletter",
            "Client newsletter",
            "email",
            Owned,
            Online,
            major(300),
            1_200.0,
            "retention_rate",
            None,
        ),
        tp(
            "tp-referrals",
            "Case studies and referrals",
            "advocacy",
            Earned,
            Online,
            major(500),
            15.0,
            "repeat_purchase_rate",
            None,
        ),
    ];
    s.engage.kpis = vec![
        kpi("retention_rate", Some(0.80)),
        kpi("nps", Some(42.0)),
        kpi("ltv_cac", Some(2.4)),
    ];

    objective(
        plan,
        "obj-mql",
        Act,
        "leads",
        "Generate 220 marketing-qualified leads a month from mid-size retailers",
        Some(220.0),
        Some(180),
        "The benchmark report alone brought 250 downloads last quarter.",
        "Sales needs 15 qualified conversations a week to hit the revenue plan.",
    );
    objective(
        plan,
        "obj-clients",
        Convert,
        "customers",
        "Win 14 new mid-size retail clients a month",
        Some(14.0),
        Some(365),
        "Lead scoring lets sales focus on the best 20 % of leads.",
        "New clients are what the revenue plan is built on.",
    );
    objective(
        plan,
        "obj-nps",
        Engage,
        "nps",
        "Raise NPS among enterprise accounts to 50",
        Some(50.0),
        Some(365),
        "Account reviews started in Q4 lifted NPS from 35 to 42.",
        "Referrals bring a third of new clients.",
    );

    plan.strategy.initiative_budget = major(40_000);
    plan.variants.scoring = ScoringMethod::Rice;
    plan.strategy.initiatives = vec![
        initiative("ini-abm", "Account-based campaign for the top 50 target retailers", Reach, Some("tp-linkedin"), major(12_000),
            (8.0, 6.0, 5.0), (50.0, 3.0, 0.8, 2.0), Decision::Chosen,
            "Our best clients look alike: target them by name."),
        initiative("ini-report", "Refresh the gated benchmark report", Act, Some("tp-report"), major(6_000),
            (7.0, 8.0, 7.0), (1_000.0, 1.0, 1.0, 1.5), Decision::Chosen,
            "Proven lead magnet; last year's data is out of date."),
        initiative("ini-scoring", "Lead scoring in the CRM with sales hand-off rules", Convert, None, major(5_000),
            (8.0, 7.0, 6.0), (200.0, 2.0, 0.8, 1.0), Decision::Chosen,
            "Sales time goes to the leads most likely to buy."),
        initiative("ini-referral", "Client referral programme", Engage, Some("tp-referrals"), major(3_000),
            (6.0, 6.0, 7.0), (60.0, 2.0, 0.5, 0.5), Decision::Undecided,
            "Referrals close twice as fast; the incentive needs legal review."),
        initiative("ini-cold", "Cold calling from bought contact lists", Convert, None, major(8_000),
            (4.0, 3.0, 6.0), (2_000.0, 0.25, 0.5, 2.0),
            Decision::NotDoing { reason: "Low conversion and data-protection risk; our best deals come from referrals and events.".into() },
            "Volume without fit."),
        initiative("ini-podcast", "Retail data podcast", Reach, None, major(9_000),
            (5.0, 4.0, 4.0), (1_500.0, 0.5, 0.5, 3.0), Decision::Parked,
            "Good for brand; revisit after the report refresh."),
        initiative("ini-roi-calc", "ROI calculator on the pricing page", Convert, Some("tp-proposal"), major(4_000),
            (6.0, 5.0, 7.0), (300.0, 1.0, 0.8, 1.0), Decision::Undecided,
            "Helps champions sell internally."),
    ];
    plan.action.actions = vec![
        action(
            "act-list",
            "Agree the top-50 account list with sales",
            "Priya (marketing)",
            (1, 1),
            ActionStatus::Done,
            Money::ZERO,
            Some("ini-abm"),
            Reach,
        ),
        action(
            "act-abm-ads",
            "Run LinkedIn ads to the 50 accounts",
            "Priya (marketing)",
            (2, 13),
            ActionStatus::Doing,
            major(12_000),
            Some("ini-abm"),
            Reach,
        ),
        action(
            "act-survey",
            "Survey 200 retailers for the report",
            "Tom (research)",
            (1, 4),
            ActionStatus::Doing,
            major(2_000),
            Some("ini-report"),
            Act,
        ),
        action(
            "act-publish",
            "Publish the report and launch webinar",
            "Tom (research)",
            (5, 7),
            ActionStatus::Todo,
            major(4_000),
            Some("ini-report"),
            Act,
        ),
        action(
            "act-scoring",
            "Define scoring rules and build them in the CRM",
            "Ops team",
            (2, 6),
            ActionStatus::Todo,
            major(5_000),
            Some("ini-scoring"),
            Convert,
        ),
        action(
            "act-handoff",
            "Train sales on the new hand-off",
            "Head of sales",
            (7, 8),
            ActionStatus::Todo,
            Money::ZERO,
            Some("ini-scoring"),
            Convert,
        ),
        action(
            "act-cases",
            "Write three client case studies",
            "Priya (marketing)",
            (3, 10),
            ActionStatus::Blocked,
            major(1_500),
            None,
            Engage,
        ),
        action(
            "act-reviews",
            "30/60/90-day KPI reviews",
            "Marketing director",
            (4, 13),
            ActionStatus::Todo,
            Money::ZERO,
            None,
            Engage,
        ),
    ];
    goals(
        plan,
        &[
            (Reach, "sessions", 15_000.0),
            (Reach, "cpc", 2.2),
            (Act, "leads", 220.0),
            (Act, "cpl", 60.0),
            (Convert, "customers", 14.0),
            (Convert, "cac", 7_500.0),
            (Convert, "conversion_rate", 0.0007),
            (Engage, "retention_rate", 0.85),
            (Engage, "nps", 50.0),
            (Engage, "ltv_cac", 3.0),
        ],
    );
}

fn saas(plan: &mut Plan) {
    use Media::*;
    use Place::*;
    use Stage::*;
    plan.name = "Planwise — SaaS growth plan".into();
    plan.profile.market = Market::B2b;
    plan.profile.sector = "Project-management software (subscription)".into();
    plan.variants.clv = ClvVariant::Subscription;
    plan.variants.scoring = ScoringMethod::Rice;
    plan.variants.roi = super::plan::RoiBasis::GrossProfit;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.03;
    f.act_rate = 0.06;
    f.convert_rate = 0.08;
    f.offline_convert_rate = 0.20;
    f.aov = major(79);
    f.orders_per_customer = 1.0;
    f.repeat_rate = 0.85;
    f.gross_margin = 0.80;
    f.retention_rate = 0.70;
    f.discount_rate = 0.10;
    f.churn_rate = 0.03;
    f.arpa = major(79);
    f.purchases_per_year = 12.0;
    f.customer_years = 2.5;
    f.marketing_cost_other = major(20_000);

    plan.opportunity.baseline = Baseline {
        sessions: Some(40_000.0),
        leads: Some(2_200.0),
        offline_contacts: Some(100.0),
        customers: Some(190.0),
        orders: Some(190.0),
        revenue: Some(major(15_010)),
        repeat_rate: Some(0.82),
        marketing_spend: Some(major(44_000)),
    };
    plan.opportunity.capability = vec![
        cap(None, "Product analytics and attribution", 4),
        cap(Some(Reach), "Content and SEO", 4),
        cap(Some(Act), "Trial onboarding", 2),
        cap(Some(Convert), "Pricing and sales assist", 3),
        cap(Some(Engage), "Churn prevention", 2),
    ];
    plan.opportunity.competitors = vec![
        Competitor {
            name: "Taskly".into(),
            notes: "Freemium, huge brand; weak for client-facing agencies.".into(),
            benchmarks: bench(&[("churn_rate", 0.02), ("lead_rate", 0.08)]),
        },
        Competitor {
            name: "BoardFlow".into(),
            notes: "Cheaper; lots of comparison pages ranking above ours.".into(),
            benchmarks: bench(&[("cac", 140.0)]),
        },
    ];
    plan.opportunity.swot = Swot {
        strengths: strings(&["Best-rated client portal in reviews", "Fast support"]),
        weaknesses: strings(&[
            "Half of trials never create a project",
            "Churn above 3 % a month",
        ]),
        opportunities: strings(&["Agencies leaving a competitor after its price rise"]),
        threats: strings(&["Free tiers of large suites", "Ad costs on brand terms"]),
    };

    let s = &mut plan.stages;
    s.reach.touchpoints = vec![
        tp(
            "tp-search",
            "Google Search ads",
            "search",
            Paid,
            Online,
            major(8_000),
            12_000.0,
            "sessions",
            Some((240_000.0, 12_000.0)),
        ),
        tp(
            "tp-content",
            "Content marketing and SEO",
            "seo",
            Owned,
            Online,
            major(5_000),
            30_000.0,
            "sessions",
            None,
        ),
        tp(
            "tp-g2",
            "Review sites (G2, Capterra)",
            "reviews",
            Earned,
            Online,
            major(1_000),
            3_000.0,
            "sessions",
            None,
        ),
        tp(
            "tp-community",
            "Community and Product Hunt launches",
            "community",
            Earned,
            Online,
            Money::ZERO,
            1_500.0,
            "sessions",
            None,
        ),
        tp(
            "tp-booth",
            "Agency conference booth (demo requests)",
            "events",
            Paid,
            Offline,
            major(4_000),
            80.0,
            "offline_contacts",
            None,
        ),
    ];
    s.reach.kpis = vec![kpi("sessions", Some(40_000.0)), kpi("cpc", Some(0.72))];
    s.act.touchpoints = vec![
        tp(
            "tp-onboarding",
            "Trial onboarding emails",
            "email",
            Owned,
            Online,
            major(500),
            2_800.0,
            "lead_rate",
            None,
        ),
        tp(
            "tp-tour",
            "Interactive product tour",
            "product",
            Owned,
            Online,
            major(300),
            4_000.0,
            "engagement_rate",
            None,
        ),
    ];
    s.act.kpis = vec![
        kpi("lead_rate", Some(0.055)),
        kpi("engagement_rate", Some(0.48)),
    ];
    s.convert.touchpoints = vec![
        tp(
            "tp-demos",
            "Sales-assisted demos (calls)",
            "phone",
            Owned,
            Offline,
            major(6_000),
            60.0,
            "customers",
            None,
        ),
        tp(
            "tp-pricing",
            "Pricing page experiments",
            "website",
            Owned,
            Online,
            Money::ZERO,
            6_000.0,
            "conversion_rate",
            None,
        ),
    ];
    s.convert.kpis = vec![
        kpi("customers", Some(190.0)),
        kpi("cac", Some(230.0)),
        kpi("conversion_rate", Some(0.0045)),
    ];
    s.engage.touchpoints = vec![
        tp(
            "tp-inapp",
            "In-app messages and health checks",
            "product",
            Owned,
            Online,
            major(400),
            8_000.0,
            "churn_rate",
            None,
        ),
        tp(
            "tp-webinars",
            "Customer community webinars",
            "webinar",
            Owned,
            Online,
            major(600),
            300.0,
            "nps",
            None,
        ),
        tp(
            "tp-meetup",
            "Annual customer meetup (attendees, monthly share)",
            "events",
            Owned,
            Offline,
            major(1_500),
            100.0,
            "nps",
            None,
        ),
    ];
    s.engage.kpis = vec![
        kpi("churn_rate", Some(0.03)),
        kpi("clv", Some(2_100.0)),
        kpi("ltv_cac", Some(2.1)),
        kpi("cac_payback", Some(8.0)),
    ];

    objective(
        plan,
        "obj-churn",
        Engage,
        "churn_rate",
        "Reduce monthly churn of small-team subscribers to 2.5 %",
        Some(0.025),
        Some(270),
        "Accounts that finish onboarding churn at 1.8 %: more of them finishing gets us there.",
        "Each point of churn is worth more than all of our paid search.",
    );
    objective(
        plan,
        "obj-cac",
        Convert,
        "cac",
        "Bring blended CAC for self-serve customers under $160",
        Some(160.0),
        Some(180),
        "Trials that finish onboarding convert twice as often, so the same spend wins more customers.",
        "CAC payback must stay under 8 months to fund growth from revenue.",
    );
    objective(
        plan,
        "obj-traffic",
        Reach,
        "sessions",
        "Grow monthly visits from small-team project managers",
        None,
        Some(365),
        "Comparison pages rank fast in our niche.",
        "Trials scale with visits.",
    );

    plan.strategy.initiative_budget = major(30_000);
    plan.strategy.initiatives = vec![
        initiative("ini-checklist", "Onboarding checklist that creates a first project", Act, Some("tp-onboarding"), major(3_000),
            (8.0, 7.0, 7.0), (2_800.0, 2.0, 0.8, 1.0), Decision::Chosen,
            "Trials that create a project convert four times better."),
        initiative("ini-annual", "Annual plan with two months free", Engage, None, major(1_000),
            (7.0, 8.0, 9.0), (400.0, 1.0, 0.8, 0.5), Decision::Chosen,
            "Annual subscribers churn a third as much."),
        initiative("ini-health", "Churn-risk health score with CSM alerts", Engage, Some("tp-inapp"), major(6_000),
            (8.0, 6.0, 5.0), (1_200.0, 2.0, 0.5, 2.0), Decision::Chosen,
            "Catches accounts going quiet before they cancel."),
        initiative("ini-compare", "Comparison pages against the three main competitors", Reach, Some("tp-content"), major(4_500),
            (7.0, 7.0, 8.0), (5_000.0, 1.0, 0.8, 1.0), Decision::Chosen,
            "High-intent searches we do not rank for yet."),
        initiative("ini-mobile", "Native mobile app", Engage, None, major(90_000),
            (6.0, 4.0, 2.0), (1_000.0, 1.0, 0.5, 6.0),
            Decision::NotDoing { reason: "Six person-months of engineering while only 4 % of sessions are on mobile; the responsive web app is enough for now.".into() },
            "Requested by a few large accounts."),
        initiative("ini-affiliates", "Partner and affiliate programme", Reach, None, major(5_000),
            (6.0, 5.0, 5.0), (1_500.0, 1.0, 0.5, 2.0), Decision::Parked,
            "Needs tracking and payouts; after the comparison pages."),
        initiative("ini-chat", "Live chat on the pricing page", Convert, Some("tp-pricing"), major(2_000),
            (5.0, 6.0, 8.0), (6_000.0, 0.5, 0.8, 0.5), Decision::Undecided,
            "Answers plan questions at the moment of decision."),
    ];
    plan.action.actions = vec![
        action(
            "act-spec",
            "Specify the onboarding checklist",
            "Ines (product)",
            (1, 2),
            ActionStatus::Done,
            Money::ZERO,
            Some("ini-checklist"),
            Act,
        ),
        action(
            "act-ship",
            "Build and ship the checklist",
            "Growth squad",
            (3, 6),
            ActionStatus::Doing,
            major(3_000),
            Some("ini-checklist"),
            Act,
        ),
        action(
            "act-annual",
            "Launch annual pricing and emails",
            "Kofi (lifecycle)",
            (2, 4),
            ActionStatus::Doing,
            major(1_000),
            Some("ini-annual"),
            Engage,
        ),
        action(
            "act-health",
            "Define the health score and alerts",
            "Customer success",
            (5, 10),
            ActionStatus::Todo,
            major(6_000),
            Some("ini-health"),
            Engage,
        ),
        action(
            "act-compare",
            "Write three comparison pages",
            "Content team",
            (1, 6),
            ActionStatus::Doing,
            major(4_500),
            Some("ini-compare"),
            Reach,
        ),
        action(
            "act-booth",
            "Run the conference booth and book demos",
            "Sales",
            (8, 8),
            ActionStatus::Todo,
            major(4_000),
            None,
            Reach,
        ),
        action(
            "act-pricing-test",
            "A/B test the pricing page layout",
            "Growth squad",
            (7, 11),
            ActionStatus::Todo,
            Money::ZERO,
            None,
            Convert,
        ),
        action(
            "act-kpi-reviews",
            "30/60/90-day KPI reviews",
            "Head of growth",
            (4, 13),
            ActionStatus::Todo,
            Money::ZERO,
            None,
            Engage,
        ),
    ];
    goals(
        plan,
        &[
            (Reach, "sessions", 55_000.0),
            (Reach, "cpc", 0.60),
            (Act, "lead_rate", 0.07),
            (Act, "engagement_rate", 0.55),
            (Convert, "customers", 280.0),
            (Convert, "cac", 160.0),
            (Convert, "conversion_rate", 0.006),
            (Engage, "churn_rate", 0.025),
            (Engage, "clv", 2_500.0),
            (Engage, "ltv_cac", 3.0),
            (Engage, "cac_payback", 6.0),
        ],
    );
}

fn local(plan: &mut Plan) {
    use Media::*;
    use Place::*;
    use Stage::*;
    plan.name = "Rosa's Bakery & Café — local marketing plan".into();
    plan.profile.market = Market::B2c;
    plan.profile.sector = "Neighbourhood bakery and café".into();
    plan.profile.currency = "EUR".into();
    plan.profile.locale = "en-IE".into();
    plan.variants.clv = ClvVariant::Margin;
    plan.variants.ice = IceVariant::Product;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.01;
    f.act_rate = 0.10;
    f.convert_rate = 0.30;
    f.offline_convert_rate = 0.55;
    f.aov = Money(1_450);
    f.orders_per_customer = 2.0;
    f.repeat_rate = 0.55;
    f.gross_margin = 0.65;
    f.retention_rate = 0.60;
    f.discount_rate = 0.08;
    f.purchases_per_year = 24.0;
    f.customer_years = 2.0;
    f.marketing_cost_other = major(1_500);

    plan.opportunity.baseline = Baseline {
        sessions: Some(3_800.0),
        leads: Some(380.0),
        offline_contacts: Some(950.0),
        customers: Some(620.0),
        orders: Some(1_240.0),
        revenue: Some(major(17_980)),
        repeat_rate: Some(0.50),
        marketing_spend: Some(major(2_200)),
    };
    plan.opportunity.capability = vec![
        cap(None, "Knowing which promotion worked", 1),
        cap(Some(Reach), "Google Business Profile and local ads", 3),
        cap(Some(Act), "Phone and online ordering", 2),
        cap(Some(Convert), "Counter upselling", 4),
        cap(Some(Engage), "Loyalty card and reviews", 3),
    ];
    plan.opportunity.competitors = vec![Competitor {
        name: "Chain coffee shop on Main Street".into(),
        notes: "Open longer, app with loyalty; bread is not baked on site.".into(),
        benchmarks: bench(&[("nps", 20.0)]),
    }];
    plan.opportunity.swot = Swot {
        strengths: strings(&["Bread baked on site every morning", "Loyal regulars"]),
        weaknesses: strings(&["No online ordering until now", "Quiet afternoons"]),
        opportunities: strings(&[
            "New office building opening nearby",
            "Local food festival in spring",
        ]),
        threats: strings(&[
            "Rising flour and energy prices",
            "Chain coffee shop promotions",
        ]),
    };

    let s = &mut plan.stages;
    s.reach.touchpoints = vec![
        tp(
            "tp-gbp",
            "Google Business Profile (website visits)",
            "local search",
            Owned,
            Online,
            Money::ZERO,
            2_500.0,
            "sessions",
            None,
        ),
        tp(
            "tp-social-ads",
            "Local Facebook and Instagram ads",
            "social",
            Paid,
            Online,
            major(600),
            1_500.0,
            "sessions",
            Some((80_000.0, 1_500.0)),
        ),
        tp(
            "tp-window",
            "Shop window and pavement sign (first-time walk-ins)",
            "signage",
            Owned,
            Offline,
            major(50),
            300.0,
            "offline_contacts",
            None,
        ),
        tp(
            "tp-newspaper",
            "Local newspaper feature (first visits)",
            "press",
            Earned,
            Offline,
            Money::ZERO,
            120.0,
            "offline_contacts",
            None,
        ),
        tp(
            "tp-leaflets",
            "Leaflet drop to 3,000 homes (first visits)",
            "print",
            Paid,
            Offline,
            major(250),
            150.0,
            "offline_contacts",
            None,
        ),
    ];
    s.reach.kpis = vec![
        kpi("offline_contacts", Some(950.0)),
        kpi("sessions", Some(3_800.0)),
    ];
    s.act.touchpoints = vec![
        tp(
            "tp-menu",
            "Online menu and opening hours page",
            "website",
            Owned,
            Online,
            major(20),
            1_400.0,
            "lead_rate",
            None,
        ),
        tp(
            "tp-phone",
            "Phone orders for cakes and catering (new callers)",
            "phone",
            Owned,
            Offline,
            Money::ZERO,
            120.0,
            "leads",
            None,
        ),
    ];
    s.act.kpis = vec![kpi("leads", Some(380.0)), kpi("lead_rate", Some(0.10))];
    s.convert.touchpoints = vec![
        tp(
            "tp-collect",
            "Click-and-collect ordering",
            "website",
            Owned,
            Online,
            major(60),
            450.0,
            "conversion_rate",
            None,
        ),
        tp(
            "tp-counter",
            "Free tasting for first-time visitors at the counter",
            "store",
            Owned,
            Offline,
            major(150),
            400.0,
            "customers",
            None,
        ),
    ];
    s.convert.kpis = vec![
        kpi("customers", Some(620.0)),
        kpi("revenue", Some(17_980.0)),
        kpi("aov", Some(14.5)),
    ];
    s.engage.touchpoints = vec![
        tp(
            "tp-stamp",
            "Loyalty stamp card (stamps)",
            "loyalty",
            Owned,
            Offline,
            major(80),
            900.0,
            "repeat_purchase_rate",
            None,
        ),
        tp(
            "tp-google-reviews",
            "Google reviews",
            "reviews",
            Earned,
            Online,
            Money::ZERO,
            40.0,
            "nps",
            None,
        ),
        tp(
            "tp-whatsapp",
            "WhatsApp specials list",
            "messaging",
            Owned,
            Online,
            major(20),
            600.0,
            "repeat_customers",
            None,
        ),
    ];
    s.engage.kpis = vec![
        kpi("repeat_purchase_rate", Some(0.50)),
        kpi("nps", Some(62.0)),
    ];

    objective(plan, "obj-walkins", Reach, "offline_contacts",
        "Bring 1,100 first-time visitors a month from the new office building and the neighbourhood", Some(1_100.0), Some(120),
        "The office building adds 800 workers within 300 m.",
        "Walk-ins are where most of our sales happen.");
    objective(
        plan,
        "obj-afternoon",
        Convert,
        "revenue",
        "Fill quiet afternoons with office workers",
        Some(21_000.0),
        Some(180),
        "Afternoon sales are a third of the morning's; an office-worker offer fills the tables we already have.",
        "Afternoons use staff and ovens that are already paid for.",
    );
    objective(
        plan,
        "obj-regulars",
        Engage,
        "repeat_purchase_rate",
        "Turn first-time visitors into weekly regulars with the stamp card",
        Some(0.60),
        Some(180),
        "Stamp-card holders already come back 55 % of the time.",
        "Regulars are most of our revenue.",
    );

    plan.strategy.initiative_budget = major(3_000);
    plan.strategy.initiatives = vec![
        initiative("ini-office", "Morning coffee and pastry offer for the new offices", Reach, Some("tp-leaflets"), major(400),
            (8.0, 7.0, 8.0), (800.0, 2.0, 0.8, 0.25), Decision::Chosen,
            "800 new workers within a five-minute walk."),
        initiative("ini-collect", "Click-and-collect for cakes and lunch boxes", Convert, Some("tp-collect"), major(600),
            (7.0, 6.0, 6.0), (450.0, 1.0, 0.8, 0.5), Decision::Chosen,
            "Lets office workers order ahead and skip the queue."),
        initiative("ini-digital-stamp", "Digital stamp card with WhatsApp reminders", Engage, Some("tp-stamp"), major(500),
            (6.0, 6.0, 7.0), (900.0, 1.0, 0.5, 0.5), Decision::Undecided,
            "Paper cards get lost; reminders bring people back."),
        initiative("ini-reviews", "Ask happy regulars for Google reviews", Engage, Some("tp-google-reviews"), Money::ZERO,
            (5.0, 8.0, 9.0), (300.0, 0.5, 1.0, 0.25), Decision::Chosen,
            "More reviews lift the Google Business Profile in local search."),
        initiative("ini-delivery-app", "List on a food delivery app", Convert, None, major(1_200),
            (6.0, 4.0, 6.0), (1_000.0, 1.0, 0.5, 0.5),
            Decision::NotDoing { reason: "The app's 30 % commission wipes out our margin on pastries; click-and-collect first.".into() },
            "Reach without margin."),
        initiative("ini-festival", "Stall at the spring food festival", Reach, None, major(700),
            (6.0, 5.0, 5.0), (2_000.0, 0.5, 0.5, 0.5), Decision::Parked,
            "Decide in February when the festival confirms dates."),
    ];
    plan.action.actions = vec![
        action(
            "act-offer",
            "Design the office morning offer and leaflets",
            "Rosa",
            (1, 1),
            ActionStatus::Done,
            major(50),
            Some("ini-office"),
            Reach,
        ),
        action(
            "act-drop",
            "Drop leaflets at the office building",
            "Jamie",
            (2, 2),
            ActionStatus::Done,
            major(350),
            Some("ini-office"),
            Reach,
        ),
        action(
            "act-collect-setup",
            "Set up click-and-collect on the website",
            "Rosa's nephew Alex",
            (2, 5),
            ActionStatus::Doing,
            major(600),
            Some("ini-collect"),
            Convert,
        ),
        action(
            "act-review-cards",
            "Print review-request cards for the counter",
            "Jamie",
            (3, 3),
            ActionStatus::Todo,
            major(30),
            Some("ini-reviews"),
            Engage,
        ),
        action(
            "act-gbp-photos",
            "Add fresh photos and afternoon hours to Google",
            "Rosa",
            (1, 2),
            ActionStatus::Done,
            Money::ZERO,
            None,
            Reach,
        ),
        action(
            "act-afternoon",
            "Trial an afternoon coffee-and-cake deal",
            "Counter team",
            (5, 9),
            ActionStatus::Todo,
            major(100),
            None,
            Convert,
        ),
        action(
            "act-kpi-check",
            "Monthly check of walk-ins, sales and reviews",
            "Rosa",
            (4, 13),
            ActionStatus::Todo,
            Money::ZERO,
            None,
            Engage,
        ),
    ];
    goals(
        plan,
        &[
            (Reach, "offline_contacts", 1_100.0),
            (Reach, "sessions", 4_500.0),
            (Act, "leads", 500.0),
            (Act, "lead_rate", 0.11),
            (Convert, "customers", 750.0),
            (Convert, "revenue", 21_000.0),
            (Convert, "aov", 15.0),
            (Engage, "repeat_purchase_rate", 0.60),
            (Engage, "nps", 70.0),
        ],
    );
}
