//! Ordering things without a copy of std's sort per type: `iter.collect_map()` and `collect_set()` for
//! `.collect::<BTreeMap<_, _>>()`, and [`sort_by`] for `Vec::sort_by`.
//!
//! Why: std's stable sort is instantiated anew for every element type it sorts, 2–4 KB of wasm each, and
//! `BTreeMap::from_iter` sorts its input with it, once per element type *and per iterator type* collected
//! from. Seventeen collects and a dozen sorts were about 85 KB of the player. Inserting one at a time is
//! the same O(n log n) and keeps the last value of a repeated key as `from_iter` does; [`sort_by`] sorts
//! positions with one shared instance and a comparator behind a reference, which is as stable.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` stably by the key `key` gives, as `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably, as `items.sort()` does.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them: the one instance of std's sort.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// `collect_map` and `collect_set` for every iterator.
pub trait CollectOrdered: Iterator + Sized {
    /// The pairs as a map; a repeated key keeps its last value.
    fn collect_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        for (k, v) in self {
            map.insert(k, v);
        }
        map
    }

    /// The items as a set.
    fn collect_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = BTreeSet::new();
        for item in self {
            set.insert(item);
        }
        set
    }
}

impl<I: Iterator> CollectOrdered for I {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_collect_builds() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 0)];
        let ours = pairs.iter().copied().collect_map();
        let std: BTreeMap<_, _> = pairs.iter().copied().collect();
        assert_eq!(ours, std);
        assert_eq!(ours["b"], 3, "the last value of a repeated key");
        let set = [3, 1, 3, 2].into_iter().collect_set();
        assert_eq!(set.into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn sorts_stably_as_std_does() {
        let mut rng = crate::rng::SeededRng::new(7);
        for len in [0usize, 1, 2, 5, 20, 300] {
            let items: Vec<(i64, usize)> = (0..len).map(|i| (rng.range_i64(0, 9), i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "stable: equal keys keep their order");
            let mut all = items;
            sort(&mut all);
            assert!(all.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
