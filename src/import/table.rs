//! Splitting a file's text into tables of cells.
//!
//! - Lines are records; a quoted field may hold separators, doubled quotes and line
//!   breaks (cells are split by `csv-core`). CRLF or LF, a missing final line break
//!   and empty trailing lines are all fine.
//! - A first line `sep=<c>` (Excel's directive) sets the separator and is skipped;
//!   otherwise each table's separator is the one its header line holds most of
//!   (comma, semicolon or tab).
//! - Outside a table, lines starting with `#` are comments (GA4 and Universal
//!   Analytics preambles: dates and titles are read from them).
//! - A blank line (or one holding only separators) ends a table.
//! - A table's header is the first line with at least two filled cells whose next line
//!   has no more cells than it (rows may be shorter, like GA4's retention table), or
//!   the last line before a blank (a header-only table); lines before it are titles
//!   (Google Ads' `Campaign report`, its range line; Meta's `Facebook reach`).
//! - Totals rows are left out and counted: a first cell starting with "Total", or, at
//!   the end of a table, an empty first cell while other cells are filled.
//!
//! Cells are ranges, not a `String` each. A line of an open table whose cells are plain
//! or simply quoted (`"a, b"`: no doubled quote, no line break, nothing after the
//! closing quote) is split in one pass over the file's own text, each cell a range of
//! it, looking at 8 bytes at a time; any other line (a doubled quote, a quoted line
//! break, a stray quote or control character, more than [`MAX_COLUMNS`] cells) is split
//! by `csv-core`, whose unescaped cells go to a second buffer. Both read a line the
//! same way.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::values::date_range;
use super::{ImportError, MAX_ROWS};
use crate::domain::period::{date_from_ymd, Date};

/// The most columns read from a line; cells past it make the row a problem.
pub const MAX_COLUMNS: usize = 500;
/// The longest cell (in bytes of text) read; a longer one makes its row a problem.
pub const MAX_CELL_CHARS: usize = 10_000;
/// Progress is reported every this many bytes of text.
const PROGRESS_STEP: usize = 64 * 1024;

/// Why a row cannot be read whatever the mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flaw {
    None,
    TooManyColumns,
    CellTooLong,
}

/// One data row: its line and its cells (a range of `Parsed::cells`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    pub line: u32,
    pub first: u32,
    pub len: u16,
    pub flaw: Flaw,
}

/// One table of the file.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// A `# <question>` comment or a title line before the header.
    pub title: Option<String>,
    /// Every title line before the header (Google Ads: report name, range).
    pub titles: Vec<String>,
    pub header: Vec<String>,
    /// 1-based line of the header.
    pub first_line: usize,
    /// From the preamble or a range line.
    pub date_range: Option<(Date, Date)>,
    /// Its data rows in `Parsed::rows`.
    pub rows: std::ops::Range<usize>,
    /// Totals rows left out.
    pub totals: usize,
}

/// Marks a cell range in [`Parsed::extra`] rather than in the file's text.
const EXTRA: u32 = 1 << 31;

/// A file split into tables.
#[derive(Default)]
pub(crate) struct Parsed {
    /// The file's text: most cells are ranges of it.
    text: String,
    /// The cells csv-core unescaped, as text (ranges marked [`EXTRA`]).
    extra: String,
    cells: Vec<(u32, u32)>,
    pub rows: Vec<Row>,
    pub tables: Vec<Table>,
    /// Every comment line, without its `#`, trimmed.
    pub comments: Vec<String>,
}

impl Parsed {
    /// Cell `i` of a row, "" past its end.
    pub fn cell(&self, row: &Row, i: usize) -> &str {
        if i >= usize::from(row.len) {
            return "";
        }
        let Some(&(s, e)) = self.cells.get(row.first as usize + i) else {
            return "";
        };
        // Cells end at separators and quotes (ASCII), so their ranges are on
        // character boundaries.
        if s & EXTRA == 0 {
            self.text.get(s as usize..e as usize).unwrap_or("")
        } else {
            self.extra
                .get((s & !EXTRA) as usize..(e & !EXTRA) as usize)
                .unwrap_or("")
        }
    }

    /// The data rows of a table.
    pub fn rows_of(&self, table: &Table) -> &[Row] {
        &self.rows[table.rows.clone()]
    }
}

/// Counts the cells of a line with this separator, quotes respected.
fn count_cells(line: &str, sep: u8) -> (usize, usize) {
    let (mut cells, mut filled, mut in_q, mut has) = (1, 0, false, false);
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_q {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_q = false;
                }
            }
        } else if c == sep {
            cells += 1;
            filled += usize::from(has);
            has = false;
        } else if c == b'"' {
            in_q = true;
            has = true;
        } else if !c.is_ascii_whitespace() {
            has = true;
        }
        i += 1;
    }
    (cells, filled + usize::from(has))
}

/// The separator a header line holds most of (tab, then comma, then semicolon on a tie).
fn separator_of(line: &str) -> u8 {
    let mut best = (0, b',');
    for sep in [b'\t', b',', b';'] {
        let n = count_cells(line, sep).0;
        if n > best.0 {
            best = (n, sep);
        }
    }
    best.1
}

fn is_blank(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b',' | b';' | b'\r' | b'"'))
}

/// The `Start date`/`End date` day of a GA4 comment (English or Spanish).
fn preamble_date(comment: &str) -> Option<(bool, Date)> {
    let (key, value) = comment.split_once(':')?;
    let key = key.trim().to_lowercase();
    let start = matches!(
        key.as_str(),
        "start date" | "fecha de inicio" | "startdatum"
    );
    let end = matches!(
        key.as_str(),
        "end date" | "fecha de finalización" | "fecha de finalizacion" | "einddatum"
    );
    if !start && !end {
        return None;
    }
    let v = value.trim();
    if v.len() != 8 {
        return None;
    }
    let n = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok());
    let date = date_from_ymd(
        n(0..4)? as i32,
        u8::try_from(n(4..6)?).ok()?,
        u8::try_from(n(6..8)?).ok()?,
    )?;
    Some((start, date))
}

/// A comment that titles the next table (a GA4 question), not a rule, date or label.
fn is_title_comment(comment: &str) -> bool {
    if comment.is_empty()
        || comment.starts_with("--")
        || comment.contains("***")
        || preamble_date(comment).is_some()
    {
        return false;
    }
    if date_range(comment).is_some() {
        return false;
    }
    let lower = comment.to_lowercase();
    let labels = [
        "account:",
        "property:",
        "cuenta:",
        "propiedad:",
        "account",
        "report csv export",
        "reports snapshot",
        "exportar informe",
        "all users",
        "todos los usuarios",
    ];
    !labels.iter().any(|l| lower.starts_with(l))
}

/// Where [`parse`] is in the text.
struct Cursor {
    pos: usize,
    /// The 1-based line at `pos`.
    line: usize,
    next_report: usize,
    first_record: bool,
}

/// Lines are read in blocks of about this many bytes (see [`parse`]).
const LINE_BLOCK: usize = 256 * 1024;

/// What precedes the next table: comments, title lines, pending header candidates.
#[derive(Default)]
struct Pending {
    title: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    range: Option<(Date, Date)>,
    /// Lines of the block not yet known as titles or header: (text range, line).
    lines: Vec<(usize, usize, usize)>,
}

struct Builder<'a> {
    text: &'a str,
    parsed: Parsed,
    /// The cells csv-core unescaped, while the file is split.
    extra: Vec<u8>,
    pending: Pending,
    /// The open table: its separator and header's cell count.
    open: Option<(u8, usize)>,
    forced_sep: Option<u8>,
    reader: Reader,
    ends: Vec<usize>,
    /// GA4 dates carry over from table to table when a table repeats none.
    file_start: Option<Date>,
    file_end: Option<Date>,
    file_range: Option<(Date, Date)>,
}

impl Builder<'_> {
    fn line(&self, r: (usize, usize, usize)) -> &str {
        &self.text[r.0..r.1]
    }

    /// Cell `i` of a row while the file is split ([`Parsed::cell`] once it is).
    fn cell(&self, row: &Row, i: usize) -> &str {
        if i >= usize::from(row.len) {
            return "";
        }
        let Some(&(s, e)) = self.parsed.cells.get(row.first as usize + i) else {
            return "";
        };
        if s & EXTRA == 0 {
            self.text.get(s as usize..e as usize).unwrap_or("")
        } else {
            let bytes = self
                .extra
                .get((s & !EXTRA) as usize..(e & !EXTRA) as usize)
                .unwrap_or_default();
            std::str::from_utf8(bytes).unwrap_or("")
        }
    }

    fn comment(&mut self, text: &str) {
        let c = text.trim_start_matches('#').trim().to_string();
        if let Some((is_start, d)) = preamble_date(&c) {
            if is_start {
                self.pending.start = Some(d);
                self.file_start = Some(d);
            } else {
                self.pending.end = Some(d);
                self.file_end = Some(d);
            }
        } else if let Some(r) = date_range(&c) {
            self.pending.range = Some(r);
            self.file_range = Some(r);
        } else if is_title_comment(&c) {
            self.pending.title = Some(c.clone());
        }
        self.parsed.comments.push(c);
    }

    /// Looks for the header among the pending lines; `last_alone`: the last line may be
    /// a header with no rows (a blank line or the end follows).
    fn find_header(&mut self, last_alone: bool) -> Result<(), ImportError> {
        let n = self.pending.lines.len();
        if n == 0 {
            return Ok(());
        }
        let is_header = |s: &Self, i: usize| -> Option<u8> {
            let line = s.line(s.pending.lines[i]);
            let sep = s.forced_sep.unwrap_or_else(|| separator_of(line));
            let (cells, filled) = count_cells(line, sep);
            if filled < 2 {
                return None;
            }
            match s.pending.lines.get(i + 1) {
                Some(&next) => (count_cells(s.line(next), sep).0 <= cells).then_some(sep),
                None => last_alone.then_some(sep),
            }
        };
        // Only the newest pair is new when a line was added; at a blank, the last line.
        let candidates: Vec<usize> = if last_alone {
            (0..n).collect()
        } else {
            n.checked_sub(2).into_iter().collect()
        };
        for i in candidates {
            if let Some(sep) = is_header(self, i) {
                return self.open_table(i, sep);
            }
        }
        if !last_alone && n > 20 {
            // A block of ragged lines: the first line with two filled cells leads it.
            let found = (0..n).find(|&i| {
                let line = self.line(self.pending.lines[i]);
                let sep = self.forced_sep.unwrap_or_else(|| separator_of(line));
                count_cells(line, sep).1 >= 2
            });
            if let Some(i) = found {
                let line = self.line(self.pending.lines[i]);
                let sep = self.forced_sep.unwrap_or_else(|| separator_of(line));
                return self.open_table(i, sep);
            }
            self.pending.lines.remove(0);
        }
        if last_alone {
            self.pending.lines.clear();
        }
        Ok(())
    }

    fn open_table(&mut self, at: usize, sep: u8) -> Result<(), ImportError> {
        let lines = std::mem::take(&mut self.pending.lines);
        let titles: Vec<String> = lines[..at]
            .iter()
            .map(|&r| {
                let t = self.line(r);
                let sep = separator_of(t);
                t.split(char::from(sep))
                    .map(|c| c.trim().trim_matches('"'))
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut range = None;
        for t in &titles {
            if let Some(r) = date_range(t) {
                range = Some(r);
            }
        }
        let header_line = lines[at];
        self.reader = ReaderBuilder::new().delimiter(sep).build();
        let row = self.split(header_line, true);
        let header: Vec<String> = (0..usize::from(row.len))
            .map(|i| {
                self.cell(&row, i)
                    .trim()
                    .trim_start_matches('\u{FEFF}')
                    .to_string()
            })
            .collect();
        // The header's cells are not kept among the rows.
        self.parsed.cells.truncate(row.first as usize);
        let p = std::mem::take(&mut self.pending);
        let date_range = range
            .or(
                match (p.start.or(self.file_start), p.end.or(self.file_end)) {
                    (Some(s), Some(e)) if s <= e => Some((s, e)),
                    _ => None,
                },
            )
            .or(p.range)
            .or(self.file_range);
        let title = p.title.or_else(|| titles.first().cloned());
        let rows = self.parsed.rows.len();
        self.parsed.tables.push(Table {
            title,
            titles,
            first_line: header_line.2,
            header: header.clone(),
            date_range,
            rows: rows..rows,
            totals: 0,
        });
        self.open = Some((sep, header.len()));
        for &r in &lines[at + 1..] {
            self.add_row(r)?;
        }
        Ok(())
    }

    /// Splits one line into cells with the open reader, appending them.
    fn split(&mut self, r: (usize, usize, usize), header: bool) -> Row {
        let input = &self.text.as_bytes()[r.0..r.1];
        let first = self.parsed.cells.len();
        let out_start = self.extra.len();
        self.extra.resize(out_start + input.len() + 1, 0);
        self.reader.reset();
        let mut flaw = Flaw::None;
        let (mut inp, mut out, mut nends) = (input, out_start, 0);
        let mut guard = 0;
        loop {
            let (res, nin, nout, nend) =
                self.reader
                    .read_record(inp, &mut self.extra[out..], &mut self.ends[nends..]);
            inp = &inp[nin..];
            out += nout;
            nends += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    guard += 1;
                    if guard > 4 {
                        break;
                    }
                }
                ReadRecordResult::OutputFull => {
                    let len = self.extra.len();
                    self.extra.resize(len + 64, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    flaw = Flaw::TooManyColumns;
                    break;
                }
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        self.extra.truncate(out);
        let mut prev = 0;
        for &end in &self.ends[..nends] {
            let (s, e) = (out_start + prev, out_start + end);
            if e - s > MAX_CELL_CHARS && !header {
                flaw = Flaw::CellTooLong;
            }
            self.parsed.cells.push((s as u32 | EXTRA, e as u32 | EXTRA));
            prev = end;
        }
        Row {
            line: r.2 as u32,
            first: first as u32,
            len: (self.parsed.cells.len() - first) as u16,
            flaw,
        }
    }

    fn add_row(&mut self, r: (usize, usize, usize)) -> Result<(), ImportError> {
        let row = self.split(r, false);
        self.keep_row(row)
    }

    /// Adds a split data row to the open table, or counts it as a totals row.
    fn keep_row(&mut self, row: Row) -> Result<(), ImportError> {
        let first = self.cell(&row, 0).trim_start();
        let lower_total = first
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("total"))
            && !first[5..].starts_with(|c: char| c.is_alphabetic() && c != 's' && c != 'S');
        if lower_total {
            self.parsed.cells.truncate(row.first as usize);
            if let Some(t) = self.parsed.tables.last_mut() {
                t.totals += 1;
            }
            return Ok(());
        }
        if self.parsed.rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows);
        }
        self.parsed.rows.push(row);
        Ok(())
    }

    /// Reads lines from `cur` until one ends at or past `stop`.
    #[inline(never)]
    fn lines(
        &mut self,
        cur: &mut Cursor,
        stop: usize,
        fast: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), ImportError> {
        let text: &str = self.text;
        let bytes = text.as_bytes();
        let total = bytes.len();
        while cur.pos < stop {
            // A line of an open table with a comma, semicolon or tab: split at once when simple.
            if let Some((sep, _)) = self.open {
                if fast && matches!(sep, b',' | b';' | b'\t') {
                    let first = self.parsed.cells.len();
                    if let Some(fl) = fast_line(bytes, cur.pos, sep, &mut self.parsed.cells) {
                        let (start, start_line) = (cur.pos, cur.line);
                        cur.pos = fl.lf + 1;
                        cur.line += 1;
                        if cur.pos >= cur.next_report {
                            progress(cur.pos.min(total), total);
                            cur.next_report = cur.pos + PROGRESS_STEP;
                        }
                        if is_blank(&text[start..fl.end]) {
                            self.parsed.cells.truncate(first);
                            self.close_table();
                        } else {
                            let row = Row {
                                line: start_line as u32,
                                first: first as u32,
                                len: (self.parsed.cells.len() - first) as u16,
                                flaw: fl.flaw,
                            };
                            self.keep_row(row)?;
                        }
                        continue;
                    }
                }
            }
            let (start, start_line) = (cur.pos, cur.line);
            let mut i = cur.pos;
            let mut in_q = false;
            loop {
                i = find_quote_or_lf(bytes, i);
                let Some(&c) = bytes.get(i) else {
                    break;
                };
                if in_q {
                    if c == b'"' {
                        if bytes.get(i + 1) == Some(&b'"') {
                            i += 1;
                        } else {
                            in_q = false;
                        }
                    } else {
                        cur.line += 1;
                    }
                } else if c == b'\n' {
                    break;
                } else if i == start || matches!(bytes[i - 1], b',' | b';' | b'\t') {
                    in_q = true;
                }
                i += 1;
            }
            let mut end = i;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            cur.pos = i + 1;
            cur.line += 1;
            if cur.pos >= cur.next_report {
                progress(cur.pos.min(total), total);
                cur.next_report = cur.pos + PROGRESS_STEP;
            }
            let rec = (start, end, start_line);
            let s = &text[start..end];
            if cur.first_record {
                cur.first_record = false;
                if let Some(sep) = s.strip_prefix("sep=") {
                    self.forced_sep = sep.bytes().next().or(Some(b'\t'));
                    continue;
                }
            }
            if self.open.is_some() {
                if is_blank(s) {
                    self.close_table();
                } else {
                    self.add_row(rec)?;
                }
                continue;
            }
            if is_blank(s) {
                self.find_header(true)?;
                self.close_table();
                continue;
            }
            if s.starts_with('#') && self.pending.lines.is_empty() {
                self.comment(s);
                continue;
            }
            self.pending.lines.push(rec);
            self.find_header(false)?;
        }
        Ok(())
    }

    fn close_table(&mut self) {
        if self.open.take().is_none() {
            return;
        }
        let end = self.parsed.rows.len();
        let Some(start) = self.parsed.tables.last().map(|t| t.rows.start) else {
            return;
        };
        // Trailing rows with an empty first cell and filled others: totals.
        let mut keep = end;
        while keep > start {
            let row = self.parsed.rows[keep - 1];
            let first_empty = self.cell(&row, 0).trim().is_empty();
            let others = (1..usize::from(row.len)).any(|i| !self.cell(&row, i).trim().is_empty());
            if row.len > 1 && first_empty && others {
                keep -= 1;
            } else {
                break;
            }
        }
        self.parsed.rows.truncate(keep);
        if let Some(t) = self.parsed.tables.last_mut() {
            t.totals += end - keep;
            t.rows = start..keep;
        }
    }
}

/// `u64` with every byte `b`.
fn splat(b: u8) -> u64 {
    u64::from(b) * 0x0101_0101_0101_0101
}

/// The first byte of `bytes` from `from` on that is a quote or a line feed, 8 bytes at a
/// time; `bytes.len()` when there is none.
fn find_quote_or_lf(bytes: &[u8], from: usize) -> usize {
    let (q, n) = (splat(b'"'), splat(b'\n'));
    let rest = bytes.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut i = from;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let hits = first_below(w ^ q, 1) | first_below(w ^ n, 1);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    for &c in chunks.remainder() {
        if c == b'"' || c == b'\n' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// High bits of the bytes of `w` below `n` (at most 0x80): the lowest one is exact,
/// higher ones may be wrong (a borrow runs up), which is all a search for the first
/// byte needs.
fn first_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(splat(n)) & !w & splat(0x80)
}

/// The first byte of `bytes` from `from` on that ends or complicates an unquoted cell
/// (the separator, a quote, or a control character: a carriage return, a line feed, a
/// tab…); `bytes.len()` when none.
fn find_cell_end(bytes: &[u8], from: usize, sep: u8) -> usize {
    let (s, q) = (splat(sep), splat(b'"'));
    let rest = bytes.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut i = from;
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let hits = first_below(w ^ s, 1) | first_below(w ^ q, 1) | first_below(w, 0x0E);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    for &c in chunks.remainder() {
        if c == sep || c == b'"' || c < 0x0E {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// A line split by [`fast_line`].
struct FastLine {
    /// The line's end, before its `\r\n` or `\n`.
    end: usize,
    /// Where its line feed is (the text's length when it has none).
    lf: usize,
    flaw: Flaw,
}

/// Splits the line starting at `start` into cells (ranges of `bytes`, appended to
/// `cells`) when every cell is plain (no quote, no control character such as a
/// carriage return) or wholly quoted with neither a quote nor a line feed inside, the
/// line ends with `\r\n`, `\n` or the text, and there are at most [`MAX_COLUMNS`]
/// cells: such a line reads the same in csv-core, and the line scanner of [`parse`]
/// ends it at the same line feed. `None` for any other line (`cells` is then left as
/// it was), which csv-core splits. `sep` is a comma, a semicolon or a tab.
fn fast_line(bytes: &[u8], start: usize, sep: u8, cells: &mut Vec<(u32, u32)>) -> Option<FastLine> {
    let first = cells.len();
    let mut flaw = Flaw::None;
    let mut f = start;
    let found = loop {
        if cells.len() - first >= MAX_COLUMNS {
            break None;
        }
        let (cell_start, cell_end, after) = if bytes.get(f) == Some(&b'"') {
            let q = find_quote_or_lf(bytes, f + 1);
            if bytes.get(q) != Some(&b'"') {
                break None;
            }
            (f + 1, q, q + 1)
        } else {
            let k = find_cell_end(bytes, f, sep);
            (f, k, k)
        };
        if cell_end - cell_start > MAX_CELL_CHARS {
            flaw = Flaw::CellTooLong;
        }
        cells.push((cell_start as u32, cell_end as u32));
        match bytes.get(after) {
            None => break Some((after, after)),
            Some(&c) if c == sep => f = after + 1,
            Some(b'\n') => break Some((after, after)),
            Some(b'\r') if after + 1 == bytes.len() => break Some((after, after + 1)),
            Some(b'\r') if bytes.get(after + 1) == Some(&b'\n') => break Some((after, after + 1)),
            Some(_) => break None,
        }
    };
    match found {
        Some((end, lf)) => Some(FastLine { end, lf, flaw }),
        None => {
            cells.truncate(first);
            None
        }
    }
}

/// Splits text into tables. `progress(done, total)` gets the bytes of text done.
pub(crate) fn parse(
    text: String,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Parsed, ImportError> {
    parse_with(text, progress, true)
}

/// [`parse`], with the one-pass split of simple lines or only csv-core's (`fast` false:
/// the tests compare them).
fn parse_with(
    text: String,
    progress: &mut dyn FnMut(usize, usize),
    fast: bool,
) -> Result<Parsed, ImportError> {
    let mut b = Builder {
        text: &text,
        parsed: Parsed::default(),
        extra: Vec::new(),
        pending: Pending::default(),
        open: None,
        forced_sep: None,
        reader: Reader::new(),
        ends: vec![0; MAX_COLUMNS + 1],
        file_start: None,
        file_end: None,
        file_range: None,
    };
    b.parsed.cells.reserve(text.len() / 16);
    b.parsed.rows.reserve(text.len() / 128);
    let total = text.len();
    let mut cur = Cursor {
        pos: 0,
        line: 1,
        next_report: PROGRESS_STEP,
        first_record: true,
    };
    // In blocks, so that a browser optimising `lines` while the first blocks are read
    // (with its baseline WebAssembly code) reads the next ones with optimised code.
    while cur.pos < total {
        let stop = (cur.pos + LINE_BLOCK).min(total);
        b.lines(&mut cur, stop, fast, progress)?;
    }
    if b.open.is_none() {
        b.find_header(true)?;
    }
    b.close_table();
    progress(total, total);
    let Builder {
        mut parsed, extra, ..
    } = b;
    // csv-core copies the cells of valid UTF-8 text without their quotes: still valid.
    parsed.extra = String::from_utf8(extra).unwrap_or_default();
    parsed.text = text;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Parsed {
        parse(text.to_string(), &mut |_, _| {}).unwrap()
    }

    fn cells(p: &Parsed, t: usize) -> Vec<Vec<String>> {
        p.rows_of(&p.tables[t])
            .iter()
            .map(|r| {
                (0..usize::from(r.len))
                    .map(|i| p.cell(r, i).to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn quotes_separators_and_line_ends() {
        let p = tables("a;b\r\n\"x;1\";\"say \"\"hi\"\"\"\r\n\"two\nlines\";3");
        assert_eq!(p.tables.len(), 1);
        assert_eq!(p.tables[0].header, ["a", "b"]);
        assert_eq!(cells(&p, 0), [["x;1", "say \"hi\""], ["two\nlines", "3"]]);
        assert_eq!(p.rows[1].line, 3);
    }

    #[test]
    fn sep_directive_blocks_and_titles() {
        let p = tables("sep=\t\r\nFacebook reach\t\r\nDate\tPrimary\r\n2023-07-08T00:00:00\t5\r\n\t\r\nInstagram reach\t\r\nDate\tPrimary\r\n2023-07-08T00:00:00\t7");
        assert_eq!(p.tables.len(), 2);
        assert_eq!(p.tables[1].title.as_deref(), Some("Instagram reach"));
        assert_eq!(p.tables[1].first_line, 7);
        assert_eq!(cells(&p, 1), [["2023-07-08T00:00:00", "7"]]);
    }

    #[test]
    fn header_only_tables_and_totals() {
        let p = tables("# Start date: 20250101\n# End date: 20251231\nEvent name,Key events\n\n\nDay Index,Sessions\n1/1/25,3\n,3\n\n");
        assert_eq!(p.tables.len(), 2);
        assert_eq!(p.tables[0].rows.len(), 0);
        assert!(p.tables[0].date_range.is_some());
        assert_eq!(p.tables[1].rows.len(), 1);
        assert_eq!(p.tables[1].totals, 1);
    }

    #[test]
    fn too_many_columns_is_a_flaw() {
        let wide = vec!["1"; MAX_COLUMNS + 5].join(",");
        let p = tables(&format!("a,b\n1,2\n{wide}\n"));
        assert_eq!(p.rows[1].flaw, Flaw::TooManyColumns);
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        let p = tables(&format!("a,b\n1,2\n{long},3\n"));
        assert_eq!(p.rows[1].flaw, Flaw::CellTooLong);
    }

    /// Everything a parse found, cells as text.
    fn dump(p: &Parsed) -> String {
        let mut out = format!("{:?}\n", p.comments);
        for t in &p.tables {
            out += &format!(
                "{:?} {:?} {:?} {} {:?} {:?} {}\n",
                t.title, t.titles, t.header, t.first_line, t.date_range, t.rows, t.totals
            );
        }
        for r in &p.rows {
            let cells: Vec<&str> = (0..usize::from(r.len)).map(|i| p.cell(r, i)).collect();
            out += &format!("{} {:?} {:?}\n", r.line, r.flaw, cells);
        }
        out
    }

    fn same_both_ways(text: &str) {
        let fast = parse_with(text.to_string(), &mut |_, _| {}, true).map(|p| dump(&p));
        let slow = parse_with(text.to_string(), &mut |_, _| {}, false).map(|p| dump(&p));
        assert_eq!(fast, slow, "{text:?}");
    }

    #[test]
    fn first_below_finds_the_first_byte_below() {
        for n in [1u8, 0x0E, 0x80] {
            for b in 0..=255u8 {
                for fill in [0u8, 0x0D, 0x22, 0x7F, 0x80, 0xFF] {
                    for i in 0..8 {
                        let mut bytes = [fill; 8];
                        bytes[i] = b;
                        let hits = first_below(u64::from_le_bytes(bytes), n);
                        match bytes.iter().position(|&c| c < n) {
                            Some(j) => assert_eq!(hits.trailing_zeros() / 8, j as u32),
                            None => assert_eq!(hits, 0),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn simple_lines_split_as_csv_core_splits_them() {
        for text in [
            "a,b,c\r\n1,2,3\r\n\"x,y\",,\"\"\r\n4,5,\r\n6,\"7\"\r",
            "a,b\n1,\"2\"x\n\"a\"\"b\",3\n1,2\r3\n\"q\nq\",4\n\"open,5\n",
            "a;b\n1;\"x;y\"\n2,5;3\n \"s\";4\n1;2\r\r\n5;\"a\r\"\n",
            "a\tb\n1\t2\n\t\n\nc\td\n3\t4",
            "a,b\n1,2\n,3\nTotal,4\n\"Total\",5\n\"\",\"\"\n",
            "a,b\n1,\"2\"\"",
            "a,b\n1,\"",
            "a,b\n1,\"2",
            "a,b\n1,\"2\"\r",
            "sep=;\na;b\n1;\"2\"\n",
            "sep=|\na|b\n1|\"2,\"|3\n\"4\"|5\n",
        ] {
            same_both_ways(text);
        }
        let wide = vec!["1"; MAX_COLUMNS + 1].join(",");
        let wider = vec!["1"; MAX_COLUMNS + 2].join(",");
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        same_both_ways(&format!("a,b\n{wide}\n{wider}\n1,2\n{long},\"{long}\"\n"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod random {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]
            #[test]
            fn any_text_splits_as_csv_core_splits_it(
                header in prop_oneof![Just("h1,h2,h3\n"), Just("h1;h2\r\n"), Just("h1\th2\th3\th4\n"), Just("")],
                body in "[a1é ,;\t\"\r\n#]{0,120}",
            ) {
                same_both_ways(&format!("{header}{body}"));
            }
        }
    }
}
