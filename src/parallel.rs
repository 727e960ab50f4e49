//! How many threads sorn works on. Loading, checking and rendering use every core by default;
//! `--jobs N` (or the environment variable `SORN_JOBS`) limits them to N. Every output is the
//! same whatever the number: work is split by file or by rule and joined back in order.

use crate::error::SornError;

/// The environment variable that limits the threads when `--jobs` is not given.
pub const JOBS_VAR: &str = "SORN_JOBS";

/// The number of threads asked for: `--jobs` first, then `SORN_JOBS`; `None` for every core.
///
/// # Errors
///
/// A `SORN_JOBS` that is not a whole number, or a count of zero.
pub fn requested(flag: Option<usize>) -> Result<Option<usize>, SornError> {
    let jobs = match flag {
        Some(n) => Some(n),
        None => match std::env::var(JOBS_VAR) {
            Ok(value) if value.trim().is_empty() => None,
            Ok(value) => Some(value.trim().parse::<usize>().map_err(|_| SornError::Usage {
                message: format!("{JOBS_VAR}={value} is not a number of threads"),
                help: Some(format!("set {JOBS_VAR} to a whole number such as 4, or unset it to use every core")),
            })?),
            Err(_) => None,
        },
    };
    if jobs == Some(0) {
        return Err(SornError::Usage {
            message: "the number of jobs must be at least 1".into(),
            help: Some("give --jobs 1 for one thread, or leave it out to use every core".into()),
        });
    }
    Ok(jobs)
}

/// Limits the threads of this process to `jobs` (every core when `None`). Called once, before
/// any work; a second call keeps the first setting.
pub fn configure(jobs: Option<usize>) {
    if let Some(n) = jobs {
        // Fails only when the pool already exists, which keeps the number it was built with.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_and_zero_is_refused() {
        assert_eq!(requested(Some(3)).unwrap(), Some(3));
        assert!(requested(Some(0)).is_err());
    }
}
