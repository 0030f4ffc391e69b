//! Typed errors of reading plan documents and importing files, with messages a
//! marketer understands.

use std::fmt;

use crate::domain::plan::FieldError;

/// Why a stored plan or a plan file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The text is not valid JSON (or is nested deeper than 128 levels).
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The JSON does not have the shape of a plan: a field is missing or has the
    /// wrong type. `path` names the field, like `stages.reach.touchpoints[3].budget`.
    Shape {
        /// Where the problem is; empty for the whole document.
        path: String,
        /// What is wrong there.
        message: String,
    },
    /// The plan has the right shape but some values are out of range.
    Invalid(Vec<FieldError>),
    /// Saved by a newer version of the app, which this version cannot read
    /// safely: open it read-only and never overwrite it.
    NewerVersion {
        /// The data version found.
        found: u32,
        /// The newest data version this app reads.
        supported: u32,
    },
    /// The file is larger than the import limit.
    TooLarge {
        /// Size of the file in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The JSON is fine but is neither a plan nor a backup of RACE Planner.
    NotAPlanFile,
    /// The file is not text in UTF-8 (or UTF-16 with a byte order mark).
    NotText,
    /// The file or stored value is empty.
    Empty,
}

impl LoadError {
    /// The field errors of [`LoadError::Invalid`] and [`LoadError::Shape`], as
    /// `(path, message)` pairs, for showing each at its field.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        match self {
            LoadError::Invalid(errors) => errors
                .iter()
                .map(|e| (e.path.clone(), e.message.clone()))
                .collect(),
            LoadError::Shape { path, message } => vec![(path.clone(), message.clone())],
            _ => Vec::new(),
        }
    }

    /// The same error with `prefix` put before every field path (for a plan
    /// inside a backup: `plans[2].`).
    pub fn with_path_prefix(self, prefix: &str) -> LoadError {
        let join = |path: &str| {
            if path.is_empty() {
                prefix.trim_end_matches('.').to_owned()
            } else {
                format!("{prefix}{path}")
            }
        };
        match self {
            LoadError::Shape { path, message } => LoadError::Shape {
                path: join(&path),
                message,
            },
            LoadError::Invalid(errors) => LoadError::Invalid(
                errors
                    .into_iter()
                    .map(|e| FieldError {
                        path: join(&e.path),
                        message: e.message,
                    })
                    .collect(),
            ),
            other => other,
        }
    }
}

/// How many field errors a message lists before saying "and N more".
const LISTED_ERRORS: usize = 5;

fn field(path: &str) -> &str {
    if path.is_empty() {
        "the plan"
    } else {
        path
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "The data is damaged: it is not valid JSON (line {line}, column {column}: {message})."
            ),
            LoadError::Shape { path, message } => write!(f, "{}: {message}", field(path)),
            LoadError::Invalid(errors) => {
                let listed: Vec<String> = errors
                    .iter()
                    .take(LISTED_ERRORS)
                    .map(|e| format!("{}: {}", field(&e.path), e.message))
                    .collect();
                write!(f, "{}", listed.join("; "))?;
                if errors.len() > LISTED_ERRORS {
                    write!(f, "; and {} more", errors.len() - LISTED_ERRORS)?;
                }
                Ok(())
            }
            LoadError::NewerVersion { found, supported } => write!(
                f,
                "This plan was saved by a newer version of RACE Planner (data version {found}; \
                 this version reads up to {supported}). It opens read-only so that nothing is \
                 lost: reload the page to get the newer version, then edit it."
            ),
            LoadError::TooLarge { bytes, limit } => write!(
                f,
                "The file is {}; files up to {} can be imported.",
                megabytes_rounded_up(*bytes),
                megabytes(*limit)
            ),
            LoadError::NotAPlanFile => {
                write!(f, "This file is not a RACE Planner plan or backup.")
            }
            LoadError::NotText => write!(
                f,
                "This file is not text: a RACE Planner file is JSON text (UTF-8)."
            ),
            LoadError::Empty => write!(f, "The file is empty."),
        }
    }
}

impl std::error::Error for LoadError {}

/// `bytes` as megabytes for messages ("10 MB", "12.3 MB").
pub fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    if (mb - mb.round()).abs() < 0.05 {
        format!("{} MB", mb.round() as u64)
    } else {
        format!("{mb:.1} MB")
    }
}

/// `bytes` as megabytes rounded up to a tenth ("10.1 MB" for 10,000,001 bytes),
/// so a file just over a limit never reads as equal to it.
pub fn megabytes_rounded_up(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100_000);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// One plan of a backup that could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanProblem {
    /// Position of the plan in the backup's `plans` list, from 0.
    pub index: usize,
    /// The plan's name, when it could be read.
    pub name: Option<String>,
    /// What is wrong with it (field paths relative to the plan).
    pub error: LoadError,
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "Plan \u{201c}{name}\u{201d}: {}", self.error),
            None => write!(f, "Plan number {}: {}", self.index + 1, self.error),
        }
    }
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file as a whole could not be read (too large, not JSON, not a plan
    /// file, a newer version, or its single plan has errors).
    File(LoadError),
    /// A backup whose every plan has errors.
    NoUsablePlans(Vec<PlanProblem>),
}

impl From<LoadError> for ImportError {
    fn from(error: LoadError) -> Self {
        ImportError::File(error)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::File(LoadError::NewerVersion { found, supported }) => write!(
                f,
                "This file was made by a newer version of RACE Planner (data version {found}; \
                 this version reads up to {supported}). Reload the page to get the newer \
                 version, then import it."
            ),
            ImportError::File(e @ (LoadError::Shape { .. } | LoadError::Invalid(_))) => {
                write!(f, "The plan in this file has errors: {e}")
            }
            ImportError::File(e) => write!(f, "{e}"),
            ImportError::NoUsablePlans(problems) => {
                write!(f, "No plan in this backup could be imported. ")?;
                let listed: Vec<String> = problems
                    .iter()
                    .take(LISTED_ERRORS)
                    .map(ToString::to_string)
                    .collect();
                write!(f, "{}", listed.join(" "))?;
                if problems.len() > LISTED_ERRORS {
                    write!(f, " And {} more.", problems.len() - LISTED_ERRORS)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A [`LoadError::Shape`] from a serde error at `path`: a missing field is
/// named in the path (`stages.reach.name: is missing`), other messages are put
/// in plain words by [`humanize_serde_message`].
pub fn shape_error(path: &str, serde_message: &str) -> LoadError {
    let message = strip_position(serde_message);
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'));
    let path = match (missing, path) {
        (Some(name), "" | ".") => name.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => String::new(),
        (None, path) => path.to_owned(),
    };
    LoadError::Shape {
        path,
        message: humanize_serde_message(message),
    }
}

/// The path (`stages.reach.touchpoints[1].budget`) of the value being read at byte
/// `column` of one-line JSON `text`, where `serde_json` stopped with an error: the key
/// or index last entered. A container opened at that very byte is the value itself,
/// not a place inside it. For a missing field (`inside_object`), the object being read.
pub fn json_path_at(text: &str, column: usize, inside_object: bool) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let end = column.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut just_opened = false;
    let mut i = 0;
    while i < end {
        let b = bytes[i];
        just_opened = false;
        match b {
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
                just_opened = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expecting_key = false;
                just_opened = true;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expecting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let raw = &text[start..i.min(bytes.len())];
                        *key = Some(
                            serde_json::from_str(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_owned()),
                        );
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if inside_object {
        if let Some(Frame::Object(key)) = stack.last_mut() {
            *key = None;
        }
    } else if just_opened {
        stack.pop();
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
            Frame::Object(None) => {}
        }
    }
    path
}

/// Turns serde's wording ("invalid type: string \"x\", expected i64") into words
/// for people ("should be a whole number, not text \"x\"").
pub fn humanize_serde_message(message: &str) -> String {
    let message = strip_position(message);
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "should be {}, not {}",
                describe_expected(expected),
                describe_found(found)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "should be {}, not {}",
                describe_expected(expected),
                describe_found(found)
            );
        }
    }
    if message.starts_with("missing field ") {
        return "is missing".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "{} is not allowed here; use {}",
                found.replace('`', "\""),
                expected.replace('`', "\"")
            );
        }
    }
    message.to_owned()
}

/// Drops serde_json's " at line 1 column 5" tail (paths say where instead).
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

fn describe_expected(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, zero or more",
        "f32" | "f64" => "a number",
        "a string" | "a borrowed string" | "string" => "text",
        "a boolean" | "bool" => "true or false",
        "a sequence" => "a list",
        "a map" => "an object",
        _ => return e.to_owned(),
    };
    words.to_owned()
}

fn describe_found(found: &str) -> String {
    let f = found.trim();
    if let Some(text) = f.strip_prefix("string ") {
        return format!("text {text}");
    }
    if let Some(n) = f.strip_prefix("floating point ") {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(n) = f.strip_prefix("integer ") {
        return format!("the number {}", n.trim_matches('`'));
    }
    match f {
        "null" => "empty (null)".to_owned(),
        "sequence" => "a list".to_owned(),
        "map" => "an object".to_owned(),
        "boolean `true`" => "true".to_owned(),
        "boolean `false`" => "false".to_owned(),
        _ => f.to_owned(),
    }
}
