//! Reading CSV exports of marketing tools into a plan's actuals; pure, tested natively.
//!
//! [`read`] decodes a file's bytes ([`text`]), splits it into tables ([`table`]) and
//! recognises its source ([`SourceKind`]); [`ReadFile::preview`] shows the tables and
//! the suggested [`Mapping`]; [`ReadFile::bucket`] sums the mapped columns of every row
//! into periods, reporting the rows it cannot read; [`merge`] writes the values into a
//! plan's actuals.
//!
//! Nothing here touches the browser, threads or files: a web worker calls it with the
//! file's bytes. No function panics, whatever its input.

mod bucket;
mod commit;
mod source;
mod table;
mod text;
mod values;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::period::{format_date, Granularity, Period};

pub use commit::{merge, overlaps};
pub use table::{MAX_CELL_CHARS, MAX_COLUMNS};

/// The largest file read (bytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most rows read from one file; more are refused whole with a message.
pub const MAX_ROWS: usize = 1_000_000;
/// The most row problems kept with their line (the count goes on).
pub const MAX_PROBLEMS: usize = 200;

/// The tool a file comes from, recognised from its headers and preamble.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Ga4,
    UniversalAnalytics,
    SearchConsole,
    GoogleAds,
    MetaAds,
    Shopify,
    Other,
}

impl SourceKind {
    /// The name shown ("Google Analytics 4").
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Ga4 => "Google Analytics 4",
            SourceKind::UniversalAnalytics => "Universal Analytics",
            SourceKind::SearchConsole => "Search Console",
            SourceKind::GoogleAds => "Google Ads",
            SourceKind::MetaAds => "Meta Ads",
            SourceKind::Shopify => "Shopify orders",
            SourceKind::Other => "CSV file",
        }
    }
}

/// One table of a file, as shown in the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// "Dates", "Queries" (a one-table file's name), the GA4 `# <question>` title, a
    /// title line ("Campaign report"), or "Table 2".
    pub title: String,
    pub header: Vec<String>,
    /// Data rows (totals rows not counted).
    pub rows: usize,
    /// First 5 data rows, cells as in the file.
    pub sample: Vec<Vec<String>>,
    /// 1-based line of the header in the file.
    pub first_line: usize,
    /// "YYYY-MM-DD" from a preamble (GA4 `# Start date:`, UA `# 20150320-20150419`,
    /// Google Ads range line, Meta Reporting starts/ends).
    pub date_range: Option<(String, String)>,
}

/// How a table becomes actuals; suggested by [`ReadFile::suggest`], corrected by the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub table: usize,
    /// The column holding each row's date (or a GA4 "Nth day"/"Nth week" index counted
    /// from the table's start date); None: the whole table is one period (`period`).
    pub date_column: Option<usize>,
    /// For each column of the header: the raw measure id (one of RAW_MEASURES) it
    /// becomes, or None (ignored).
    pub columns: Vec<Option<String>>,
    /// Rows are summed into periods of this length.
    pub granularity: Granularity,
    /// The period for a table without a date column (suggested from its date range
    /// when that range lies in one period of `granularity`).
    pub period: Option<Period>,
    /// The touchpoint id every value belongs to; None for the whole plan.
    pub touchpoint: Option<String>,
}

impl Mapping {
    /// The same mapping summing into periods of `granularity`: a table without a date
    /// column covers the period of that length holding its whole date range, if one does.
    pub fn with_granularity(mut self, granularity: Granularity, table: &TableInfo) -> Mapping {
        if self.granularity == granularity {
            return self;
        }
        self.granularity = granularity;
        if self.date_column.is_none() {
            self.period = table.date_range.as_ref().and_then(|(from, to)| {
                let from = Period::of(crate::domain::period::parse_date(from).ok()?, granularity);
                let to = Period::of(crate::domain::period::parse_date(to).ok()?, granularity);
                (from == to).then_some(from)
            });
        }
        self
    }
}

/// What reading a file found: its source and tables (the parsed rows stay inside).
pub struct ReadFile {
    name: String,
    source: SourceKind,
    parsed: table::Parsed,
    notes: Vec<String>,
    /// The file's decimal mark, for columns whose own cells do not tell.
    mark: values::DecimalMark,
}

/// What the user sees before importing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub file: String,
    pub source: SourceKind,
    pub tables: Vec<TableInfo>,
    pub mapping: Mapping,
    /// E.g. "3 totals rows left out", "Read as UTF-16 text".
    pub notes: Vec<String>,
}

/// One period's value of one measure, summed from the file's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedValue {
    pub measure: String,
    pub period: Period,
    pub value: f64,
}

/// A row that could not be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowProblem {
    /// 1-based line in the file.
    pub line: usize,
    /// The whole sentence, line included: "Line 14: “abc” in Clicks is not a number".
    pub reason: String,
}

/// The values of a file, summed per measure and period.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Bucketed {
    /// Sorted by measure (RAW_MEASURES order) then period.
    pub values: Vec<ImportedValue>,
    /// Rows that gave at least one value.
    pub rows_read: usize,
    /// At most MAX_PROBLEMS, in line order.
    pub problems: Vec<RowProblem>,
    /// All of them.
    pub problem_count: usize,
}

/// Why a file could not be read at all, or a mapping cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Over [`MAX_FILE_BYTES`].
    TooLarge { file: String, bytes: usize },
    /// Binary content (NUL bytes without a UTF-16 byte order mark).
    NotText,
    /// Nothing but blank lines.
    Empty,
    /// No header row anywhere.
    NoTable,
    /// Over [`MAX_ROWS`] data rows.
    TooManyRows,
    /// The mapping's table does not exist.
    NoSuchTable(usize),
    /// No column is mapped to a measure.
    NothingMapped,
    /// A column is mapped to something that is not a raw measure.
    UnknownMeasure(String),
    /// The date column is past the table's last column.
    DateColumnOutOfRange(usize),
    /// No date column and no period chosen.
    NoPeriod,
}

fn megabytes(bytes: usize) -> String {
    // Rounded up to a tenth, so a file just over the limit does not read as the limit.
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil();
    if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { file, bytes } => write!(
                f,
                "“{file}” is {} MB and the limit is {} MB: nothing was imported.",
                megabytes(*bytes),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ImportError::NotText => f.write_str(
                "This file is not text (a spreadsheet or an image?): save it as CSV first.",
            ),
            ImportError::Empty => f.write_str("This file is empty: nothing was imported."),
            ImportError::NoTable => {
                f.write_str("No table with a header row was found in this file.")
            }
            ImportError::TooManyRows => write!(
                f,
                "This file has more than 1,000,000 rows: nothing was imported. Export a shorter period or fewer details (limit {MAX_ROWS} rows)."
            ),
            ImportError::NoSuchTable(t) => write!(f, "The file has no table {}.", t + 1),
            ImportError::NothingMapped => {
                f.write_str("Choose the measure at least one column holds: nothing is mapped.")
            }
            ImportError::UnknownMeasure(m) => write!(f, "“{m}” is not a measure that can be imported."),
            ImportError::DateColumnOutOfRange(c) => {
                write!(f, "The table has no column {} to read dates from.", c + 1)
            }
            ImportError::NoPeriod => f.write_str(
                "This table has no dates: choose the period it covers, or its date column.",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a file's bytes. `progress(done, total)` is called now and then (every ~64 KB
/// of input) so a worker can report progress; it is never called with done > total.
pub fn read(
    bytes: &[u8],
    name: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ReadFile, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: name.to_string(),
            bytes: bytes.len(),
        });
    }
    read_owned(bytes.to_vec(), name, progress)
}

/// [`read`] taking the bytes: a UTF-8 file's text is read in their buffer, not a copy.
pub fn read_owned(
    bytes: Vec<u8>,
    name: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ReadFile, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file: name.to_string(),
            bytes: bytes.len(),
        });
    }
    let total = bytes.len();
    let decoded = text::decode(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let text_len = decoded.text.len().max(1);
    // Progress in the file's bytes, scaled from the decoded text's.
    let mut scaled = |done: usize, _: usize| {
        let done = (done as u128 * total as u128 / text_len as u128) as usize;
        progress(done.min(total), total);
    };
    let parsed = table::parse(decoded.text, &mut scaled)?;
    if parsed.tables.is_empty() {
        return Err(ImportError::NoTable);
    }
    let mut notes = Vec::new();
    if let Some(n) = decoded.note {
        notes.push(n.to_string());
    }
    let totals: usize = parsed.tables.iter().map(|t| t.totals).sum();
    match totals {
        0 => {}
        1 => notes.push("1 totals row left out".to_string()),
        n => notes.push(format!("{n} totals rows left out")),
    }
    let source = source::recognize(&parsed);
    let mut file = ReadFile {
        name: name.to_string(),
        source,
        mark: bucket::file_mark(&parsed),
        parsed,
        notes,
    };
    if source == SourceKind::MetaAds {
        bucket::meta_ranges(&mut file.parsed);
    }
    Ok(file)
}

impl ReadFile {
    /// The tool the file comes from.
    pub fn source(&self) -> SourceKind {
        self.source
    }

    fn title(&self, i: usize) -> String {
        let t = &self.parsed.tables[i];
        if let Some(title) = &t.title {
            return title.clone();
        }
        if self.parsed.tables.len() == 1 {
            let base = self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name);
            let stem = base.rsplit_once('.').map_or(base, |(s, _)| s).trim();
            if !stem.is_empty() {
                return stem.to_string();
            }
        }
        format!("Table {}", i + 1)
    }

    fn table_info(&self, i: usize) -> TableInfo {
        let t = &self.parsed.tables[i];
        let rows = self.parsed.rows_of(t);
        TableInfo {
            title: self.title(i),
            header: t.header.clone(),
            rows: rows.len(),
            sample: rows
                .iter()
                .take(5)
                .map(|r| {
                    (0..usize::from(r.len))
                        .map(|c| self.parsed.cell(r, c).to_string())
                        .collect()
                })
                .collect(),
            first_line: t.first_line,
            date_range: t.date_range.map(|(s, e)| (format_date(s), format_date(e))),
        }
    }

    /// The table the preview opens on: one with a date column, mapped columns and
    /// rows before one with fewer of them; with its suggested mapping and notes.
    fn best_table(&self) -> (Mapping, Vec<String>) {
        let mut best: Option<(u8, Mapping, Vec<String>)> = None;
        for i in 0..self.parsed.tables.len() {
            let (m, notes) = source::suggest(&self.parsed, self.source, i);
            let rows = self.parsed.tables[i].rows.len();
            let mapped = m.columns.iter().any(Option::is_some);
            let score = match (m.date_column.is_some(), mapped, rows > 0) {
                (_, _, false) => 0,
                (true, true, true) => 4,
                (false, true, true) => 3,
                (true, false, true) => 2,
                (false, false, true) => 1,
            };
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, m, notes));
            }
        }
        match best {
            Some((_, m, notes)) => (m, notes),
            None => source::suggest(&self.parsed, self.source, 0),
        }
    }

    /// The file's tables, the suggested mapping of the best one and notes.
    pub fn preview(&self) -> Preview {
        let (mapping, more) = self.best_table();
        let mut notes = self.notes.clone();
        notes.extend(more);
        Preview {
            file: self.name.clone(),
            source: self.source,
            tables: (0..self.parsed.tables.len())
                .map(|i| self.table_info(i))
                .collect(),
            mapping,
            notes,
        }
    }

    /// The mapping suggested for a table.
    pub fn suggest(&self, table: usize) -> Mapping {
        source::suggest(&self.parsed, self.source, table).0
    }

    /// Sums the mapped columns of every row into periods. Rows are checked one by one:
    /// a row that cannot be read (a date or a number that does not parse) is a
    /// RowProblem with its 1-based line in the file and the reason ("Line 14: “abc” in
    /// Clicks is not a number"), and the rest imports. Totals rows are never counted.
    /// Err only for a mapping that makes no sense (no column mapped, date column out of
    /// range, no date column and no period).
    pub fn bucket(&self, mapping: &Mapping) -> Result<Bucketed, ImportError> {
        bucket::bucket(&self.parsed, self.source, self.mark, mapping)
    }
}

/// A GA4-like export of `rows` daily rows over 2023–2024, for tests and benchmarks:
/// `Date,Session source / medium,Sessions,Engaged sessions,Total users,Key events,Total revenue`.
/// Row `i` is day `i % 731` from 2023-01-01 with sessions `i % 100`, engaged sessions
/// `i % 50`, key events `i % 7` and revenue `(i % 1000) / 4`: sums are exact.
pub fn sample_ga4_export(rows: usize) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows * 200 + 400);
    out.push_str("# ----------------------------------------\r\n# Report CSV Export\r\n# Account: Example\r\n# Property: www.example.com - GA4\r\n# ----------------------------------------\r\n# \r\n# All Users\r\n# Start date: 20230101\r\n# End date: 20241231\r\n");
    out.push_str("Date,Session source / medium,Sessions,Engaged sessions,Total users,Key events,Total revenue\r\n");
    let start = crate::domain::period::date_from_ymd(2023, 1, 1);
    for i in 0..rows {
        let day = start.and_then(|d| crate::domain::period::add_days(d, (i % 731) as i64));
        let (y, m, d) = day.map_or((2023, 1, 1), |d| (d.year(), u8::from(d.month()), d.day()));
        let _ = write!(
            out,
            "{y:04}{m:02}{d:02},\"google / cpc, campaign {:05} spring sale of the year with a long name for the source medium dimension value padding padding\",{},{},{},{},{}\r\n",
            i % 997,
            i % 100,
            i % 50,
            i % 120,
            i % 7,
            (i % 1000) as f64 / 4.0
        );
    }
    out
}

#[cfg(test)]
mod mapping_tests {
    use super::*;

    fn table(range: Option<(&str, &str)>) -> TableInfo {
        TableInfo {
            title: "Queries".into(),
            header: vec!["Top queries".into(), "Clicks".into()],
            rows: 2,
            sample: Vec::new(),
            first_line: 1,
            date_range: range.map(|(a, b)| (a.into(), b.into())),
        }
    }

    #[test]
    fn a_new_granularity_finds_the_period_that_holds_the_whole_range() {
        let week = Mapping {
            table: 0,
            date_column: None,
            columns: vec![None, Some("clicks".into())],
            granularity: Granularity::Week,
            period: "2026-W10".parse().ok(),
            touchpoint: None,
        };
        let month = week.clone().with_granularity(
            Granularity::Month,
            &table(Some(("2026-03-02", "2026-03-08"))),
        );
        assert_eq!(month.granularity, Granularity::Month);
        assert_eq!(month.period, "2026-03".parse().ok());
        // A range across two months has no single month: the user chooses.
        let across = week.clone().with_granularity(
            Granularity::Month,
            &table(Some(("2026-02-27", "2026-03-04"))),
        );
        assert_eq!(across.period, None);
        // Dated rows keep no period of their own.
        let dated = Mapping {
            date_column: Some(0),
            period: None,
            ..week.clone()
        };
        assert_eq!(
            dated
                .with_granularity(Granularity::Month, &table(None))
                .period,
            None
        );
        assert_eq!(
            week.clone()
                .with_granularity(Granularity::Week, &table(None)),
            week
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages() {
        let e = ImportError::TooLarge {
            file: "x.csv".into(),
            bytes: 60 * 1024 * 1024,
        };
        assert_eq!(
            e.to_string(),
            "“x.csv” is 60 MB and the limit is 50 MB: nothing was imported."
        );
        assert!(
            read(&vec![b'a'; MAX_FILE_BYTES + 1], "big.csv", &mut |_, _| {})
                .err()
                .unwrap()
                .to_string()
                .starts_with("“big.csv” is 50.1 MB")
        );
        assert_eq!(SourceKind::Other.label(), "CSV file");
    }
}
