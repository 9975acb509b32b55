//! Which options an item shows and in what order: the "fewer choices" accommodation's cut, and the seeded
//! shuffle of ordering and matching items (never the written order, which is the answer).
//!
//! Pure and deterministic for a seed, so a re-render of one try keeps the order and a new try changes
//! it. Not here: drawing the options (`web::interactions`) or choosing the seed (`screen`).

use crate::package::ChoiceOption;
use crate::rng::SeededRng;

/// The options to show: all, or (with the fewer-choices accommodation, at most `max`, never under two)
/// the right ones and the first distractors up to `max`, in the author's order. Each with its index in
/// the item.
pub fn visible<'o>(
    options: &'o [ChoiceOption],
    right: &[&str],
    max: Option<u32>,
) -> Vec<(usize, &'o ChoiceOption)> {
    let Some(max) = max.map(|m| usize::try_from(m).unwrap_or(usize::MAX).max(2)) else {
        return options.iter().enumerate().collect();
    };
    let distractors = max.saturating_sub(right.len());
    let mut taken = 0;
    options
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            if right.contains(&o.id.as_str()) {
                return true;
            }
            taken += 1;
            taken <= distractors
        })
        .collect()
}

/// `items` in a seeded order that is never the written (correct) order when there are two or more.
pub fn shuffled<T>(items: &[T], seed: u64) -> Vec<&T> {
    let mut out: Vec<&T> = items.iter().collect();
    let mut rng = SeededRng::new(seed);
    for i in (1..out.len()).rev() {
        let j = usize::try_from(rng.range_i64(0, i as i64)).unwrap_or(0);
        out.swap(i, j);
    }
    let unchanged = out.iter().zip(items).all(|(a, b)| std::ptr::eq(*a, b));
    if unchanged && out.len() > 1 {
        out.rotate_left(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::Text;

    fn options(ids: &[&str]) -> Vec<ChoiceOption> {
        ids.iter()
            .map(|id| ChoiceOption {
                id: (*id).to_owned(),
                text: Text::Plain((*id).to_owned()),
                image: None,
                feedback: None,
            })
            .collect()
    }

    fn ids(shown: &[(usize, &ChoiceOption)]) -> Vec<String> {
        shown.iter().map(|(_, o)| o.id.clone()).collect()
    }

    #[test]
    fn fewer_choices_keeps_every_right_option_and_the_first_distractors() {
        let all = options(&["a", "b", "c", "d", "e"]);
        assert_eq!(ids(&visible(&all, &["d"], None)).len(), 5);
        assert_eq!(ids(&visible(&all, &["d"], Some(3))), ["a", "b", "d"]);
        assert_eq!(ids(&visible(&all, &["b", "e"], Some(3))), ["a", "b", "e"]);
        // Never fewer than two, and never a right option cut.
        assert_eq!(ids(&visible(&all, &["c"], Some(1))), ["a", "c"]);
        assert_eq!(
            ids(&visible(&all, &["a", "b", "c"], Some(2))),
            ["a", "b", "c"]
        );
        let indexes: Vec<usize> = visible(&all, &["e"], Some(2))
            .iter()
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(indexes, [0, 4], "each keeps its index in the item");
    }

    #[test]
    fn a_shuffle_is_a_permutation_never_the_written_order_and_stable_for_a_seed() {
        let items: Vec<u32> = (0..6).collect();
        let mut orders = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let order: Vec<u32> = shuffled(&items, seed).into_iter().copied().collect();
            assert_ne!(order, items, "seed {seed} gave the written order");
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, items);
            assert_eq!(
                order,
                shuffled(&items, seed)
                    .into_iter()
                    .copied()
                    .collect::<Vec<_>>()
            );
            orders.insert(order);
        }
        assert!(
            orders.len() > 100,
            "seeds give many orders ({})",
            orders.len()
        );
        assert_eq!(shuffled(&[7], 3), [&7]);
        assert!(shuffled::<u32>(&[], 3).is_empty());
        let two = [1, 2];
        assert_eq!(shuffled(&two, 9), [&2, &1]);
    }
}
