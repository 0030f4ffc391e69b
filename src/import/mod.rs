// TEMPORARY compile stub: replaced by the csv-core branch. NOT TO BE COMMITTED.
use crate::domain::period::{Granularity, Period};
use serde::{Deserialize, Serialize};
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_ROWS: usize = 1_000_000;
pub const MAX_PROBLEMS: usize = 200;
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind { Ga4, UniversalAnalytics, SearchConsole, GoogleAds, MetaAds, Shopify, Other }
impl SourceKind { pub fn label(self) -> &'static str { "CSV file" } }
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableInfo { pub title: String, pub header: Vec<String>, pub rows: usize, pub sample: Vec<Vec<String>>, pub first_line: usize, pub date_range: Option<(String, String)> }
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping { pub table: usize, pub date_column: Option<usize>, pub columns: Vec<Option<String>>, pub granularity: Granularity, pub period: Option<Period>, pub touchpoint: Option<String> }
pub struct ReadFile {}
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview { pub file: String, pub source: SourceKind, pub tables: Vec<TableInfo>, pub mapping: Mapping, pub notes: Vec<String> }
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedValue { pub measure: String, pub period: Period, pub value: f64 }
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowProblem { pub line: usize, pub reason: String }
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Bucketed { pub values: Vec<ImportedValue>, pub rows_read: usize, pub problems: Vec<RowProblem>, pub problem_count: usize }
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError { X }
impl std::fmt::Display for ImportError { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { f.write_str("x") } }
pub fn read(_bytes: &[u8], _name: &str, _progress: &mut dyn FnMut(usize, usize)) -> Result<ReadFile, ImportError> { Err(ImportError::X) }
impl ReadFile {
    pub fn source(&self) -> SourceKind { SourceKind::Other }
    pub fn preview(&self) -> Preview { unimplemented!() }
    pub fn suggest(&self, _table: usize) -> Mapping { unimplemented!() }
    pub fn bucket(&self, _mapping: &Mapping) -> Result<Bucketed, ImportError> { unimplemented!() }
}
pub fn merge(_plan: &mut crate::domain::plan::Plan, _values: &[ImportedValue], _touchpoint: Option<&str>, _file: &str, _replace: bool) -> (usize, usize, usize) { (0,0,0) }
pub fn overlaps(_plan: &crate::domain::plan::Plan, _values: &[ImportedValue], _touchpoint: Option<&str>) -> usize { 0 }
