//! One long job of a kind at a time (a photo import, a batch of exit
//! dossiers), with its stop request. Starting it hands out a guard that
//! frees the job when dropped, also when the job panics, so "busy" can
//! never stay set.

use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Default)]
pub struct ExclusiveJob {
    running: AtomicBool,
    cancel: AtomicBool,
}

/// Held while the job runs.
pub struct JobGuard<'a> {
    job: &'a ExclusiveJob,
}

impl ExclusiveJob {
    /// Start the job; `None` while one is running already.
    pub fn start(&self) -> Option<JobGuard<'_>> {
        if self.running.swap(true, Ordering::SeqCst) {
            return None;
        }
        self.cancel.store(false, Ordering::SeqCst);
        Some(JobGuard { job: self })
    }

    /// Ask the running job to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

impl JobGuard<'_> {
    /// The stop request, for the core to read between steps.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.job.cancel
    }

    pub fn cancelled(&self) -> bool {
        self.job.cancel.load(Ordering::SeqCst)
    }
}

impl Drop for JobGuard<'_> {
    fn drop(&mut self) {
        self.job.running.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_at_a_time_and_free_again_when_done() {
        let job = ExclusiveJob::default();
        let first = job.start().expect("starts");
        assert!(job.start().is_none(), "a second start while running is refused");
        job.cancel();
        assert!(first.cancelled());
        drop(first);
        let again = job.start().expect("free again");
        assert!(!again.cancelled(), "a new run starts without the old stop request");
    }

    #[test]
    fn a_panicking_job_does_not_stay_busy() {
        let job = ExclusiveJob::default();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = job.start().expect("starts");
            panic!("the job failed");
        }));
        assert!(result.is_err());
        assert!(job.start().is_some(), "free after the panic");
    }
}
