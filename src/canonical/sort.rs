//! The sorts and the span copy the canonical writer ([`super::tape`]) and `json`'s key lists use.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

/// Appends `from[start..end]` to `out`. Most spans are a token or a short member: up to 32
/// bytes are copied as one fixed 32-byte block and the excess cut off again (when `from` has
/// them), which compiles to a few loads and stores, where a slice copy of unknown length is a
/// `memory.copy` in WebAssembly, a call out of the module per token.
#[inline(always)]
pub(super) fn copy_span(out: &mut Vec<u8>, from: &[u8], start: usize, end: usize) {
    let n = end.saturating_sub(start);
    if n <= 32 {
        if let Some(Ok(block)) = from.get(start..start + 32).map(<[u8; 32]>::try_from) {
            let len = out.len();
            out.extend_from_slice(&block);
            out.truncate(len + n);
            return;
        }
    }
    out.extend_from_slice(from.get(start..end).unwrap_or(&[]));
}

/// Sorts `v` by `less` in place, in O(n log n) at worst and without allocating: a descending run
/// is reversed, a nearly sorted one insertion-sorted, the rest heapsorted. Not stable. Ours rather
/// than instances of `slice::sort_unstable_by` (pattern-defeating quicksort with its small sorts
/// and heapsort fallback, ~3.5 KB of WebAssembly per element type) for `json`'s key lists.
#[cfg(any(test, feature = "share-token", feature = "models"))]
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut less_at = |v: &[T], i: usize, j: usize| match (v.get(i), v.get(j)) {
        (Some(a), Some(b)) => less(a, b),
        _ => false,
    };
    if (1..n).all(|i| less_at(v, i, i - 1)) {
        v.reverse();
        return;
    }
    // Insertion sort while it stays cheap: nearly sorted input needs few moves; past 8 moves an
    // item, heapsort.
    let mut budget = 8 * n;
    let mut sorted = true;
    'insertion: for i in 1..n {
        let mut j = i;
        while j > 0 && less_at(v, j, j - 1) {
            if budget == 0 {
                sorted = false;
                break 'insertion;
            }
            budget -= 1;
            v.swap(j, j - 1);
            j -= 1;
        }
    }
    if sorted {
        return;
    }
    // Heapsort: a max-heap in v[..end]; `root`'s larger child is `child`.
    let mut sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less_at(v, child, child + 1) {
            child += 1;
        }
        if !less_at(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..n / 2).rev() {
        sift_down(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Sorts `v` stably by `less`: runs of 16 items by insertion, each item shifted down from the
/// back (most objects are shorter than one run; binary insertion, with fewer comparisons but
/// the same moves, measured the same in wasm and took 85 B gzip more of the verify module), then
/// bottom-up merges of adjacent runs, each skipped when the runs are already in order, through
/// `scratch` (a copy of the shorter run). A strictly descending `v` is reversed instead.
/// O(n log n) comparisons at worst.
pub(super) fn merge_sort<T: Copy>(
    v: &mut [T],
    scratch: &mut Vec<T>,
    mut less: impl FnMut(&T, &T) -> bool,
) {
    const RUN: usize = 16;
    let n = v.len();
    // Strictly descending (keys written in reverse order): reversed, in n - 1 comparisons.
    if (1..n).all(|i| matches!((v.get(i), v.get(i - 1)), (Some(a), Some(b)) if less(a, b))) {
        v.reverse();
        return;
    }
    let mut lo = 0;
    while lo < n {
        let hi = (lo + RUN).min(n);
        for i in lo + 1..hi {
            let Some(&item) = v.get(i) else { break };
            // Shifted up one by one from the back while greater than `item` (after its equals).
            let mut j = i;
            while let Some(&prev) = v.get(j.wrapping_sub(1)).filter(|_| j > lo) {
                if !less(&item, &prev) {
                    break;
                }
                if let Some(slot) = v.get_mut(j) {
                    *slot = prev;
                }
                j -= 1;
            }
            if let Some(slot) = v.get_mut(j) {
                *slot = item;
            }
        }
        lo = hi;
    }
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (mid + width).min(n);
            let ordered = match (v.get(mid - 1), v.get(mid)) {
                (Some(a), Some(b)) => !less(b, a),
                _ => true,
            };
            if !ordered && mid - lo <= hi - mid {
                // The left run is the shorter: copied out, merged from the front. `out` stays at
                // or below `j`: each item taken from the right run frees its slot first.
                scratch.clear();
                scratch.extend_from_slice(v.get(lo..mid).unwrap_or(&[]));
                let (mut i, mut j, mut out) = (0, mid, lo);
                while let Some(&a) = scratch.get(i) {
                    let take = match v.get(j) {
                        Some(&b) if j < hi && less(&b, &a) => {
                            j += 1;
                            b
                        }
                        _ => {
                            i += 1;
                            a
                        }
                    };
                    if let Some(slot) = v.get_mut(out) {
                        *slot = take;
                    }
                    out += 1;
                }
            } else if !ordered {
                // The right run is the shorter (the last, partial one): copied out, merged from
                // the back; on equal keys the right run's item goes last (stable).
                scratch.clear();
                scratch.extend_from_slice(v.get(mid..hi).unwrap_or(&[]));
                let (mut i, mut j, mut out) = (scratch.len(), mid, hi);
                while let Some(&b) = i.checked_sub(1).and_then(|k| scratch.get(k)) {
                    out -= 1;
                    let take = match j.checked_sub(1).and_then(|k| v.get(k)) {
                        Some(&a) if j > lo && less(&b, &a) => {
                            j -= 1;
                            a
                        }
                        _ => {
                            i -= 1;
                            b
                        }
                    };
                    if let Some(slot) = v.get_mut(out) {
                        *slot = take;
                    }
                }
            }
            lo = hi;
        }
        width *= 2;
    }
}

/// The first 8 bytes of `key`, as two big-endian words, zero-padded: comparing these compares
/// the keys' first 8 bytes in byte order.
pub(super) fn prefix(key: &[u8]) -> (u32, u32) {
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(key) {
        *d = *s;
    }
    let [a0, a1, a2, a3, b0, b1, b2, b3] = b;
    (
        u32::from_be_bytes([a0, a1, a2, a3]),
        u32::from_be_bytes([b0, b1, b2, b3]),
    )
}

#[cfg(test)]
mod tests {
    use super::{merge_sort, sort_by};

    #[test]
    fn sort_by_agrees_with_std() {
        let mut rng = crate::test_rng::TestRng(0x2545_f491_4f6c_dd1d);
        for n in (0..70).chain([200, 1000, 4097]) {
            for shape in 0..5 {
                let mut v: Vec<(u64, usize)> = (0..n)
                    .map(|i| {
                        let x = rng.next();
                        let key = match shape {
                            0 => x % 1000,
                            1 => x % 3, // many equal keys
                            2 => i as u64,
                            3 => (n - i) as u64, // descending
                            _ => (i as u64 * 7) % 13,
                        };
                        (key, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort();
                // Stable: sorting by the key alone keeps equal keys in index order.
                let mut merged = v.clone();
                let mut scratch = Vec::new();
                merge_sort(&mut merged, &mut scratch, |a, b| a.0 < b.0);
                assert_eq!(merged, want, "merge_sort: n {n} shape {shape}");
                assert!(
                    scratch.len() <= n / 2,
                    "scratch {} for n {n}",
                    scratch.len()
                );
                sort_by(&mut v, |a, b| a < b);
                assert_eq!(v, want, "n {n} shape {shape}");
            }
        }
    }
}
