//! One way the core spreads work over the processor's cores: the items go
//! to a pool of threads (rayon) roughly in order, and every result comes
//! back to the calling thread in the order of the items, so the caller can
//! write to the database and report progress as it goes.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rayon::iter::{ParallelBridge, ParallelIterator};

/// Threads for work that holds a decoded photo or a PDF each: every core,
/// at most four (a camera photo decodes to about 100 MB).
pub fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 4)
}

/// Run `work` on every item on up to `threads` threads and hand each result
/// to `each` on this thread, in the order of the items.
///
/// When `each` returns `false` or `stop` is set, no new item is started;
/// the results of items already started still reach `each` (in order, with
/// gaps where items were never started), so the caller can undo what they
/// left behind.
pub fn ordered_map<T, R>(items: &[T], threads: usize, stop: &AtomicBool, work: impl Fn(&T) -> R + Sync, mut each: impl FnMut(usize, R) -> bool)
where
    T: Sync,
    R: Send,
{
    let mut hand_over = |i: usize, r: R| {
        if !each(i, r) {
            stop.store(true, Ordering::Relaxed);
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build() {
        Ok(pool) => pool,
        // No threads to be had: the same work, one item at a time, here.
        Err(_) => {
            for (i, item) in items.iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                hand_over(i, work(item));
            }
            return;
        }
    };
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            pool.install(|| {
                items.iter().enumerate().par_bridge().for_each_with(tx, |tx, (i, item)| {
                    if !stop.load(Ordering::Relaxed) {
                        // The receiver lives until every sender is gone.
                        let _ = tx.send((i, work(item)));
                    }
                })
            })
        });
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&turn) {
                hand_over(turn, r);
                turn += 1;
            }
        }
        // Items after one that was never started.
        for (i, r) in waiting {
            hand_over(i, r);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_back_in_order_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let stop = AtomicBool::new(false);
        // Early items take longest, so later ones finish first.
        ordered_map(
            &items,
            4,
            &stop,
            |&n| {
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                n * 2
            },
            |i, r| {
                seen.push((i, r));
                true
            },
        );
        assert_eq!(seen, items.iter().map(|&n| (n as usize, n * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn a_stop_starts_nothing_new_but_hands_back_what_was_started() {
        let items: Vec<u32> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let mut handed = Vec::new();
        ordered_map(
            &items,
            2,
            &stop,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_micros(50));
                n
            },
            |i, _| {
                handed.push(i);
                i < 10
            },
        );
        let started = started.load(Ordering::Relaxed);
        assert!(started < items.len(), "the stop after item 10 ended the run early ({started} started)");
        assert_eq!(handed.len(), started, "every started item reached the caller");
        assert!(handed.windows(2).all(|w| w[0] < w[1]), "in order");
        assert_eq!(&handed[..11], &(0..11).collect::<Vec<_>>()[..]);
    }

    #[test]
    fn a_run_stopped_before_it_starts_does_nothing() {
        let stop = AtomicBool::new(true);
        let mut calls = 0;
        ordered_map(
            &[1, 2, 3],
            2,
            &stop,
            |n| *n,
            |_, _| {
                calls += 1;
                true
            },
        );
        assert_eq!(calls, 0);
    }
}
