//! One stable sort for every list the app orders. The standard library's sort is
//! generic over its comparison, so each `sort_by` with its own closure adds a copy of
//! the whole algorithm to the download; these functions sort positions through one
//! shared, non-generic instance and then move the items into that order.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `items` stably by the key `key` gives each, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "plum", "lime", "", "yam",
        ];
        let mut mine: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let mut theirs = mine.clone();
        sort_by_key(&mut mine, String::len);
        theirs.sort_by_key(String::len);
        assert_eq!(mine, theirs);
        sort_by(&mut mine, |a, b| b.cmp(a));
        theirs.sort_by(|a, b| b.cmp(a));
        assert_eq!(mine, theirs);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
