//! Running independent per-file work (loading a spec file, rendering a
//! module's files) on every core, with results in input order, so the
//! output is the same as a sequential run's.

// Only for `proc_macro::is_available()`, as proc_macro2 uses it.
extern crate proc_macro;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The most worker threads used: generation is a few hundred milliseconds
/// of work at most, which more threads would not shorten.
const MAX_WORKERS: usize = 8;

/// `items.iter().map(f).collect()`, with the calls spread over scoped
/// threads (one per available core, at most [`MAX_WORKERS`]); the results
/// are in the order of `items` whatever order the calls ran in. With one
/// core or one item, or inside a procedural macro, it runs on the calling
/// thread. A panic in `f` is resumed on the calling thread.
pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_WORKERS)
        .min(items.len());
    // Inside `mosia_api!`, proc_macro2's tokens (which the loader and the
    // emitters make through syn) are the compiler's, and only the macro's
    // own thread may touch them: any other panics.
    if workers <= 1 || proc_macro::is_available() {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    mine.push((index, f(item)));
                }
                done.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |n| n * 2),
            items.iter().map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[u32], |n| *n).is_empty());
    }
}
