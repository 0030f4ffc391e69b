//! Summing a table's mapped columns into periods.
//!
//! One pass over the rows with no allocation per row: cells are read in place, numbers
//! parsed from their text, each row's period found once (the last one is remembered,
//! as exports list days in order).
//!
//! Shopify orders take their own path: one row per line item, so orders are counted
//! once per order `Name`, revenue taken once per order (its first filled `Total`),
//! customers counted once per e-mail and period, and repeat customers are those whose
//! e-mail ordered on an earlier day in the file.

use std::collections::{HashMap, HashSet};

use super::source::{date_kind, norm, row_date, DateKind, LazyOrder};
use super::table::{Flaw, Parsed, Row, Table, MAX_CELL_CHARS, MAX_COLUMNS};
use super::values::{self, mark_from, vote, DecimalMark, Num, When};
use super::{Bucketed, ImportError, ImportedValue, Mapping, RowProblem, SourceKind, MAX_PROBLEMS};
use crate::domain::measure::RAW_MEASURES;
use crate::domain::period::{Date, Granularity, Period};

const N: usize = RAW_MEASURES.len();

/// The file's decimal mark from the first rows of every table.
pub(crate) fn file_mark(parsed: &Parsed) -> DecimalMark {
    let mut votes = (0, 0);
    for t in &parsed.tables {
        for r in parsed.rows_of(t).iter().take(2000) {
            for c in 0..usize::from(r.len) {
                let (d, k) = vote(parsed.cell(r, c));
                votes.0 += d;
                votes.1 += k;
            }
        }
    }
    mark_from(votes, DecimalMark::Unknown)
}

/// Meta tables: the date range from the `Reporting starts`/`Reporting ends` columns.
pub(crate) fn meta_ranges(parsed: &mut Parsed) {
    let mut ranges = Vec::new();
    for t in &parsed.tables {
        let find = |name: &str| t.header.iter().position(|h| norm(h) == name);
        let (Some(s), Some(e)) = (find("reporting starts"), find("reporting ends")) else {
            ranges.push(None);
            continue;
        };
        let (mut min, mut max): (Option<Date>, Option<Date>) = (None, None);
        for r in parsed.rows_of(t) {
            if let Some(When::Day(d)) = values::date(parsed.cell(r, s), None) {
                min = Some(min.map_or(d, |m| m.min(d)));
            }
            if let Some(When::Day(d)) = values::date(parsed.cell(r, e), None) {
                max = Some(max.map_or(d, |m| m.max(d)));
            }
        }
        ranges.push(match (min, max) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        });
    }
    for (t, r) in parsed.tables.iter_mut().zip(ranges) {
        if t.date_range.is_none() {
            t.date_range = r;
        }
    }
}

/// Sums per period and measure.
struct Acc {
    slots: Vec<(Period, [f64; N], u32)>,
    index: HashMap<Period, usize>,
    last: Option<(Period, usize)>,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            slots: Vec::new(),
            index: HashMap::new(),
            last: None,
        }
    }

    /// The slot of a period's sums, made when new.
    fn slot(&mut self, period: Period) -> usize {
        match self.last {
            Some((p, i)) if p == period => i,
            _ => {
                let next = self.slots.len();
                let i = *self.index.entry(period).or_insert(next);
                if i == next {
                    self.slots.push((period, [0.0; N], 0));
                }
                self.last = Some((period, i));
                i
            }
        }
    }

    fn add(&mut self, period: Period, measure: usize, value: f64) {
        let slot = self.slot(period);
        self.add_to(slot, measure, value);
    }

    fn add_to(&mut self, slot: usize, measure: usize, value: f64) {
        if let Some(s) = self.slots.get_mut(slot) {
            s.1[measure] += value;
            s.2 |= 1 << measure;
        }
    }

    fn values(mut self) -> Vec<ImportedValue> {
        self.slots.sort_by_key(|s| s.0);
        let mut out = Vec::new();
        for (m, id) in RAW_MEASURES.iter().enumerate() {
            for (p, sums, mask) in &self.slots {
                if mask & (1 << m) != 0 {
                    out.push(ImportedValue {
                        measure: (*id).to_string(),
                        period: *p,
                        value: sums[m],
                    });
                }
            }
        }
        out
    }
}

/// Collects problems: the first [`MAX_PROBLEMS`] with their reason, all counted.
struct Problems {
    list: Vec<RowProblem>,
    count: usize,
}

impl Problems {
    fn new() -> Problems {
        Problems {
            list: Vec::new(),
            count: 0,
        }
    }

    fn add(&mut self, line: u32, reason: impl FnOnce() -> String) {
        self.count += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(RowProblem {
                line: line as usize,
                reason: format!("Line {line}: {}", reason()),
            });
        }
    }
}

/// A cell as quoted in a message: trimmed and cut at 40 characters.
fn shown(cell: &str) -> String {
    let t = cell.trim();
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

fn flaw_reason(flaw: Flaw) -> String {
    match flaw {
        Flaw::TooManyColumns => format!("more than {MAX_COLUMNS} cells"),
        Flaw::CellTooLong => format!("a cell longer than {MAX_CELL_CHARS} characters"),
        Flaw::None => String::new(),
    }
}

/// Reads a number cell for a measure; Err is the reason.
fn amount(cell: &str, mark: DecimalMark, header: &str) -> Result<Option<f64>, String> {
    amount_of(values::number(cell, mark), cell, header)
}

/// [`amount`] of a cell already read as a number.
fn amount_of(number: Num, cell: &str, header: &str) -> Result<Option<f64>, String> {
    match number {
        Num::Empty => Ok(None),
        Num::Value(v) if v < 0.0 => Err(format!(
            "“{}” in {header} is negative (counts and amounts cannot be)",
            shown(cell)
        )),
        Num::Value(v) => Ok(Some(v)),
        Num::Percent => Err(format!(
            "“{}” in {header} is a rate, not a count or an amount",
            shown(cell)
        )),
        Num::Bad => Err(format!("“{}” in {header} is not a number", shown(cell))),
    }
}

/// How a table's rows find their period.
struct Dating<'a> {
    parsed: &'a Parsed,
    table: &'a Table,
    column: Option<usize>,
    kind: DateKind,
    order: LazyOrder,
    granularity: Granularity,
    fixed: Option<Period>,
    last: Option<(Date, Period)>,
    /// The last cell read into a period, and that period (rows of one day often follow
    /// each other).
    last_cell: Option<(&'a str, Period)>,
}

impl<'a> Dating<'a> {
    fn period(&mut self, row: &Row) -> Result<Option<Period>, String> {
        let Some(c) = self.column else {
            return Ok(self.fixed);
        };
        let cell = self.parsed.cell(row, c);
        if let Some((last, p)) = self.last_cell {
            if last == cell {
                return Ok(Some(p));
            }
        }
        let period = self.read_period(c, cell);
        if let Ok(Some(p)) = period {
            self.last_cell = Some((cell, p));
        }
        period
    }

    fn read_period(&mut self, c: usize, cell: &'a str) -> Result<Option<Period>, String> {
        if cell.trim().is_empty() {
            return Ok(None);
        }
        let header = &self.table.header[c];
        let order = self.order.for_cell(self.parsed, self.table, cell);
        match row_date(self.parsed, self.table, self.kind, cell, order) {
            None if self.kind != DateKind::Dates && self.table.date_range.is_none() => {
                Err(format!(
                    "“{}” in {header} counts from a start date the file does not give",
                    shown(cell)
                ))
            }
            None => Err(format!("“{}” in {header} is not a date", shown(cell))),
            Some(w) if !(2000..=2100).contains(&w.year()) => Err(format!(
                "“{}” in {header} is outside the years 2000–2100",
                shown(cell)
            )),
            Some(When::Month(y, m)) => match self.granularity {
                Granularity::Month => Ok(Period::month(y, m)),
                Granularity::Week => Err(format!(
                    "“{}” in {header} is a whole month: import it by month",
                    shown(cell)
                )),
            },
            Some(When::Day(d)) => {
                if let Some((ld, lp)) = self.last {
                    if ld == d {
                        return Ok(Some(lp));
                    }
                }
                let p = Period::of(d, self.granularity);
                self.last = Some((d, p));
                Ok(Some(p))
            }
        }
    }
}

/// Sums a table's rows as a mapping says (see [`super::ReadFile::bucket`]).
pub(crate) fn bucket(
    parsed: &Parsed,
    source: SourceKind,
    file_mark: DecimalMark,
    mapping: &Mapping,
) -> Result<Bucketed, ImportError> {
    let table = parsed
        .tables
        .get(mapping.table)
        .ok_or(ImportError::NoSuchTable(mapping.table))?;
    let ncols = table.header.len();
    if let Some(c) = mapping.date_column {
        if c >= ncols {
            return Err(ImportError::DateColumnOutOfRange(c));
        }
    }
    let mut mapped: Vec<(usize, usize)> = Vec::new();
    for (c, m) in mapping.columns.iter().enumerate() {
        let Some(m) = m else { continue };
        let mi = RAW_MEASURES
            .iter()
            .position(|r| r == m)
            .ok_or_else(|| ImportError::UnknownMeasure(m.clone()))?;
        if c < ncols && Some(c) != mapping.date_column {
            mapped.push((c, mi));
        }
    }
    if mapped.is_empty() {
        return Err(ImportError::NothingMapped);
    }
    if mapping.date_column.is_none() && mapping.period.is_none() {
        return Err(ImportError::NoPeriod);
    }
    let dating = || Dating {
        parsed,
        table,
        column: mapping.date_column,
        kind: mapping
            .date_column
            .map_or(DateKind::Dates, |c| date_kind(&table.header[c])),
        order: LazyOrder::new(mapping.date_column.unwrap_or(0)),
        granularity: mapping.granularity,
        fixed: mapping.period,
        last: None,
        last_cell: None,
    };
    // Meta rows dated by `Reporting starts` must end in the same period.
    let ends = match (source, mapping.date_column) {
        (SourceKind::MetaAds, Some(c)) if norm(&table.header[c]) == "reporting starts" => table
            .header
            .iter()
            .position(|h| norm(h) == "reporting ends"),
        _ => None,
    };
    let (acc, rows_read, problems) = if source == SourceKind::Shopify {
        let votes = column_votes(parsed, parsed.rows_of(table), &mapped);
        let marks: Vec<DecimalMark> = votes.iter().map(|&v| mark_from(v, file_mark)).collect();
        let mut problems = Problems::new();
        let (acc, rows_read) = shopify(parsed, table, &mapped, &marks, dating(), &mut problems);
        (acc, rows_read, problems)
    } else {
        // Each column's mark comes from the votes of all its cells; the rows are summed
        // with the mark its first rows vote for while the votes are counted, in the same
        // pass, and again in the rare case that all its cells vote otherwise.
        let rows = parsed.rows_of(table);
        let guess: Vec<DecimalMark> =
            column_votes(parsed, rows.get(..GUESS_ROWS).unwrap_or(rows), &mapped)
                .iter()
                .map(|&v| mark_from(v, file_mark))
                .collect();
        let mut votes = vec![(0, 0); mapped.len()];
        let first = plain(
            parsed,
            table,
            &mapped,
            &guess,
            dating(),
            ends,
            Some(&mut votes),
        );
        let marks: Vec<DecimalMark> = votes.iter().map(|&v| mark_from(v, file_mark)).collect();
        if marks == guess {
            first
        } else {
            plain(parsed, table, &mapped, &marks, dating(), ends, None)
        }
    };
    Ok(Bucketed {
        values: acc.values(),
        rows_read,
        problems: problems.list,
        problem_count: problems.count,
    })
}

/// The rows whose votes guess a column's decimal mark before all its cells are read.
const GUESS_ROWS: usize = 2000;

/// The decimal-mark votes of each mapped column's cells in these rows.
fn column_votes(parsed: &Parsed, rows: &[Row], mapped: &[(usize, usize)]) -> Vec<(u32, u32)> {
    // Row by row, so each row's text is fetched once for all its columns.
    let mut votes = vec![(0, 0); mapped.len()];
    for r in rows {
        for (v, &(c, _)) in votes.iter_mut().zip(mapped) {
            let (d, k) = vote(parsed.cell(r, c));
            v.0 += d;
            v.1 += k;
        }
    }
    votes
}

/// Rows are summed in blocks of this many: a browser runs a WebAssembly function with
/// its quickly made baseline code until it has optimised it, and then uses the
/// optimised code from the next call on, so the first file read is not summed
/// with the baseline code throughout.
const ROW_BLOCK: usize = 4096;

/// Sums the rows of a table (not Shopify's) with each column's mark; `votes`, when
/// given, counts the votes of every mapped cell (see [`column_votes`]).
fn plain(
    parsed: &Parsed,
    table: &Table,
    mapped: &[(usize, usize)],
    marks: &[DecimalMark],
    dating: Dating,
    ends: Option<usize>,
    votes: Option<&mut [(u32, u32)]>,
) -> (Acc, usize, Problems) {
    let mut sums = Sums {
        parsed,
        table,
        mapped,
        marks,
        dating,
        ends,
        votes,
        acc: Acc::new(),
        problems: Problems::new(),
        rows_read: 0,
        row_values: vec![None; mapped.len()],
    };
    for block in parsed.rows_of(table).chunks(ROW_BLOCK) {
        sums.rows(block);
    }
    (sums.acc, sums.rows_read, sums.problems)
}

/// What [`plain`] sums with and into.
struct Sums<'a, 'v> {
    parsed: &'a Parsed,
    table: &'a Table,
    mapped: &'a [(usize, usize)],
    marks: &'a [DecimalMark],
    dating: Dating<'a>,
    ends: Option<usize>,
    votes: Option<&'v mut [(u32, u32)]>,
    acc: Acc,
    problems: Problems,
    rows_read: usize,
    /// The values of the row being read.
    row_values: Vec<Option<f64>>,
}

impl Sums<'_, '_> {
    /// Adds a block of rows.
    #[inline(never)]
    fn rows(&mut self, rows: &[Row]) {
        let Sums {
            parsed,
            table,
            mapped,
            marks,
            dating,
            ends,
            votes,
            acc,
            problems,
            rows_read,
            row_values,
        } = self;
        let (parsed, table, mapped, marks, ends) = (*parsed, *table, *mapped, *marks, *ends);
        for row in rows {
            // Every cell votes; the first that is not an amount makes the row a problem.
            let mut any = false;
            let mut bad = None;
            for (k, &(c, _)) in mapped.iter().enumerate() {
                let cell = parsed.cell(row, c);
                let number = match votes.as_deref_mut() {
                    Some(votes) => {
                        let (v, n) = values::vote_and_number(cell, marks[k]);
                        votes[k].0 += v.0;
                        votes[k].1 += v.1;
                        n
                    }
                    None => values::number(cell, marks[k]),
                };
                if bad.is_some() {
                    continue;
                }
                match number {
                    Num::Empty => row_values[k] = None,
                    Num::Value(v) if v >= 0.0 || v.is_nan() => {
                        row_values[k] = Some(v);
                        any = true;
                    }
                    _ => bad = Some((number, cell, c)),
                }
            }
            if row.flaw != Flaw::None {
                problems.add(row.line, || flaw_reason(row.flaw));
                continue;
            }
            if let Some((number, cell, c)) = bad {
                if let Err(reason) = amount_of(number, cell, &table.header[c]) {
                    problems.add(row.line, || reason);
                }
                continue;
            }
            if !any {
                continue;
            }
            let period = match dating.period(row) {
                Ok(Some(p)) => p,
                Ok(None) => {
                    let header = dating.column.map_or("", |c| table.header[c].as_str());
                    problems.add(row.line, || format!("no date in {header}"));
                    continue;
                }
                Err(reason) => {
                    problems.add(row.line, || reason);
                    continue;
                }
            };
            if let Some(e) = ends {
                let cell = parsed.cell(row, e);
                if let Some(When::Day(end)) = values::date(cell, None) {
                    if !period.contains(end) {
                        problems.add(row.line, || {
                            format!(
                                "the row runs to {}, past {period}: choose the period the file covers instead of a date column",
                                shown(cell)
                            )
                        });
                        continue;
                    }
                }
            }
            let slot = acc.slot(period);
            for (k, &(_, mi)) in mapped.iter().enumerate() {
                if let Some(v) = row_values[k] {
                    acc.add_to(slot, mi, v);
                }
            }
            *rows_read += 1;
        }
    }
}

/// What is known of one Shopify order.
struct Order<'a> {
    /// None when its first row could not be read: its other rows are skipped.
    period: Option<Period>,
    date: Option<Date>,
    revenue_taken: bool,
    email: Option<&'a str>,
}

fn measure(name: &str) -> usize {
    RAW_MEASURES.iter().position(|r| *r == name).unwrap_or(0)
}

fn shopify(
    parsed: &Parsed,
    table: &Table,
    mapped: &[(usize, usize)],
    marks: &[DecimalMark],
    mut dating: Dating,
    problems: &mut Problems,
) -> (Acc, usize) {
    let (orders_m, revenue_m, customers_m) =
        (measure("orders"), measure("revenue"), measure("customers"));
    let col_of = |m: usize| mapped.iter().find(|(_, mi)| *mi == m).map(|(c, _)| *c);
    let name_col = col_of(orders_m)
        .or_else(|| table.header.iter().position(|h| norm(h) == "name"))
        .unwrap_or(0);
    let email_col = col_of(customers_m);
    let created_col = table.header.iter().position(|h| norm(h) == "created at");
    let mut acc = Acc::new();
    let mut rows_read = 0;
    let mut orders: HashMap<&str, Order> = HashMap::new();
    // Orders with an e-mail, for customers and repeat customers: (date, line, email, period).
    let mut buyers: Vec<(Option<Date>, u32, &str, Period)> = Vec::new();
    for row in parsed.rows_of(table) {
        if row.flaw != Flaw::None {
            problems.add(row.line, || flaw_reason(row.flaw));
            continue;
        }
        let name = parsed.cell(row, name_col).trim();
        if name.is_empty() {
            problems.add(row.line, || {
                format!("no order in {}", table.header[name_col])
            });
            continue;
        }
        let mut gave = false;
        if !orders.contains_key(name) {
            // The order's first row: its date (Paid at, else Created at).
            let mut order = Order {
                period: None,
                date: None,
                revenue_taken: false,
                email: None,
            };
            let paid_empty = dating
                .column
                .is_none_or(|c| parsed.cell(row, c).trim().is_empty());
            let dated = if paid_empty && dating.column.is_some() {
                match created_col {
                    Some(cc) => {
                        let saved = dating.column;
                        dating.column = Some(cc);
                        let p = dating.period(row);
                        dating.column = saved;
                        p.map(|p| (p, cc))
                    }
                    None => Ok((None, 0)),
                }
            } else {
                dating.period(row).map(|p| (p, dating.column.unwrap_or(0)))
            };
            match dated {
                Ok((Some(p), c)) => {
                    order.period = Some(p);
                    if dating.column.is_some() {
                        if let Some(When::Day(d)) = values::date(parsed.cell(row, c), None) {
                            order.date = Some(d);
                        }
                    }
                    acc.add(p, orders_m, 1.0);
                    gave = true;
                }
                Ok((None, _)) => problems.add(row.line, || format!("no date for order {name}")),
                Err(reason) => problems.add(row.line, || reason),
            }
            orders.insert(name, order);
        }
        let Some(order) = orders.get_mut(name) else {
            continue;
        };
        let Some(period) = order.period else { continue };
        let mut bad = None;
        for (k, &(c, mi)) in mapped.iter().enumerate() {
            if mi == orders_m && c == name_col {
                continue;
            }
            if mi == customers_m && Some(c) == email_col {
                let email = parsed.cell(row, c).trim();
                if order.email.is_none() && !email.is_empty() {
                    order.email = Some(email);
                    buyers.push((order.date, row.line, email, period));
                }
                continue;
            }
            if mi == revenue_m && order.revenue_taken {
                continue;
            }
            match amount(parsed.cell(row, c), marks[k], &table.header[c]) {
                Ok(Some(v)) => {
                    acc.add(period, mi, v);
                    gave = true;
                    if mi == revenue_m {
                        order.revenue_taken = true;
                    }
                }
                Ok(None) => {}
                Err(reason) => bad = Some(reason),
            }
        }
        if let Some(reason) = bad {
            problems.add(row.line, || reason);
        }
        rows_read += usize::from(gave);
    }
    if email_col.is_some() {
        // Distinct customers per period; repeat ones ordered on an earlier day.
        buyers.sort_by_key(|b| (b.0, b.1));
        let mut first_day: HashMap<&str, Option<Date>> = HashMap::new();
        let mut counted: HashSet<(Period, &str)> = HashSet::new();
        let mut repeat: HashSet<(Period, &str)> = HashSet::new();
        let repeat_m = measure("repeat_customers");
        for &(date, _, email, period) in &buyers {
            let earlier = match first_day.get(email) {
                Some(first) => first.is_some() && date.is_some() && *first < date,
                None => false,
            };
            first_day.entry(email).or_insert(date);
            if counted.insert((period, email)) {
                acc.add(period, customers_m, 1.0);
            }
            if earlier && repeat.insert((period, email)) {
                acc.add(period, repeat_m, 1.0);
            }
            // Make sure repeat_customers appears for every period with customers.
            acc.add(period, repeat_m, 0.0);
        }
    }
    (acc, rows_read)
}
