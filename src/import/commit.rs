//! Writing imported values into a plan's actuals.

use std::collections::HashMap;

use super::ImportedValue;
use crate::domain::period::Period;
use crate::domain::plan::{Actual, Plan, Source};

/// For each value, the index of the plan's actual of the same measure, period and
/// touchpoint, if there is one.
fn matches(plan: &Plan, values: &[ImportedValue], touchpoint: Option<&str>) -> Vec<Option<usize>> {
    let mut index: HashMap<(&str, Period), usize> = HashMap::new();
    for (i, a) in plan.actuals.iter().enumerate() {
        if a.touchpoint.as_deref() == touchpoint {
            index.entry((a.measure.as_str(), a.period)).or_insert(i);
        }
    }
    values
        .iter()
        .map(|v| index.get(&(v.measure.as_str(), v.period)).copied())
        .collect()
}

/// Merges imported values into a plan's actuals (`Source::Imported { file }`), with the
/// mapping's touchpoint. Existing actuals of the same measure, period and touchpoint:
/// replaced when `replace`, else kept. Values that are not finite are skipped.
/// Returns (added, replaced, kept).
pub fn merge(
    plan: &mut Plan,
    values: &[ImportedValue],
    touchpoint: Option<&str>,
    file: &str,
    replace: bool,
) -> (usize, usize, usize) {
    let found = matches(plan, values, touchpoint);
    let (mut added, mut replaced, mut kept) = (0, 0, 0);
    let source = Source::Imported {
        file: file.to_string(),
    };
    for (v, at) in values.iter().zip(found) {
        if !v.value.is_finite() {
            continue;
        }
        match at {
            Some(i) if replace => {
                let a = &mut plan.actuals[i];
                a.value = v.value;
                a.source = source.clone();
                replaced += 1;
            }
            Some(_) => kept += 1,
            None => {
                plan.actuals.push(Actual {
                    measure: v.measure.clone(),
                    period: v.period,
                    value: v.value,
                    source: source.clone(),
                    touchpoint: touchpoint.map(str::to_string),
                });
                added += 1;
            }
        }
    }
    (added, replaced, kept)
}

/// How many of `values` already have an actual in the plan (same measure, period,
/// touchpoint): the UI asks replace or keep when > 0.
pub fn overlaps(plan: &Plan, values: &[ImportedValue], touchpoint: Option<&str>) -> usize {
    matches(plan, values, touchpoint)
        .iter()
        .filter(|m| m.is_some())
        .count()
}
