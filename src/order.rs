//! Ordering short lists: the findings of one report, the fields of one rule.
//!
//! The standard library's sorts are tuned for long slices and weigh a few
//! KB of WebAssembly per element type; every list sorted here holds a few
//! dozen items at most, where a plain insertion sort is as fast and tiny.

/// Sorts `v` stably by `key`, computing each key once.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut pairs: Vec<(K, T)> = keys.into_iter().zip(v.drain(..)).collect();
    for i in 1..pairs.len() {
        let mut j = i;
        while j > 0 && pairs[j - 1].0 > pairs[j].0 {
            pairs.swap(j - 1, j);
            j -= 1;
        }
    }
    v.extend(pairs.into_iter().map(|(_, t)| t));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }
}
