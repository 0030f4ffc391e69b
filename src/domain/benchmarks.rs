//! Benchmarks with their sources: typical values of the main stage rates, by sector
//! where the source gives one, to show beside the plan's own numbers ("your 1.9 %
//! conversion rate; Shopify stores: average 1.4 %, top 20 % above 3.2 % (Littledata,
//! 2023, about 2,800 stores)").
//!
//! One data-only table, [`BENCHMARKS`]. A figure is in it only when a public page states
//! it together with its source, sample and date; each row keeps the sentence that states
//! it and the page's address ([`Evidence`]). Rates are fractions (0.014 is 1.4 %); costs
//! are in major units of the row's currency. The table is grouped by KPI id, so that
//! [`for_kpi`] returns one slice.
//!
//! Two measures are not in the KPI catalogue: email open and click rates
//! ([`EXTRA_MEASURES`]).

use serde::Serialize;

use super::kpi;

/// A measure benchmarked here that the KPI catalogue does not have.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExtraMeasure {
    /// Its id, used in [`Benchmark::kpi`].
    pub id: &'static str,
    /// Its name as shown.
    pub name: &'static str,
    /// True when a higher value is better.
    pub higher_is_better: bool,
}

/// Email open and click rates, benchmarked but not (yet) in the KPI catalogue.
pub const EXTRA_MEASURES: [ExtraMeasure; 2] = [
    ExtraMeasure {
        id: "email_open_rate",
        name: "Email open rate",
        higher_is_better: true,
    },
    ExtraMeasure {
        id: "email_click_rate",
        name: "Email click rate",
        higher_is_better: true,
    },
];

/// The threshold of a top share: "the top 20 % of stores are above 3.2 %".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TopShare {
    /// The share of the sample (0.2 for the top 20 %).
    pub share: f64,
    /// The value from which that share begins.
    pub from: f64,
}

/// Where a figure was read: the page's address and the sentence (or table row) on it
/// that states the figure, as written there.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// The page's address.
    pub url: &'static str,
    /// The words on the page.
    pub quote: &'static str,
}

/// One benchmark: a typical value of a KPI for a sector, from a named public source.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Benchmark {
    /// KPI id from the catalogue (`kpi::find`) or an [`EXTRA_MEASURES`] id.
    pub kpi: &'static str,
    /// Exactly what the source measures, in words.
    pub measure: &'static str,
    /// The sector, or "All industries".
    pub sector: &'static str,
    /// The average the source gives.
    pub average: Option<f64>,
    /// Where the best shares of the sample begin, best-covering first (top 20 % before
    /// top 10 %); empty when not given.
    pub top: &'static [TopShare],
    /// A typical range (low, high) when the source gives one instead.
    pub range: Option<(f64, f64)>,
    /// ISO 4217 code for money figures; `None` for rates.
    pub currency: Option<&'static str>,
    /// Who published it, and the report's name.
    pub source: &'static str,
    /// The source's address (the first [`Evidence`] page).
    pub url: &'static str,
    /// What the figures were computed from.
    pub sample: &'static str,
    /// When the data was collected or published.
    pub date: &'static str,
    /// The sentences that state the figures, sample and date, with their pages.
    pub evidence: &'static [Evidence],
}

const LITTLEDATA_URL: &str =
    "https://www.usestorepilot.com/blog/shopify-conversion-rate-benchmarks-2026/";
const LITTLEDATA_SAMPLE_URL: &str =
    "https://instasupport.io/benchmarks/shopify-conversion-rate-benchmarks";
const WORDSTREAM_2026_URL: &str = "https://www.prismnews.com/topics/agency-seo-growth/wordstream-report-shows-google-ads-ctr-rises-to-664-across";
const WORDSTREAM_2026_QUOTE: &str = "Across more than 13,000 U.S.-based Google Ads and Microsoft Ads campaigns run from April 2025 through March 2026, the 10th edition of the study put the overall click-through rate at 6.64%, with average cost per click at $5.42, conversion rate at 8.18%, and cost per lead at $66.69.";
const WORDSTREAM_2024_SECTORS_URL: &str =
    "https://www.3pdigital.com.au/blog/google-ads-benchmarks-2024-industry-insights";
const WORDSTREAM_2024_TABLE_URL: &str = "https://www.blogarama.com/tools-blogs/256999-digital-information-world-blog/58639083-understanding-trends-search-advertising-conversion-rates-costs";
const WORDSTREAM_2024_SAMPLE_URL: &str =
    "https://onlinesalesguidetip.com/cost-per-lead-increased-for-19-of-23-industries";
const WORDSTREAM_2024_SAMPLE_QUOTE: &str = "The study analyzed more than 17,000 campaigns running from April 2023 through March 2024 to create the latest version of its search advertising benchmarks report to give marketers insight into how businesses perform on Google Ads and Microsoft Ads.";
const WORDSTREAM_2024_SAMPLE: &str =
    "more than 17,000 search ad campaigns on Google Ads and Microsoft Ads";
const WORDSTREAM_2024_DATE: &str = "April 2023 – March 2024";
const MAILCHIMP_2019_URL: &str = "https://mailchimp.com/resources/email-marketing-benchmarks/?utm_campaign=MPN&utm_source=MPN0720&utm_medium=email";
const MAILCHIMP_MIN_LIST_QUOTE: &str =
    "We only tracked campaigns that went to at least 1,000 subscribers";
const MAILCHIMP_2019_DATE_QUOTE: &str = "The data provided on this page was last updated in October 2019 and may vary from benchmarking data provided within the Mailchimp application.";
const MAILCHIMP_2019_SOURCE: &str = "Mailchimp, Email Marketing Benchmarks by Industry";
const MAILCHIMP_2019_SAMPLE: &str =
    "billions of emails from Mailchimp users' campaigns sent to at least 1,000 subscribers";
const MAILCHIMP_2018_URL: &str =
    "https://mailchimp.com/resources/research/email-marketing-benchmarks/?_sm_au_=iVVvf872MD3SMnvr";

const MAILCHIMP_2018_SAMPLE_QUOTE: &str = "So we scanned hundreds of millions of emails delivered by our system (where campaign tracking was activated, and where users reported their industry) and calculated the average unique open rates, click rates, soft bounces, hard bounces, and abuse complaint rate by industry.";

const CTR_2024_TOP: &str = "Top Performers:\nArts and Entertainment (13.04%), Sports and Recreation (9.66%), Real Estate (9.20%).";
const CTR_2024_LOW: &str = "Lowest CTRs:\nAttorneys and Legal Services (5.30%), Home and Home Improvement (5.59%), Dentists and Dental Services (5.38%).";
const CPL_2024_TABLE: &str = "Business CategoryAverage Click Through RateAverage Cost Per ClickAverage Conversion RateAverage Cost Per Lead\nAnimals & Pets7%$3.9012.03%$34.81\nApparel / Fashion & Jewelry6%$3.393.33%$83.10\nArts & Entertainment13%$1.724.22%$44.70\nAttorneys & Legal Services5%$8.945.64%$144.03\nAutomotive — For Sale9%$2.346.49%$42.95";
const MAILCHIMP_2019_TABLE: &str = "IndustryAverage Open RateAverage Click RateHard BounceSoft BounceUnsubscribe Rate\nAll non-labeled accounts22.71%2.91%0.40%0.61%0.25%\nAgriculture and Food Services23.31%2.94%0.32%0.50%0.28%\nArchitecture and Construction22.51%2.51%0.73%1.18%0.32%\nArts and Artists26.27%2.95%0.30%0.51%0.28%\nBeauty and Personal Care16.65%1.92%0.26%0.33%0.30%";
const MAILCHIMP_2018_ROW: &str = "Updated March 2018\n\nIndustry Open Rate Click Rate Soft Bounce Hard Bounce Abuse Rate Unsubscribe Rate\n[…]\necommerce 15.66% 2.07%";

/// The 2024 search-ad evidence for a sector: its quote, then the sample.
macro_rules! wordstream_2024 {
    ($url:expr, $quote:expr) => {
        &[
            Evidence {
                url: $url,
                quote: $quote,
            },
            Evidence {
                url: WORDSTREAM_2024_SAMPLE_URL,
                quote: WORDSTREAM_2024_SAMPLE_QUOTE,
            },
        ]
    };
}

/// A row of the 2024 WordStream search-ad report for one sector.
macro_rules! wordstream_2024_row {
    (ctr, $sector:literal, $avg:expr, $quote:expr) => {
        Benchmark {
            kpi: "ctr",
            measure: "Click-through rate of search ads (Google Ads and Microsoft Ads)",
            sector: $sector,
            average: Some($avg),
            top: &[],
            range: None,
            currency: None,
            source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (as republished by 3P Digital)",
            url: WORDSTREAM_2024_SECTORS_URL,
            sample: WORDSTREAM_2024_SAMPLE,
            date: WORDSTREAM_2024_DATE,
            evidence: wordstream_2024!(WORDSTREAM_2024_SECTORS_URL, $quote),
        }
    };
    (cpl, $sector:literal, $avg:expr) => {
        Benchmark {
            kpi: "cpl",
            measure: "Cost per lead of search ads (Google Ads and Microsoft Ads)",
            sector: $sector,
            average: Some($avg),
            top: &[],
            range: None,
            currency: Some("USD"),
            source: "WordStream by LocaliQ, Search Advertising Benchmarks 2024 (as republished by Digital Information World)",
            url: WORDSTREAM_2024_TABLE_URL,
            sample: WORDSTREAM_2024_SAMPLE,
            date: WORDSTREAM_2024_DATE,
            evidence: wordstream_2024!(WORDSTREAM_2024_TABLE_URL, CPL_2024_TABLE),
        }
    };
}

/// A row of Mailchimp's October 2019 table for one industry.
macro_rules! mailchimp_2019_row {
    ($kpi:literal, $measure:expr, $sector:literal, $avg:expr) => {
        Benchmark {
            kpi: $kpi,
            measure: $measure,
            sector: $sector,
            average: Some($avg),
            top: &[],
            range: None,
            currency: None,
            source: MAILCHIMP_2019_SOURCE,
            url: MAILCHIMP_2019_URL,
            sample: MAILCHIMP_2019_SAMPLE,
            date: "October 2019",
            evidence: &[
                Evidence {
                    url: MAILCHIMP_2019_URL,
                    quote: MAILCHIMP_2019_TABLE,
                },
                Evidence {
                    url: MAILCHIMP_2019_URL,
                    quote: MAILCHIMP_MIN_LIST_QUOTE,
                },
                Evidence {
                    url: MAILCHIMP_2019_URL,
                    quote: MAILCHIMP_2019_DATE_QUOTE,
                },
            ],
        }
    };
}

const OPEN: &str = "Average unique open rate of email campaigns";
const CLICK: &str = "Average unique click rate of email campaigns (clicks per email delivered)";

/// Every benchmark, grouped by KPI id.
pub static BENCHMARKS: [Benchmark; 24] = [
    // --- Reach: click-through rate of search ads.
    Benchmark {
        kpi: "ctr",
        measure: "Click-through rate of search ads (Google Ads and Microsoft Ads)",
        sector: "All industries",
        average: Some(0.0664),
        top: &[],
        range: None,
        currency: None,
        source: "WordStream by LocaliQ, Google Ads benchmarks, 10th edition",
        url: WORDSTREAM_2026_URL,
        sample: "more than 13,000 US search ad campaigns on Google Ads and Microsoft Ads",
        date: "April 2025 – March 2026",
        evidence: &[Evidence {
            url: WORDSTREAM_2026_URL,
            quote: WORDSTREAM_2026_QUOTE,
        }],
    },
    Benchmark {
        kpi: "ctr",
        measure: "Click-through rate of search ads (Google Ads and Microsoft Ads)",
        sector: "Arts & Entertainment",
        average: Some(0.1275),
        top: &[],
        range: None,
        currency: None,
        source: "WordStream by LocaliQ, Google Ads benchmarks, 10th edition",
        url: WORDSTREAM_2026_URL,
        sample: "more than 13,000 US search ad campaigns on Google Ads and Microsoft Ads",
        date: "April 2025 – March 2026",
        evidence: &[
            Evidence {
                url: WORDSTREAM_2026_URL,
                quote: "Arts and Entertainment posted the strongest CTR in the set at 12.75%, even though it slipped slightly year over year, while other categories faced a very different cost structure.",
            },
            Evidence {
                url: WORDSTREAM_2026_URL,
                quote: WORDSTREAM_2026_QUOTE,
            },
        ],
    },
    wordstream_2024_row!(ctr, "Sports & Recreation", 0.0966, CTR_2024_TOP),
    wordstream_2024_row!(ctr, "Real Estate", 0.0920, CTR_2024_TOP),
    wordstream_2024_row!(ctr, "Home & Home Improvement", 0.0559, CTR_2024_LOW),
    wordstream_2024_row!(ctr, "Dentists & Dental Services", 0.0538, CTR_2024_LOW),
    wordstream_2024_row!(ctr, "Attorneys & Legal Services", 0.0530, CTR_2024_LOW),
    // --- Act: cost per lead of search ads.
    Benchmark {
        kpi: "cpl",
        measure: "Cost per lead of search ads (Google Ads and Microsoft Ads)",
        sector: "All industries",
        average: Some(66.69),
        top: &[],
        range: None,
        currency: Some("USD"),
        source: "WordStream by LocaliQ, Google Ads benchmarks, 10th edition",
        url: WORDSTREAM_2026_URL,
        sample: "more than 13,000 US search ad campaigns on Google Ads and Microsoft Ads",
        date: "April 2025 – March 2026",
        evidence: &[Evidence {
            url: WORDSTREAM_2026_URL,
            quote: WORDSTREAM_2026_QUOTE,
        }],
    },
    wordstream_2024_row!(cpl, "Animals & Pets", 34.81),
    wordstream_2024_row!(cpl, "Automotive — For Sale", 42.95),
    wordstream_2024_row!(cpl, "Arts & Entertainment", 44.70),
    wordstream_2024_row!(cpl, "Apparel / Fashion & Jewelry", 83.10),
    wordstream_2024_row!(cpl, "Attorneys & Legal Services", 144.03),
    // --- Convert: session → order rate of online stores.
    Benchmark {
        kpi: "conversion_rate",
        measure: "Orders ÷ sessions of Shopify stores",
        sector: "Shopify stores, all sectors",
        average: Some(0.014),
        top: &[
            TopShare {
                share: 0.2,
                from: 0.032,
            },
            TopShare {
                share: 0.1,
                from: 0.047,
            },
        ],
        range: None,
        currency: None,
        source: "Littledata, Shopify conversion rate benchmarks",
        url: LITTLEDATA_URL,
        sample: "about 2,800 Shopify stores",
        date: "2023",
        evidence: &[
            Evidence {
                url: LITTLEDATA_URL,
                quote: "The answer The average Shopify conversion rate is 1.4%. The top 20% of stores clear 3.2% and the top 10% clear 4.7% (Littledata, roughly 2,800 Shopify stores, 2023 data, labeled an average, not a median).",
            },
            Evidence {
                url: LITTLEDATA_SAMPLE_URL,
                quote: "Treat Littledata's published Shopify benchmarks as directional, because the published sample is 2,800 Shopify sites benchmarked in 2023, not a census of every Shopify store.",
            },
        ],
    },
    // --- Email open and click rates (not in the KPI catalogue).
    mailchimp_2019_row!("email_open_rate", OPEN, "All industries (accounts that gave no industry)", 0.2271),
    mailchimp_2019_row!("email_open_rate", OPEN, "Agriculture and Food Services", 0.2331),
    mailchimp_2019_row!("email_open_rate", OPEN, "Arts and Artists", 0.2627),
    mailchimp_2019_row!("email_open_rate", OPEN, "Beauty and Personal Care", 0.1665),
    Benchmark {
        kpi: "email_open_rate",
        measure: OPEN,
        sector: "E-commerce",
        average: Some(0.1566),
        top: &[],
        range: None,
        currency: None,
        source: "Mailchimp, Average Email Campaign Stats of MailChimp Customers by Industry",
        url: MAILCHIMP_2018_URL,
        sample: "hundreds of millions of emails from Mailchimp users' campaigns sent to at least 1,000 subscribers",
        date: "March 2018",
        evidence: &[
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_2018_ROW,
            },
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_2018_SAMPLE_QUOTE,
            },
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_MIN_LIST_QUOTE,
            },
        ],
    },
    mailchimp_2019_row!("email_click_rate", CLICK, "All industries (accounts that gave no industry)", 0.0291),
    mailchimp_2019_row!("email_click_rate", CLICK, "Agriculture and Food Services", 0.0294),
    mailchimp_2019_row!("email_click_rate", CLICK, "Arts and Artists", 0.0295),
    mailchimp_2019_row!("email_click_rate", CLICK, "Beauty and Personal Care", 0.0192),
    Benchmark {
        kpi: "email_click_rate",
        measure: CLICK,
        sector: "E-commerce",
        average: Some(0.0207),
        top: &[],
        range: None,
        currency: None,
        source: "Mailchimp, Average Email Campaign Stats of MailChimp Customers by Industry",
        url: MAILCHIMP_2018_URL,
        sample: "hundreds of millions of emails from Mailchimp users' campaigns sent to at least 1,000 subscribers",
        date: "March 2018",
        evidence: &[
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_2018_ROW,
            },
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_2018_SAMPLE_QUOTE,
            },
            Evidence {
                url: MAILCHIMP_2018_URL,
                quote: MAILCHIMP_MIN_LIST_QUOTE,
            },
        ],
    },
];

/// The benchmarks of one KPI (or [`EXTRA_MEASURES`] id); empty when there are none.
pub fn for_kpi(kpi_id: &str) -> &'static [Benchmark] {
    let Some(first) = BENCHMARKS.iter().position(|b| b.kpi == kpi_id) else {
        return &[];
    };
    let count = BENCHMARKS[first..]
        .iter()
        .take_while(|b| b.kpi == kpi_id)
        .count();
    &BENCHMARKS[first..first + count]
}

/// The name of a benchmarked measure: the catalogue's KPI name or the extra measure's.
pub fn measure_name(kpi_id: &str) -> Option<&'static str> {
    kpi::find(kpi_id).map(|d| d.name).or_else(|| {
        EXTRA_MEASURES
            .iter()
            .find(|m| m.id == kpi_id)
            .map(|m| m.name)
    })
}

/// True when a higher value of the measure is better (`None` for an unknown id).
pub fn higher_is_better(kpi_id: &str) -> Option<bool> {
    kpi::find(kpi_id).map(|d| d.higher_is_better).or_else(|| {
        EXTRA_MEASURES
            .iter()
            .find(|m| m.id == kpi_id)
            .map(|m| m.higher_is_better)
    })
}

/// How close to an average-only benchmark a value must be to count as "within" it:
/// 10 % either side.
pub const AVERAGE_BAND: f64 = 0.10;

/// Where a value sits against a benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Position {
    /// Below the range; below the average when the source gives top shares; more than
    /// [`AVERAGE_BAND`] below an average given alone.
    Below,
    /// Inside the range; from the average up to where the best share begins; within
    /// [`AVERAGE_BAND`] of an average given alone.
    Within,
    /// Above the range; in the best share; more than [`AVERAGE_BAND`] above an average
    /// given alone.
    Above,
}

/// A user's value placed against a benchmark, as data for a sentence such as "your
/// 1.9 %; Shopify stores: average 1.4 %, top 20 % above 3.2 %".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The value compared.
    pub value: f64,
    /// Where it sits.
    pub position: Position,
    /// value ÷ the benchmark's average, when it has one above 0.
    pub ratio_to_average: Option<f64>,
    /// The smallest top share the value reaches (0.1 for "in the top 10 %"), if any.
    pub top_share: Option<f64>,
    /// True when the position is the good side for this KPI (above for rates, below for
    /// costs), false for the bad side, `None` when within.
    pub favourable: Option<bool>,
}

/// Places `value` against a benchmark. The top shares are read as the better side
/// (higher values). `None` for a value that is not finite or a benchmark with neither
/// an average nor a range.
pub fn compare(benchmark: &Benchmark, value: f64) -> Option<Comparison> {
    if !value.is_finite() {
        return None;
    }
    let ratio_to_average = benchmark
        .average
        .filter(|a| a.is_finite() && *a > 0.0)
        .map(|a| value / a)
        .filter(|r| r.is_finite());
    let top_share = benchmark
        .top
        .iter()
        .filter(|t| value >= t.from)
        .map(|t| t.share)
        .fold(None, |best: Option<f64>, s| {
            Some(best.map_or(s, |b| b.min(s)))
        });
    let position = if let Some((low, high)) = benchmark.range {
        if value < low {
            Position::Below
        } else if value > high {
            Position::Above
        } else {
            Position::Within
        }
    } else {
        let average = benchmark.average.filter(|a| a.is_finite())?;
        if !benchmark.top.is_empty() {
            if value < average {
                Position::Below
            } else if top_share.is_some() {
                Position::Above
            } else {
                Position::Within
            }
        } else if value < average * (1.0 - AVERAGE_BAND) {
            Position::Below
        } else if value > average * (1.0 + AVERAGE_BAND) {
            Position::Above
        } else {
            Position::Within
        }
    };
    let favourable = higher_is_better(benchmark.kpi).and_then(|hib| match position {
        Position::Within => None,
        Position::Above => Some(hib),
        Position::Below => Some(!hib),
    });
    Some(Comparison {
        value,
        position,
        ratio_to_average,
        top_share,
        favourable,
    })
}
